"""Reading the `notify:` channels of mkdocs.yml: what `balise check` can say without the secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.model import ReaderChannel
from site_builder.model.notify import ChannelKind
from site_builder.model.vocabulary import Impact, Kind
from site_builder.source.config import read_config
from site_builder.source.problems import BaliseError

BASE = """\
site_name: Acme Status
site_url: https://status.acme.test/
plugins:
  - balise:
      components:
        - id: api
          name: API
        - id: web
          name: Website
      notify:
{channels}
"""

SLACK = """\
        - name: ops
          kind: slack
          target: ${SLACK_WEBHOOK_URL}
          components: [api]
          types: [incident]
          min_impact: major
          language: fr"""

MASTODON = """\
        - name: social
          kind: mastodon
          target: mastodons://${MASTODON_TOKEN}@mastodon.social
          public_url: https://mastodon.social/@acme
          public_name: Acme on Mastodon"""

EMAIL = """\
        - name: mail
          kind: email
          target: smtps://${SMTP_USER}:${SMTP_PASSWORD}@smtp.acme.test
          from: Acme Status <status@acme.test>
          to: [ops@acme.test, oncall@acme.test]"""


def read(tmp_path: Path, *channels: str):
    path = tmp_path / "mkdocs.yml"
    path.write_text(BASE.format(channels="\n".join(channels)), encoding="utf-8")
    return read_config(path)


def problems(tmp_path: Path, *channels: str) -> list[str]:
    with pytest.raises(BaliseError) as caught:
        read(tmp_path, *channels)
    return [str(p).split("mkdocs.yml", 1)[1] for p in caught.value.problems]


def test_a_channel_keeps_its_target_unexpanded_and_its_filters(tmp_path):
    (ops,) = read(tmp_path, SLACK).notify
    assert (ops.name, ops.kind, ops.target, ops.language) == ("ops", ChannelKind.SLACK, "${SLACK_WEBHOOK_URL}", "fr")
    assert (ops.filters.components, ops.filters.kinds, ops.filters.min_impact) == (("api",), (Kind.INCIDENT,), Impact.MAJOR)
    assert ops.target_line == 13


def test_filters_default_to_everything(tmp_path):
    (social,) = read(tmp_path, MASTODON).notify
    assert (social.filters.components, social.filters.kinds, social.filters.min_impact) == ((), (Kind.INCIDENT, Kind.MAINTENANCE), None)


def test_channels_with_a_public_url_are_the_reader_channels(tmp_path):
    config = read(tmp_path, SLACK, MASTODON)
    assert config.reader_channels == (ReaderChannel("mastodon", "Acme on Mastodon", "https://mastodon.social/@acme"),)


def test_an_email_channel_has_its_sender_and_recipients(tmp_path):
    (mail,) = read(tmp_path, EMAIL).notify
    assert mail.email is not None
    assert (mail.email.sender, mail.email.recipients) == ("Acme Status <status@acme.test>", ("ops@acme.test", "oncall@acme.test"))


def test_an_unknown_channel_kind_is_reported_with_the_closest(tmp_path):
    assert problems(tmp_path, SLACK.replace("kind: slack", "kind: slak")) == [
        (
            ":12: unknown channel kind 'slak' in notify channel 'ops' (expected slack, teams, discord, mattermost, "
            "google_chat, telegram, mastodon, ntfy, email, webhook); did you mean 'slack'?"
        )
    ]


def test_a_target_written_into_the_config_is_refused_and_never_quoted(tmp_path):
    secret = "https://hooks.slack.com/services/T0/B0/very-secret-token"
    found = problems(tmp_path, SLACK.replace("${SLACK_WEBHOOK_URL}", secret))
    assert len(found) == 1 and found[0].startswith(":13: the target in notify channel 'ops' must come from the environment")
    assert "very-secret-token" not in found[0] and "hooks.slack.com" not in found[0]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("$SLACK_WEBHOOK_URL", "write each environment variable as ${NAME}"),
        ("${SLACK WEBHOOK}", "write each environment variable as ${NAME}"),
        ("smtp://${HOST}", "a slack target starts with https://, slack://"),
        ("hooks.slack.com/${PATH}", "it must be a URL, or start with a ${VARIABLE} holding one"),
    ],
)
def test_a_malformed_target_is_reported_at_its_line(tmp_path, target, expected):
    (found,) = problems(tmp_path, SLACK.replace("${SLACK_WEBHOOK_URL}", target))
    assert found.startswith(":13: ") and expected in found


def test_a_filter_naming_an_unknown_component_is_reported(tmp_path):
    assert problems(tmp_path, SLACK.replace("[api]", "[api, wbe]")) == [
        ":14: unknown component 'wbe' in the filter in notify channel 'ops' (known: api, web); did you mean 'web'?"
    ]


def test_an_email_channel_without_from_and_to_is_reported(tmp_path):
    broken = "\n".join(line for line in EMAIL.splitlines() if "from:" not in line and "to:" not in line)
    assert problems(tmp_path, broken) == [
        ":11: missing required key 'from' in notify channel 'mail' (an email channel needs 'from' and 'to')",
        ":11: missing required key 'to' in notify channel 'mail' (an email channel needs 'from' and 'to')",
    ]


def test_an_address_that_would_add_a_recipient_is_refused(tmp_path):
    (found,) = problems(tmp_path, EMAIL.replace("[ops@acme.test, oncall@acme.test]", '"ops@acme.test, spy@evil.test"'))
    assert found.startswith(":15: 'to' in notify channel 'mail' has 1 address(es)")


def test_every_problem_of_every_channel_is_reported_at_once(tmp_path):
    found = problems(
        tmp_path,
        SLACK.replace("kind: slack", "kind: slak").replace("[api]", "[apii]"),
        MASTODON.replace("public_url: https://", "public_url: javascript://"),
        SLACK.replace("min_impact: major", "min_impact: huge"),
    )
    assert [line.split(":")[1] for line in found] == ["12", "14", "21", "23", "28"]
    assert "'public_url' in notify channel 'social' must be" in found[2]
    assert "duplicate channel name 'ops'" in found[3]
    assert "unknown impact 'huge'" in found[4]
