"""`qfix review`: the editor's side-by-side review of a repair and its English.

State lives in the ``ReviewModel``; the app's handlers change it and redraw.
Slow work (loading the model, translating) runs in thread workers that only post
messages (STYLE item 9). Every
decision is saved to the session file before the key's handler returns.
"""
from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.message import Message
from textual.widgets import Footer, Header, ProgressBar, Static
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle

from ..rules.base import REGISTRY
from .aligned import AlignedView
from .bidi import MODES
from ..review.model import ReviewModel
from ..review.mt import translate_segments as _translate
from .seglist import HEADING, SegmentList
from ..review import session as sessions

EngineFactory = Callable[[], object]
TRANSLATE_CHUNK = 8


class Cancelled(Exception):
    """The worker waiting on a daemon thread was cancelled (the app is quitting, or newer work came)."""


def in_daemon(fn: Callable[[], object], cancelled: Callable[[], bool], poll: float = 0.05):
    """``fn()`` in a daemon thread, waited for in steps of ``poll`` seconds until ``cancelled()``.

    Textual runs thread workers in an executor whose threads are joined when the process ends,
    so a worker blocked in a model call would hold up quitting for as long as the model takes;
    a daemon thread is left behind instead, and the worker returns at once."""
    box: dict = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the waiting worker
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="qfix-model", daemon=True).start()
    while not done.wait(poll):
        if cancelled():
            raise Cancelled
    if "error" in box:
        raise box["error"]
    return box["value"]


class EngineHolder:
    """Loads the engine once, in a daemon thread, whichever worker asks first (a lock, not a widget)."""

    def __init__(self, factory: EngineFactory | None):
        self.factory = factory
        self.engine = None
        self.error = ""
        self.key: str | None = None  # the engine's key in the review model's engines
        self._lock = threading.Lock()
        self._loading: threading.Event | None = None
        self.use_lock = threading.Lock()  # one translation at a time: a model is not thread-safe

    @property
    def loaded(self) -> bool:
        return self._loading is not None and self._loading.is_set()

    def get(self, cancelled: Callable[[], bool] = lambda: False):
        """The engine, loaded on first use; None when it failed (``error`` says why) or when
        ``cancelled()`` turned true while it was still loading."""
        if self.factory is None:
            return None
        with self._lock:
            if self._loading is None:
                self._loading = threading.Event()
                threading.Thread(target=self._load, name="qfix-model-load", daemon=True).start()
            loading = self._loading
        while not loading.wait(0.05):
            if cancelled():
                return None
        return self.engine

    def _load(self) -> None:
        try:
            self.engine = self.factory()  # type: ignore[misc]
        except BaseException as exc:  # a missing or broken model: the review goes on without it
            self.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        finally:
            assert self._loading is not None
            self._loading.set()


class EngineLoading(Message):
    pass


class EngineFailed(Message):
    def __init__(self, error: str):
        super().__init__()
        self.error = error


class Translated(Message):
    def __init__(self, results: list[tuple[int, str, str]], done: int, total: int):
        super().__init__()
        self.results, self.done, self.total = results, done, total


class _Title(HeaderTitle):
    """The header's title line: its size never changes, so a new text needs no layout pass
    (Textual's own does one, which repaints the whole screen after every decision)."""

    def update(self, content="", *, layout: bool = False) -> None:
        super().update(content, layout=False)


class ReviewHeader(Header):
    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield _Title()
        yield HeaderClockSpace()


class ReviewApp(App):
    """Three aligned panes, a segment list, and keys for every decision."""

    CSS_PATH = "review.tcss"
    TITLE = "qfix review"
    BINDINGS = [
        Binding("a", "accept", "Accept"),
        Binding("r", "reject", "Reject"),
        Binding("n", "next_issue", "Next issue"),
        Binding("p", "prev_issue", "Prev issue"),
        Binding("A", "accept_rule", "Accept rule"),
        Binding("R", "reject_rule", "Reject rule", show=False),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("e", "edit_arabic", "Edit Arabic", show=False),
        Binding("t", "edit_english", "Edit English"),
        Binding("T", "retranslate", "Re-translate", show=False),
        Binding("j,down", "next_segment", "Next ¶", show=False),
        Binding("k,up", "prev_segment", "Prev ¶", show=False),
        Binding("i", "filter_issues", "Issues only", show=False),
        Binding("v", "filter_unreviewed", "Unreviewed", show=False),
        Binding("b", "toggle_bidi", "Bidi"),
        Binding("x", "export", "Export"),
        Binding("w", "save_as", "Save as", show=False),
        Binding("f1,question_mark", "help", "Help"),
        Binding("q", "quit_review", "Quit"),
    ]
    ACTION_HELP = {
        "accept": "Accept the focused repair (or the paragraph, if it has none)",
        "reject": "Reject the focused repair: the paragraph goes back to the original there",
        "next_issue": "Go to the next open issue",
        "prev_issue": "Go to the previous open issue",
        "accept_rule": "Accept every open repair of the focused issue's rule",
        "reject_rule": "Reject every open repair of the focused issue's rule",
        "undo": "Undo the last decision or edit",
        "edit_arabic": "Edit the paragraph's Arabic by hand (applies a suggestion)",
        "edit_english": "Edit the paragraph's English in place",
        "retranslate": "Re-translate the paragraph, discarding an English edit",
        "next_segment": "Go to the next paragraph",
        "prev_segment": "Go to the previous paragraph",
        "filter_issues": "Show only paragraphs with open issues (toggle)",
        "filter_unreviewed": "Show only paragraphs not yet reviewed (toggle)",
        "toggle_bidi": "Draw Arabic reordered by qfix (app) or pass it to the terminal (terminal)",
        "export": "Export the Arabic, English, Markdown, JSON report and XLIFF beside the input",
        "save_as": "Save the session to another file (and keep saving there)",
        "help": "Show the keys and what they do",
        "quit_review": "Save the session and quit",
    }

    def __init__(self, model: ReviewModel, *, input_name: str, session_path: str | Path | None,
                 bidi_mode: str = "app", engine_factory: EngineFactory | None = None,
                 use_workers: bool = True, memory: bool = True, export_base: str | Path | None = None,
                 encoding: str = "utf-8"):
        super().__init__()
        self.model = model
        self.input_name = input_name
        self.session_path = Path(session_path) if session_path else None
        self.bidi_mode = bidi_mode
        self.engine = EngineHolder(engine_factory)
        self.use_workers = use_workers
        self.use_memory = memory
        self.export_base = Path(export_base) if export_base else Path(input_name)
        self.encoding = encoding
        self.issue_id: str | None = None
        self.current = 0
        self.filter_issues = False
        self.filter_unreviewed = False
        self.english_note = ""
        self.timings: dict[str, float] = {}
        self.mounted_at = 0.0  # perf_counter() when on_mount finished (the benchmark's first screen)
        self.save_error = ""  # why the last save failed ('' when the session on disk is current)
        self._asking = False  # a dialog for another path is open
        self._quit_unsaved = False  # q was pressed with an unsaved session, and the dialog declined

    # --- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield ReviewHeader()
        with Horizontal(id="main"):
            with Vertical(id="sidebar"):
                yield Static("", id="filters")
                yield Static(HEADING, id="seg-head")
                yield SegmentList(self._describe, id="segments")
            with Vertical(id="work"):
                yield Static(" Original  │  Repaired Arabic  │  English", id="pane-titles")
                yield AlignedView(self.model, self.bidi_mode, id="panes")
                yield Static("", id="detail")
                yield Static("", id="alert")
                with Horizontal(id="mt"):
                    yield Static("", id="mt-status")
                    yield ProgressBar(id="mt-progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"qfix review — {Path(self.input_name).name}"
        self.panes = self.query_one(AlignedView)
        self.table = self.query_one(SegmentList)
        self.query_one("#mt").display = False
        self.query_one("#alert").display = False
        self._fill_table()
        first = self._next_issue_from(0, (-1, ""), forward=True)
        if first is not None:
            self._go(*first)
        else:
            self._go(0, None)
        self.panes.focus()
        self._update_header()
        if self.use_workers:  # after the first screen is drawn: the editor sees it sooner
            self.call_after_refresh(self.request_translation)
        else:
            self._translate_now()
        self.mounted_at = time.perf_counter()

    # --- segment list -------------------------------------------------------------

    def visible_rows(self) -> list[int]:
        rows = []
        for i, seg in enumerate(self.model.segments):
            if self.filter_issues and not self.model.open_issues(i):
                continue
            if self.filter_unreviewed and (self.model.status(i) != "pending" or not seg.source.strip()):
                continue
            rows.append(i)
        return rows

    def _describe(self, i: int) -> tuple[str, str]:
        """(status, open issues) of a segment, as the list shows it."""
        n = len(self.model.open_issues(i))
        return self.model.status(i), str(n) if n else ""

    def _fill_table(self) -> None:
        rows = self.visible_rows()
        self.table.set_rows(rows)
        self.panes.set_rows(rows)
        labels = [name for name, on_ in (("issues only", self.filter_issues),
                                         ("unreviewed", self.filter_unreviewed)) if on_]
        self.query_one("#filters", Static).update(" filter: " + (", ".join(labels) or "all")
                                                   + f" ({len(rows)})", layout=False)

    def _refresh(self, changed: Iterable[int]) -> None:
        changed = list(changed)
        self.table.refresh_rows(changed)
        self.panes.refresh_segments(changed)
        self._update_header(changed)

    def _update_header(self, changed: Iterable[int] | None = None) -> None:
        """Progress in the header; only the changed segments are counted again."""
        counts = getattr(self, "_counts", None)
        if counts is None or changed is None:
            counts = self._counts = [self._count(i) for i in range(len(self.model.segments))]
        else:
            for i in changed:
                counts[i] = self._count(i)
        reviewed = sum(c[0] for c in counts)
        total = sum(c[1] for c in counts)
        open_ = sum(c[2] for c in counts)
        sub_title = f"reviewed {reviewed}/{total} · {open_} open issues · bidi {self.bidi_mode}"
        if sub_title != self.sub_title:
            # Setting App.sub_title repaints the whole screen; the header's line is enough.
            self.set_reactive(App.sub_title, sub_title)
            for header in self.query(ReviewHeader):
                header.query_one(_Title).update(header.format_title())

    def _count(self, i: int) -> tuple[int, int, int]:
        """(reviewed, has text, open issues) of one segment, as ``ReviewModel.progress`` counts them."""
        has_text = bool(self.model.segments[i].source.strip())
        return (int(has_text and self.model.status(i) != "pending"), int(has_text),
                len(self.model.open_issues(i)))

    # --- focus ----------------------------------------------------------------------

    def _go(self, i: int, issue_id: str | None, scroll: bool = True) -> None:
        self.current, self.issue_id = i, issue_id
        self.panes.set_current(i, issue_id)
        if scroll:
            self.panes.show_segment(i)
        pos = self.panes.row_of(i)
        if pos is not None and self.table.cursor != pos:
            self.table.move_cursor(pos)
        self._show_detail()

    def _issue(self):
        for x in self.model.segments[self.current].issues:
            if x.id == self.issue_id:
                return x
        return None

    def _show_detail(self) -> None:
        x = self._issue()
        seg = self.model.segments[self.current]
        if x is None:
            n = len(seg.issues)
            text = (f"¶{self.current + 1}: {self.model.status(self.current)} — "
                    + ("no issues; a accepts the paragraph" if not n else f"{n} issue(s), all decided"))
        else:
            rule = REGISTRY.get(x.code)
            f = x.finding
            if f.applicability.value == "display":
                kind = "suggestion, not applied by fix — e edits the Arabic by hand"
            else:
                kind = ("applied" if f.applied else "not applied") + f" ({f.applicability.value})"
            text = (f"[b]{x.code}[/b] {rule.name if rule else ''} · {kind} · {self.model.issue_state(x)}\n"
                    f"{f.message}\n"
                    f"[dim]{rule.why if rule else ''}[/dim]")
        for detail in self.query("#detail").results(Static):  # none while the app shuts down
            detail.update(text, layout=False)  # a fixed height: no layout pass for a new text

    @on(SegmentList.Selected)
    def _row_selected(self, event: SegmentList.Selected) -> None:
        if event.index != self.current:
            open_ = self.model.open_issues(event.index)
            self._go(event.index, open_[0].id if open_ else None)

    def _next_issue_from(self, seg: int, pos: int, *, forward: bool, include_current: bool = False):
        """(segment, issue id) of the next open issue in the visible rows, wrapping around."""
        rows = self.panes.rows if hasattr(self, "panes") else list(range(len(self.model.segments)))
        if not rows:
            return None
        start = self.panes.row_of(seg) if hasattr(self, "panes") else seg
        start = 0 if start is None else start
        n = len(rows)
        for step in range(n + 1):
            k = (start + step if forward else start - step) % n
            i = rows[k]
            issues = self.model.open_issues(i)
            if step == 0 and i == seg:
                if forward:
                    issues = [x for x in issues if (x.start, x.code) > pos or (include_current and
                                                                             (x.start, x.code) == pos)]
                else:
                    issues = [x for x in issues if (x.start, x.code) < pos]
            if issues:
                x = issues[0] if forward else issues[-1]
                return i, x.id
        return None

    def _pos(self):
        x = self._issue()
        return (x.start, x.code) if x else (-1, "")

    # --- actions ----------------------------------------------------------------------

    def _after_change(self, changed: list[int], advance: bool = True) -> None:
        self._refresh(changed)
        self.save()
        if advance:
            nxt = self._next_issue_from(self.current, self._pos(), forward=True)
            if nxt is not None:
                self._go(*nxt)
            else:
                self._go(self.current, None)
        else:
            self._show_detail()
        self.request_translation(changed)

    def _decide(self, value: bool) -> None:
        started = time.perf_counter()
        x = self._issue()
        if x is None:
            if value:
                self._after_change(self.model.approve(self.current), advance=False)
                self.action_next_segment()
            else:
                self.notify("No repair here to reject", severity="warning")
            return
        self._after_change(self.model.decide([x.id], value))
        self.timings["accept" if value else "reject"] = time.perf_counter() - started

    def action_accept(self) -> None:
        self._decide(True)

    def action_reject(self) -> None:
        self._decide(False)

    def _decide_rule(self, value: bool) -> None:
        x = self._issue()
        if x is None:
            self.notify("Focus an issue first (n)", severity="warning")
            return
        if x.finding.applicability.value == "display":  # a suggestion: no repair to accept or reject
            self.notify(f"{x.code} findings are suggestions without a repair: nothing to "
                        f"{'accept' if value else 'reject'} — e edits the Arabic by hand", severity="warning")
            return
        ids = [y.id for y in self.model.all_issues() if y.code == x.code and y.id not in self.model.decisions
               and y.finding.applicability.value != "display"]
        self._after_change(self.model.decide(ids, value))
        self.notify(f"{'Accepted' if value else 'Rejected'} {len(ids)} × {x.code}")

    def action_accept_rule(self) -> None:
        self._decide_rule(True)

    def action_reject_rule(self) -> None:
        self._decide_rule(False)

    def action_undo(self) -> None:
        changed = self.model.undo()
        if changed is None:
            self.notify("Nothing to undo")
            return
        self._after_change(changed, advance=False)
        i = changed[0] if changed else self.current
        open_ = self.model.open_issues(i)
        self._go(i, open_[0].id if open_ else None)

    def action_next_issue(self) -> None:
        started = time.perf_counter()
        nxt = self._next_issue_from(self.current, self._pos(), forward=True)
        if nxt is None:
            self.notify("No open issues left")
        else:
            self._go(*nxt)
        self.timings["next"] = time.perf_counter() - started

    def action_prev_issue(self) -> None:
        prev = self._next_issue_from(self.current, self._pos() if self._issue() else (10**9, ""), forward=False)
        if prev is None:
            self.notify("No open issues left")
        else:
            self._go(*prev)

    def _step_segment(self, delta: int) -> None:
        pos = self.panes.row_of(self.current)
        rows = self.panes.rows
        if not rows:
            return
        k = min(max(0, (pos if pos is not None else 0) + delta), len(rows) - 1)
        i = rows[k]
        open_ = self.model.open_issues(i)
        self._go(i, open_[0].id if open_ else None)

    def action_next_segment(self) -> None:
        self._step_segment(1)

    def action_prev_segment(self) -> None:
        self._step_segment(-1)

    def action_edit_arabic(self) -> None:
        seg = self.model.segments[self.current]
        x = self._issue()
        hint = ""
        if x is not None:
            rule = REGISTRY.get(x.code)
            hint = f"{x.code}: {x.finding.message}" + (f" — {rule.summary}" if rule else "")

        def done(text: str | None) -> None:
            if text is not None and text != seg.arabic:
                self._after_change(self.model.edit_arabic(self.current, text), advance=False)

        from .screens import EditScreen  # imported when first needed: a faster start
        self.push_screen(EditScreen(f"Arabic of ¶{self.current + 1}", seg.arabic, hint=hint, rtl=True,
                                    bidi_mode=self.bidi_mode), done)

    def action_edit_english(self) -> None:
        seg = self.model.segments[self.current]
        from ..review.model import english_of

        def done(text: str | None) -> None:
            if text is not None and text != english_of(seg):
                self._after_change(self.model.edit_english(self.current, text), advance=False)

        from .screens import EditScreen
        self.push_screen(EditScreen(f"English of ¶{self.current + 1}", english_of(seg),
                                    hint="Saved as the editor's English: never overwritten by a "
                                         "re-translation unless you ask (T)."), done)

    def action_retranslate(self) -> None:
        self._after_change(self.model.edit_english(self.current, None), advance=False)

    def action_filter_issues(self) -> None:
        self.filter_issues = not self.filter_issues
        self._refilter()

    def action_filter_unreviewed(self) -> None:
        self.filter_unreviewed = not self.filter_unreviewed
        self._refilter()

    def _refilter(self) -> None:
        self._fill_table()
        rows = self.panes.rows
        if rows and self.current not in rows:
            i = rows[0]
            open_ = self.model.open_issues(i)
            self._go(i, open_[0].id if open_ else None)
        else:
            self._go(self.current, self.issue_id)

    def action_toggle_bidi(self) -> None:
        self.bidi_mode = MODES[(MODES.index(self.bidi_mode) + 1) % len(MODES)]
        self.panes.bidi_mode = self.bidi_mode
        self.panes.restyle()
        self._update_header(())
        self.notify(f"Arabic drawn by: {'qfix (visual order)' if self.bidi_mode == 'app' else 'the terminal'}")

    def action_export(self) -> list[Path]:
        """Every format beside the input (or --output), all or nothing; where that cannot be
        written, a message and a dialog for another place."""
        from ..errors import UserError
        try:
            return self._export_to(self.export_base)
        except UserError as exc:
            self.notify(f"Nothing exported: {exc}", severity="error", timeout=10, markup=False)
            self._ask_path("Export to another place", f"Nothing was exported: {exc}",
                           self._suggest_path(self.export_base.name), self._try_export)
            return []

    def _export_to(self, base: Path) -> list[Path]:
        from ..review.exports import FORMATS, missing_english, write_exports
        written = write_exports(self.model, self.input_name, FORMATS, base, self.encoding)
        missing = missing_english(self.model)
        note = f" ({len(missing)} paragraph(s) without English yet)" if missing else ""
        self.notify(f"Exported {len(written)} files beside {base}{note}", markup=False)
        return written

    def _try_export(self, path: str) -> str | None:
        from ..errors import UserError
        try:
            self._export_to(Path(path).expanduser())
        except UserError as exc:
            return str(exc)
        self.export_base = Path(path).expanduser()
        return None

    def action_help(self) -> None:
        from .screens import HelpScreen
        self.push_screen(HelpScreen(self._help_rows()))

    def _help_rows(self) -> list[tuple[str, str]]:
        rows = []
        for b in self.BINDINGS:
            keys = ", ".join(self.get_key_display(Binding(k.strip(), b.action)) for k in b.key.split(","))
            rows.append((keys, self.ACTION_HELP.get(b.action, b.description)))
        rows.append(("ctrl+p", "Command palette: every action by name"))
        return rows

    def action_quit_review(self) -> None:
        """Save and quit. When the session cannot be saved: a dialog for another place first; once
        that was declined, q quits without saving (and the command says so)."""
        if self.save(ask=False) or self._quit_unsaved:
            self.exit(0)
            return
        self._quit_unsaved = True
        self._ask_path("Save the session before quitting",
                       f"The session could not be saved: {self.save_error}. Save it elsewhere, or press "
                       "escape and q again to quit without saving.",
                       self._suggest_path(self._session_name()), self._try_session_path, then_quit=True)

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        for b in self.BINDINGS:
            yield SystemCommand(b.description, self.ACTION_HELP.get(b.action, ""),
                                lambda action=b.action: self.run_action(action))

    # --- saving -----------------------------------------------------------------------

    def save(self, ask: bool = True) -> bool:
        """Write the session; False (and a message, and, the first time and if ``ask``, a dialog for
        another place) when it cannot be written. The decisions stay in memory either way."""
        if self.session_path is None:
            return True
        from ..errors import UserError
        started = time.perf_counter()
        try:
            sessions.save_model(self.session_path, self.model, self.input_name, self.encoding)
        except UserError as exc:
            self._save_failed(str(exc), ask)
            return False
        self.timings["save"] = time.perf_counter() - started
        if self.save_error:
            self.save_error = ""
            self._show_alert("")
        return True

    def _save_failed(self, error: str, ask: bool = True) -> None:
        first = not self.save_error
        self.save_error = error
        self._show_alert(f"[b]Session not saved[/b] (kept in memory; w saves elsewhere): {escape(error)}")
        if first:
            self.notify(f"Session not saved: {error}", severity="error", timeout=10, markup=False)
            if ask and self.is_running and not self._asking:
                self._ask_path("Save the session elsewhere", f"The session could not be saved: {error}",
                               self._suggest_path(self._session_name()), self._try_session_path)

    def _show_alert(self, text: str) -> None:
        for alert in self.query("#alert").results(Static):
            alert.update(text)
            alert.display = bool(text)

    def action_save_as(self) -> None:
        self._ask_path("Save the session to", f"Now: {self.session_path}",
                       str(self.session_path) if not self.save_error else self._suggest_path(self._session_name()),
                       self._try_session_path)

    def _session_name(self) -> str:
        return self.session_path.name if self.session_path else sessions.default_session_path(self.input_name).name

    def _try_session_path(self, path: str) -> str | None:
        """Save the session there from now on; an error message if it cannot be written."""
        from ..errors import UserError
        target = Path(path).expanduser()
        if target.is_dir():
            target = target / self._session_name()
        try:
            sessions.save_model(target, self.model, self.input_name, self.encoding)
        except UserError as exc:
            return str(exc)
        self.session_path = target
        self.save_error = ""
        self._show_alert("")
        self.notify(f"Session saved to {target}", markup=False)
        return None

    def _suggest_path(self, name: str) -> str:
        """A writable directory other than the input's, for a file called ``name``."""
        here = Path(self.input_name).resolve().parent
        for directory in (Path.cwd(), Path.home(), Path(tempfile.gettempdir())):
            try:
                if directory.resolve() != here and os.access(directory, os.W_OK | os.X_OK):
                    return str(directory / name)
            except OSError:
                continue
        return str(Path.home() / name)

    def _ask_path(self, title: str, message: str, suggestion: str, attempt: Callable[[str], str | None],
                  then_quit: bool = False) -> None:
        from .screens import PathScreen
        self._asking = True

        def done(saved: bool | None) -> None:
            self._asking = False
            if saved and then_quit:
                self.exit(0)
            elif then_quit:
                self.notify("Session not saved: q quits without saving", severity="warning")

        self.push_screen(PathScreen(title, message, suggestion, attempt), done)

    # --- workers and their messages ----------------------------------------------------------

    def request_translation(self, first: Iterable[int] = ()) -> None:
        """Translate every segment whose English is missing or stale, the affected ones first."""
        if self.engine.factory is None or self.engine.error:
            return
        first = list(first)
        todo = self.model.to_translate(self.current)
        if not todo:
            return
        front = [t for t in todo if t[0] in set(first)]
        todo = front + [t for t in todo if t[0] not in set(first)]
        if self.use_workers:
            self.translate_worker(todo)
        else:
            self._translate_now()

    def _memory(self):
        if not (self.use_memory and self.model.config.cache):
            return None
        from ..translate import TranslationMemory
        return TranslationMemory()

    def _translate_now(self) -> None:
        """Synchronous translation (tests and snapshots with an instant engine)."""
        engine = self.engine.get()
        if engine is None:
            if self.engine.error:
                self.post_message(EngineFailed(self.engine.error))
            return
        todo = self.model.to_translate(0)
        if todo:
            self._apply_translations(_translate(engine, todo, self.model.config, self._memory()))

    @work(thread=True, exclusive=True, group="translate")
    def translate_worker(self, todo: list[tuple[int, str]]) -> None:
        """Load the model (once) and translate ``todo`` in chunks; the model calls run in daemon
        threads (``in_daemon``), so a cancelled worker, and quitting, never wait for them."""
        from textual.worker import get_current_worker
        worker = get_current_worker()

        def cancelled() -> bool:
            return worker.is_cancelled

        if not self.engine.loaded:
            self.post_message(EngineLoading())
        engine = self.engine.get(cancelled)
        if worker.is_cancelled:
            return
        if engine is None:
            self.post_message(EngineFailed(self.engine.error or "no translation engine"))
            return
        try:
            done = 0
            self.post_message(Translated([], 0, len(todo)))
            for k in range(0, len(todo), TRANSLATE_CHUNK):
                if worker.is_cancelled:
                    return
                chunk = todo[k:k + TRANSLATE_CHUNK]
                results = in_daemon(lambda chunk=chunk: self._translate_chunk(engine, chunk), cancelled)
                done += len(chunk)
                self.post_message(Translated(results, done, len(todo)))
        except Cancelled:
            return
        except Exception as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            self.post_message(EngineFailed(f"translation failed: {first}"))

    def _translate_chunk(self, engine, chunk: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
        """One chunk through the model, one at a time; the translation memory is opened in the
        thread that uses it (SQLite connections stay in their thread)."""
        with self.engine.use_lock:
            memory = self._memory()
            try:
                return _translate(engine, chunk, self.model.config, memory)
            finally:
                if memory is not None:
                    memory.close()

    def on_engine_loading(self, _message: EngineLoading) -> None:
        self.english_note = "loading the translation model…"
        self.panes.set_english_note(self.english_note)
        self.query_one("#mt").display = True
        self.query_one("#mt-status", Static).update("Loading model…")

    def on_engine_failed(self, message: EngineFailed) -> None:
        self.english_note = f"No English: {message.error}"
        self.panes.set_english_note(self.english_note)
        self.query_one("#mt").display = True
        self.query_one("#mt-status", Static).update("[b]Translation unavailable[/b] — the review works without it")
        self.query_one("#mt-progress").display = False

    def _engine_key(self) -> str | None:
        """The loaded engine's key in the model's engines (what the exports record as its model)."""
        if self.engine.key is None and self.engine.engine is not None:
            self.engine.key = self.model.add_engine(dict(getattr(self.engine.engine, "signature", {})))
        return self.engine.key

    def _apply_translations(self, results) -> list[int]:
        by = self._engine_key()
        changed = [i for i, arabic, english in results if self.model.set_english(i, arabic, english, by)]
        if changed:
            self.panes.refresh_segments(changed)
        return changed

    def on_translated(self, message: Translated) -> None:
        self.english_note = "translating…"
        self.panes.set_english_note(self.english_note)
        self._apply_translations(message.results)
        bar = self.query_one("#mt-progress", ProgressBar)
        box = self.query_one("#mt")
        if message.done >= message.total:
            box.display = False
            self.save()  # machine English goes into the session, for exports without a model
            stale = self.model.to_translate(self.current)
            if stale:
                self.request_translation()
            return
        box.display = True
        bar.update(total=message.total, progress=message.done)
        self.query_one("#mt-status", Static).update(f"Translating {message.done}/{message.total}")


def make_app(input_path: str, *, session_path: str | None = None, bidi: str | None = None, config=None,
             engine_factory: EngineFactory | None = None, use_workers: bool = True, memory: bool = True,
             export_base: str | None = None) -> ReviewApp:
    """The one way to build the app, for the CLI and the tests: read, repair, restore the session.
    A bad input or session is a ``UserError`` (one line on stderr, exit 2) before the app starts."""
    from ..config import Config
    from .bidi import default_mode
    mode = bidi or default_mode(config=config)[0]  # --bidi, QFIX_BIDI, the configuration, the terminal
    opened = sessions.open_review(input_path, config or Config(), session_path)
    return ReviewApp(opened.model, input_name=input_path, session_path=opened.session_path, bidi_mode=mode,
                     engine_factory=engine_factory, use_workers=use_workers, memory=memory,
                     export_base=export_base, encoding=opened.source.encoding)


__all__ = ["ReviewApp", "make_app"]
