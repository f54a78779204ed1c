"""Modal screens: the help screen and the editor for a paragraph's Arabic or English."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static, TextArea


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
    """A text area for one paragraph: ctrl+s keeps the text, escape drops it."""

    BINDINGS = [Binding("ctrl+s", "save", "Keep"), Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, text: str, *, hint: str = "", rtl: bool = False):
        super().__init__()
        self.heading, self.text, self.hint, self.rtl = title, text, hint, rtl

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box"):
            yield Static(f"[b]{self.heading}[/b] — ctrl+s keeps, escape cancels", id="edit-title")
            if self.hint:
                yield Static(self.hint, id="edit-hint", markup=False)
            area = TextArea(self.text, id="edit-area", soft_wrap=True, show_line_numbers=False)
            area.cursor_blink = False
            yield area
            if self.rtl:
                yield Static("The text is stored as typed (logical order); the panes show it reordered.",
                             id="edit-note")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.replace("\n", " ").strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
