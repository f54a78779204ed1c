"""The segment list on the left: one line per paragraph, drawn with Textual's line API.

A DataTable builds and measures every row up front and repaints itself whole when a
cell changes, which costs a 2,000-paragraph document a second to open and a tenth of
a second per key. This list draws only the rows on screen (``render_line``), caches
each drawn row, and repaints only the rows that changed (``refresh_line``).
"""
from __future__ import annotations

from typing import Callable

from rich.segment import Segment as RichSegment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .aligned import component_style

Describe = Callable[[int], tuple[str, str]]  # segment index -> (status, open issues)
HEADING = " ¶     status    open"


def row_text(i: int, status: str, open_: str) -> str:
    return f" {i + 1:<5} {status:<9} {open_:>4}"


class SegmentList(ScrollView, can_focus=True, inherit_bindings=False):
    """Paragraph number, status and open issues of each visible segment; a cursor row."""

    COMPONENT_CLASSES = {"seglist--cursor", "seglist--cursor-blurred", "seglist--open", "seglist--done"}

    class Selected(Message):
        """The editor clicked a row."""

        def __init__(self, index: int):
            super().__init__()
            self.index = index

    def __init__(self, describe: Describe, **kwargs):
        super().__init__(**kwargs)
        self.describe = describe
        self.rows: list[int] = []
        self.cursor = 0  # position in rows
        self._pos: dict[int, int] = {}
        self._strips: dict[int, Strip] = {}
        self._rich: dict[str, Style] = {}

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: list[int]) -> None:
        self.rows = rows
        self._pos = {i: k for k, i in enumerate(rows)}
        self.cursor = min(self.cursor, max(0, len(rows) - 1))
        self._strips.clear()
        self.virtual_size = Size(len(row_text(0, "", "")), len(rows))
        self.refresh()

    def refresh_rows(self, indices) -> None:
        """Segments whose status or open issues changed: redraw their rows only."""
        top, height = int(self.scroll_offset.y), self.size.height
        for i in indices:
            k = self._pos.get(i)
            if k is None:
                continue
            self._strips.pop(k, None)
            if top <= k < top + height:
                self.refresh_line(k)

    def move_cursor(self, k: int) -> None:
        if not self.rows:
            return
        k = min(max(0, k), len(self.rows) - 1)
        old, self.cursor = self.cursor, k
        for pos in {old, k}:
            self._strips.pop(pos, None)
            self.refresh_line(pos)
        self.scroll_to_region(Region(0, k, 1, 1), animate=False, immediate=True)

    def _on_focus(self, event: events.Focus) -> None:
        self._strips.pop(self.cursor, None)
        self.refresh_line(self.cursor)

    def _on_blur(self, event: events.Blur) -> None:
        self._strips.pop(self.cursor, None)
        self.refresh_line(self.cursor)

    def on_click(self, event: events.Click) -> None:
        k = event.y + int(self.scroll_offset.y)
        if 0 <= k < len(self.rows):
            self.post_message(self.Selected(self.rows[k]))

    def on_resize(self) -> None:
        self._strips.clear()
        if self.rows:  # the first layout: the cursor may start far down (a restored session)
            self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        k = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if not 0 <= k < len(self.rows):
            return Strip.blank(width, self._style(""))
        strip = self._strips.get(k)
        if strip is None:
            strip = self._strips[k] = self._draw(k, width)
        return strip

    def _style(self, name: str) -> Style:
        """The widget's style plus a component's, cached until the styles change."""
        style = self._rich.get(name)
        if style is None:
            base = self.rich_style
            style = self._rich[name] = base + component_style(self, name) if name else base
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rich.clear()
        self._strips.clear()

    def _draw(self, k: int, width: int) -> Strip:
        i = self.rows[k]
        status, open_ = self.describe(i)
        base = self._style("")
        if k == self.cursor:
            style = self._style("seglist--cursor" if self.has_focus else "seglist--cursor-blurred")
        elif open_:
            style = self._style("seglist--open")
        elif status != "pending":
            style = self._style("seglist--done")
        else:
            style = base
        text = row_text(i, status, open_)
        return Strip([RichSegment(text, style)]).adjust_cell_length(width, style if k == self.cursor else base)
