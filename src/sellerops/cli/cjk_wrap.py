"""Line breaking of Chinese help texts.

Rich breaks lines only at whitespace, and a Chinese sentence has none: a help text of one
long "word" is cut with "…" in a table cell (the command list, the options panel) where the
English wraps. :class:`CJKText` breaks between Chinese characters as well (never before a
closing mark such as "，" or "）", never after an opening one such as "（"), keeps Latin words
("SKU", "--sku", "YYYY-MM-DD") whole, and measures its narrowest width as its widest such
unit, so a table gives the column room to wrap instead of cutting it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from rich.cells import cell_len, chop_cells
from rich.console import Console, ConsoleOptions
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

#: No line starts with these (they close what comes before).
NO_START = set("，。、；：？！）》」』】〕”’%％…·,.;:?!)]}")
#: No line ends with these (they open what comes after).
NO_END = set("（《「『【〔“‘([{")


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def units(text: str) -> list[str]:
    """``text`` cut where a line may break: each Chinese character is a unit of its own, a
    run of other non-space characters is one unit; spaces stay with the unit before them."""
    out: list[str] = []
    glue = False  # the next character joins the last unit (after an opening mark)
    for char in text:
        if char.isspace():
            if out:
                out[-1] += char
            else:
                out.append(char)
            glue = False
            continue
        joins = bool(out) and (
            glue
            or char in NO_START
            or (not _wide(char) and not out[-1][-1].isspace() and not _wide(out[-1][-1]))
        )
        if joins:
            out[-1] += char
        else:
            out.append(char)
        glue = char in NO_END
    return out


def breaks(text: str, width: int) -> list[int]:
    """Where to break ``text`` (offsets) for lines at most ``width`` cells wide."""
    offsets: list[int] = []
    position = 0
    used = 0
    for unit in units(text):
        size = cell_len(unit.rstrip())
        if used and used + size > width:
            offsets.append(position)
            used = 0
        if size > width:  # a unit wider than a line: fold it
            pieces = chop_cells(unit, width)
            for piece in pieces[:-1]:
                position += len(piece)
                offsets.append(position)
            used = cell_len(pieces[-1])
            position += len(pieces[-1])
            continue
        used += cell_len(unit)
        position += len(unit)
    return [o for o in offsets if 0 < o < len(text)]


class CJKText(Text):
    """A :class:`rich.text.Text` that wraps Chinese between characters."""

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: Any = None,
        overflow: Any = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            pieces = Lines([line]) if no_wrap else line.divide(breaks(line.plain, width))
            for piece in pieces:
                piece.rstrip()
                piece.truncate(width, overflow="fold")
            lines.extend(pieces)
        return lines

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = self.plain.splitlines() or [""]
        widest = max(cell_len(line) for line in lines)
        narrowest = max((cell_len(u.rstrip()) for line in lines for u in units(line)), default=0)
        return Measurement(min(narrowest, widest), widest)


def cjk(text: Any) -> Any:
    """``text`` as a :class:`CJKText` (same characters and styles); anything else as is."""
    if not isinstance(text, Text) or isinstance(text, CJKText):
        return text
    out = CJKText(
        text.plain,
        style=text.style,
        justify=text.justify,
        overflow=text.overflow,
        no_wrap=text.no_wrap,
        end=text.end,
    )
    out.spans = list(text.spans)
    return out
