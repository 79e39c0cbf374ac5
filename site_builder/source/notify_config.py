"""Reads the `notify:` list of the `balise` block: the channels `balise notify` announces on.

Everything that can be checked without the secrets is checked here, so `balise check` (and the
pull-request check, which has no secrets) reports it at its line. Whether the environment
variables are set, and what they expand to, is checked by `balise notify` before it sends
anything. No message here ever quotes a target: its literal part may hold what should have
been a secret.
"""

from __future__ import annotations

import re
from email.utils import getaddresses, parseaddr
from urllib.parse import urlsplit

from ..model import ReaderChannel
from ..model.notify import (
    IMPACT_ORDER,
    KIND_NAMES,
    KIND_SCHEMES,
    ChannelFilter,
    ChannelKind,
    EmailAddressing,
    NotifyChannel,
    target_literal,
    target_variables,
)
from ..model.vocabulary import Impact, Kind
from .fields import MappingReader, is_list, is_mapping
from .suggest import did_you_mean

CHANNEL_KEYS = (
    "name", "kind", "target", "components", "types", "min_impact", "language", "public_url", "public_name", "from", "to",
)  # fmt: skip
EMAIL_KEYS = ("from", "to")
NAME_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_DOLLAR_NOT_A_REFERENCE = re.compile(r"\$(?!\{[A-Za-z_][A-Za-z0-9_]*\})")
PUBLIC_SCHEMES = ("https", "http", "mailto")


def read_channels(reader: MappingReader, component_ids: tuple[str, ...]) -> tuple[NotifyChannel, ...]:
    """The channels of `notify:`, each problem recorded at its line; a broken channel is left out."""
    if not reader.has("notify"):
        return ()
    items = reader.mapping["notify"]
    if not is_list(items):
        reader.wrong_type("notify", "a list of channels")
        return ()
    channels: list[NotifyChannel] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        line = reader.sink.item_line(items, index, reader.key_line("notify"))
        if not is_mapping(item):
            reader.sink.error(line, "each entry of 'notify' must be a mapping with 'name', 'kind' and 'target'")
            continue
        named = item.get("name")
        label = f"notify channel '{named}'" if isinstance(named, str) and named.strip() else f"notify channel {index + 1}"
        entry = MappingReader(item, reader.sink, line, label)
        before = len(reader.sink.problems)
        channel = _channel(entry, component_ids, seen)
        if channel is not None and len(reader.sink.problems) == before:
            channels.append(channel)
    return tuple(channels)


def reader_channels(channels: tuple[NotifyChannel, ...]) -> tuple[ReaderChannel, ...]:
    """The public places readers can follow, for the page's Subscribe menu, in the config's order."""
    return tuple(
        ReaderChannel(kind=c.kind.value, name=c.public_name or KIND_NAMES[c.kind], url=c.public_url)
        for c in channels
        if c.public_url
    )


def _channel(entry: MappingReader, component_ids: tuple[str, ...], seen: dict[str, int]) -> NotifyChannel | None:
    entry.check_keys(CHANNEL_KEYS, required=("name", "kind", "target"))
    name = _name(entry, seen)
    kind_text = entry.choice("kind", [k.value for k in ChannelKind], "channel kind")
    kind = ChannelKind(kind_text) if kind_text else None
    target = _target(entry, kind)
    filters = ChannelFilter(
        components=_components(entry, component_ids),
        kinds=_kinds(entry),
        min_impact=_min_impact(entry),
    )
    language = entry.text("language")
    public_url = _public_url(entry)
    public_name = entry.text("public_name")
    email = _email(entry, kind)
    if name is None or kind is None or target is None:
        return None
    return NotifyChannel(
        name=name,
        kind=kind,
        target=target,
        filters=filters,
        language=language,
        public_url=public_url,
        public_name=public_name,
        email=email,
        line=entry.line,
        target_line=entry.key_line("target"),
    )


def _name(entry: MappingReader, seen: dict[str, int]) -> str | None:
    name = entry.text("name")
    if name is None:
        return None
    if not NAME_PATTERN.match(name):
        entry.sink.error(entry.key_line("name"), f"channel name '{name}' must be lowercase letters, digits and hyphens")
        return None
    if name in seen:
        entry.sink.error(entry.key_line("name"), f"duplicate channel name '{name}' (first on line {seen[name]})")
        return None
    seen[name] = entry.key_line("name")
    return name


def _target(entry: MappingReader, kind: ChannelKind | None) -> str | None:
    """A template whose secret parts are `${VAR}`; its literal part is never quoted back."""
    if not entry.has("target"):
        return None
    value = entry.mapping["target"]
    if not isinstance(value, str) or not value.strip():
        entry.sink.error(entry.key_line("target"), f"'target'{entry.where()} must be text such as ${{SLACK_WEBHOOK_URL}}")
        return None
    line = entry.key_line("target")
    if _DOLLAR_NOT_A_REFERENCE.search(value):
        entry.sink.error(line, f"malformed target{entry.where()}: write each environment variable as ${{NAME}} (letters, digits, _)")
        return None
    if not target_variables(value):
        entry.sink.error(
            line,
            f"the target{entry.where()} must come from the environment: write ${{VARIABLE}} (e.g. ${{SLACK_WEBHOOK_URL}}) "
            "and set the variable in the deploy step; secrets never live in mkdocs.yml",
        )
        return None
    literal = value.strip()
    scheme = _SCHEME.match(literal)
    if kind is not None and scheme and scheme.group(1).lower() not in KIND_SCHEMES[kind]:
        allowed = ", ".join(f"{s}://" for s in KIND_SCHEMES[kind])
        entry.sink.error(line, f"malformed target{entry.where()}: a {kind.value} target starts with {allowed}")
        return None
    if kind is not None and not scheme and target_literal(literal) and not literal.startswith("${"):
        entry.sink.error(line, f"malformed target{entry.where()}: it must be a URL, or start with a ${{VARIABLE}} holding one")
        return None
    return literal


def _components(entry: MappingReader, component_ids: tuple[str, ...]) -> tuple[str, ...]:
    if not entry.has("components"):
        return ()
    value = entry.mapping["components"]
    values = value if is_list(value) else [value]
    if not all(isinstance(v, str) for v in values) or not values:
        entry.wrong_type("components", "a list of component ids")
        return ()
    known = ", ".join(component_ids) or "none defined"
    chosen = []
    for position, ident in enumerate(values):
        line = entry.sink.item_line(value, position, entry.key_line("components")) if is_list(value) else entry.key_line("components")
        if ident not in component_ids:
            entry.sink.error(
                line, f"unknown component '{ident}' in the filter{entry.where()} (known: {known}){did_you_mean(ident, component_ids)}"
            )
        else:
            chosen.append(ident)
    return tuple(chosen)


def _kinds(entry: MappingReader) -> tuple[Kind, ...]:
    if not entry.has("types"):
        return (Kind.INCIDENT, Kind.MAINTENANCE)
    value = entry.mapping["types"]
    values = value if is_list(value) else [value]
    allowed = [k.value for k in Kind]
    if not values or not all(isinstance(v, str) for v in values):
        entry.wrong_type("types", "a list of incident, maintenance")
        return (Kind.INCIDENT, Kind.MAINTENANCE)
    chosen = []
    for text in values:
        if text not in allowed:
            entry.sink.error(
                entry.key_line("types"),
                f"unknown type '{text}'{entry.where()} (expected incident, maintenance){did_you_mean(text, allowed)}",
            )
        else:
            chosen.append(Kind(text))
    return tuple(dict.fromkeys(chosen))


def _min_impact(entry: MappingReader) -> Impact | None:
    text = entry.choice("min_impact", [i.value for i in IMPACT_ORDER], "impact")
    return Impact(text) if text else None


def _public_url(entry: MappingReader) -> str | None:
    url = entry.text("public_url")
    if url is None:
        return None
    parts = urlsplit(url.strip())
    readable = parts.scheme in PUBLIC_SCHEMES and (parts.netloc if parts.scheme != "mailto" else parts.path)
    if not readable or any(ch.isspace() for ch in url.strip()):
        entry.sink.error(entry.key_line("public_url"), f"'public_url'{entry.where()} must be an https://, http:// or mailto: URL")
        return None
    return url.strip()


def _email(entry: MappingReader, kind: ChannelKind | None) -> EmailAddressing | None:
    if kind is not ChannelKind.EMAIL:
        for key in EMAIL_KEYS:
            if key in entry.mapping and kind is not None:
                entry.sink.error(entry.key_line(key), f"'{key}' is for email channels only{entry.where()}")
        return None
    for key in EMAIL_KEYS:
        if key not in entry.mapping:
            entry.sink.error(entry.line, f"missing required key '{key}'{entry.where()} (an email channel needs 'from' and 'to')")
    sender = entry.text("from")
    if sender is not None and not _is_address(sender):
        entry.sink.error(entry.key_line("from"), f"'from'{entry.where()} must be one email address, e.g. Status <status@example.com>")
        sender = None
    recipients = _recipients(entry)
    if sender is None or not recipients:
        return None
    return EmailAddressing(sender=sender.strip(), recipients=recipients)


def _recipients(entry: MappingReader) -> tuple[str, ...]:
    if "to" not in entry.mapping:
        return ()
    value = entry.mapping["to"]
    values = value if is_list(value) else [value]
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        entry.wrong_type("to", "an email address or a list of them")
        return ()
    bad = [v for v in values if not _is_address(v)]
    if bad:
        entry.sink.error(entry.key_line("to"), f"'to'{entry.where()} has {len(bad)} address(es) that are not one email address each")
        return ()
    return tuple(v.strip() for v in values)


def _is_address(text: str) -> bool:
    """One address, `a@b.c` or `Name <a@b.c>`, with nothing that could add a header or a recipient."""
    if any(ch in text for ch in "\r\n\0") or len(getaddresses([text])) != 1:
        return False
    _, address = parseaddr(text)
    local, at, domain = address.rpartition("@")
    return bool(at and local and "." in domain and not any(ch.isspace() for ch in address))

