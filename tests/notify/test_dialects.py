"""An update's Markdown in each service's dialect: links and emphasis ours, the author's text inert."""

from __future__ import annotations

from site_builder.notify.dialects import Dialect, escape_markdown, render, shorten

HOSTILE = "Hi <!channel> <https://evil.test|Docs> & @everyone"


def test_slack_receives_control_characters_as_text():
    assert render(HOSTILE, Dialect.SLACK) == "Hi &lt;!channel&gt; https://evil.test|Docs &amp; @everyone"


def test_slack_links_are_written_by_us_and_cannot_be_split():
    assert render("[status page](https://x.test/a|b>c?d=1&e=2)", Dialect.SLACK) == (
        "<https://x.test/a%7Cb%3Ec?d=1&amp;e=2|status page>"
    )


def test_slack_keeps_emphasis_and_lists():
    assert render("**Down** since *14:00*:\n\n- api\n- web", Dialect.SLACK) == "*Down* since _14:00_:\n\n• api\n• web"


def test_markdown_breaks_mentions_and_escapes_markup():
    rendered = render("@everyone see <@123> and [x](https://a.test/(b))", Dialect.MARKDOWN)
    assert "@\u200beveryone" in rendered and "@everyone" not in rendered
    assert rendered.endswith("[x](https://a.test/%28b%29)")


def test_plain_text_says_where_a_link_goes():
    assert render("See [the docs](https://docs.test/) or https://docs.test/", Dialect.PLAIN) == (
        "See the docs (https://docs.test/) or https://docs.test/"
    )


def test_scripts_and_images_never_reach_any_dialect():
    for dialect in Dialect:
        rendered = render('<script>alert(1)</script><img src="https://t.test/pixel"> ok', dialect)
        assert "alert" not in rendered and "pixel" not in rendered and "ok" in rendered


def test_a_heading_becomes_bold_text():
    assert render("# Cause", Dialect.MARKDOWN) == "**Cause**"


def test_escaped_markdown_reads_as_written():
    assert escape_markdown("*not bold* [not a link](x)") == r"\*not bold\* \[not a link\]\(x\)"


def test_shortening_cuts_at_a_word_and_says_so():
    assert shorten("one two three four", 12) == "one two…"
