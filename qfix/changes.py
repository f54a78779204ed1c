"""A repair as text changes on its input: what stands where in the output, and which findings did it.

The repair log (``RepairResult.edits``) is pass by pass, each pass in the coordinates of
the text as it stood then; an editor, a highlighter or a LanguageTool client wants one
list of changes on the *input*: ``input[start:end]`` becomes ``replacement``. This
module composes the passes into that list:

- each pass's edits are mapped back to input coordinates through the changes so far;
  an edit that overlaps or touches an earlier change (a later pass rewriting what an
  earlier pass inserted) merges with it, so changes never overlap or touch and their
  order is never ambiguous;
- all the edits of one fix (``Q007`` deletes a full stop inside a mark and inserts one
  after it) end up in one change, so a client that applies changes one by one can never
  apply half a fix;
- applying every change to ``result.input`` gives ``result.text`` exactly.

Pure: no IO, standard library only; the core's log format (``AppliedEdit``) is the
contract. ``qfix.changes`` is this module's function (``qfix/__init__.py`` exports it);
import the rest with ``from qfix.changes import Change, apply_changes``.

Each log entry names the applied finding whose fix it is (``AppliedEdit.finding``, an
index in ``result.findings``), so the grouping of edits into fixes is exact.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from .apply import RepairResult
    from .diagnostics import AppliedEdit


class Change(NamedTuple):
    """``input[start:end]`` becomes ``replacement`` in the repaired text (code points)."""

    start: int
    end: int
    replacement: str
    codes: tuple[str, ...]  # the rules whose edits it holds, in log order
    finding_ids: tuple[str, ...]  # the applied findings it realises (Finding.id)


class _Span(NamedTuple):
    start: int  # input offsets
    end: int
    replacement: str
    entries: tuple[int, ...]  # indices into the log


def changes(result: "RepairResult") -> list[Change]:
    """The repair of ``result`` as sorted, non-overlapping changes on ``result.input``.

    ``apply_changes(result.input, changes(result)) == result.text``, and each applied
    finding's id is in exactly one change. Raises ValueError when the log does not
    replay on the input (a log from another text)."""
    log = result.edits
    spans, where = compose(result.input, log)
    return _attach(result, log, spans, where)


def apply_changes(text: str, changes: Sequence[Change | tuple]) -> str:
    """Apply changes (sorted, non-overlapping, input offsets) to ``text``."""
    pieces = []
    pos = 0
    for c in changes:
        pieces.append(text[pos:c[0]])
        pieces.append(c[2])
        pos = c[1]
    pieces.append(text[pos:])
    return "".join(pieces)


def compose(text: str, log: Sequence["AppliedEdit"]) -> tuple[list[_Span], list[tuple[int, int]]]:
    """The log as spans on ``text`` (merged where they overlap or touch), and where each log
    entry lies in ``text`` (an entry inside earlier replaced text gets that change's span)."""
    by_pass: dict[int, list[int]] = {}
    for k, e in enumerate(log):
        by_pass.setdefault(e.pass_no, []).append(k)
    spans: list[_Span] = []
    where: list[tuple[int, int]] = [(0, 0)] * len(log)
    for pass_no in sorted(by_pass):
        order = sorted(by_pass[pass_no], key=lambda k: (log[k].start, log[k].end))
        spans = _compose_pass(text, spans, log, order, where)
    return spans, where


def _compose_pass(text: str, spans: list[_Span], log, order: list[int],
                  where: list[tuple[int, int]]) -> list[_Span]:
    """Spans after one more pass whose edits (``order``, sorted) are in the coordinates of
    the text the current spans produce."""
    n = len(spans)
    # where each span stands in the current text, and the length change of the spans before it
    shift = [0] * (n + 1)
    cur_start = [0] * n
    cur_end = [0] * n
    for i, s in enumerate(spans):
        cur_start[i] = s.start + shift[i]
        cur_end[i] = cur_start[i] + len(s.replacement)
        shift[i + 1] = shift[i] + len(s.replacement) - (s.end - s.start)

    # sweep the spans and the edits in order of start; whatever overlaps or touches is one group
    groups: list[tuple[int, int, int, int, list[int]]] = []  # lo, hi, first span, end span, edits
    i = j = 0
    m = len(order)
    while i < n or j < m:
        take_span = j >= m or (i < n and cur_start[i] <= log[order[j]].start)
        lo, hi = (cur_start[i], cur_end[i]) if take_span else (log[order[j]].start, log[order[j]].end)
        if groups and lo <= groups[-1][1]:
            g = groups[-1]
            groups[-1] = (g[0], max(g[1], hi), g[2], i + 1 if take_span else g[3], g[4])
        else:
            groups.append((lo, hi, i, i + 1 if take_span else i, []))
        if take_span:
            i += 1
        else:
            groups[-1][4].append(order[j])
            j += 1

    out: list[_Span] = []
    for lo, hi, first, stop, edits in groups:
        if not edits:  # an earlier change that this pass leaves alone
            out.extend(spans[first:stop])
            continue
        in_lo = lo - shift[first]
        in_hi = hi - shift[stop]
        # the current text of [lo, hi): the input around the group's spans and their replacements
        pieces = []
        pos = in_lo
        for s in spans[first:stop]:
            pieces.append(text[pos:s.start])
            pieces.append(s.replacement)
            pos = s.end
        pieces.append(text[pos:in_hi])
        current = "".join(pieces)
        new = []
        at = 0
        for k in edits:
            e = log[k]
            a, b = e.start - lo, e.end - lo
            if current[a:b] != e.before:
                raise ValueError(f"pass {e.pass_no}: expected {e.before!r} at {e.start}, "
                                 f"found {current[a:b]!r}; the log is not of this text")
            new.append(current[at:a])
            new.append(e.after)
            at = b
            where[k] = (_back(e.start, spans, first, stop, cur_start, cur_end, shift),
                        _back(e.end, spans, first, stop, cur_start, cur_end, shift))
        new.append(current[at:])
        entries = tuple(sorted({x for s in spans[first:stop] for x in s.entries} | set(edits)))
        out.append(_Span(in_lo, in_hi, "".join(new), entries))
    return out


def _back(pos: int, spans: list[_Span], first: int, stop: int, cur_start, cur_end, shift) -> int:
    """A current offset in the input: inside a change's replacement, that change's start."""
    for i in range(first, stop):
        if pos < cur_start[i]:
            return pos - shift[i]
        if pos < cur_end[i]:
            return spans[i].start
    return pos - shift[stop]


def _attach(result: "RepairResult", log, spans: list[_Span], where: list[tuple[int, int]]) -> list[Change]:
    """Match log entries to applied findings, merge the spans a finding's entries fall in,
    and name each change's rules and findings."""
    owner = [e.finding for e in log]  # log entry -> index of its finding (or -1)
    span_of = {}
    for i, s in enumerate(spans):
        for k in s.entries:
            span_of[k] = i
    # a finding's entries in several spans: those spans, and any between them, become one
    reach = list(range(len(spans)))  # the last span each span must merge with
    by_finding: dict[int, list[int]] = {}
    for k, f in enumerate(owner):
        if f >= 0:
            by_finding.setdefault(f, []).append(span_of[k])
    for touched in by_finding.values():
        lo, hi = min(touched), max(touched)
        reach[lo] = max(reach[lo], hi)
    text = result.input
    findings = result.findings
    out: list[Change] = []
    i = 0
    while i < len(spans):
        last = reach[i]
        k = i
        while k <= last:
            last = max(last, reach[k])
            k += 1
        group = spans[i:last + 1]
        if len(group) == 1:
            start, end, replacement = group[0].start, group[0].end, group[0].replacement
        else:
            start, end = group[0].start, group[-1].end
            replacement = apply_changes(text[start:end], [(s.start - start, s.end - start, s.replacement)
                                                          for s in group])
        entries = sorted((x for s in group for x in s.entries), key=lambda x: (log[x].pass_no, log[x].start))
        codes = tuple(dict.fromkeys(log[x].code for x in entries))
        owners = sorted({owner[x] for x in entries if owner[x] >= 0},
                        key=lambda f: (findings[f].start, findings[f].code))
        out.append(Change(start, end, replacement, codes, tuple(findings[f].id for f in owners)))
        i = last + 1
    return out
