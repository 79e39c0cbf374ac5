"""Reads the site config: `mkdocs.yml` and the component catalog in its `balise` plugin block."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..model import Component, ComponentGroup, SiteConfig, SupportContact, Thresholds
from ..model.times import TimeFormatError, parse_duration
from .fields import MappingReader, Sink, is_list, is_mapping
from .limits import CONFIG_BYTES
from .text import one_line
from .load import read_limited
from .problems import BaliseError, Problem, display_path
from .suggest import did_you_mean
from .yamlread import YamlSyntaxError, load_config

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
#: An address Material may print inside an attribute as it is: http(s), and nothing to escape.
WEB_ADDRESS = re.compile(r"^https?://[^\s\"'<>\\`{}|^]+$", re.IGNORECASE)
#: Addresses in mkdocs.yml, with an example of each.
ADDRESSES = {"site_url": "https://status.example.com/", "repo_url": "https://github.com/you/status"}

PLUGIN_KEYS = ("timezone", "support", "thresholds", "groups", "components")
GROUP_KEYS = ("id", "name", "description")
COMPONENT_KEYS = ("id", "name", "group", "description")
SUPPORT_KEYS = ("email", "url")
THRESHOLD_KEYS = ("stale_update", "file_date_drift")


def read_config(path: Path) -> SiteConfig:
    """The site config from `mkdocs.yml`; raises BaliseError listing every problem."""
    shown = display_path(path)
    problems: list[Problem] = []
    sink = Sink(shown, 1, problems)
    try:
        text = read_limited(path, shown, CONFIG_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise BaliseError([Problem(shown, 1, "config file not found")]) from None
    except UnicodeDecodeError:
        raise BaliseError([Problem(shown, 1, "config file is not valid UTF-8")]) from None
    except OSError as error:
        raise BaliseError([Problem(shown, 1, f"cannot read the config file: {error.strerror}")]) from None
    try:
        document = load_config(text)
    except YamlSyntaxError as error:
        raise BaliseError([Problem(shown, error.line + 1, error.message)]) from None
    if not is_mapping(document):
        raise BaliseError([Problem(shown, 1, "mkdocs.yml must be a mapping of settings")])
    config = _site(document, sink)
    if problems:
        raise BaliseError(problems)
    return config


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
    language = theme.get("language") if is_mapping(theme) else None
    site_name = document.get("site_name")
    site_url = _addresses(document, sink).get("site_url")
    groups = _groups(reader)
    return SiteConfig(
        site_name=one_line(site_name) if isinstance(site_name, str) and site_name.strip() else "Status",
        site_url=site_url,
        language=language if isinstance(language, str) else "en",
        timezone=_timezone(reader),
        groups=groups,
        components=_components(reader, {g.id for g in groups}),
        support=_support(reader),
        thresholds=_thresholds(reader),
    )


def _addresses(document: dict[str, Any], sink: Sink) -> dict[str, str]:
    """site_url and repo_url, which pages print as links: web addresses only (no `javascript:`,
    no quote or bracket that would end the attribute they are printed in)."""
    found = {}
    for key, example in ADDRESSES.items():
        value = document.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, str) and WEB_ADDRESS.match(value) and urlsplit(value).hostname:
            found[key] = value
        else:
            sink.error(sink.key_line(document, key, 1), f"{key} must be an http(s) address such as {example}")
    return found


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
    return SupportContact(email=sub.text("email"), url=sub.text("url"))


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
