"""Reads the site config: `mkdocs.yml` and the component catalog in its `balise` plugin block."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..model import Component, ComponentGroup, SiteConfig, SupportContact, Thresholds
from ..model.times import TimeFormatError, parse_duration
from .alert_rules import read_alert_rules
from .config_file import read_config_document
from .fields import MappingReader, Sink, describe, is_list, is_mapping
from .notify_config import read_channels, reader_channels
from .problems import BaliseError, Problem
from .suggest import did_you_mean
from .text import one_line

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
#: An address Material may print inside an attribute as it is: http(s), and nothing to escape.
WEB_ADDRESS = re.compile(r"^https?://[^\s\"'<>\\`{}|^]+$", re.IGNORECASE)

PLUGIN_KEYS = ("timezone", "support", "thresholds", "groups", "components", "notify", "alerts")
GROUP_KEYS = ("id", "name", "description")
COMPONENT_KEYS = ("id", "name", "group", "description")
SUPPORT_KEYS = ("email", "url", "hours")
THRESHOLD_KEYS = ("stale_update", "file_date_drift")


def read_config(path: Path, environ: Mapping[str, str] | None = None) -> SiteConfig:
    """The site config from `mkdocs.yml`; raises BaliseError listing every problem."""
    return read_config_checked(path, environ)[0]


def read_config_checked(
    path: Path, environ: Mapping[str, str] | None = None, text: str | None = None
) -> tuple[SiteConfig, tuple[Problem, ...]]:
    """The site config and its warnings; BaliseError listing every problem when one is an error.

    The file is read as MkDocs reads it (config_file: INHERIT, !ENV), so both see one config;
    `text`, when given, stands for the file's content (an edit checked before it is written).
    """
    document = read_config_document(path, environ, text)
    problems: list[Problem] = []
    sink = Sink(document.origins.main, 1, problems, document.origins.file_of)
    config = _site(document.data, sink)
    if any(problem.is_error for problem in problems):
        raise BaliseError(problems)
    return config, tuple(problems)


def _plugin_block(document: dict[str, Any], sink: Sink) -> tuple[Any, int] | None:
    """The `balise` entry of `plugins:`, which MkDocs accepts as a list or as a mapping."""
    plugins = document.get("plugins")
    if is_mapping(plugins) and "balise" in plugins:
        return plugins["balise"], sink.key_line(plugins, "balise", 1)
    if is_list(plugins):
        for index, entry in enumerate(plugins):
            if entry == "balise":
                return None, sink.item_line(plugins, index, 1)
            if is_mapping(entry) and "balise" in entry:
                return entry["balise"], sink.key_line(entry, "balise", 1)
    return None


def _site(document: dict[str, Any], sink: Sink) -> SiteConfig:
    found = _plugin_block(document, sink)
    if found is None:
        sink.error(1, "no 'balise' entry under 'plugins:'; add one with the component catalog")
        return SiteConfig()
    block, line = found
    block = {} if block is None else block
    if not is_mapping(block):
        sink.error(line, "the 'balise' plugin options must be a mapping")
        return SiteConfig()
    reader = MappingReader(block, sink, line, "the 'balise' plugin options")
    reader.check_keys(PLUGIN_KEYS)
    theme = document.get("theme")
    language = _theme_language(theme, sink)
    site_name = document.get("site_name")
    _repo_url(document, sink)
    _extra_links(document, sink)
    groups = _groups(reader)
    components = _components(reader, {g.id for g in groups})
    channels = read_channels(reader, tuple(c.id for c in components))
    return SiteConfig(
        site_name=one_line(site_name) if isinstance(site_name, str) and site_name.strip() else "Status",
        site_url=_site_url(document, sink),
        language=language or "en",
        timezone=_timezone(reader),
        groups=groups,
        components=components,
        support=_support(reader),
        thresholds=_thresholds(reader),
        reader_channels=reader_channels(channels),
        notify=channels,
        alert_rules=read_alert_rules(reader, tuple(c.id for c in components)),
    )


def _site_url(document: dict[str, Any], sink: Sink) -> str | None:
    """`site_url` as MkDocs validates it (config_options.URL, is_dir): absolute, ending in `/`."""
    value = document.get("site_url")
    line = sink.key_line(document, "site_url", 1)
    if value is None or value == "":
        how = "is empty" if "site_url" in document else "is not set"
        sink.warning(
            line,
            f"site_url {how}: feeds, the API and the calendar will carry relative links and ids scoped to the"
            " site name; set it to the page's public address, e.g. site_url: https://status.example.com/",
        )
        return None
    if not isinstance(value, str):
        sink.error(line, f"site_url must be text, e.g. https://status.example.com/, not {describe(value)}")
        return None
    parts = urlsplit(value)
    if not (parts.scheme and parts.netloc):
        sink.error(line, f"site_url '{value}' must be an absolute URL with its scheme, e.g. https://status.example.com/")
        return None
    if parts.scheme not in ("http", "https") or not WEB_ADDRESS.match(value):
        # Material prints it in attributes as it is: no `javascript:`, no quote or bracket that ends one.
        sink.error(line, "site_url must be an http(s) address such as https://status.example.com/")
        return None
    if not parts.path.endswith("/"):
        parts = parts._replace(path=f"{parts.path}/")
    return urlunsplit(parts)


#: How Material names its languages (`en`, `pt-BR`, `zh-Hant`): it includes the partial of that name.
_THEME_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _theme_language(theme: Any, sink: Sink) -> str | None:
    """theme.language, which Material turns into a template's name: `pt_BR` passes for a
    language elsewhere, but Material has no partial by that name and the build would fail."""
    language = theme.get("language") if is_mapping(theme) else None
    if not isinstance(language, str):
        return None
    if not _THEME_LANGUAGE.fullmatch(language):
        line = sink.key_line(theme, "language", 1)
        spelled = language.replace("_", "-")
        hint = f"; Material names it '{spelled}'" if _THEME_LANGUAGE.fullmatch(spelled) else ", e.g. en, fr or pt-BR"
        sink.error(line, f"theme.language '{language}' is not a language code as Material names them{hint}")
    return language


def _repo_url(document: dict[str, Any], sink: Sink) -> None:
    """repo_url, which Material prints as a link in its header: a web address, like site_url."""
    value = document.get("repo_url")
    if value is None or value == "":
        return
    if not isinstance(value, str) or urlsplit(value).scheme not in ("http", "https") or not WEB_ADDRESS.match(value):
        sink.error(sink.key_line(document, "repo_url", 1), "repo_url must be an http(s) address such as https://github.com/you/status")


#: A link Material may print in an href as it is: no scheme but http(s) or mailto, nothing to escape.
_SITE_LINK = re.compile(r"^(?:https?://|mailto:|(?![a-z][a-z0-9+.-]*:)(?!//))[^\s\x00-\x1f\x7f\"'<>\\`{}|^]*$", re.IGNORECASE)


def _extra_links(document: dict[str, Any], sink: Sink) -> None:
    """The links Material prints from `extra` (the logo's, the footer's social ones, the language menu's).

    A `javascript:` address there would run on every page of the site for whoever clicks it.
    """
    extra = document.get("extra")
    if not is_mapping(extra):
        return
    places: list[tuple[str, Any, Any]] = [("extra.homepage", extra, "homepage")]
    for name in ("social", "alternate"):
        entries = extra.get(name)
        if is_list(entries):
            places += [(f"extra.{name} link", entry, "link") for entry in entries if is_mapping(entry)]
    for label, holder, key in places:
        value = holder.get(key)
        if value is None or (isinstance(value, str) and _SITE_LINK.match(value)):
            continue
        sink.error(
            sink.key_line(holder, key, 1),
            f"{label} must be an http(s) or mailto: address or a path on the site, not "
            + (f"'{value[:80]}'" if isinstance(value, str) else describe(value)),
        )


def _timezone(reader: MappingReader) -> ZoneInfo:
    name = reader.text("timezone")
    if name is None:
        return ZoneInfo("UTC")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        reader.sink.error(reader.key_line("timezone"), f"unknown time zone '{name}'; use an IANA name such as Europe/Paris or UTC")
        return ZoneInfo("UTC")


def _sub_mapping(reader: MappingReader, key: str) -> MappingReader | None:
    if not reader.has(key):
        return None
    value = reader.mapping[key]
    if not is_mapping(value):
        reader.wrong_type(key, "a mapping")
        return None
    return MappingReader(value, reader.sink, reader.key_line(key), f"'{key}'")


def _support(reader: MappingReader) -> SupportContact:
    sub = _sub_mapping(reader, "support")
    if sub is None:
        return SupportContact()
    sub.check_keys(SUPPORT_KEYS)
    return SupportContact(email=sub.text("email"), url=sub.text("url"), hours=sub.text("hours"))


def _thresholds(reader: MappingReader) -> Thresholds:
    sub = _sub_mapping(reader, "thresholds")
    defaults = Thresholds()
    if sub is None:
        return defaults
    sub.check_keys(THRESHOLD_KEYS)
    values = {}
    for key in THRESHOLD_KEYS:
        if not sub.has(key):
            continue
        raw = sub.mapping[key]
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            sub.wrong_type(key, "a duration such as 1h or 2d")
            continue
        try:
            values[key] = parse_duration(str(raw))
        except TimeFormatError as error:
            sub.sink.error(sub.key_line(key), f"'{key}': {error}")
    return Thresholds(**{**defaults.__dict__, **values})


def _entries(reader: MappingReader, key: str, keys: tuple[str, ...], what: str) -> list[MappingReader]:
    """Readers for each entry of a list of mappings with unique, well-formed ids."""
    if not reader.has(key):
        return []
    items = reader.mapping[key]
    if not is_list(items):
        reader.wrong_type(key, f"a list of {what}s")
        return []
    seen: dict[str, int] = {}
    entries = []
    for index, item in enumerate(items):
        line = reader.sink.item_line(items, index, reader.key_line(key))
        if not is_mapping(item):
            reader.sink.error(line, f"each entry of '{key}' must be a mapping with 'id' and 'name', not {type(item).__name__}")
            continue
        entry = MappingReader(item, reader.sink, line, f"{what} {index + 1}")
        entry.check_keys(keys, required=("id", "name"))
        ident = entry.text("id")
        if ident is not None:
            if not ID_PATTERN.match(ident):
                reader.sink.error(entry.key_line("id"), f"{what} id '{ident}' must be lowercase letters, digits and hyphens")
            elif ident in seen:
                reader.sink.error(entry.key_line("id"), f"duplicate {what} id '{ident}' (first on line {seen[ident]})")
            else:
                seen[ident] = entry.key_line("id")
                entries.append(entry)
    return entries


def _groups(reader: MappingReader) -> tuple[ComponentGroup, ...]:
    return tuple(
        ComponentGroup(
            id=entry.mapping["id"],
            name=entry.text("name", line=True) or entry.mapping["id"],
            description=entry.text("description", non_empty=False) or "",
            position=position,
        )
        for position, entry in enumerate(_entries(reader, "groups", GROUP_KEYS, "group"), start=1)
    )


def _components(reader: MappingReader, group_ids: set[str]) -> tuple[Component, ...]:
    components = []
    for position, entry in enumerate(_entries(reader, "components", COMPONENT_KEYS, "component"), start=1):
        group = entry.text("group")
        if group is not None and group not in group_ids:
            known = ", ".join(sorted(group_ids)) or "none defined"
            entry.sink.error(
                entry.key_line("group"), f"unknown group '{group}' (known: {known}){did_you_mean(group, group_ids)}"
            )
            group = None
        components.append(
            Component(
                id=entry.mapping["id"],
                name=entry.text("name", line=True) or entry.mapping["id"],
                group=group,
                description=entry.text("description", non_empty=False) or "",
                position=position,
            )
        )
    if not components and not reader.sink.problems:
        reader.sink.error(reader.line, "the 'balise' plugin options list no components; add at least one under 'components:'")
    return tuple(components)
