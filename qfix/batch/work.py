"""The work done on one document, in whichever process runs it; pure, no IO.

``process(doc, spec)`` repairs a document and turns the result into what the
command needs (findings as rows, the JSONL output line). It is the same
function for ``--jobs 1`` and for the pool, so both give the same bytes. An
exception while repairing one document becomes a ``Failure`` for that document.
"""
from __future__ import annotations

import json
import signal
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from .inputs import Doc, Failure

REPORT_VERSION = 1  # of the JSONL record keys and of the JSON report; bumped on incompatible changes


@dataclass(frozen=True)
class WorkSpec:
    """What every document of a run needs done (sent once to each worker)."""

    config: Config
    command: str  # "fix" | "check" | "translate"
    repair: bool = True  # translate --no-repair: keep the text as it is
    rows: bool = False  # findings as dicts (check, JSONL output)
    jsonl: bool = False  # build the output line here (fix, check)
    keep_input: bool = False  # --diff needs the input back


@dataclass(slots=True)
class Outcome:
    key: str
    origin: str
    source: str
    nbytes: int
    changed: bool
    applied: list[str]  # rule codes of the fixes applied, one per finding
    left: list[str]  # rule codes of the findings left for review
    text: str | None = None  # the repaired text (None for check)
    input: str | None = None
    encoding: str = "utf-8"
    rows: list[dict] | None = None
    fields: dict[str, Any] | None = None
    line: bytes | None = None  # the JSONL output record, newline included
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_record(self) -> bool:
        return self.fields is not None


def findings_as_dicts(name: str | None, result) -> list[dict]:
    """Findings with line/column (1-based) in the input; ``path`` first when a name is given."""
    from ..rules.base import REGISTRY
    from ..text import LineIndex
    index = LineIndex(result.input)
    out = []
    for f in result.findings:
        line, col = index.position(f.start)
        end_line, end_col = index.position(f.end)
        row = {} if name is None else {"path": name}
        row.update({
            "line": line, "column": col, "end_line": end_line, "end_column": end_col,
            "code": f.code, "name": REGISTRY[f.code].name, "message": f.message,
            "applicability": f.applicability.value, "fixed_by_fix": f.applied,
        })
        out.append(row)
    return out


def record_fields(doc_or_outcome) -> dict[str, Any]:
    """The input record, or for a text file ``{"id": path, "path": path}``."""
    if doc_or_outcome.fields is not None:
        return dict(doc_or_outcome.fields)
    return {"id": doc_or_outcome.origin, "path": doc_or_outcome.origin}


def output_record(out: Outcome, command: str, english: str | None = None,
                  translation: dict | None = None) -> dict[str, Any]:
    """The documented JSONL output record: the input's fields, then qfix's keys."""
    rec = record_fields(out)
    if command != "check":
        rec["repaired"] = out.text
    if english is not None:
        rec["english"] = english
    if translation is not None:
        rec["translation"] = translation
    rec["changed"] = out.changed
    rec["diagnostics"] = out.rows or []
    rec["qfix_report_version"] = REPORT_VERSION
    return rec


def dump_line(record: dict[str, Any]) -> bytes:
    return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def process(doc: Doc, spec: WorkSpec) -> Outcome | Failure:
    try:
        return _process(doc, spec)
    except Exception as exc:  # one bad document must not stop the batch
        return Failure(doc.origin, f"{doc.origin}: could not be processed ({type(exc).__name__}: {exc}); "
                                   "skipped (please report it)", doc.source, doc.nbytes, doc.key)


def _process(doc: Doc, spec: WorkSpec) -> Outcome:
    if spec.repair:
        from ..apply import repair
        result = repair(doc.text, spec.config)
        out = Outcome(doc.key, doc.origin, doc.source, doc.nbytes, result.changed,
                      [f.code for f in result.applied], [f.code for f in result.diagnostics],
                      None if spec.command == "check" else result.text,
                      doc.text if spec.keep_input else None, doc.encoding,
                      findings_as_dicts(None, result) if spec.rows else None, doc.fields)
    else:
        out = Outcome(doc.key, doc.origin, doc.source, doc.nbytes, False, [], [], doc.text, None,
                      doc.encoding, [] if spec.rows else None, doc.fields)
    if spec.jsonl:
        out.line = dump_line(output_record(out, spec.command))
        out.rows = out.text = None  # the line carries them; less to send back
    return out


# --- the pool's side: one spec per worker process, set once ---
_SPEC: WorkSpec | None = None


def init_worker(spec: WorkSpec) -> None:
    """Workers leave Ctrl-C to the parent, which stops the batch cleanly."""
    global _SPEC
    _SPEC = spec
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_chunk(items: list) -> list:
    assert _SPEC is not None
    return [process(item, _SPEC) if isinstance(item, Doc) else item for item in items]
