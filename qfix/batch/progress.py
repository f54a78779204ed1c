"""A progress bar on stderr for long runs: records, rate and ETA; nothing when piped.

Rich rather than tqdm: the review TUI's Textual already brings Rich, so this
adds no dependency there; Rich's bar sits on stderr and prints our stderr lines
above itself instead of tearing; and it is imported only when a terminal will
show it, so a piped run (the pipeline's case) never loads it. Progress is
counted in input bytes, which are known for files before the run starts
(so the ETA is real); for stdin only records and rate are shown.
"""
from __future__ import annotations

import os
import sys
from typing import Any


class NoProgress:
    def __enter__(self) -> "NoProgress":
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def advance(self, nbytes: int, records: int = 1) -> None:
        pass


class RichProgress(NoProgress):
    def __init__(self, label: str, total_bytes: int | None):
        from rich.console import Console
        from rich.progress import (BarColumn, Progress, ProgressColumn, TaskProgressColumn, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task: Any) -> Text:
                elapsed = task.elapsed or 0.0
                n = task.fields.get("records", 0)
                rate = n / elapsed if elapsed > 0 else 0.0
                return Text(f"{n:,} records  {rate:,.0f}/s", style="progress.data.speed")

        columns = [TextColumn("[progress.description]{task.description}"), BarColumn(), Rate(),
                   TimeElapsedColumn()]
        if total_bytes:
            columns[2:2] = [TaskProgressColumn()]
            columns.append(TimeRemainingColumn())
        self.progress = Progress(*columns, console=Console(file=sys.stderr), transient=False,
                                 redirect_stderr=True, redirect_stdout=False)
        self.task = self.progress.add_task(label, total=total_bytes or None, records=0)
        self.records = 0

    def __enter__(self) -> "RichProgress":
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def advance(self, nbytes: int, records: int = 1) -> None:
        self.records += records
        self.progress.update(self.task, advance=nbytes, records=self.records)


def progress_bar(label: str, total_bytes: int | None, enabled: bool = True) -> NoProgress:
    """A bar when stderr is a terminal (and not TERM=dumb, and Rich is installed)."""
    stream = sys.stderr
    if not enabled or stream is None or not hasattr(stream, "isatty") or not stream.isatty() \
            or os.environ.get("TERM") == "dumb":
        return NoProgress()
    try:
        return RichProgress(label, total_bytes)
    except ImportError:
        return NoProgress()
