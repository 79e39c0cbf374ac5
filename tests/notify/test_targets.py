"""Targets come from the environment, and what they hold never shows in a message."""

from __future__ import annotations

import pytest

from site_builder.model.notify import ChannelKind, NotifyChannel
from site_builder.notify.targets import Redactor, TargetError, expand

SECRET = "https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/n0tAR3alT0kenAtAll1234"


def slack(target: str = "${SLACK_WEBHOOK_URL}") -> NotifyChannel:
    return NotifyChannel(name="ops", kind=ChannelKind.SLACK, target=target)


def test_a_target_is_its_variables_values():
    channel = NotifyChannel(name="mail", kind=ChannelKind.EMAIL, target="smtps://${USER}:${PASSWORD}@smtp.example.test")
    assert expand(channel, {"USER": "status", "PASSWORD": "pa55-word"}).url == "smtps://status:pa55-word@smtp.example.test"


def test_a_missing_variable_is_named():
    with pytest.raises(TargetError, match=r"environment variable \$\{SLACK_WEBHOOK_URL\} is not set"):
        expand(slack(), {})


def test_an_empty_variable_counts_as_missing():
    with pytest.raises(TargetError, match="is not set"):
        expand(slack(), {"SLACK_WEBHOOK_URL": ""})


def test_a_value_of_the_wrong_kind_is_refused_without_quoting_it():
    with pytest.raises(TargetError) as caught:
        expand(slack(), {"SLACK_WEBHOOK_URL": "smtp://user:hunter22@mail.test"})
    assert "hunter22" not in str(caught.value) and "a slack target starts with https://" in str(caught.value)


def test_the_redactor_removes_the_whole_secret_and_its_path():
    redact = expand(slack(), {"SLACK_WEBHOOK_URL": SECRET}).redact
    said = redact(f"POST {SECRET} failed; retrying /services/T01ABCDEF/B02GHIJKL/n0tAR3alT0kenAtAll1234")
    assert "n0tAR3alT0kenAtAll1234" not in said and "T01ABCDEF" not in said


def test_urls_in_a_message_keep_only_their_host():
    assert Redactor()("HTTPSConnectionPool(host=x): https://api.telegram.org/bot12:TOKEN/sendMessage") == (
        "HTTPSConnectionPool(host=x): https://api.telegram.org/…"
    )


def test_an_apprise_url_loses_its_tokens_even_where_a_host_would_be():
    redact = Redactor(["tgram://123456789:AAbbCCddEEff/-100123"])
    assert "AAbbCCddEEff" not in redact("bot 123456789:AAbbCCddEEff refused")
