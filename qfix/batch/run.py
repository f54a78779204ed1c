"""One batch run: inputs → (resume filter) → pool → outcomes in order, with progress and summary.

The commands iterate over ``Batch.outcomes()`` and write each outcome where
it goes (stdout, a file, in place), and say what they like about each skipped
document (a ``Failure``, yielded in its place): nothing here prints. This module
counts everything into the ``Summary`` and shows the progress bar. Exit codes are
decided in one place, ``exit_code``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..errors import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS
from .inputs import DEFAULT_MAX_RECORD_BYTES, Discovery, Doc, Failure, read_items
from .pool import process_stream
from .progress import progress_bar
from .report import Summary
from .work import Outcome, WorkSpec


class FailFast(Exception):
    """--fail-fast: the first skipped document stops the run."""


@dataclass
class Batch:
    discovery: Discovery
    spec: WorkSpec
    summary: Summary
    jobs: int = 1
    fail_fast: bool = False
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    done: set[str] = field(default_factory=set)  # --resume: keys already in the output
    progress: bool = True
    label: str = "repairing"
    runner: Callable[["Batch", Any], Iterator[Outcome | Failure]] | None = None  # --ray: ray_run.RayRunner

    def __post_init__(self) -> None:
        self.summary.inputs = len(self.discovery.specs)

    def _items(self, bar) -> Iterator[Doc | Failure]:
        for item in read_items(self.discovery.specs, self.max_record_bytes):
            if self.done and isinstance(item, Doc) and item.key in self.done:
                self.summary.resumed += 1
                bar.advance(item.nbytes)
                continue
            yield item

    def outcomes(self) -> Iterator[Outcome | Failure]:
        """Outcomes in input order, and a ``Failure`` for each document skipped; with
        ``fail_fast``, ``FailFast`` is raised after the first failure has been yielded."""
        with progress_bar(self.label, self.discovery.total_bytes, self.progress) as bar:
            stream = (self.runner(self, bar) if self.runner is not None
                      else process_stream(self._items(bar), self.spec, self.jobs))
            try:
                for item in stream:
                    self.summary.add(item)
                    bar.advance(item.nbytes)
                    yield item
                    if self.fail_fast and isinstance(item, Failure):
                        raise FailFast(item.message)
            finally:
                stream.close()


def exit_code(summary: Summary, problems: bool, exit_zero: bool) -> int:
    """ruff's order: 2 when anything could not be read or processed; else 1 when problems
    remain (unless --exit-zero); else 0."""
    if summary.interrupted:
        return EXIT_INTERRUPTED
    if summary.error_count:
        return EXIT_ERROR
    if problems and not exit_zero:
        return EXIT_PROBLEMS
    return EXIT_OK
