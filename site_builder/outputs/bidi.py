"""Right-to-left text from a file, kept from reordering what surrounds it.

Titles and names may be in any script, so their bidirectional marks and controls stay. But
an embedding or override (U+202A–U+202E) or an isolate (U+2066–U+2069) left open runs to the
end of its paragraph: a title written `\\u202eevil` reversed the words after it in every list
that named it. Each output closes them its own way: pages wrap the text in `<bdi>`, plain
text destined for someone else's line (a window title, a calendar event's summary) wraps it
in U+2068…U+2069 (first strong isolate … pop directional isolate), and feeds and badges
drop the controls.
"""

from __future__ import annotations

import re

from markupsafe import Markup

CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    return CONTROLS.sub("", text)


def isolated(text: str) -> Markup:
    """HTML: the text, escaped, in an element the browser isolates (HTML's `<bdi>`, direction from the text)."""
    return Markup("<bdi>{}</bdi>").format(text)


def isolated_plain(text: str) -> str:
    """Plain text isolated by Unicode's own marks, for places where no element can be added."""
    return f"\u2068{text}\u2069" if CONTROLS.search(text) else text
