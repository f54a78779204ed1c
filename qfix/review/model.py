"""The review model: what the editor decided, and the English. No Textual here.

The repaired Arabic, the findings of each paragraph, the lines removed and the
spans a repair changed all come from one ``RepairResult``: the core's document
model, the same that ``qfix fix`` writes and ``qfix check`` lists, made with the
editor's decisions. It is made by ``qfix.repair`` when the review opens (or a
session is restored) and, after a decision, by ``qfix.repair_paragraph`` on the
paragraphs the decided findings belong to (milliseconds, where a whole repair
of 2,000 paragraphs takes a tenth of a second or more); a decision on a
boilerplate finding, one on a finding the review has never seen, or one
touching many paragraphs at once (a whole rule) gets a whole repair. The
model itself keeps only the decisions, approvals, the editor's Arabic and
English, the machine English and the undo history.

Finding ids (``CODE@offset``) are offsets in the input, so decisions keep
their meaning across re-runs and sessions.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Iterable

from .. import repair, repair_paragraph
from ..apply import verdict
from ..changes import compose
from ..config import Config
from ..result import Finding, ParagraphResult, RepairResult
from ..rules.base import REGISTRY

RERUN_PARAGRAPHS = 8  # decisions on more paragraphs than this at once: one whole repair instead


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


@dataclass(eq=False)
class Segment:
    """One line of the input: the core's paragraph (replaced by each new result) and what the
    editor did to it."""

    paragraph: ParagraphResult
    arabic_edit: str | None = None  # the editor's own Arabic
    english: str = ""
    english_for: str | None = None  # the Arabic that ``english`` translates (None: not yet)
    english_edited: bool = False
    english_by: str | None = None  # key in ReviewModel.engines of the engine that made ``english``
    approved: bool = False  # accepted as a whole (a segment without issues)
    _issues: list[Issue] | None = field(default=None, repr=False)

    @property
    def index(self) -> int:
        return self.paragraph.index

    @property
    def start(self) -> int:
        """Input offset of the line's content (no terminator)."""
        return self.paragraph.start

    @property
    def end(self) -> int:
        return self.paragraph.end

    @property
    def source(self) -> str:
        return self.paragraph.source

    @property
    def repaired(self) -> str | None:
        """The line as repaired with the editor's decisions; None: the repair removed it."""
        return self.paragraph.text

    @property
    def issues(self) -> list[Issue]:
        if self._issues is None:
            p = self.paragraph
            self._issues = [Issue(f, p.index, max(0, f.start - p.start), max(0, min(f.end, p.end) - p.start))
                            for f in p.findings]
        return self._issues

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


class ReviewModel:
    """Everything the editor decided, and the English; the repair is ``result``."""

    def __init__(self, text: str, config: Config | None = None):
        self.text = text
        self.config = config or Config()
        self.decisions: dict[str, bool] = {}
        self.history: list[dict] = []
        self.engines: dict[str, dict] = {}  # key → signature of each engine that made English here
        self.result: RepairResult = repair(text, self.config)
        self.segments = [Segment(p) for p in self.result.paragraphs]
        self.seen: dict[str, Finding] = {}  # every finding of every result so far, by id
        self._by_paragraph: dict[int, dict[str, bool]] | None = None
        self._note(self.result.findings)

    # --- the repair -------------------------------------------------------------

    def _note(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.seen[f.id] = f

    def _rerun(self, ids: Iterable[str]) -> list[int]:
        """Make the result follow the decisions on ``ids``; the segments to redraw."""
        known = [self.seen.get(fid) for fid in ids]
        where = {f.paragraph for f in known if f is not None}
        whole = (any(f is None or REGISTRY[f.code].scope == "document" for f in known)
                 or len(where) > RERUN_PARAGRAPHS or not all(0 <= i < len(self.segments) for i in where))
        if whole:
            changed = self._use(repair(self.text, self.config, dict(self.decisions)), None)
            return sorted(set(changed) | {i for i in where if 0 <= i < len(self.segments)})
        # repair_paragraph re-runs the paragraphs whose findings' decisions changed since the result
        result = repair_paragraph(self.result, min(where), dict(self.decisions)) if where else self.result
        return self._use(result, where)

    def _use(self, result: RepairResult, touched: set[int] | None) -> list[int]:
        """Make ``result`` current. Returns the segments whose Arabic or findings changed (every
        one compared when ``touched`` is None, a whole repair), and the ``touched`` ones."""
        self.result = result
        paragraphs = result.paragraphs
        if touched is not None:  # repair_paragraph: the other paragraphs are as they were
            for seg, p in zip(self.segments, paragraphs):
                seg.paragraph = p
            for i in touched:
                self.segments[i]._issues = None
            self._note(f for i in touched for f in paragraphs[i].findings)
            return sorted(touched)
        changed = []
        for seg, p in zip(self.segments, paragraphs):
            old = seg.paragraph
            seg.paragraph = p
            if p.text != old.text or p.findings != old.findings or len(p.edits) != len(old.edits):
                seg._issues = None
                changed.append(p.index)
        self._note(result.findings)
        return changed

    def final_arabic(self) -> str:
        """The Arabic to publish: the repair as decided (``RepairResult.text``, line terminators
        and BOM included) with the editor's own Arabic in place of the lines they edited."""
        if not any(seg.arabic_edit is not None for seg in self.segments):
            return self.result.text
        pieces = [self.result.bom]
        paragraphs = self.result.paragraphs
        for seg in self.segments:
            p = seg.paragraph
            if seg.arabic_edit is None:
                if p.text is not None:
                    pieces.append(p.text + p.terminator)
                continue
            if p.text is not None:
                pieces.append(seg.arabic_edit + p.terminator)
                continue
            # a removed line the editor wrote again: the input's line breaks around it
            if pieces[-1] and not pieces[-1].endswith("\n") and p.index:
                pieces.append(self.result.input[paragraphs[p.index - 1].end:p.start])
            nxt = paragraphs[p.index + 1].start if p.index + 1 < len(paragraphs) else len(self.result.input)
            pieces.append(seg.arabic_edit + self.result.input[p.end:nxt])
        return "".join(pieces)

    # --- what the editor sees -------------------------------------------------

    def status(self, i: int) -> str:
        seg = self.segments[i]
        if seg.arabic_edit is not None or seg.english_edited:
            return "edited"
        ids = [x.id for x in seg.issues]
        decided = [self.decisions.get(fid) for fid in ids]
        # a decided finding the repair no longer reports (another rule took its place) still counts
        decided += [v for fid, v in self._decided_in().get(i, {}).items() if fid not in ids]
        if any(d is False for d in decided):
            return "rejected"
        if seg.approved or (decided and all(d is True for d in decided)):
            return "accepted"
        return "pending"

    def _decided_in(self) -> dict[int, dict[str, bool]]:
        """The decisions by the paragraph their finding was seen in."""
        if self._by_paragraph is None:
            self._by_paragraph = {}
            for fid, value in self.decisions.items():
                f = self.seen.get(fid)
                if f is not None:
                    self._by_paragraph.setdefault(f.paragraph, {})[fid] = value
        return self._by_paragraph

    def open_issues(self, i: int) -> list[Issue]:
        return [x for x in self.segments[i].issues
                if verdict(self.decisions, x.finding.code, x.finding.start) is None]

    def issue_state(self, issue: Issue) -> str:
        d = verdict(self.decisions, issue.finding.code, issue.finding.start)
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
        """Where the repair wrote text: spans in the repaired line, from the paragraph's own log
        (its edits composed into changes, as ``qfix.changes`` does for the document); none for a
        line the editor wrote, or one the repair removed."""
        seg = self.segments[i]
        p = seg.paragraph
        if seg.arabic_edit is not None or p.text is None or not p.edits:
            return []
        spans, _ = compose(p.source, p.edits)
        out, shift = [], 0
        for s in spans:
            start = s.start + shift
            if s.replacement:
                out.append((start, start + len(s.replacement)))
            shift += len(s.replacement) - (s.end - s.start)
        return out

    # --- what the editor does (each returns the segments that changed) --------------

    def decide(self, ids: Iterable[str], value: bool | None) -> list[int]:
        """Accept (True), reject (False) or forget (None) findings; one undo step."""
        ids = list(ids)
        step = {"decisions": {fid: self.decisions.get(fid) for fid in ids}}
        self.history.append(step)
        return self._set_decisions({fid: value for fid in ids})

    def _set_decisions(self, values: dict[str, bool | None]) -> list[int]:
        """Record decisions and re-run the repair where they apply. Returns the segments to
        redraw: those whose Arabic or issues changed, and those holding a decided finding."""
        for fid, value in values.items():
            if value is None:
                self.decisions.pop(fid, None)
            else:
                self.decisions[fid] = value
        self._by_paragraph = None
        return self._rerun(values)

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
        seg.english, seg.english_for, seg.english_by = english, arabic, by
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
