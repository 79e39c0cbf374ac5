"""Text that XML can carry: feeds and SVG badges are XML, incident text is anything YAML allows.

YAML's double-quoted strings can spell control characters ("\\x01") that XML 1.0 forbids even
escaped; lxml refuses them and a browser refuses the whole document. The reader removes them
(source/text.py); this is the last guard before XML, for text that did not come from a file.
"""

from __future__ import annotations

import re

# XML 1.0 Char production: tab, newline, carriage return and everything from U+0020 up,
# minus surrogates and the two non-characters U+FFFE and U+FFFF.
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML_CHAR.sub("", text)

