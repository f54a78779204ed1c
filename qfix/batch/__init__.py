"""Batches and streams: many inputs, a process pool, progress, resume and reports.

The flow, with IO only at its two ends::

    inputs.discover / read_items ─► pool.process_stream ─► (translate.translate_stream) ─► the command's writer
      files, directories, stdin,      work.process in N        windows that fill the      stdout, -o, in place;
      JSONL records or Failures       processes, in order,      model's batches            report.Summary counts
                                      a bounded window                                    everything on the way

``--ray`` (``ray_run``) runs the same steps on a Ray cluster: reading and repair on
CPU tasks, translation on actors, the records back in order to the command's writer.

Python use, for a pipeline that holds its records already::

    from qfix.batch import repair_records
    for out in repair_records([{"id": 1, "text": "..."}], jobs=2):
        out["repaired"], out["changed"], out["diagnostics"]
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from .work import REPORT_VERSION

__all__ = ["REPORT_VERSION", "repair_records"]


def repair_records(records: Iterable[dict[str, Any]], config=None, jobs: int = 1,
                   name: str = "<records>") -> Iterator[dict[str, Any]]:
    """Repair each record's ``text``; yield the JSONL output record of ``qfix fix --format jsonl``.

    In input order, any number of processes, a bounded number of records in memory. A
    record that cannot be repaired comes back as ``{"id": …, "error": message,
    "qfix_report_version": 1}``."""
    from ..config import Config
    from .inputs import Doc, Failure, parse_record
    from .pool import process_stream
    from .work import WorkSpec, output_record

    def docs() -> Iterator[Doc | Failure]:
        for n, record in enumerate(records, 1):
            raw = json.dumps(record, ensure_ascii=False).encode("utf-8")
            yield parse_record(raw, f"{name}:{n}", name, n)

    spec = WorkSpec(config or Config(), "fix", rows=True)
    for item in process_stream(docs(), spec, jobs):
        if isinstance(item, Failure):
            yield {"id": item.origin if item.key is None else json.loads(item.key), "error": item.message,
                   "qfix_report_version": REPORT_VERSION}
        else:
            yield output_record(item, "fix")
