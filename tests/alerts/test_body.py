"""The pull request's body: alert text from the payload is inert there, links are plain http(s)."""

from __future__ import annotations

import json

from support.alert_project import SEQUENCE

from site_builder.alerts.body import code
from site_builder.alerts.payloads import parse


def test_untrusted_text_becomes_one_inert_code_span():
    assert code("@acme/oncall `rm -rf` <img src=x>\n**bold**") == "`@acme/oncall 'rm -rf' <img src=x>\\n**bold**`"
    assert code("x" * 200, 10) == "`xxxxxxxxx…`"
    assert code("\x1b[2J") == "`\\x1b[2J`"


def test_only_plain_web_links_from_a_payload_reach_the_body():
    payload = json.loads((SEQUENCE / "1-firing.json").read_text())
    alert = payload["alerts"][0]
    alert["generatorURL"] = "javascript:alert(1)"
    payload["externalURL"] = "https://am.example/x)![pixel](https://evil.example/p.png"
    alert["dashboardURL"] = "https://grafana.example/d/1 <b>"
    alert["panelURL"] = "https://grafana.example/d/1?viewPanel=2"
    group = parse(json.dumps(payload).encode(), "p.json")
    # A `)` cannot end the link early: links are written as autolinks, <…>, which hold no `<`, `>` or space.
    assert [link.url for link in group.links + group.alerts[0].links] == [
        "https://am.example/x)![pixel](https://evil.example/p.png",
        "https://grafana.example/d/1?viewPanel=2",
    ]
