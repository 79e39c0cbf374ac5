"""Which rule each alert falls under, and what the group's firing alerts ask of the page.

The first rule an alert matches wins (the order of `alerts:` in mkdocs.yml); an alert no rule
matches is reported and ignored, never guessed. A component's status is the worst that any
firing alert gives it; a component named only by resolved alerts is operational again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import SiteConfig
from ..model.alerting import AlertRule
from ..model.vocabulary import ComponentStatus, Impact
from .model import Alert, AlertGroup

#: The impact a status implies when the rule names none: what a customer would call it.
IMPACT_OF = {
    ComponentStatus.DEGRADED_PERFORMANCE: Impact.MINOR,
    ComponentStatus.PARTIAL_OUTAGE: Impact.MAJOR,
    ComponentStatus.MAJOR_OUTAGE: Impact.CRITICAL,
}
IMPACT_ORDER = (Impact.NONE, Impact.MINOR, Impact.MAJOR, Impact.CRITICAL)


def worse(first: ComponentStatus, second: ComponentStatus) -> ComponentStatus:
    return first if first.severity >= second.severity else second


def higher(first: Impact, second: Impact) -> Impact:
    return first if IMPACT_ORDER.index(first) >= IMPACT_ORDER.index(second) else second


@dataclass(frozen=True)
class Reading:
    """What a group's alerts say under the rules."""

    #: Every component the matched alerts name: the worst status of its firing alerts, or
    #: operational when only resolved alerts name it.
    statuses: dict[str, ComponentStatus] = field(default_factory=dict)
    impact: Impact | None = None  # None when nothing fires
    title: str | None = None
    unmatched: tuple[Alert, ...] = ()
    #: Components a generic payload names that the catalog does not have.
    unknown: tuple[str, ...] = ()

    @property
    def affected(self) -> dict[str, ComponentStatus]:
        return {ident: status for ident, status in self.statuses.items() if status is not ComponentStatus.OPERATIONAL}


def rule_for(alert: Alert, rules: tuple[AlertRule, ...]) -> AlertRule | None:
    return next((rule for rule in rules if rule.matches(alert.labels)), None)


def read_group(group: AlertGroup, config: SiteConfig) -> Reading:
    if group.components is not None:
        return _generic(group, config)
    statuses: dict[str, ComponentStatus] = {}
    impact: Impact | None = None
    titles: list[tuple[int, str]] = []
    unmatched: list[Alert] = []
    for alert in group.alerts:
        rule = rule_for(alert, config.alert_rules)
        if rule is None:
            unmatched.append(alert)
            continue
        for ident, status in rule.components.items():
            given = status if alert.firing else ComponentStatus.OPERATIONAL
            statuses[ident] = worse(statuses.get(ident, ComponentStatus.OPERATIONAL), given)
        if alert.firing:
            implied = rule.impact or IMPACT_OF[max(rule.components.values(), key=lambda s: s.severity)]
            impact = implied if impact is None else higher(impact, implied)
            if rule.title:
                titles.append((rule.position, rule.title))
    title = min(titles)[1] if titles else None
    return Reading(_in_catalog_order(statuses, config), impact, title, tuple(unmatched))


def _in_catalog_order(statuses: dict[str, ComponentStatus], config: SiteConfig) -> dict[str, ComponentStatus]:
    return {ident: statuses[ident] for ident in config.component_ids if ident in statuses}


def _generic(group: AlertGroup, config: SiteConfig) -> Reading:
    assert group.components is not None
    known = set(config.component_ids)
    unknown = tuple(ident for ident in group.components if ident not in known)
    firing = not group.is_resolved
    statuses = {
        ident: status if firing else ComponentStatus.OPERATIONAL
        for ident, status in group.components.items()
        if ident in known
    }
    impact = None
    if firing and statuses:
        impact = IMPACT_OF[max(statuses.values(), key=lambda s: s.severity)]
    return Reading(_in_catalog_order(statuses, config), impact, None, (), unknown)
