"""The document model a repair returns: the text, its findings, and its paragraphs.

A repair never adds, splits or merges lines: each input line (a paragraph) is kept,
with its own repairs, or removed (boilerplate). So the result is stored per line:
the lines that changed keep their own repair log in offsets local to the line (a
source map), the removed ones are listed, the rest are the input's own lines.
Everything downstream (translation, review, exports, the HTTP service, batches)
reads ``RepairResult.paragraphs`` instead of parsing or repairing the text again.

The document-wide log ``RepairResult.edits`` is built from the lines' logs when
asked for: pass 1 removes the removed lines, pass 1+k holds every line's own pass
k, each in the coordinates of the text as it stood at the start of that pass, so
that ``replay(input, result.edits) == result.text``.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, NamedTuple

from .config import Config
from .diagnostics import Applicability, AppliedEdit, Edit
from .text import LineIndex

if TYPE_CHECKING:
    from .parse.quotes import ParagraphQuotes, Quote


class Finding(NamedTuple):
    """A diagnostic as reported to the user: offsets in the input text."""

    code: str
    message: str
    start: int
    end: int
    applicability: Applicability
    applied: bool
    paragraph: int = -1  # the input line it was found in

    @property
    def id(self) -> str:
        """Stable while the input is unchanged: rule code and offset in the input."""
        return f"{self.code}@{self.start}"


class LocalEdit(NamedTuple):
    """One entry of a paragraph's own repair log: offsets local to the paragraph's text as it
    stood at the start of its pass ``pass_no`` (1-based, counted per paragraph)."""

    pass_no: int
    code: str
    start: int
    end: int
    before: str
    after: str
    message: str = ""
    finding: int = -1  # index in RepairResult.findings of the finding whose fix this edit is


class Removal(NamedTuple):
    """An input line the repair removed, and the finding that removed it."""

    line: int
    code: str
    message: str
    finding: int = -1  # index in RepairResult.findings


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    pieces = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces.append(text[pos:e.start])
        pieces.append(e.replacement)
        pos = e.end
    pieces.append(text[pos:])
    return "".join(pieces)


def replay(text: str, edits: Iterable[AppliedEdit | LocalEdit]) -> str:
    """Apply a repair log to its input, pass by pass, checking each edit's `before`.

    Works for the document's log (``RepairResult.edits`` on ``RepairResult.input``) and for a
    paragraph's own (``ParagraphResult.edits`` on ``ParagraphResult.source``)."""
    by_pass: dict[int, list] = {}
    for e in edits:
        by_pass.setdefault(e.pass_no, []).append(e)
    for n in sorted(by_pass):
        for e in by_pass[n]:
            if text[e.start:e.end] != e.before:
                raise ValueError(f"pass {n}: expected {e.before!r} at {e.start}, found {text[e.start:e.end]!r}")
        text = apply_edits(text, (Edit(e.start, e.end, e.after) for e in by_pass[n]))
    return text


class LineTable:
    """The input's lines: content spans and terminators (``\\n``, ``\\r\\n`` or none), offsets in
    the text after its BOM."""

    __slots__ = ("starts", "ends", "stops")

    def __init__(self, text: str):
        n = len(text)
        stops: list[int] = []
        find = text.find
        pos = find("\n") + 1
        while pos:
            stops.append(pos)
            pos = find("\n", pos) + 1
        stops.append(n)
        starts = [0]
        starts += stops[:-1]
        ends = [stop - 1 for stop in stops]  # before the \n
        ends[-1] = n
        if "\r" in text:  # a line ending in \r\n (or the last line in \r) ends before the \r
            for k, (a, e) in enumerate(zip(starts, ends)):
                if e > a and text[e - 1] == "\r":
                    ends[k] = e - 1
        self.starts, self.ends, self.stops = starts, ends, stops

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1


@dataclass
class ParagraphResult:
    """One input line after the repair.

    ``source`` is the line as read (no terminator), at ``start:end`` in ``RepairResult.input``;
    ``text`` the line as repaired, or None when the repair removed it; ``terminator`` what
    follows ``text`` in ``RepairResult.text`` (so joining every kept paragraph's text and
    terminator gives the repaired text). ``edits`` is the line's own log, local offsets
    (``replay(source, edits) == text``): a source map from the repaired line to the input.
    ``quotes`` and ``sentence_ends`` are the repaired line's quotation marks as the rules
    read them and its sentence ends outside quotes, for translation and review."""

    index: int
    start: int
    end: int
    source: str
    text: str | None
    terminator: str
    findings: list[Finding]
    edits: list[LocalEdit]
    removed_by: Removal | None = None
    _lex: object = field(default=None, repr=False, compare=False)
    _pq: "ParagraphQuotes | None" = field(default=None, repr=False, compare=False)

    @property
    def removed(self) -> bool:
        return self.text is None

    @property
    def changed(self) -> bool:
        return self.text != self.source

    def parse(self) -> "ParagraphQuotes":
        """The repaired line's quote structure (the source's, for a removed line)."""
        if self._pq is None:
            from .rules.speech import parse
            text = self.source if self.text is None else self.text
            self._pq = parse(text, self._lex)  # type: ignore[arg-type]
        return self._pq

    @property
    def quotes(self) -> "list[Quote]":
        return self.parse().quotes

    @property
    def sentence_ends(self) -> list[int]:
        return self.parse().sentence_ends

    def to_input(self, pos: int) -> int:
        """An offset in ``text`` as an offset in ``RepairResult.input`` (a position inside a
        rewritten span goes to that span's start)."""
        for edits in reversed(self._passes()):
            pos = _back(edits, pos)
        return self.start + pos

    def _passes(self) -> list[list[LocalEdit]]:
        by_pass: dict[int, list[LocalEdit]] = {}
        for e in self.edits:
            by_pass.setdefault(e.pass_no, []).append(e)
        return [sorted(by_pass[n]) for n in sorted(by_pass)]


def _back(edits: list[LocalEdit], pos: int) -> int:
    """``pos`` after one pass's edits, before them."""
    delta = 0
    for e in edits:  # sorted by start
        new_start = e.start + delta
        new_end = new_start + len(e.after)
        if pos < new_start:
            break
        if pos < new_end:
            return e.start
        delta += len(e.after) - (e.end - e.start)
    return pos - delta


@dataclass
class RepairResult:
    """What ``qfix.repair`` returns: the repaired text, every finding, and per line what was
    done (see the module docstring)."""

    input: str
    text: str
    findings: list[Finding]
    skipped: list[str] = field(default_factory=list)
    config: Config = field(default_factory=Config)
    line_edits: dict[int, list[LocalEdit]] = field(default_factory=dict)  # changed lines' own logs
    removals: list[Removal] = field(default_factory=list)  # removed lines, in order
    lexicon: object = field(default=None, repr=False)
    decisions: dict[str, bool] = field(default_factory=dict)  # the editor's, as the repair was given them
    _edits: list[AppliedEdit] | None = field(default=None, repr=False)
    _paragraphs: list[ParagraphResult] | None = field(default=None, repr=False)

    @classmethod
    def from_log(cls, input: str, text: str, edits: list[AppliedEdit], findings: list[Finding]) -> "RepairResult":
        """A result given by its document log alone (no per-line detail): for tools and tests
        that hold a log, such as one read back from a JSON report."""
        return cls(input, text, findings, _edits=list(edits))

    @property
    def changed(self) -> bool:
        return self.text != self.input

    @property
    def diagnostics(self) -> list[Finding]:
        """What is left for a human: review and display-only findings not applied."""
        return [f for f in self.findings if not f.applied]

    @property
    def applied(self) -> list[Finding]:
        return [f for f in self.findings if f.applied]

    @property
    def bom(self) -> str:
        return "\ufeff" if self.input.startswith("\ufeff") else ""

    def explain(self) -> list[str]:
        """One line a finding: `line:col CODE message`, positions in the input."""
        index = LineIndex(self.input)
        out = []
        for f in self.findings:
            line, col = index.position(f.start)
            state = "fixed" if f.applied else f.applicability.value
            out.append(f"{line}:{col}: {f.code} {f.message} [{state}]")
        return out

    # --- the document-wide log ----------------------------------------------------

    @property
    def edits(self) -> list[AppliedEdit]:
        """The repair log, replayable on ``input`` (built from the lines' own logs)."""
        if self._edits is None:
            self._edits = _document_log(self)
        return self._edits

    # --- paragraphs ---------------------------------------------------------------

    @property
    def paragraphs(self) -> list[ParagraphResult]:
        """Every input line, in order, with what the repair did to it (a final line break ends
        the last line and makes no empty paragraph after it)."""
        if self._paragraphs is None:
            self._paragraphs = _paragraphs(self)
        return self._paragraphs


def _paragraphs(result: RepairResult) -> list[ParagraphResult]:
    shift = len(result.bom)
    src = result.input[shift:]
    lines = LineTable(src)
    out_lines = LineTable(result.text[shift:])
    out_text = result.text[shift:]
    removed = {r.line: r for r in result.removals}
    by_line: dict[int, list[Finding]] = {}
    for f in result.findings:
        by_line.setdefault(f.paragraph if f.paragraph >= 0 else lines.line_of(max(0, f.start - shift)),
                           []).append(f)
    paragraphs = []
    j = 0  # the output line of the next kept input line
    # a final line break ends the last line; it opens no paragraph (`"a\n"` is one paragraph)
    count = len(lines) - 1 if len(lines) > 1 and lines.starts[-1] == len(src) else len(lines)
    for i in range(count):
        a, b = lines.starts[i], lines.ends[i]
        source = src[a:b]
        if i in removed:
            text, terminator = None, ""
        else:
            text = out_text[out_lines.starts[j]:out_lines.ends[j]]
            terminator = out_text[out_lines.ends[j]:out_lines.stops[j]]
            j += 1
        paragraphs.append(ParagraphResult(i, a + shift, b + shift, source, text, terminator, by_line.get(i, []),
                                          result.line_edits.get(i, []), removed.get(i), result.lexicon))
    return paragraphs


def _document_log(result: RepairResult) -> list[AppliedEdit]:
    """Pass 1: the removed lines (a run at the very end of the text takes the terminators
    before its lines, as the last kept line then ends the text); pass 1+k: every kept line's own pass k, at its
    offset in the text after the earlier passes."""
    shift = len(result.bom)
    src = result.input[shift:]
    lines = LineTable(src)
    log: list[AppliedEdit] = []
    removed = {r.line: r for r in result.removals}
    n = len(lines)
    i = 0
    while i < n:
        if i not in removed:
            i += 1
            continue
        k = i
        while i + 1 < n and (i + 1) in removed:
            i += 1
        m = i
        at_end = m == n - 1 and lines.stops[m] == lines.ends[m] and k > 0
        for j in range(k, m + 1):  # an entry a line, so each names the finding that removed it
            if at_end:  # `A\nfooter` → `A`: each line goes with the terminator before it
                a, b = lines.ends[j - 1], lines.ends[j]
            else:
                a, b = lines.starts[j], lines.stops[j]
            r = removed[j]
            log.append(AppliedEdit(1, r.code, shift + a, shift + b, src[a:b], "", j, r.message, r.finding))
        i += 1
    first = 2 if log else 1
    if not result.line_edits:
        return log
    # offsets of the kept lines in the text after pass 1 (final terminators: only a run
    # removed at the very end changes one, and every later pass sees it already)
    out = result.text[shift:]
    out_lines = LineTable(out)
    kept = [i for i in range(n) if i not in removed]
    final_start = {i: out_lines.starts[j] for j, i in enumerate(kept)}
    changed = [i for i in sorted(result.line_edits) if i not in removed]
    if not changed:
        return log
    passes = max(e.pass_no for i in changed for e in result.line_edits[i])
    # each changed line's length before each of its passes (the length after its last pass is final)
    lengths: dict[int, list[int]] = {}
    for i in changed:
        edits = result.line_edits[i]
        length = lines.ends[i] - lines.starts[i]
        history = []
        for p in range(1, passes + 2):
            history.append(length)
            length += sum(len(e.after) - (e.end - e.start) for e in edits if e.pass_no == p)
        lengths[i] = history
    for p in range(1, passes + 1):
        delta = 0  # how much longer the changed lines before this one are now than at the end
        for i in changed:
            entries = [e for e in result.line_edits[i] if e.pass_no == p]
            base = final_start[i] + delta
            for e in entries:
                log.append(AppliedEdit(first + p - 1, e.code, shift + base + e.start, shift + base + e.end,
                                       e.before, e.after, i, e.message, e.finding))
            delta += lengths[i][p - 1] - lengths[i][-1]
    log.sort(key=lambda e: (e.pass_no, e.start))
    return log
