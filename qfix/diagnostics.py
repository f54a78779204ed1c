"""Diagnostics and the edits that fix them: plain data, no behaviour.

A rule never rewrites text: it yields ``Diagnostic`` values whose ``Fix``
holds ``Edit`` values (a span of the current text and its replacement).
Only ``qfix.apply`` changes text. These are named tuples: immutable, and
cheap to create by the thousand on the hot path.
"""
from __future__ import annotations

import enum
from typing import NamedTuple


class Applicability(str, enum.Enum):
    """How far a fix may be trusted (ruff's safe / unsafe / display-only)."""

    SAFE = "safe"  # applied by `qfix fix`
    REVIEW = "review"  # shown; applied only when accepted (TUI) or with --apply-review
    DISPLAY = "display"  # no automatic fix: reported for a human


class Edit(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement`` (offsets in code points)."""

    start: int
    end: int
    replacement: str

    def overlaps(self, other: "Edit", touching: bool = False) -> bool:
        """Whether both cannot apply in one pass. Two insertions at one point race; with
        ``touching``, edits that merely meet (an insertion at a rewrite's edge) also do, but
        for two deletions (two adjacent footer lines), which apply together unambiguously."""
        if touching:
            if not self.replacement and not other.replacement and self.start < self.end \
                    and other.start < other.end and (self.end == other.start or other.end == self.start):
                return False
            return self.start <= other.end and other.start <= self.end
        if self.start < other.end and other.start < self.end:
            return True
        return self.start == self.end == other.start == other.end


class Fix(NamedTuple):
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


class Diagnostic(NamedTuple):
    code: str
    message: str
    start: int
    end: int
    fix: Fix | None = None
    paragraph: int = -1  # index of the paragraph (line) it was found in; -1: document

    @property
    def applicability(self) -> Applicability:
        return self.fix.applicability if self.fix else Applicability.DISPLAY


class AppliedEdit(NamedTuple):
    """One entry of the repair log: replayable with ``qfix.apply.replay``.

    ``start``/``end`` are offsets in the text as it stood at the start of
    pass ``pass_no``; ``before`` is what stood there, ``after`` what replaced it;
    ``finding`` the index of the applied finding whose fix it is.
    """

    pass_no: int
    code: str
    start: int
    end: int
    before: str
    after: str
    paragraph: int = -1
    message: str = ""
    finding: int = -1  # index in RepairResult.findings of the finding whose fix this edit is
