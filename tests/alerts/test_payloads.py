"""The real payloads as Balise reads them: the sender told apart by shape, times and statuses as sent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support.alert_project import DATA

from site_builder.alerts.model import AlertGroup, Notice, PayloadError
from site_builder.alerts.payloads import parse


def read(name: str, source: str = "auto"):
    return parse((DATA / name).read_bytes(), name, source)


def test_alertmanager_is_told_by_its_version_and_every_alert_is_read():
    group = read("alertmanager/alert.json")
    assert isinstance(group, AlertGroup)
    assert (group.source, group.group_key, len(group.firing)) == ("alertmanager", "{}/{}:{}", 2)
    assert group.start == datetime(2020, 2, 6, 0, 17, 58, 432911, tzinfo=UTC)
    assert all(alert.ends_at is None for alert in group.alerts)  # Go's zero time is no end


def test_a_resolved_alert_with_the_zero_end_is_resolved_by_its_status():
    group = read("alertmanager/single_alert.json")
    assert group.is_resolved and group.end is None


def test_grafana_is_told_by_version_1_and_its_links_are_kept():
    group = read("grafana/alert_values_v11.json")
    assert group.source == "grafana"
    labels = [link.label for link in group.alerts[0].links]
    assert labels == ["rule", "dashboard", "panel", "silence"]
    assert "&viewPanel=2" in group.alerts[0].links[2].url  # JSON's \u0026 read as &


def test_a_mimir_style_payload_from_grafana_is_read_as_grafana_when_told():
    assert read("alertmanager/alert.json", "grafana").source == "grafana"


def test_the_two_senders_of_one_group_key_are_two_groups():
    assert read("alertmanager/alert.json").group_id != read("alertmanager/alert.json", "grafana").group_id


@pytest.mark.parametrize("name", ["grafana/alert_new.json", "grafana/alert_v8.json", "uptime-kuma/test.json"])
def test_test_notifications_are_notices(name):
    notice = read(name)
    assert isinstance(notice, Notice) and notice.test


def test_an_uptime_kuma_heartbeat_is_utc_without_a_zone():
    group = read("uptime-kuma/down.json")
    assert group.source == "uptime-kuma" and group.group_key == "monitor/7"
    assert group.start == datetime(2026, 11, 20, 14, 2, 11, 318000, tzinfo=UTC)
    assert group.alerts[0].labels == {"monitor": "Checkout API", "monitor_id": "7", "monitor_type": "http"}


def test_a_payload_read_as_the_wrong_source_says_so():
    with pytest.raises(PayloadError, match="not an Uptime Kuma payload"):
        read("alertmanager/alert.json", "uptime-kuma")
