"""Three panes in one scroll view: original, repaired Arabic, English, paragraph by paragraph.

One widget draws all three columns line by line (Textual's line API), so the panes
scroll together by construction and a 2,000-paragraph document costs only the lines
on screen: wrapping is cached per segment and width, drawn lines per segment.
"""
from __future__ import annotations

import bisect
from itertools import accumulate

from rich.segment import Segment as RichSegment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .bidi import is_rtl, visual_order, wrap
from ..review.model import ReviewModel

GUTTER = " │ "


def component_style(widget, name: str) -> Style:
    """A component class's own style, its colours blended as Textual blends them.

    ``get_component_rich_style(partial=True)`` drops the alpha of a colour such as
    ``$boost`` or ``$foreground 30%`` (an opaque white); the full style has the colours
    blended over the widget's background, so those replace the partial style's."""
    partial = widget.get_component_rich_style(name, partial=True)
    if partial.color is None and partial.bgcolor is None:
        return partial
    full = widget.get_component_rich_style(name)
    return partial + Style(color=full.color if partial.color is not None else None,
                           bgcolor=full.bgcolor if partial.bgcolor is not None else None)


class AlignedView(ScrollView, can_focus=True, inherit_bindings=False):
    """The original, the repaired Arabic and the English of each visible segment, side by side.

    Up and down are the app's (previous / next paragraph); the pages scroll here."""

    BINDINGS = [
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
    ]

    COMPONENT_CLASSES = {
        "aligned--label", "aligned--label-current", "aligned--defect", "aligned--focus", "aligned--edit",
        "aligned--muted", "aligned--edited", "aligned--gutter", "aligned--current",
    }

    def __init__(self, model: ReviewModel, bidi_mode: str = "app", **kwargs):
        super().__init__(**kwargs)
        self.model = model
        self.bidi_mode = bidi_mode
        self.rows: list[int] = list(range(len(model.segments)))  # segments shown (after filters)
        self.current = 0
        self.focus_issue_id: str | None = None
        self.english_note = ""  # shown where a segment has no English yet
        self._width = -1
        self._wraps: dict[int, tuple[list, list, list]] = {}
        self._strips: dict[int, dict[int, Strip]] = {}
        self._styles: dict[int, tuple] = {}
        self._tops: list[int] = []
        self._heights: list[int] = []
        self._rich: dict[str, Style] = {}
        self._height_of: dict[int, int] = {}  # lines of each segment at the current width

    # --- layout ---------------------------------------------------------------

    def _col_width(self) -> int:
        return max(4, (self.scrollable_content_region.width - 2 * len(GUTTER)) // 3)

    def _texts(self, i: int) -> tuple[str, str, str]:
        seg = self.model.segments[i]
        removal = seg.paragraph.removed_by
        arabic = seg.arabic if not seg.removed else f"(removed: {removal.code if removal else ''})"
        if seg.english_edited:
            english = "✎ " + seg.english
        elif seg.english_for is not None and seg.english_for == seg.arabic:
            english = seg.english
        elif not seg.arabic.strip():
            english = seg.english if seg.english_for is not None else ""
        else:
            english = self.english_note or "…"
        return seg.source, arabic, english

    def _wrap(self, i: int) -> tuple[list, list, list]:
        w = self._wraps.get(i)
        if w is None:
            width = self._col_width()
            w = self._wraps[i] = tuple(wrap(t, width) for t in self._texts(i))  # type: ignore[assignment]
        return w

    def _height(self, i: int) -> int:
        h = self._height_of.get(i)
        if h is None:
            h = self._height_of[i] = 1 + max(len(c) for c in self._wrap(i))
        return h

    def relayout(self) -> None:
        """Recompute the segments' positions (after a resize, a filter or a height change)."""
        if self.scrollable_content_region.width <= 0:
            return  # not laid out yet: on_resize does it with the real width
        self._heights = [self._height(i) for i in self.rows]
        self._tops = list(accumulate(self._heights, initial=0))[:-1]
        y = self._tops[-1] + self._heights[-1] if self._tops else 0
        self.virtual_size = Size(self.scrollable_content_region.width, y)
        self.refresh()

    def on_resize(self) -> None:
        width = self._col_width()
        if width != self._width:
            self._width = width
            self._wraps.clear()
            self._height_of.clear()
            self._strips.clear()
        self._styles.clear()
        self.relayout()
        self.show_segment(self.current)  # the first layout, or a new width: keep the focus in view

    def set_rows(self, rows: list[int]) -> None:
        self.rows = rows
        self._strips.clear()
        self._styles.clear()
        self.relayout()

    def refresh_segments(self, indices) -> None:
        """Segments whose text, issues or status changed: re-wrap and redraw them only."""
        indices = list(indices)
        heights = []
        for i in indices:
            heights.append(self._height_of.pop(i, None))
            self._wraps.pop(i, None)
            self._strips.pop(i, None)
            self._styles.pop(i, None)
        if self._width < 0:
            return
        if any(h != self._height(i) for i, h in zip(indices, heights)):
            self.relayout()  # a height changed: everything below moves
        else:
            self._refresh_regions(indices)

    def _refresh_regions(self, indices) -> None:
        """Repaint the screen lines of these segments (those scrolled into view)."""
        top, bottom = int(self.scroll_offset.y), int(self.scroll_offset.y) + self.size.height
        for i in indices:
            k = self.row_of(i)
            if k is None or k >= len(self._tops):
                continue
            a, b = max(top, self._tops[k]), min(bottom, self._tops[k] + self._heights[k])
            if a < b:
                self.refresh_lines(a, b - a)

    def set_english_note(self, note: str) -> None:
        """The line shown where a paragraph has no English yet: re-wrap those paragraphs."""
        if note == self.english_note:
            return
        self.english_note = note
        showing = [i for i, seg in enumerate(self.model.segments)
                   if not seg.english_edited and seg.english_for != seg.arabic
                   and seg.arabic.strip()]
        width = self._col_width()
        for i in showing:  # only the English column changes: keep the Arabic columns' wrapping
            self._strips.pop(i, None)
            self._styles.pop(i, None)
            self._height_of.pop(i, None)
            if i in self._wraps:
                src, rep, _ = self._wraps[i]
                self._wraps[i] = (src, rep, wrap(note, width))
        if self._width >= 0:
            self.relayout()

    def restyle(self) -> None:
        """Colours or the bidi mode changed: redraw everything without re-wrapping."""
        self._rich.clear()
        self._strips.clear()
        self._styles.clear()
        self.refresh()

    def row_of(self, i: int) -> int | None:
        pos = bisect.bisect_left(self.rows, i)
        return pos if pos < len(self.rows) and self.rows[pos] == i else None

    def segment_region(self, i: int) -> Region | None:
        pos = self.row_of(i)
        if pos is None or pos >= len(self._tops):
            return None
        return Region(0, self._tops[pos], self.size.width, self._heights[pos])

    def show_segment(self, i: int, animate: bool = False) -> None:
        region = self.segment_region(i)
        if region is not None:
            self.scroll_to_region(region, animate=animate, top=region.height > self.size.height,
                                  immediate=True)

    def set_current(self, i: int, issue_id: str | None) -> None:
        old = self.current
        self.current, self.focus_issue_id = i, issue_id
        for k in {old, i}:
            self._strips.pop(k, None)
            self._styles.pop(k, None)
        self._refresh_regions({old, i})

    # --- drawing ----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_y = int(self.scroll_offset.y)
        y += scroll_y
        width = self.scrollable_content_region.width
        k = bisect.bisect_right(self._tops, y) - 1
        if k < 0 or k >= len(self.rows) or not self._tops:
            return Strip.blank(width, self._style(""))
        i = self.rows[k]
        row = y - self._tops[k]
        cache = self._strips.setdefault(i, {})
        strip = cache.get(row)
        if strip is None:
            strip = cache[row] = self._draw(i, row, width)
        return strip

    def _style(self, name: str) -> Style:
        """A component's style (or the widget's own for ""), cached until the styles change:
        Textual recomputes them from the ancestors after every refresh."""
        style = self._rich.get(name)
        if style is None:
            style = self._rich[name] = self.rich_style if not name else component_style(self, name)
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rich.clear()
        self._strips.clear()
        self._styles.clear()

    def _draw(self, i: int, row: int, width: int) -> Strip:
        base = self._style("")
        if row == 0:
            return self._label(i, width)
        col = self._col_width()
        wraps = self._wrap(i)
        texts = self._texts(i)
        seg = self.model.segments[i]
        gutter = self._style("aligned--gutter")
        cur = self._style("aligned--current") if i == self.current else Style()
        pieces: list[RichSegment] = []
        styles = self._styles.get(i)
        if styles is None:
            styles = self._styles[i] = self._char_styles(i, texts)
        for c in range(3):
            if c:
                pieces.append(RichSegment(GUTTER, base + gutter + cur))
            lines = wraps[c]
            if row - 1 >= len(lines):
                pieces.append(RichSegment(" " * col, base + cur))
                continue
            s, e = lines[row - 1]
            arabic_col = c < 2 and not (c == 1 and seg.removed)
            pieces.extend(self._cell(texts[c], s, e, styles[c], col, arabic_col, base + cur))
        strip = Strip(pieces)
        return strip.adjust_cell_length(width, base)

    def _label(self, i: int, width: int) -> Strip:
        status = self.model.status(i)
        n_open = len(self.model.open_issues(i))
        text = f" ¶{i + 1} · {status}" + (f" · {n_open} open" if n_open else "") + " "
        name = "aligned--label-current" if i == self.current else "aligned--label"
        style = self._style("") + self._style(name)
        line = "─" + text + "─" * max(0, width - len(text) - 1)
        return Strip([RichSegment(line[:width], style)]).adjust_cell_length(width, self._style(""))

    def _char_styles(self, i: int, texts: tuple[str, str, str]) -> tuple[list, list, list]:
        seg = self.model.segments[i]
        src = [None] * len(texts[0])
        defect, focus = self._style("aligned--defect"), self._style("aligned--focus")
        for x in seg.issues:
            if self.model.decisions.get(x.id) is not None and x.id != self.focus_issue_id:
                continue
            st = focus if x.id == self.focus_issue_id and i == self.current else defect
            a, b = x.start, max(x.end, x.start + 1)
            for k in range(a, min(b, len(src))):
                src[k] = st
        rep = [None] * len(texts[1])
        if seg.removed:
            rep = [self._style("aligned--muted")] * len(texts[1])
        else:
            edit = self._style("aligned--edit")
            for a, b in self.model.edit_spans(i):
                for k in range(a, min(b, len(rep))):
                    rep[k] = edit
        en_style = None
        if seg.english_edited:
            en_style = self._style("aligned--edited")
        elif not (seg.english_for is not None and seg.english_for == seg.arabic):
            en_style = self._style("aligned--muted")
        return src, rep, [en_style] * len(texts[2])

    def _cell(self, text: str, s: int, e: int, styles: list, col: int, arabic: bool, base: Style):
        line = text[s:e]
        if arabic and self.bidi_mode == "app" and line:
            rtl = is_rtl(text)
            order, shown = visual_order(line, rtl)
            idx = [s + k for k in order]
        else:
            rtl = arabic and self.bidi_mode == "app" and is_rtl(text)
            shown, idx = line, list(range(s, e))
        out: list[RichSegment] = []
        run, run_style = "", None
        for ch, k in zip(shown, idx):
            st = styles[k] if k < len(styles) else None
            if st is not run_style and run:
                out.append(RichSegment(run, base + run_style if run_style else base))
                run = ""
            run_style = st
            run += ch
        if run:
            out.append(RichSegment(run, base + run_style if run_style else base))
        used = sum(seg.cell_length for seg in out)
        pad = RichSegment(" " * max(0, col - used), base)
        return [pad, *out] if rtl else [*out, pad]
