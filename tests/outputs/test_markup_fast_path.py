"""The plain-text shortcut (paragraphs, `## headings`, `**bold**`) gives exactly what
Python-Markdown and the sanitiser give.

A differential property test: on generated texts, markup and hostile characters included, the
shortcut either declines (None) or returns the full conversion's bytes.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.outputs.markup import Converter, plain_paragraphs

CONVERTER = Converter()

#: Letters and digits of several scripts, every character Markdown or HTML gives a meaning,
#: and characters a sanitiser or a parser might rewrite.
ALPHABET = (
    "abcxyzABC0189éßçœǅ日本語Ωй٣\u0301"  # letters, digits, a combining accent
    " \n\t\r.,;:?!'\"()/%+=@$-"  # punctuation the shortcut accepts, and white space
    "*_`[]<>&\\#|~{}^"  # Markdown and HTML syntax
    "\u00a0\u2028\u200b\ufeff\x00\x0b"  # no-break space, separators, controls
)

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçABCXYZ0123456789", min_size=1, max_size=10)
FIRST_WORD = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZÉÀ日本", min_size=1, max_size=10)
PUNCTUATION = st.sampled_from([".", ",", ";", ":", "?", "!", "'", '"', "(", ")", "/", "%", "+", "=", "@", "$", "-"])


@st.composite
def plain_messages(draw: st.DrawFn) -> str:
    """What engineers usually write: sentences in paragraphs, a heading, a word in bold."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 3))):
        lines = []
        if draw(st.booleans()):
            lines.append("#" * draw(st.integers(1, 6)) + " " + " ".join([draw(FIRST_WORD), *draw(st.lists(WORD, max_size=3))]))
        for _ in range(draw(st.integers(1, 3))):
            words = [draw(FIRST_WORD), *draw(st.lists(WORD, max_size=8))]
            if draw(st.booleans()):
                index = draw(st.integers(0, len(words) - 1))
                words[index] = f"**{words[index]}**"
            lines.append(" ".join(words) + draw(PUNCTUATION))
        paragraphs.append("\n".join(lines))
    return draw(st.sampled_from(["\n\n", "\n\n\n"])).join(paragraphs) + draw(st.sampled_from(["", "\n"]))


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_the_shortcut_declines_or_agrees_with_the_full_conversion(text):
    fast = plain_paragraphs(text)
    assert fast is None or fast == CONVERTER.convert(text)


@settings(max_examples=500, deadline=None)
@given(plain_messages())
def test_plain_messages_take_the_shortcut_and_agree(text):
    fast = plain_paragraphs(text)
    assert fast is not None
    assert fast == CONVERTER.convert(text)


@settings(max_examples=500, deadline=None)
@given(plain_messages(), st.sampled_from(["*", "_", "`", "[x](y)", "<b>", "&amp;", "\\", "|", "  \n", "\n- item", "\n1. item", "\n===", "\n    code", " ***", " ** x**", "\n#no space", "\n####### seven"]))
def test_one_piece_of_markup_sends_a_message_the_full_way(text, markup):
    marked = text.rstrip("\n") + markup
    assert plain_paragraphs(marked) is None


def test_the_converter_gives_the_full_conversion_for_plain_and_marked_up_texts():
    converter = Converter()
    for text in ["We are investigating.\n\nNext update in 30 minutes.", "A **bold** claim.", "# Title\n\nText."]:
        assert converter.to_html(text) == Converter().convert(text)
