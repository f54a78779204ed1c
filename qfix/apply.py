"""The one place that changes text: choose fixes, apply them, loop to a fixpoint.

Each pass runs the rules, keeps the fixes that may be applied (safe ones, and
review ones when the config says so), drops those that overlap a fix of
higher priority (they come back in the next pass, on the new text), checks
invariants, and applies the rest. Document rules (boilerplate) run first, on
the whole text; their fixes become edits inside one line or removals of whole
lines. Paragraph rules then run line by line, each line to its own fixpoint,
on the lines that hold a quotation mark (one regex scan finds them; the other
lines are never copied). The result keeps each line's own log (``qfix.result``);
the document's log replays: ``replay(input, result.edits) == result.text``.
"""
from __future__ import annotations

import bisect
import gc
import operator
import re

from .config import Config
from .diagnostics import Applicability, Diagnostic, Edit, Fix
from .parse.chardata import TASHKEEL
from .parse.quotes import HAS_MARK
from .result import (Finding, LineTable, LocalEdit, Removal, RepairResult, apply_edits,  # noqa: F401 (public here)
                     replay)
from .rules.base import DocContext, ParaContext, context_lexicon, enabled_rules, run_rules
from .rules.boilerplate import title_settled
from .rules.lexicon import WORD
from .rules.speech import parse
from .text import has_arabic

MAX_DOC_PASSES = 3
MAX_PARAGRAPH_PASSES = 8


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


def _map_back(maps: list[_PassMap], pos: int) -> int:
    """``pos`` in the text after all of ``maps``' passes, in the text before them."""
    for k in range(len(maps) - 1, -1, -1):
        pos = maps[k].back(pos)
    return pos


class _Line:
    """A line the repair touched: its current text, a map per pass back to the input line, and
    its own log."""

    __slots__ = ("text", "maps", "log", "owners")

    def __init__(self, text: str):
        self.text = text
        self.maps: list[_PassMap] = []
        self.log: list[LocalEdit] = []
        self.owners: list[Finding] = []  # the applied finding of each log entry

    def record(self, code_edits: list[tuple[Finding, Edit]], source: str) -> None:
        """One pass of this line: its edits (local offsets in ``source``, the text before it)."""
        pass_no = len(self.maps) + 1
        for f, e in code_edits:
            self.log.append(LocalEdit(pass_no, f.code, e.start, e.end, source[e.start:e.end], e.replacement,
                                      f.message))
            self.owners.append(f)
        self.maps.append(_PassMap([(e.start, e.end, e.replacement) for _, e in code_edits]))


class _Run:
    """The state of one repair, line by line: the lines it touched, the lines it removed, and
    the findings. Lines it never touched stay slices of the input, never copied."""

    def __init__(self, text: str, config: Config, decisions: dict[str, bool] | None = None,
                 shortcuts: bool = True):
        self.shortcuts = shortcuts  # False: the reference run, which the property tests compare with
        self.config = config
        self.decisions = decisions or {}
        self.lex = context_lexicon(config)
        self.bom = "\ufeff" if text.startswith("\ufeff") else ""
        self.input = text
        self.src = text[len(self.bom):] if self.bom else text
        self.lines = LineTable(self.src)
        self.touched: dict[int, _Line] = {}
        self.removed: dict[int, Removal] = {}
        self.terminators: dict[int, str] = {}  # a kept line that took a removed line's terminator
        self.removal_owner: dict[int, Finding] = {}
        self.findings: list[Finding] = []  # applied
        self.left: dict[int, list[Finding]] = {}  # per line: not applied, from its last paragraph phase
        self.doc_left: list[Finding] = []
        self.skipped: list[str] = []

    # --- lines ------------------------------------------------------------------------

    def content(self, i: int) -> str:
        line = self.touched.get(i)
        return line.text if line is not None else self.src[self.lines.starts[i]:self.lines.ends[i]]

    def length(self, i: int) -> int:
        """``len(self.content(i))``, without slicing an untouched line out of the input."""
        line = self.touched.get(i)
        return len(line.text) if line is not None else self.lines.ends[i] - self.lines.starts[i]

    def terminator(self, i: int) -> str:
        t = self.terminators.get(i)
        return t if t is not None else self.src[self.lines.ends[i]:self.lines.stops[i]]

    def _input_offset(self, i: int, local: int) -> int:
        """``local`` in line ``i`` as it stands now, as an offset in the input (BOM included)."""
        line = self.touched.get(i)
        if line is not None:
            local = _map_back(line.maps, local)
        return len(self.bom) + self.lines.starts[i] + local

    def _finding(self, d: Diagnostic, i: int, local_start: int, local_end: int, applied: bool) -> Finding:
        start = self._input_offset(i, local_start)
        end = max(start, self._input_offset(i, local_end))
        return Finding(d.code, d.message, start, end, d.applicability, applied, i)

    def _joined(self) -> tuple[str, list[int], list[int] | None]:
        """The text as it stands, the start of each kept line in it, and the kept lines' indices
        (None when every line is kept as it was: then the text is the input itself)."""
        if not self.touched and not self.removed and not self.terminators:
            return self.src, self.lines.starts, None
        pieces, starts, kept = [], [], []
        pos = 0
        for i in range(len(self.lines)):
            if i in self.removed:
                continue
            content, term = self.content(i), self.terminator(i)
            starts.append(pos)
            kept.append(i)
            pieces.append(content)
            pieces.append(term)
            pos += len(content) + len(term)
        return "".join(pieces), starts, kept

    # --- the document rules (boilerplate) ---------------------------------------------

    def document_phase(self) -> set[int]:
        """Boilerplate rules on the whole text, pass by pass; returns the lines they changed."""
        rules = enabled_rules(self.config, "document")
        changed: set[int] = set()
        for _ in range(MAX_DOC_PASSES if rules else 0):
            text, starts, kept = self._joined()

            def where(pos: int) -> tuple[int, int]:
                k = bisect.bisect_right(starts, pos) - 1
                return (kept[k] if kept is not None else k), pos - starts[k]

            def finding(d: Diagnostic, applied: bool) -> Finding:
                i, local = where(d.start)
                return self._finding(d, i, local, min(local + d.end - d.start, self.length(i)), applied)

            decide = None
            if self.decisions:
                def decide(d: Diagnostic) -> bool | None:
                    i, local = where(d.start)
                    return self.decisions.get(f"{d.code}@{self._input_offset(i, local)}")
            diags = run_rules(rules, DocContext(text, self.config, self.lex))
            chosen, rest = select(diags, self.config, decide)
            n_chosen = len(chosen)
            chosen = [d for d in chosen if _words_kept(text, d, self.lex)]
            if not chosen:
                self.doc_left = [finding(d, False) for d in diags]
                break
            self.doc_left = [finding(d, False) for d in rest]
            owners = [finding(d, True) for d in chosen]
            self.findings.extend(owners)
            title = self.title_line()
            changed |= self._apply_document_fixes(list(zip(chosen, owners)), text, starts, kept)
            if self.shortcuts and all(d.code == "B002" for d in chosen) and title == self.title_line() \
                    and self._body_after(title):
                # footer lines removed, the title untouched and still followed by text: the next
                # pass would find what this one left (removing whole lines at the end makes no new
                # footer, and the title reads the same)
                break
            if self.shortcuts and len(chosen) == n_chosen and self._settled(title, rules, diags, rest, where, decide):
                break
        return changed - set(self.removed)

    def _settled(self, title: int, rules, diags: list[Diagnostic], rest: list[Diagnostic], where, decide) -> bool:
        """After a document pass that cut the title's site name (B001) and perhaps removed footer
        lines (B002): whether the next pass would only find again what this one left, so that
        it need not run. So when the title is the same line, still followed by text, and now has
        no tail and is no footer (nor was one); every finding left is on a kept line other than
        the title, and may not be applied (so none can be chosen later). Footer lines other
        than the title are untouched, and none of them starts or stops ending the text (only
        footers and blank lines went; the title keeps text before them)."""
        if title < 0 or not {r.code for r in rules} <= {"B001", "B002"} or title != self.title_line() \
                or not self._body_after(title):
            return False
        for d in diags:
            if d.code == "B002" and where(d.start)[0] == title:
                return False  # the title was a footer line: its message names the old title
        for d in rest:
            verdict = decide(d) if decide is not None and d.fix is not None else None
            if (_allowed(self.config, d) if verdict is None else verdict):
                return False
            i = where(d.start)[0]
            if i == title or i in self.removed:
                return False
        return title_settled(self.content(title), self.config)

    def _apply_document_fixes(self, chosen: list[tuple[Diagnostic, Finding]], text: str, starts: list[int],
                              kept: list[int] | None) -> set[int]:
        """Turn the fixes' edits (offsets in the whole text) into edits inside one line, or
        removals of whole lines with the terminator they take along."""
        def line(k: int) -> int:
            return kept[k] if kept is not None else k

        local: dict[int, list[tuple[Finding, Edit]]] = {}
        gone: dict[int, bool] = {}  # position in ``starts`` of a removed line → the edit took the
        # terminator before it (`…A\nfooter`) rather than its own
        for d, owner in chosen:
            for e in _edits(d):
                k = bisect.bisect_right(starts, e.start) - 1
                i = line(k)
                content_end = starts[k] + self.length(i)
                if e.end <= content_end:
                    local.setdefault(i, []).append((owner, Edit(e.start - starts[k], e.end - starts[k],
                                                            e.replacement)))
                    continue
                assert not e.replacement, "a document fix that crosses lines may only remove them"
                first = True
                for kk in range(k, len(starts)):
                    a = starts[kk]
                    if a >= e.end and not (a == e.end == len(text)):
                        break
                    c = a + self.length(line(kk))
                    # removed: its text lies in the edit, and the edit does not merely start at its
                    # end (`…A\nfooter` starts at A's end; A stays, even when A is a blank line)
                    if e.start <= a and c <= e.end and (e.start < a or c > a):
                        gone[kk] = first and e.start < a
                        first = False
                        self.removed[line(kk)] = Removal(line(kk), d.code, d.message)
                        self.removal_owner[line(kk)] = owner
                        self.touched.pop(line(kk), None)
                        self.left.pop(line(kk), None)
        # each run of removed lines: when its first removal took the terminator before it, the line
        # before the run ends with the terminator of the run's last line instead
        k = 0
        order = sorted(gone)
        while k < len(order):
            m = k
            while m + 1 < len(order) and order[m + 1] == order[m] + 1:
                m += 1
            head, tail = order[k], order[m]
            if gone[head] and head > 0:
                self.terminators[line(head - 1)] = self.terminator(line(tail))
            k = m + 1
        for i, edits in local.items():
            if i in self.removed:
                continue
            state = self.touched.get(i)
            if state is None:
                state = self.touched[i] = _Line(self.content(i))
            source = state.text
            state.record(sorted(edits, key=lambda de: de[1].start), source)
            state.text = apply_edits(source, (e for _, e in edits))
        return set(local)

    # --- the paragraph rules (quotes, attribution) ------------------------------------

    def _candidates(self, only: set[int] | None) -> list[int]:
        """Lines that may need the paragraph rules: those holding a quotation mark (one regex scan
        over the input finds them; untouched lines are never sliced out)."""
        if only is not None:
            return sorted(i for i in only if i not in self.removed and HAS_MARK.search(self.content(i)))
        if not self.shortcuts:
            return [i for i in range(len(self.lines)) if i not in self.removed]
        found = set()
        src, lines = self.src, self.lines
        m = HAS_MARK.search(src)
        while m is not None:
            i = lines.line_of(m.start())
            if i not in self.touched and i not in self.removed:
                found.add(i)
            m = HAS_MARK.search(src, lines.stops[i]) if lines.stops[i] > m.start() else None
        found.update(i for i, line in self.touched.items() if HAS_MARK.search(line.text))
        return sorted(found)

    def paragraph_phase(self, only: set[int] | None = None) -> None:
        """Quote and attribution rules, line by line, each to its own fixpoint."""
        rules = enabled_rules(self.config, "paragraph")
        if not rules:
            return
        for i in self._candidates(only):
            known = self.touched.get(i)
            s = known.text if known is not None else self.content(i)
            if not has_arabic(s):  # text without Arabic is left alone (a rule, not a shortcut)
                continue
            state = known if known is not None else _Line(s)
            applied, left, skipped = _repair_line(state, i, rules, self.config, self.lex, self.decisions,
                                                  len(self.bom) + self.lines.starts[i])
            self.findings.extend(applied)
            self.left[i] = left
            self.skipped.extend(skipped)
            if known is None and state.log:
                self.touched[i] = state

    # --- the result -------------------------------------------------------------------

    _START_CODE = operator.itemgetter(2, 0)  # a Finding's (start, code): the order of the findings

    def result(self) -> RepairResult:
        if not self.touched and not self.removed and not self.terminators:
            text = self.input
        else:
            events = sorted(set(self.touched) | set(self.removed) | set(self.terminators))
            pieces = [self.bom]
            pos = 0
            for i in events:
                pieces.append(self.src[pos:self.lines.starts[i]])
                if i not in self.removed:
                    pieces.append(self.content(i))
                    pieces.append(self.terminator(i))
                pos = self.lines.stops[i]
            pieces.append(self.src[pos:])
            text = "".join(pieces)
        findings = self.findings + [f for left in self.left.values() for f in left] + self.doc_left
        if len(findings) > 1:
            findings.sort(key=self._START_CODE)
        line_edits: dict[int, list[LocalEdit]] = {}
        removals: list[Removal] = []
        if self.touched or self.removed:
            index = {id(f): k for k, f in enumerate(findings)}
            line_edits = {i: [e._replace(finding=index[id(f)]) for e, f in zip(line.log, line.owners)]
                          for i, line in self.touched.items() if line.log and i not in self.removed}
            removals = [self.removed[i]._replace(finding=index[id(self.removal_owner[i])])
                        for i in sorted(self.removed)]
        return RepairResult(self.input, text, findings, self.skipped, self.config, line_edits, removals, self.lex,
                            dict(self.decisions))

    def _body_after(self, title: int) -> bool:
        return any(i not in self.removed and self.content(i).strip() for i in range(title + 1, len(self.lines)))

    def title_line(self) -> int:
        """The first kept line with text: the only one a paragraph fix can turn into a new
        document finding (a title whose site name only now reads as one)."""
        for i in range(len(self.lines)):
            if i not in self.removed and self.content(i).strip():
                return i
        return -1


def _repair_line(state: _Line, i: int, rules, config: Config, lex, decisions: dict[str, bool],
                 base: int) -> tuple[list[Finding], list[Finding], list[str]]:
    """Run the paragraph rules on one line to its fixpoint (at most MAX_PARAGRAPH_PASSES passes),
    recording each pass in ``state``. ``base``: the line's start in the input (BOM included).
    Returns the findings applied, those left, and what was skipped (and why)."""
    def finding(d: Diagnostic, applied: bool) -> Finding:
        start = base + _map_back(state.maps, d.start)
        end = max(start, base + _map_back(state.maps, d.end))
        return Finding(d.code, d.message, start, end, d.applicability, applied, i)

    decide = None
    if decisions:
        def decide(d: Diagnostic) -> bool | None:
            return verdict(decisions, d.code, base + _map_back(state.maps, d.start))
    def stays(d: Diagnostic) -> bool:
        """Left for a person: its fix is not applied (by the config, or by the editor's verdict)."""
        verdict = decide(d) if decide is not None and d.fix is not None else None
        return not (_allowed(config, d) if verdict is None else verdict)

    applied: list[Finding] = []
    skipped: list[str] = []
    left: list[Diagnostic] = []
    s = state.text
    pq = None
    for _ in range(MAX_PARAGRAPH_PASSES):
        ctx = ParaContext(s, i, config, lex, pq)
        diags = run_rules(rules, ctx)
        chosen, rest = select(diags, config, decide)
        kept = [d for d in chosen if _words_kept(s, d, lex)]
        for d in chosen:
            if d not in kept:
                skipped.append(f"{d.code} in paragraph {i + 1}: the fix would change words; not applied")
        left = [d for d in rest if stays(d)]
        left += [d for d in chosen if d not in kept]
        if not kept:
            break
        new = apply_edits(s, (e for d in kept for e in _edits(d)))
        new_pq = parse(new, lex)
        if ctx.pq.balanced and not new_pq.balanced:
            skipped.append(f"paragraph {i + 1}: the fixes would unbalance its quotes; not applied")
            left = [d for d in diags if stays(d)]
            break
        owners = [finding(d, True) for d in kept]
        applied.extend(owners)
        state.record([(f, e) for d, f in zip(kept, owners) for e in sorted(_edits(d))], s)
        s, pq = new, new_pq
        state.text = s
    return applied, [finding(d, False) for d in left], skipped


MAX_ROUNDS = 3
_DEFAULT_CONFIG = Config()
# Rules that move an attribution before its quote: an editor's reject of one holds for all of them
# at that quote (rejecting A003 leaves the quote to Q004, and A001 would then move it all the same).
_MOVES = ("A001", "A002", "A003")


def verdict(decisions: dict[str, bool], code: str, start: int) -> bool | None:
    """The editor's decision on the finding ``code`` at input offset ``start``: True (apply), False
    (never), None (not decided). A rejected attribution move holds for every rule that would move
    that quote's attribution: rejecting A003 leaves the quote open for Q004 to close, and A001
    would then move the attribution all the same."""
    decided = decisions.get(f"{code}@{start}")
    if decided is None and code in _MOVES and any(decisions.get(f"{c}@{start}") is False for c in _MOVES):
        return False
    return decided


def repair(text: str, config: Config | None = None, decisions: dict[str, bool] | None = None) -> RepairResult:
    """Repair ``text``; see RepairResult. Pure: no IO, no global state.

    ``decisions`` maps ``Finding.id`` to True (apply, even a review fix) or False (never apply):
    an editor's accept/reject from the review TUI. A rejected finding stays in the result as
    not applied.

    The document rules run first, then the paragraph rules on each line holding a quotation
    mark. A repaired title can make a new document finding (a title whose site name only now
    reads as one), so while the title changes the document rules run again, up to a bound.
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


def _repair(text: str, config: Config, decisions: dict[str, bool] | None, shortcuts: bool = True) -> RepairResult:
    """``shortcuts=False``: the reference run, which looks at every line and confirms every
    document pass; the property tests check that the fast path gives exactly its result."""
    run = _Run(text, config, decisions, shortcuts)
    run.document_phase()
    only: set[int] | None = None  # the first round looks at every line
    for _ in range(MAX_ROUNDS):
        title = run.title_line()
        before = run.content(title) if title >= 0 else ""
        run.paragraph_phase(only)
        if title < 0 or title in run.removed or run.content(title) == before:
            break
        only = run.document_phase()
        if not only:
            break
    return run.result()


def document(text: str, config: Config | None = None) -> RepairResult:
    """``text`` as the core reads it, repaired by nothing: its paragraphs with their quotes and
    sentence ends, for consumers that take a text as it is (``qfix translate --no-repair``)."""
    config = config or _DEFAULT_CONFIG
    return RepairResult(text, text, [], [], config, {}, [], context_lexicon(config), {})


def repair_paragraph(result: RepairResult, i: int, decisions: dict[str, bool]) -> RepairResult:
    """``result`` repaired again under an editor's ``decisions`` (finding id → accept/reject; the
    whole set, as for ``repair``), re-running only paragraph ``i`` and the paragraphs whose
    findings' decisions changed since ``result``: always equal to ``repair(result.input,
    result.config, decisions)``. A changed decision on a document finding (boilerplate), on the
    title line or on a finding the result does not hold needs the whole document, and gets it."""
    config = result.config
    paragraphs = result.paragraphs
    old_decisions = result.decisions
    changed = {k for k in set(old_decisions) | set(decisions) if old_decisions.get(k) != decisions.get(k)}
    where = {f.id: f.paragraph for f in result.findings}
    title = next((p.index for p in paragraphs if not p.removed and p.source.strip()), -1)
    doc_codes = {r.code for r in enabled_rules(config, "document")}
    lines = {i} | {where.get(fid, -1) for fid in changed}
    if -1 in lines or title in lines or any(fid.partition("@")[0] in doc_codes for fid in changed) \
            or any(paragraphs[j].removed or any(f.code in doc_codes for f in paragraphs[j].findings)
                   for j in lines if j < len(paragraphs)) or max(lines) >= len(paragraphs):
        return repair(result.input, config, decisions)
    rules = enabled_rules(config, "paragraph")
    lex = context_lexicon(config)
    redone: dict[int, tuple[_Line, list[Finding], list[Finding]]] = {}
    for j in sorted(lines):
        para = paragraphs[j]
        state = _Line(para.source)
        applied: list[Finding] = []
        left: list[Finding] = []
        if rules and HAS_MARK.search(para.source) and has_arabic(para.source):
            applied, left, _ = _repair_line(state, j, rules, config, lex, decisions, para.start)
        redone[j] = (state, applied, left)
    old = result.findings
    findings = [f for f in old if f.paragraph not in redone]
    for _, applied, left in redone.values():
        findings += applied + left
    findings.sort(key=lambda f: (f.start, f.code))
    index = {id(f): k for k, f in enumerate(findings)}

    def moved(k: int) -> int:  # an old finding's index in the new list
        return index[id(old[k])] if k >= 0 else k
    # splice the new lines into the text, each at its place after the kept lines before it
    pieces = [result.bom]
    for p in paragraphs:
        if p.text is not None:
            pieces.append(redone[p.index][0].text if p.index in redone else p.text)
            pieces.append(p.terminator)
    text = "".join(pieces)
    line_edits = {j: [e._replace(finding=moved(e.finding)) for e in log]
                  for j, log in result.line_edits.items() if j not in redone}
    for j, (state, _, _) in redone.items():
        if state.log:
            line_edits[j] = [e._replace(finding=index[id(f)]) for e, f in zip(state.log, state.owners)]
    removals = [r._replace(finding=moved(r.finding)) for r in result.removals]
    skipped = [s for s in result.skipped if not any(f"paragraph {j + 1}" in s for j in redone)]
    return RepairResult(result.input, text, findings, skipped, config, line_edits, removals, result.lexicon,
                        dict(decisions))
