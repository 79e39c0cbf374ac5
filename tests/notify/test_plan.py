"""Which channel hears of which incident, and what a channel that has heard it all is left with."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from site_builder.model import Incident, Update
from site_builder.model.notify import ChannelFilter, ChannelKind, NotifyChannel
from site_builder.model.vocabulary import ComponentStatus, Impact, IncidentStatus, Kind, MaintenanceStatus
from site_builder.notify.events import events
from site_builder.notify.ledger import Ledger, Outcome
from site_builder.notify.plan import Action, filtered_out, plan

NOW = datetime(2026, 11, 20, 14, 10, tzinfo=UTC)


def incident(impact: Impact = Impact.MINOR, components: tuple[str, ...] = ("api",)) -> Incident:
    return Incident(
        "2026-11-20-api-errors", Path("x.md"), Kind.INCIDENT, "API errors", impact,
        {c: ComponentStatus.PARTIAL_OUTAGE for c in components},
        (Update(NOW - timedelta(minutes=5), IncidentStatus.INVESTIGATING, "Looking."),),
    )  # fmt: skip


def maintenance() -> Incident:
    return Incident(
        "2026-11-20-db", Path("m.md"), Kind.MAINTENANCE, "DB", Impact.MAINTENANCE, {"db": ComponentStatus.UNDER_MAINTENANCE},
        (Update(NOW - timedelta(minutes=5), MaintenanceStatus.SCHEDULED, "Soon."),),
        scheduled_for=NOW + timedelta(days=1), scheduled_until=NOW + timedelta(days=1, hours=1),
    )  # fmt: skip


def test_a_component_filter_keeps_incidents_naming_one_of_them():
    assert filtered_out(ChannelFilter(components=("api", "web")), incident()) is None
    assert filtered_out(ChannelFilter(components=("db",)), incident()) == "it affects none of db"


def test_a_minimum_impact_leaves_out_milder_incidents_but_not_maintenance():
    assert filtered_out(ChannelFilter(min_impact=Impact.MAJOR), incident(Impact.MINOR)) == "impact minor is below major"
    assert filtered_out(ChannelFilter(min_impact=Impact.MAJOR), incident(Impact.CRITICAL)) is None
    assert filtered_out(ChannelFilter(min_impact=Impact.MAJOR), maintenance()) is None


def test_a_type_filter_keeps_incidents_or_maintenance():
    assert filtered_out(ChannelFilter(kinds=(Kind.INCIDENT,)), maintenance()) == "the channel takes incident only"


def test_filtered_events_are_settled_so_a_later_filter_change_sends_no_old_news():
    channel = NotifyChannel("db-team", ChannelKind.WEBHOOK, "${URL}", ChannelFilter(components=("db",)))
    ledger = Ledger()
    (first,) = plan((channel,), events([incident()], NOW), ledger, NOW, timedelta(hours=3))
    assert [(d.event.key, d.action) for d in first.decisions] == [("2026-11-20-api-errors#0", Action.FILTERED)]
    first.record.settle("2026-11-20-api-errors#0", Outcome.FILTERED, NOW, NOW)
    wider = NotifyChannel("db-team", ChannelKind.WEBHOOK, "${URL}")
    (second,) = plan((wider,), events([incident()], NOW), ledger, NOW, timedelta(hours=3))
    assert second.decisions == []


def test_a_channel_added_later_has_its_own_first_run():
    ledger = Ledger()
    ledger.channel("old", NOW - timedelta(days=1))
    plans = plan(
        (NotifyChannel("old", ChannelKind.WEBHOOK, "${A}"), NotifyChannel("new", ChannelKind.WEBHOOK, "${B}")),
        events([incident()], NOW), ledger, NOW, timedelta(hours=3),
    )  # fmt: skip
    assert [(p.channel.name, p.first_run, p.record.since) for p in plans] == [
        ("old", False, NOW - timedelta(days=1)),
        ("new", True, NOW - timedelta(hours=3)),
    ]
