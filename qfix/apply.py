"""The one place that changes text: choose fixes, apply them, loop to a fixpoint.

Each pass runs the rules, keeps the fixes that may be applied (safe ones, and
review ones when the config says so), drops those that overlap a fix of
higher priority (they come back in the next pass, on the new text), checks
invariants, and applies the rest. Document rules (boilerplate) run first;
paragraph rules then run only on the paragraphs the last pass changed. The log
of applied edits replays: ``replay(input, result.edits) == result.text``.
"""
from __future__ import annotations

import bisect
import gc
import re
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from .config import Config
from .diagnostics import Applicability, AppliedEdit, Diagnostic, Edit, Fix
from .parse.chardata import TASHKEEL
from .parse.quotes import HAS_MARK
from .rules.base import DocContext, ParaContext, context_lexicon, enabled_rules, run_rules
from .rules.lexicon import WORD
from .rules.speech import parse
from .text import LineIndex, has_arabic

MAX_DOC_PASSES = 3
MAX_PARAGRAPH_PASSES = 8


class Finding(NamedTuple):
    """A diagnostic as reported to the user: offsets in the input text."""

    code: str
    message: str
    start: int
    end: int
    applicability: Applicability
    applied: bool
    paragraph: int = -1

    @property
    def id(self) -> str:
        """Stable while the input is unchanged: rule code and offset in the input."""
        return f"{self.code}@{self.start}"


@dataclass
class RepairResult:
    input: str
    text: str
    edits: list[AppliedEdit]
    findings: list[Finding]
    skipped: list[str] = field(default_factory=list)
    config: Config = field(default_factory=Config)

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

    def explain(self) -> list[str]:
        """One line a finding: `line:col CODE message`, positions in the input."""
        index = LineIndex(self.input)
        out = []
        for f in self.findings:
            line, col = index.position(f.start)
            state = "fixed" if f.applied else f.applicability.value
            out.append(f"{line}:{col}: {f.code} {f.message} [{state}]")
        return out


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    pieces = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        pieces.append(text[pos:e.start])
        pieces.append(e.replacement)
        pos = e.end
    pieces.append(text[pos:])
    return "".join(pieces)


def replay(text: str, edits: Iterable[AppliedEdit]) -> str:
    """Apply a repair log to its input, pass by pass, checking each edit's `before`."""
    by_pass: dict[int, list[AppliedEdit]] = {}
    for e in edits:
        by_pass.setdefault(e.pass_no, []).append(e)
    bom = text.startswith("\ufeff")
    for n in sorted(by_pass):
        for e in by_pass[n]:
            if text[e.start:e.end] != e.before:
                raise ValueError(f"pass {n}: expected {e.before!r} at {e.start}, found {text[e.start:e.end]!r}")
        text = apply_edits(text, (Edit(e.start, e.end, e.after) for e in by_pass[n]))
    assert not bom or text.startswith("\ufeff")
    return text


def _fix(d: Diagnostic) -> Fix:
    """The fix of a diagnostic chosen for applying (it always has one)."""
    assert d.fix is not None
    return d.fix


def _edits(d: Diagnostic) -> tuple[Edit, ...]:
    return _fix(d).edits


def _allowed(config: Config, d: Diagnostic) -> bool:
    if d.fix is None:
        return False
    return d.fix.applicability is Applicability.SAFE or (
        d.fix.applicability is Applicability.REVIEW and config.apply_review)


class _Taken:
    """Edits chosen so far, sorted by start (they never overlap): overlap tests by bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[tuple[Edit, bool]] = []

    def clashes(self, e: Edit, structural: bool) -> bool:
        k = bisect.bisect_left(self.starts, e.start)
        lo = k - 1
        while lo >= 0:  # earlier edits: only those reaching e.start can clash
            t, t_structural = self.items[lo]
            if e.overlaps(t, structural or t_structural):
                return True
            if t.end < e.start:
                break
            lo -= 1
        hi = k
        while hi < len(self.items) and self.starts[hi] <= e.end:
            t, t_structural = self.items[hi]
            if e.overlaps(t, structural or t_structural):
                return True
            hi += 1
        return False

    def add(self, e: Edit, structural: bool) -> None:
        k = bisect.bisect_right(self.starts, e.start)
        self.starts.insert(k, e.start)
        self.items.insert(k, (e, structural))


def select(diags: list[Diagnostic], config: Config, decide=None) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """Fixes to apply now (no two overlapping, higher priority first) and the rest.

    ``decide(d)`` may override a fix's applicability: True applies it, False never does."""
    chosen: list[Diagnostic] = []
    taken = _Taken()
    rest: list[Diagnostic] = []
    if len(diags) > 1:
        order = sorted(diags, key=lambda d: (_PRIORITY[d.code], _edits(d)[0].start if d.fix else d.start))
    else:
        order = diags
    for d in order:
        # a structural rewrite owns its whole span, edges included
        structural = d.code in _STRUCTURAL
        verdict = decide(d) if decide is not None and d.fix is not None else None
        allowed = _allowed(config, d) if verdict is None else verdict
        if allowed and not any(taken.clashes(e, structural) for e in _edits(d)):
            chosen.append(d)
            for e in _edits(d):
                taken.add(e, structural)
        else:
            rest.append(d)
    return chosen, rest


_WORD_CHAR = re.compile(f"[^\\W_]|[{TASHKEEL}]")


def _words_kept(text: str, d: Diagnostic, lex) -> bool:
    """No word invented, dropped or changed (boilerplate may only drop; a moved verb may gain و)."""
    if d.code not in _STRUCTURAL:
        # marks, spaces and punctuation only: no edit may touch a letter, digit or diacritic
        for e in _edits(d):
            if _WORD_CHAR.search(text, e.start, e.end) or _WORD_CHAR.search(e.replacement):
                return False
        return True
    if d.code.startswith("B"):
        return all(not e.replacement for e in _edits(d))  # boilerplate only deletes
    lo, hi = _fix(d).start, _fix(d).end
    before = text[lo:hi]
    after = apply_edits(before, (Edit(e.start - lo, e.end - lo, e.replacement) for e in _edits(d)))
    tb, ta = WORD.findall(before), WORD.findall(after)
    if len(tb) != len(ta) or not ta:
        return False
    # the one word that may change: the moved speech verb, which a rewrite puts first, gains و
    first = ta[0]
    if first[:1] == "و" and first not in tb and lex.verb(first[1:]) is not None:
        ta[0] = first[1:]
    tb.sort()
    ta.sort()
    return tb == ta


_PRIORITY: dict[str, int] = {}
_STRUCTURAL: set[str] = set()


def _load_rule_tables() -> None:
    from .rules.base import all_rules
    for r in all_rules():
        _PRIORITY[r.code] = r.priority
        if r.structural:
            _STRUCTURAL.add(r.code)


_load_rule_tables()


class _PassMap:
    """Offsets of a pass's output mapped back to its input."""

    def __init__(self, edits: list[tuple[int, int, str]]):
        edits = sorted(edits)
        self.old_starts, self.old_ends, self.new_starts, self.new_ends = [], [], [], []
        delta = 0
        for start, end, repl in edits:
            self.old_starts.append(start)
            self.old_ends.append(end)
            self.new_starts.append(start + delta)
            delta += len(repl) - (end - start)
            self.new_ends.append(start + delta + (end - start))

    def back(self, pos: int) -> int:
        k = bisect.bisect_right(self.new_starts, pos) - 1
        if k < 0:
            return pos
        if pos < self.new_ends[k]:
            return self.old_starts[k]
        return self.old_ends[k] + (pos - self.new_ends[k])


def _map_back(maps: list[_PassMap], pos: int, upto: int | None = None) -> int:
    """``pos`` in the text after the first ``upto`` passes (all by default), in the input."""
    for k in range((len(maps) if upto is None else upto) - 1, -1, -1):
        pos = maps[k].back(pos)
    return pos


def _split_lines(text: str) -> tuple[list[str], list[str]]:
    """Paragraph contents and the terminators after them (``\\n``, ``\\r\\n`` or none)."""
    strings = text.split("\n")
    seps = ["\n"] * len(strings)
    seps[-1] = ""
    for k, line in enumerate(strings):
        if line.endswith("\r"):
            strings[k] = line[:-1]
            seps[k] = "\r" + seps[k]
    return strings, seps


class _Run:
    """The state of one repair: the current text, the log, and the pass maps."""

    def __init__(self, text: str, config: Config, decisions: dict[str, bool] | None = None):
        self.config = config
        self.decisions = decisions or {}
        self.lex = context_lexicon(config)
        self.bom = "\ufeff" if text.startswith("\ufeff") else ""
        self.text = text[len(self.bom):]
        self.log: list[AppliedEdit] = []
        self.maps: list[_PassMap] = []
        self.findings: list[Finding] = []  # applied
        self.left: list[Finding] = []  # not applied, from the last paragraph phase
        self.skipped: list[str] = []
        self.doc_maps = 0

    def commit(self, fixes: list[tuple[int, Diagnostic, str]]) -> None:
        """Record one pass: (paragraph offset, diagnostic, the text its offsets refer to)."""
        pass_no = len(self.maps) + 1
        shift = len(self.bom)
        edits = []
        for base, d, source in fixes:
            self.findings.append(self._finding(d, base, len(self.maps), True))
            for e in _edits(d):
                self.log.append(AppliedEdit(pass_no, d.code, shift + base + e.start, shift + base + e.end,
                                            source[e.start:e.end], e.replacement, d.paragraph, d.message))
                edits.append((base + e.start, base + e.end, e.replacement))
        self.maps.append(_PassMap(edits))

    def _decider(self, base: int):
        """An editor's accept/reject decisions, keyed by Finding.id, for diagnostics at ``base``."""
        if not self.decisions:
            return None
        shift = len(self.bom)

        def decide(d: Diagnostic) -> bool | None:
            start = _map_back(self.maps, base + d.start) + shift
            return self.decisions.get(f"{d.code}@{start}")
        return decide

    def document_phase(self) -> tuple[bool, list[Diagnostic]]:
        """Boilerplate; returns whether it changed anything and what it left for review."""
        rules = enabled_rules(self.config, "document")
        changed, remaining = False, []  # type: bool, list[Diagnostic]
        for _ in range(MAX_DOC_PASSES if rules else 0):
            diags = run_rules(rules, DocContext(self.text, self.config, self.lex))
            chosen, remaining = select(diags, self.config, self._decider(0))
            chosen = [d for d in chosen if _words_kept(self.text, d, self.lex)]
            if not chosen:
                remaining = diags
                break
            self.commit([(0, d, self.text) for d in chosen])
            self.text = apply_edits(self.text, (e for d in chosen for e in _edits(d)))
            changed = True
        self.doc_maps = len(self.maps)
        return changed, remaining

    def paragraph_phase(self) -> None:
        """Quote and attribution rules, paragraph by paragraph, each to its own fixpoint.

        Paragraph edits never cross a line, so each paragraph runs its passes alone (one
        parse alive at a time) and keeps its own pass maps to report positions in the
        input; the log then gets the document-wide passes: pass k of every paragraph,
        in the coordinates of the text at the start of pass k."""
        rules = enabled_rules(self.config, "paragraph")
        if not rules:
            return
        strings, seps = _split_lines(self.text)
        self.text = ""  # the lines hold it now; a second copy would double the peak memory
        n_maps = len(self.maps)
        shift = len(self.bom)
        starts = _starts(strings, seps)
        # for each pass k: (paragraph, its pass-k log entries with local offsets)
        by_pass: list[list[tuple[int, list[AppliedEdit]]]] = []
        lengths: dict[int, list[int]] = {}  # a changed paragraph's length before each of its passes
        left_findings: list[Finding] = []
        for i, s in enumerate(strings):
            if not HAS_MARK.search(s) or not has_arabic(s):
                continue
            base = _map_back(self.maps, starts[i], n_maps) + shift  # where the paragraph starts in the input
            local: list[_PassMap] = []
            history = [len(s)]
            pq = None
            left: list[Diagnostic] = []
            for k in range(MAX_PARAGRAPH_PASSES):
                ctx = ParaContext(s, i, self.config, self.lex, pq)
                diags = run_rules(rules, ctx)
                decide = None
                if self.decisions:
                    decide = self._local_decider(base, local)
                chosen, rest = select(diags, self.config, decide)
                kept = [d for d in chosen if _words_kept(s, d, self.lex)]
                for d in chosen:
                    if d not in kept:
                        self.skipped.append(f"{d.code} in paragraph {i + 1}: the fix would change words; "
                                            "not applied")
                left = [d for d in rest if self.decisions or not _allowed(self.config, d)]
                left += [d for d in chosen if d not in kept]
                if not kept:
                    break
                new = apply_edits(s, (e for d in kept for e in _edits(d)))
                new_pq = parse(new, self.lex)
                if ctx.pq.balanced and not new_pq.balanced:
                    self.skipped.append(f"paragraph {i + 1}: the fixes would unbalance its quotes; not applied")
                    left = [d for d in diags if self.decisions or not _allowed(self.config, d)]
                    break
                entries = [AppliedEdit(k, d.code, e.start, e.end, s[e.start:e.end], e.replacement, i, d.message)
                           for d in kept for e in _edits(d)]
                for d in kept:
                    self.findings.append(self._local_finding(d, base, local, True))
                while len(by_pass) <= k:
                    by_pass.append([])
                by_pass[k].append((i, entries))
                local.append(_PassMap([(e.start, e.end, e.after) for e in entries]))
                s, pq = new, new_pq
                history.append(len(s))
            for d in left:
                left_findings.append(self._local_finding(d, base, local, False))
            if len(history) > 1:
                lengths[i] = history
                strings[i] = s
        self._log_paragraph_passes(by_pass, lengths, strings, seps)
        self.text = "".join(s + sep for s, sep in zip(strings, seps))
        self.left = left_findings  # a later round's findings replace these

    def _log_paragraph_passes(self, by_pass, lengths: dict[int, list[int]], strings: list[str],
                              seps: list[str]) -> None:
        """Document-wide pass k: every paragraph's pass-k edits at their offsets at the start of pass k."""
        shift = len(self.bom)
        final = [len(x) + len(sep) for x, sep in zip(strings, seps)]
        for k, entries in enumerate(by_pass):
            sizes = list(final)
            for i, history in lengths.items():
                sizes[i] = history[min(k, len(history) - 1)] + len(seps[i])
            offsets = [0]
            for size in sizes:
                offsets.append(offsets[-1] + size)
            pass_no = len(self.maps) + 1
            doc_edits: list[tuple[int, int, str]] = []
            for i, local_entries in entries:
                base = offsets[i]
                for e in local_entries:
                    self.log.append(AppliedEdit(pass_no, e.code, shift + base + e.start, shift + base + e.end,
                                                e.before, e.after, e.paragraph, e.message))
                    doc_edits.append((base + e.start, base + e.end, e.after))
            entries.clear()
            self.maps.append(_PassMap(doc_edits))

    def _local_decider(self, base: int, local: list[_PassMap]):
        def decide(d: Diagnostic) -> bool | None:
            return self.decisions.get(f"{d.code}@{base + _map_back(local, d.start)}")
        return decide

    @staticmethod
    def _local_finding(d: Diagnostic, base: int, local: list[_PassMap], applied: bool) -> Finding:
        start = base + _map_back(local, d.start)
        end = max(start, base + _map_back(local, d.end))
        return Finding(d.code, d.message, start, end, d.applicability, applied, d.paragraph)

    def result(self, original: str, remaining_doc: list[Diagnostic]) -> RepairResult:
        findings = self.findings + self.left
        for d in remaining_doc:
            findings.append(self._finding(d, 0, self.doc_maps, False))
        findings.sort(key=lambda f: (f.start, f.code))
        self.log.sort(key=lambda e: (e.pass_no, e.start))
        return RepairResult(original, self.bom + self.text, self.log, findings, self.skipped, self.config)

    def _finding(self, d: Diagnostic, base: int, n_maps: int, applied: bool) -> Finding:
        """``d`` (found after ``n_maps`` passes, in the paragraph at ``base``) in input offsets."""
        shift = len(self.bom)
        start = _map_back(self.maps, base + d.start, n_maps) + shift
        end = max(start, _map_back(self.maps, base + d.end, n_maps) + shift)
        return Finding(d.code, d.message, start, end, d.applicability, applied, d.paragraph)


def _starts(strings: list[str], seps: list[str]) -> list[int]:
    starts, pos = [], 0
    for s, sep in zip(strings, seps):
        starts.append(pos)
        pos += len(s) + len(sep)
    return starts


MAX_ROUNDS = 3
_DEFAULT_CONFIG = Config()


def repair(text: str, config: Config | None = None, decisions: dict[str, bool] | None = None) -> RepairResult:
    """Repair ``text``; see RepairResult. Pure: no IO, no global state.

    ``decisions`` maps ``Finding.id`` to True (apply, even a review fix) or False (never apply):
    an editor's accept/reject from the review TUI. A rejected finding stays in the result as
    not applied.

    A round runs the document rules, then the paragraph rules. A repaired
    paragraph can make a new document finding (a title whose head only now
    reads as Arabic), so rounds repeat while the document rules still change
    something, up to a bound.
    """
    # The repair makes no reference cycles, only many small objects: on a long text the
    # cyclic collector would walk them again and again for nothing, which costs time that
    # grows faster than the text. Reference counting frees everything as before.
    pause_gc = len(text) > _GC_PAUSE_CHARS and gc.isenabled()
    if pause_gc:
        gc.disable()
    try:
        return _repair(text, config or _DEFAULT_CONFIG, decisions)
    finally:
        if pause_gc:
            gc.enable()


_GC_PAUSE_CHARS = 200_000


def _repair(text: str, config: Config, decisions: dict[str, bool] | None) -> RepairResult:
    run = _Run(text, config, decisions)
    for round_no in range(MAX_ROUNDS):
        changed, remaining_doc = run.document_phase()
        if round_no and not changed:
            break
        title = _first_line(run.text)
        passes = len(run.maps)
        run.paragraph_phase()
        # only the title line can turn into a document finding (B001) after a paragraph fix
        if len(run.maps) == passes or _first_line(run.text) == title:
            break
    return run.result(text, remaining_doc)


def _first_line(text: str) -> str:
    stripped = text.lstrip()
    nl = stripped.find("\n")
    return stripped if nl < 0 else stripped[:nl]
