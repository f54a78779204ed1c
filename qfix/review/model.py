"""The review model: segments (input lines), the editor's decisions, undo. No Textual here.

A segment is one line of the input. Its repaired Arabic comes from
``qfix.repair`` run on a *block* of lines with the editor's decisions, so an
accept or reject re-runs the repair on a few lines, not on the whole document
(milliseconds instead of a fifth of a second for 2,000 paragraphs). A block
after the first is repaired with the previous line's terminator in front, so
its first line is never taken for the document's title. Block results are
checked against one repair of the whole document (``verify``); a block whose
findings differ is merged with its neighbours until they agree, or the whole
document becomes one block.

Finding ids (``CODE@offset``) are offsets in the input, so decisions keep
their meaning across re-runs and sessions.
"""
from __future__ import annotations

import bisect
import difflib
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from .. import repair
from ..apply import Finding
from ..config import Config
from ..text import paragraphs

STATUSES = ("pending", "accepted", "edited", "rejected")
BLOCK_LINES = 16


@dataclass
class Issue:
    """A finding in one segment, with offsets local to the segment's source line."""

    finding: Finding
    segment: int
    start: int
    end: int

    @property
    def id(self) -> str:
        return self.finding.id

    @property
    def code(self) -> str:
        return self.finding.code


@dataclass
class Segment:
    index: int
    start: int  # input offsets of the line's content (no terminator)
    end: int
    source: str
    repaired: str | None = None  # None: the repair removed the line (boilerplate)
    issues: list[Issue] = field(default_factory=list)
    arabic_edit: str | None = None  # the editor's own Arabic
    english: str = ""
    english_for: str | None = None  # the Arabic that ``english`` translates (None: not yet)
    english_edited: bool = False
    english_by: str | None = None  # key in ReviewModel.engines of the engine that made ``english``
    english_error: str = ""
    approved: bool = False  # accepted as a whole (a segment without issues)

    @property
    def arabic(self) -> str:
        """The Arabic as it will be published: the editor's, else the repair's ('' if removed)."""
        if self.arabic_edit is not None:
            return self.arabic_edit
        return self.repaired or ""

    @property
    def removed(self) -> bool:
        return self.arabic_edit is None and self.repaired is None

    @property
    def needs_translation(self) -> bool:
        return not self.english_edited and self.english_for != self.arabic


@dataclass
class Block:
    first: int  # line indices, inclusive
    last: int


class ReviewModel:
    """Everything the editor decided, and the repair and English that follow from it."""

    def __init__(self, text: str, config: Config | None = None, *, block_lines: int = BLOCK_LINES):
        self.text = text
        self.config = config or Config()
        self.lines = paragraphs(text)
        self.segments = [Segment(p.index, p.start, p.end, text[p.start:p.end]) for p in self.lines]
        self.decisions: dict[str, bool] = {}
        self.history: list[dict] = []
        self.engines: dict[str, dict] = {}  # key → signature of each engine that made English here
        n = len(self.lines)
        self.blocks = [Block(i, min(i + block_lines, n) - 1) for i in range(0, n, block_lines)]
        self._block_of: list[int] = []
        self._index_blocks()
        for b in range(len(self.blocks)):
            self._repair_block(b)

    # --- blocks ---------------------------------------------------------------

    def _index_blocks(self) -> None:
        self._block_of = [0] * len(self.lines)
        for k, b in enumerate(self.blocks):
            for i in range(b.first, b.last + 1):
                self._block_of[i] = k

    def _chunk(self, block: Block) -> tuple[str, int, str]:
        """(text to repair, offset to add to get input offsets, prefix)."""
        lines = self.lines
        start = lines[block.first].start
        prefix = self.text[lines[block.first - 1].end:start] if block.first else ""
        stop = lines[block.last + 1].start if block.last + 1 < len(lines) else len(self.text)
        return prefix + self.text[start:stop], start - len(prefix), prefix

    def _run_block(self, block: Block) -> tuple[list[Finding], list[str | None]]:
        """Findings (input offsets) and each line's repaired text for one block."""
        chunk, shift, prefix = self._chunk(block)
        lo, hi = shift, shift + len(chunk)
        local = {}
        for fid, value in self.decisions.items():
            code, _, pos = fid.partition("@")
            g = int(pos)
            if lo <= g <= hi:
                local[f"{code}@{g - shift}"] = value
        result = repair(chunk, self.config, local)
        findings = [Finding(f.code, f.message, f.start + shift, f.end + shift, f.applicability, f.applied,
                            f.paragraph) for f in result.findings]
        out = result.text
        first_removed = False
        if prefix:
            if out.startswith(prefix):
                out = out[len(prefix):]
            else:
                first_removed = True
        lines = range(block.first, block.last + 1)
        removed = {i for i in lines if self._covered(i, findings)}
        if first_removed:
            removed.add(block.first)
        kept = [i for i in lines if i not in removed]
        pieces = [out[p.start:p.end] for p in paragraphs(out)] if out else []
        if pieces and len(pieces) == len(kept) + 1 and pieces[-1] == "":
            pieces.pop()
        texts: list[str | None] = [None] * len(lines)
        if len(pieces) == len(kept):
            for i, piece in zip(kept, pieces):
                texts[i - block.first] = piece
        else:  # could not align: keep the block's text together on its first line
            texts = [out.rstrip("\r\n")] + [""] * (len(lines) - 1)
        return findings, texts

    def _covered(self, i: int, findings: list[Finding]) -> bool:
        """A non-blank line wholly inside an applied document (boilerplate) fix: removed."""
        line = self.lines[i]
        if line.start == line.end:
            return False
        return any(f.applied and f.code.startswith("B") and f.start <= line.start and f.end >= line.end
                   for f in findings)

    def _repair_block(self, k: int) -> list[int]:
        """Re-run block ``k``; returns the segments whose Arabic or issues changed."""
        block = self.blocks[k]
        findings, texts = self._run_block(block)
        by_line: dict[int, list[Finding]] = {}
        for f in findings:
            by_line.setdefault(self.line_of(f), []).append(f)
        changed = []
        for i in range(block.first, block.last + 1):
            seg = self.segments[i]
            issues = [Issue(f, i, max(0, f.start - seg.start), max(0, min(f.end, seg.end) - seg.start))
                      for f in by_line.get(i, [])]
            new_text = texts[i - block.first]
            if new_text != seg.repaired or [x.finding for x in issues] != [x.finding for x in seg.issues]:
                changed.append(i)
            seg.repaired = new_text
            seg.issues = issues
        return changed

    def line_of(self, f: Finding) -> int:
        """The input line a finding belongs to (a removed line's fix starts at the line before)."""
        pos = max(f.start, f.end - 1)
        k = bisect.bisect_right(self._starts, pos) - 1
        return max(0, min(k, len(self.lines) - 1))

    @property
    def _starts(self) -> list[int]:
        starts = getattr(self, "_starts_cache", None)
        if starts is None:
            starts = self._starts_cache = [p.start for p in self.lines]
        return starts

    def verify(self, full=None, rounds: int = 4) -> bool:
        """Check the blocks against one repair of the whole document; merge blocks that differ.

        Returns True when block results equal the whole-document repair (the usual case)."""
        if full is None:
            full = repair(self.text, self.config, dict(self.decisions))
        for _ in range(rounds):
            want: dict[int, list] = {}
            for f in full.findings:
                want.setdefault(self._block_of[self.line_of(f)], []).append(_key(f))
            bad = [k for k in range(len(self.blocks))
                   if sorted(want.get(k, [])) != sorted(_key(x.finding) for i in self._lines_of(k)
                                                         for x in self.segments[i].issues)]
            if not bad and self.joined_repair() == full.text:
                return True
            if not bad:
                break
            self._merge(bad)
        self.blocks = [Block(0, len(self.lines) - 1)]
        self._index_blocks()
        self._repair_block(0)
        return False

    def _lines_of(self, k: int) -> range:
        b = self.blocks[k]
        return range(b.first, b.last + 1)

    def _merge(self, bad: list[int]) -> None:
        """Merge each bad block with its neighbours and re-run them."""
        marks = set()
        for k in bad:
            marks.update({k - 1, k, k + 1})
        merged: list[Block] = []
        rerun: list[int] = []  # the new blocks made of marked ones; the others keep their results
        for k, b in enumerate(self.blocks):
            if merged and k in marks and (k - 1) in marks:
                merged[-1] = Block(merged[-1].first, b.last)
            else:
                merged.append(Block(b.first, b.last))
                if k in marks:
                    rerun.append(len(merged) - 1)
        self.blocks = merged
        self._index_blocks()
        for k in rerun:
            self._repair_block(k)

    def joined_repair(self) -> str:
        """The repaired document as ``qfix fix`` would write it (without the editor's hand edits)."""
        out = []
        for seg, line in zip(self.segments, self.lines):
            if seg.repaired is None:
                continue
            nxt = self.lines[line.index + 1].start if line.index + 1 < len(self.lines) else len(self.text)
            out.append(seg.repaired + self.text[line.end:nxt])
        return self._trim("".join(out))

    def final_arabic(self) -> str:
        """The Arabic to publish: repairs as decided, the editor's edits, line terminators kept."""
        out = []
        for seg, line in zip(self.segments, self.lines):
            if seg.removed:
                continue
            nxt = self.lines[line.index + 1].start if line.index + 1 < len(self.lines) else len(self.text)
            out.append(seg.arabic + self.text[line.end:nxt])
        return self._trim("".join(out))

    def _trim(self, out: str) -> str:
        """A removed last line takes the terminator before it (as the repair removes it)."""
        if self.segments and self.segments[-1].removed and self.text[-1:] not in ("\n", "") and \
                len(self.segments) > 1:
            if out.endswith("\r\n"):
                return out[:-2]
            if out.endswith("\n"):
                return out[:-1]
        return out

    # --- what the editor sees -------------------------------------------------

    def status(self, i: int) -> str:
        seg = self.segments[i]
        if seg.arabic_edit is not None or seg.english_edited:
            return "edited"
        decided = [self.decisions.get(x.id) for x in seg.issues]
        if any(d is False for d in decided):
            return "rejected"
        if seg.approved or (seg.issues and all(d is True for d in decided)):
            return "accepted"
        return "pending"

    def open_issues(self, i: int) -> list[Issue]:
        return [x for x in self.segments[i].issues if x.id not in self.decisions]

    def issue_state(self, issue: Issue) -> str:
        d = self.decisions.get(issue.id)
        if d is None:
            return "open"
        return "accepted" if d else "rejected"

    def progress(self) -> tuple[int, int, int]:
        """(segments reviewed, segments with text, open issues)."""
        reviewed = total = open_ = 0
        for i, seg in enumerate(self.segments):
            open_ += len(self.open_issues(i))
            if not seg.source.strip():
                continue
            total += 1
            reviewed += self.status(i) != "pending"
        return reviewed, total, open_

    def all_issues(self) -> list[Issue]:
        return [x for seg in self.segments for x in seg.issues]

    def edit_spans(self, i: int) -> list[tuple[int, int]]:
        """Where the repaired Arabic differs from the source: spans in the repaired text."""
        seg = self.segments[i]
        a, b = seg.source, seg.arabic
        if a == b:
            return []
        return list(_edit_spans(a, b))

    # --- what the editor does (each returns the segments that changed) --------------

    def decide(self, ids: Iterable[str], value: bool | None) -> list[int]:
        """Accept (True), reject (False) or forget (None) findings; one undo step."""
        ids = list(ids)
        step = {"decisions": {fid: self.decisions.get(fid) for fid in ids}}
        self.history.append(step)
        return self._set_decisions({fid: value for fid in ids})

    def _set_decisions(self, values: dict[str, bool | None]) -> list[int]:
        """Record decisions and re-run their blocks. Returns the segments to redraw: those
        whose Arabic or issues changed, and those holding a decided finding (its status)."""
        where = {x.id: x.segment for seg in self.segments for x in seg.issues} if len(values) > 1 else {}
        blocks = set()
        changed: set[int] = set()
        for fid, value in values.items():
            if value is None:
                self.decisions.pop(fid, None)
            else:
                self.decisions[fid] = value
            line = where[fid] if fid in where else self._line_of_id(fid)
            changed.add(line)
            blocks.add(self._block_of[line])
        for k in sorted(blocks):
            changed.update(self._repair_block(k))  # includes lines whose issues moved or changed
        return sorted(changed)

    def _line_of_id(self, fid: str) -> int:
        """The line of a finding by its id: where a current issue has it, else its offset's line."""
        for seg in self.segments:
            for x in seg.issues:
                if x.id == fid:
                    return x.segment
        code, _, pos = fid.partition("@")
        return self.line_of(Finding(code, "", int(pos), int(pos) + 1, None, False))  # type: ignore[arg-type]

    def approve(self, i: int, value: bool = True) -> list[int]:
        seg = self.segments[i]
        self.history.append({"approved": {i: seg.approved}})
        seg.approved = value
        return [i]

    def edit_arabic(self, i: int, text: str | None) -> list[int]:
        seg = self.segments[i]
        self.history.append({"arabic": {i: seg.arabic_edit}})
        seg.arabic_edit = None if text is None or text == seg.repaired else text
        return [i]

    def edit_english(self, i: int, text: str | None) -> list[int]:
        """The editor's English (None: back to machine English, re-translated)."""
        seg = self.segments[i]
        self.history.append({"english": {i: (seg.english, seg.english_edited, seg.english_for)}})
        if text is None:
            seg.english_edited = False
            seg.english_for = None
        else:
            seg.english, seg.english_edited = text, True
        return [i]

    def undo(self) -> list[int] | None:
        if not self.history:
            return None
        step = self.history.pop()
        changed: set[int] = set()
        if "decisions" in step:
            changed.update(self._set_decisions(step["decisions"]))
        for i, value in step.get("approved", {}).items():
            self.segments[i].approved = value
            changed.add(i)
        for i, value in step.get("arabic", {}).items():
            self.segments[i].arabic_edit = value
            changed.add(i)
        for i, (english, edited, english_for) in step.get("english", {}).items():
            seg = self.segments[i]
            seg.english, seg.english_edited, seg.english_for = english, edited, english_for
            changed.add(i)
        return sorted(changed)

    def add_engine(self, signature: dict) -> str:
        """Remember an engine's signature; its key is what segments' ``english_by`` holds."""
        blob = json.dumps(signature, sort_keys=True, ensure_ascii=False, default=str)
        key = hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]
        self.engines.setdefault(key, dict(signature))
        return key

    def set_english(self, i: int, arabic: str, english: str, by: str | None = None) -> bool:
        """Machine English (made by engine ``by``) arrived for ``arabic``; kept only if still current
        and not edited."""
        seg = self.segments[i]
        if seg.english_edited or seg.arabic != arabic:
            return False
        seg.english, seg.english_for, seg.english_error, seg.english_by = english, arabic, "", by
        return True

    def machine_engines(self) -> list[dict]:
        """Signatures of the engines whose English the exports carry (the editor's own English aside)."""
        keys = dict.fromkeys(seg.english_by for seg in self.segments
                             if not seg.removed and not seg.english_edited and english_of(seg))
        return [self.engines.get(k, {"model": None}) if k else {"model": None} for k in keys]

    def to_translate(self, first: int = 0) -> list[tuple[int, str]]:
        """Segments whose English is missing or stale, from ``first`` on, then from the top."""
        order = list(range(first, len(self.segments))) + list(range(0, first))
        return [(i, self.segments[i].arabic) for i in order if self.segments[i].needs_translation]


@lru_cache(maxsize=4096)
def _edit_spans(a: str, b: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``b`` inserted or replaced relative to ``a`` (cached: drawing asks often)."""
    return tuple((j1, j2) for tag, _i1, _i2, j1, j2 in
                 difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
                 if tag in ("replace", "insert") and j2 > j1)


def english_of(seg: Segment) -> str:
    """The English to publish for a segment: the editor's, or machine English of its current
    Arabic ('' while there is none, or while it translates older Arabic)."""
    if seg.english_edited or (seg.english_for is not None and seg.english_for == seg.arabic):
        return seg.english
    return ""


TRANSLATION_KEYS = ("model", "revision", "engine", "beams", "max_length")


def review_signature(model: ReviewModel) -> dict:
    """The configuration's signature, with the translation keys of the engine that really made the
    exported English (the configured model may never have run: ``qfix export`` loads none).
    ``translation`` lists every engine's signature; with none, or several, the flat keys are None."""
    signature = model.config.signature()
    used = model.machine_engines()
    for key in TRANSLATION_KEYS:
        signature[key] = used[0].get(key) if len(used) == 1 else None
    signature["translation"] = used
    return signature


def _key(f: Finding) -> tuple:
    return (f.code, f.start, f.end, f.applied)

