"""A page's layout around its content, rendered once by the site engine and filled per page.

An incident page is about 13 KB, of which 9 KB is the theme's chrome (header, navigation,
scripts), identical on every incident page but for the title, the description, the page's
own address and the content. Laying out each of 10,000 pages through the engine's template
costs about a millisecond; filling a frame costs a string join. The engine renders a
prototype page whose variable parts are markers (`Marks`); `Frame.parse` cuts the result at
the markers. A marker holds every character HTML escaping changes, so a frame knows whether
each place prints a value raw or escaped, and a place that transforms it any other way
leaves a stray marker behind and no frame is made. The engine checks a frame against a
second prototype with other markers before trusting it (see mkdocs_plugin/frames.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from markupsafe import escape

from ..bidi import CONTROLS
from .site_page import SitePage

#: The last segment of a framed page's path (an incident id, a component id, a year): characters
#: that no URL or HTML escaping changes, so the marker standing for it can be plain too.
NAME = re.compile(r"[a-z0-9_-]+")
#: Every marker starts and ends with these; a frame must hold none once its markers are cut out.
MARK_START, MARK_END = "\x02", "\x03"
#: What HTML escaping rewrites: a marker holding them shows whether a place escaped the value.
ESCAPED_CHARACTERS = "&<>\"'"


class Field(Enum):
    TITLE = "title"
    DESCRIPTION = "description"
    CONTENT = "content"
    NAME = "name"


@dataclass(frozen=True)
class Slot:
    field: Field
    escaped: bool


@dataclass(frozen=True)
class Marks:
    """Stand-ins for what differs from page to page, as the prototype page carries them.

    A theme may lay a page out differently depending on its content (Material adds an <h1>
    when the content has none): the content's marker holds `content_holds`, and a frame only
    fits pages whose content holds it too.
    """

    tag: str
    content_holds: str = ""

    def mark(self, field: Field) -> str:
        if field is Field.NAME:
            return f"zz-balise-{self.tag}-name-zz"
        extra = self.content_holds if field is Field.CONTENT else ""
        return f"{MARK_START}{self.tag}-{field.value}{ESCAPED_CHARACTERS}{extra}{MARK_END}"

    def prototype(self, section: str, component: str | None, template: str) -> SitePage:
        """The page an engine renders to make the frame of `section` (`incidents/`…)."""
        return SitePage(
            path=f"{section}{self.mark(Field.NAME)}/",
            title=self.mark(Field.TITLE),
            html=self.mark(Field.CONTENT),
            template=template,
            description=self.mark(Field.DESCRIPTION),
            component=component,
        )

    def pattern(self) -> re.Pattern[str]:
        forms = []
        for field in Field:
            raw = self.mark(field)
            forms.append(re.escape(raw))
            if escape(raw) != raw:
                forms.append(re.escape(str(escape(raw))))
        return re.compile("|".join(forms))

    def slot(self, found: str) -> Slot:
        for field in Field:
            raw = self.mark(field)
            if found == raw:
                return Slot(field, escaped=False)
            if found == str(escape(raw)):
                return Slot(field, escaped=True)
        raise ValueError(found)


@dataclass(frozen=True)
class FrameKey:
    """Pages that share a frame: same folder, same component feeds in the header, same template."""

    section: str
    component: str | None
    template: str


def frame_key(page: SitePage) -> FrameKey | None:
    """The frame a page can be laid out in; None for pages the engine lays out itself (the
    navigation's pages, whose layout marks them as the current one, and the home page)."""
    section, _, name = page.path.rstrip("/").rpartition("/")
    if page.in_nav or not section or not NAME.fullmatch(name):
        return None
    return FrameKey(section + "/", page.component, page.template)


@dataclass(frozen=True)
class Frame:
    """The pieces of a rendered prototype between its slots: `pieces[0] slot[0] pieces[1] …`."""

    pieces: tuple[str, ...]
    slots: tuple[Slot, ...]
    #: What a page's content must hold for this layout to be the engine's layout of it.
    content_holds: str = ""

    @classmethod
    def parse(cls, rendered: str, marks: Marks) -> Frame | None:
        """The frame of a rendered prototype; None when a marker was printed in a form other than
        raw or HTML-escaped (cut, encoded, stripped): that place could not be filled."""
        pieces, slots = [], []
        position = 0
        for found in marks.pattern().finditer(rendered):
            pieces.append(rendered[position : found.start()])
            slots.append(marks.slot(found.group()))
            position = found.end()
        pieces.append(rendered[position:])
        if any(MARK_START in piece or MARK_END in piece or marks.mark(Field.NAME) in piece for piece in pieces):
            return None
        if not any(slot.field is Field.CONTENT for slot in slots):
            return None
        return cls(tuple(pieces), tuple(slots), marks.content_holds)

    def fits(self, page: SitePage) -> bool:
        """Whether the engine would lay `page` out as it laid out the prototype: a title and a
        description to print (an empty one makes the theme print something else), its content
        holding what the prototype's held, and a name that needs no escaping.

        A title or description with bidirectional controls does not fit either: the chrome
        isolates such text in one place and drops the controls in another (outputs/bidi.py),
        a change that depends on the text itself, which no marker can show.
        """
        name = page.path.rstrip("/").rpartition("/")[2]
        return bool(
            page.title
            and page.description
            and self.content_holds in page.html
            and NAME.fullmatch(name)
            and not CONTROLS.search(page.title)
            and not CONTROLS.search(page.description)
        )

    def fill(self, page: SitePage) -> str:
        values = {
            Field.TITLE: page.title,
            Field.DESCRIPTION: page.description,
            Field.CONTENT: page.html,
            Field.NAME: page.path.rstrip("/").rpartition("/")[2],
        }
        parts = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:], strict=True):
            value = values[slot.field]
            parts.append(str(escape(value)) if slot.escaped else value)
            parts.append(piece)
        return "".join(parts)


@dataclass(frozen=True)
class FramedPages:
    """Writes pages laid out in their frame into the site folder, where the engine would write them."""

    site: Path
    frames: Mapping[FrameKey, Frame]

    def write(self, page: SitePage) -> bool:
        key = frame_key(page)
        frame = self.frames.get(key) if key is not None else None
        if frame is None or not frame.fits(page):
            return False
        write_page(self.site, page.path, frame.fill(page))
        return True


#: Page files are not inherited by the processes a build starts.
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def write_page(site: Path, path: str, html: str) -> None:
    """`site/<path>/index.html`, encoded as MkDocs writes pages (a lone surrogate as a character reference).

    10,000 incident pages are 10,000 folders and files: each is made with the fewest calls
    (its folder's parent usually exists already; the file is written unbuffered, in one go).
    """
    inner = path.strip("/")
    folder = os.path.join(site, *inner.split("/")) if inner else os.fspath(site)
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    data = html.encode("utf-8", errors="xmlcharrefreplace")
    descriptor = os.open(os.path.join(folder, "index.html"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC | O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)

