"""The one rule for text read from a file or the config, applied as it is read, before any output.

- A surrogate pair spelled as two escapes (`"\\ud83d\\udd25"`, as JSON writes 🔥) is the
  character it encodes: YAML's readers leave the halves apart, JSON's join them.
- Lone surrogates (a YAML escape such as "\\ud800" can spell one) and Unicode's non-characters
  (U+FDD0–U+FDEF, and U+FFFE and U+FFFF in every plane) are not text: no XML, HTML or JSON
  consumer accepts them everywhere, so the file is refused at their line.
- Control characters (C0 but tab and newline, DEL, C1) carry nothing a reader can see, and some
  act on terminals (ESC starts the sequence that clears a screen): they are removed. A CRLF or
  a lone CR becomes a newline.
- Names and titles are one line: a line break in one (a title written as a `|` block, a site
  name with "\n") becomes a space, since feeds, calendars and tabs show them on one line.
- Everything else is kept as written, bidirectional controls included: right-to-left text
  needs them. Outputs isolate them where they could reorder what surrounds a text (pages use
  `dir="auto"` / `<bdi>`, feed titles drop them).
"""

from __future__ import annotations

import re

_NOT_TEXT = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
) + "]")  # fmt: skip
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_BREAKS = re.compile("\r\n?")


class TextError(ValueError):
    """Text holding something that is not a character; `index` is where, in the text as given."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.message = message
        self.index = index


def not_text(text: str) -> TextError | None:
    """The first lone surrogate or non-character, as an error naming it; None when there is none."""
    found = _NOT_TEXT.search(text)
    if found is None:
        return None
    code = ord(found.group())
    what = "a lone surrogate (half of a UTF-16 pair)" if 0xD800 <= code <= 0xDFFF else "a Unicode non-character"
    return TextError(f"U+{code:04X} is {what}, not text; remove it", found.start())


_LINE_BREAKS = re.compile("[ \t]*[\n\u2028\u2029][ \t]*")


def one_line(text: str) -> str:
    """A name or title, which every output shows on one line: its line breaks become spaces."""
    return _LINE_BREAKS.sub(" ", text).strip()


def _joined(pair: re.Match[str]) -> str:
    high, low = (ord(half) for half in pair.group())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def joined_pairs(text: str) -> str:
    """Text with each surrogate pair spelled as two escapes made the one character it encodes."""
    return _PAIR.sub(_joined, text) if _PAIR.search(text) else text


def clean(text: str) -> str:
    """Text as it may be published: line breaks as "\\n", control characters removed.

    Raises TextError at the first lone surrogate or non-character.
    """
    error = not_text(text)
    if error is not None and _PAIR.search(text):  # rare: only escapes spell surrogates
        text = joined_pairs(text)
        error = not_text(text)
    if error is not None:
        raise error
    return _CONTROL.sub("", _BREAKS.sub("\n", text))
