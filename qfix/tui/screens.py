"""Modal screens: the help screen, the editor for a paragraph's Arabic or English, and the
dialog that asks for another path when a file cannot be written."""
from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static, TextArea


class HelpScreen(ModalScreen[None]):
    """Every key and what it does; any of escape, q, F1 or ? closes it."""

    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close")]

    def __init__(self, rows: list[tuple[str, str]]):
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("[b]qfix review — keys[/b]", id="help-title")
            table = DataTable(id="help-table", cursor_type="none", show_cursor=False)
            table.add_columns("key", "action")
            table.add_rows(self.rows)
            yield table
            yield Static("Panes: original (open issues marked, the focused one reversed) │ repaired Arabic "
                         "(edits marked) │ English (✎ = edited by you). Escape closes.", id="help-foot")

    def action_dismiss(self) -> None:
        self.dismiss(None)


class EditScreen(ModalScreen[str | None]):
    """A text area for one paragraph: ctrl+s keeps the text, escape drops it.

    Textual's text area lays text out left to right in logical order, which shows Arabic
    backwards on most terminals; for Arabic a preview under it shows the text as the panes
    draw it (visual order in ``app`` bidi mode, right-aligned), updated as the editor types."""

    BINDINGS = [Binding("ctrl+s", "save", "Keep"), Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, text: str, *, hint: str = "", rtl: bool = False, bidi_mode: str = "app"):
        super().__init__()
        self.heading, self.text, self.hint, self.rtl, self.bidi_mode = title, text, hint, rtl, bidi_mode

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box"):
            yield Static(f"[b]{self.heading}[/b] — ctrl+s keeps, escape cancels", id="edit-title")
            if self.hint:
                yield Static(self.hint, id="edit-hint", markup=False)
            area = TextArea(self.text, id="edit-area", soft_wrap=True, show_line_numbers=False)
            area.cursor_blink = False
            yield area
            if self.rtl:
                yield Static("Reads as (right to left; the box above holds the characters in the order "
                             "typed):", id="edit-note")
                yield Static("", id="edit-preview", markup=False)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()
        if self.rtl:
            self.call_after_refresh(self._preview)

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        if self.rtl:
            self._preview()

    def _preview(self) -> None:
        box = self.query_one("#edit-preview", Static)
        width = max(10, box.content_region.width or box.size.width or 60)
        box.update(preview(self.query_one(TextArea).text, width, self.bidi_mode))

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.replace("\n", " ").strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


def preview(text: str, width: int, bidi_mode: str = "app") -> str:
    """Right-to-left text wrapped at ``width`` as the panes draw it: each line in visual order
    (``app``) or as stored for a terminal that reorders (``terminal``); the widget's style aligns
    it right."""
    from .bidi import visual_order, wrap
    text = text.replace("\n", " ")
    lines = []
    for start, end in wrap(text, width):
        line = text[start:end]
        lines.append(visual_order(line, True)[1] if bidi_mode == "app" else line)
    return "\n".join(lines)


class PathScreen(ModalScreen[bool]):
    """Where to write instead, when a file could not be written: an input with a suggestion.

    ``attempt(path)`` writes there and returns None, or an error to show; the dialog stays
    open until a write succeeds (dismissed with True) or the editor presses escape (False)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, message: str, suggestion: str, attempt: Callable[[str], str | None]):
        super().__init__()
        self.heading, self.message, self.suggestion, self.attempt = title, message, suggestion, attempt

    def compose(self) -> ComposeResult:
        with Vertical(id="path-box"):
            yield Static(f"[b]{self.heading}[/b] — enter writes, escape cancels", id="path-title")
            yield Static(self.message, id="path-message", markup=False)
            yield Input(self.suggestion, id="path-input")
            yield Static("", id="path-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        error = self.attempt(event.value.strip()) if event.value.strip() else "give a path"
        if error is None:
            self.dismiss(True)
        else:
            self.query_one("#path-error", Static).update(Text(f"Not written: {error}", style="bold red"))

    def action_cancel(self) -> None:
        self.dismiss(False)
