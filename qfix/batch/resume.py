"""``--resume``: which records an earlier, interrupted run already wrote.

Records are written whole, a line each, and flushed as they are done, so an
interrupted run leaves complete lines, and at worst one torn last line (a
kill mid-write). That line is cut off; the ids of the others are skipped on the
rerun, which appends to the same file. Translations of records done but not
written come from the translation memory.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import UserError


def done_keys(path: str) -> tuple[set[str], str | None]:
    """Keys (``json.dumps(id)``) of the records in ``path``, and a warning if a torn line was cut."""
    p = Path(path)
    if not p.exists():
        return set(), None
    keys: set[str] = set()
    good = 0  # offset after the last complete, parseable line
    warning = None
    try:
        with open(p, "rb+") as fh:
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break
                try:
                    record = json.loads(raw)
                except ValueError:
                    if fh.tell() == os.fstat(fh.fileno()).st_size:
                        break  # a torn last line
                    raise UserError(f"{path}: line is not JSON; is this the output of qfix --format jsonl?")
                if isinstance(record, dict) and "id" in record:
                    keys.add(json.dumps(record["id"], ensure_ascii=False, sort_keys=True))
                good += len(raw)
            size = os.fstat(fh.fileno()).st_size
            if good < size:
                fh.truncate(good)
                warning = f"{path}: cut an incomplete last record ({size - good} bytes) left by an interrupted run"
    except OSError as exc:
        raise UserError(f"{path}: cannot read for --resume: {exc.strerror or exc}") from None
    return keys, warning
