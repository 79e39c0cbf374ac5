"""Reads the `alerts:` list of the `balise` block: which monitoring alerts mean what on the page.

Each rule names the labels an alert must carry (`match:`, all equal), the components it affects
and their status while it fires, and optionally the incident's impact and title. The first rule
an alert matches wins; `balise alert` reports an alert no rule matches and ignores it. Every
problem is reported at its line, so `balise check` (and the pull-request check) catches a rule
naming an unknown component before an alert ever needs it.
"""

from __future__ import annotations

from typing import Any

from ..model.alerting import FIRING_STATUSES, AlertRule
from ..model.vocabulary import INCIDENT_IMPACTS, ComponentStatus, Impact
from .fields import MappingReader, describe, is_list, is_mapping
from .limits import TITLE_CHARACTERS
from .suggest import did_you_mean
from .text import not_text

RULE_KEYS = ("match", "components", "impact", "title")
_FIRING = tuple(status.value for status in FIRING_STATUSES)


def read_alert_rules(reader: MappingReader, component_ids: tuple[str, ...]) -> tuple[AlertRule, ...]:
    """The rules of `alerts:` in order; a broken rule is reported and left out."""
    if not reader.has("alerts"):
        return ()
    items = reader.mapping["alerts"]
    if not is_list(items):
        reader.wrong_type("alerts", "a list of rules (each with 'match' and 'components')")
        return ()
    rules: list[AlertRule] = []
    for index, item in enumerate(items):
        line = reader.sink.item_line(items, index, reader.key_line("alerts"))
        if not is_mapping(item):
            reader.sink.error(line, f"alert rule {index + 1} must be a mapping with 'match' and 'components', not {describe(item)}")
            continue
        entry = MappingReader(item, reader.sink, line, f"alert rule {index + 1}")
        before = len(reader.sink.problems)
        rule = _rule(entry, component_ids, index + 1)
        if rule is not None and len(reader.sink.problems) == before:
            _warn_if_shadowed(entry, rule, rules)
            rules.append(rule)
    return tuple(rules)


def _rule(entry: MappingReader, component_ids: tuple[str, ...], position: int) -> AlertRule | None:
    entry.check_keys(RULE_KEYS, required=("match", "components"))
    match = _match(entry)
    components = _components(entry, component_ids)
    impact_text = entry.choice("impact", [impact.value for impact in INCIDENT_IMPACTS], "impact")
    title = entry.text("title", line=True, max_length=TITLE_CHARACTERS)
    if match is None or not components:
        return None
    return AlertRule(
        match=match,
        components=components,
        impact=Impact(impact_text) if impact_text else None,
        title=title,
        line=entry.line,
        position=position,
    )


def _match(entry: MappingReader) -> tuple[tuple[str, str], ...] | None:
    """`{label: value}`: values are compared as text, as alert labels always are."""
    if "match" not in entry.mapping:
        return None
    value = entry.mapping["match"]
    if not is_mapping(value):
        entry.wrong_type("match", "a mapping of label: value (write {} to match every alert)")
        return None
    pairs: list[tuple[str, str]] = []
    sink = entry.sink
    for name, wanted in value.items():
        line = sink.key_line(value, name, entry.key_line("match"))
        if not isinstance(name, str) or not name.strip():
            sink.error(line, f"a label name in 'match'{entry.where()} must be text, not {describe(name)}")
            continue
        if not isinstance(wanted, str):
            # YAML reads `debug: true` or `code: 500` as a boolean or a number; a label is always text.
            sink.error(
                line,
                f"the value of label '{name}' in 'match'{entry.where()} must be text, not {describe(wanted)}; "
                f"quote it: {name}: \"{_as_written(wanted)}\"",
            )
            continue
        problem = not_text(name + wanted)
        if problem is not None:
            sink.error(line, f"label '{name}' in 'match'{entry.where()}: {problem.message}")
            continue
        pairs.append((name, wanted))
    if len(pairs) != len(value):
        return None
    return tuple(sorted(pairs))


def _as_written(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _components(entry: MappingReader, component_ids: tuple[str, ...]) -> dict[str, ComponentStatus]:
    if "components" not in entry.mapping:
        return {}
    value = entry.mapping["components"]
    if not is_mapping(value) or not value:
        entry.wrong_type("components", "a mapping of component: status, e.g. {api: partial_outage}")
        return {}
    sink = entry.sink
    result: dict[str, ComponentStatus] = {}
    for ident, status in value.items():
        line = sink.key_line(value, ident, entry.key_line("components"))
        if not isinstance(ident, str) or ident not in component_ids:
            sink.error(
                line,
                f"unknown component '{ident}'{entry.where()} (known: {', '.join(component_ids)})"
                f"{did_you_mean(str(ident), component_ids)}",
            )
            continue
        if isinstance(status, str) and status in _FIRING:
            result[ident] = ComponentStatus(status)
            continue
        shown = status if isinstance(status, str) else describe(status)
        why = (
            "; an alert says something is wrong, so a rule gives a status worse than operational"
            if status in (ComponentStatus.OPERATIONAL.value, ComponentStatus.UNDER_MAINTENANCE.value)
            else did_you_mean(str(status), _FIRING)
        )
        sink.error(line, f"status '{shown}' for '{ident}'{entry.where()} must be one of {', '.join(_FIRING)}{why}")
    return result if len(result) == len(value) else {}


def _warn_if_shadowed(entry: MappingReader, rule: AlertRule, earlier: list[AlertRule]) -> None:
    """A rule after one that matches everything it matches never applies: first match wins."""
    for other in earlier:
        if set(other.match) <= set(rule.match):
            entry.sink.warning(
                entry.line,
                f"alert rule {rule.position} never applies: rule {other.position} (line {other.line}) comes first "
                "and matches every alert it matches; put the more specific rule first",
            )
            return
