"""Repair across processes, in input order, holding a bounded window in memory.

Documents go to the workers in chunks (a few dozen records, or a few hundred
kilobytes), so each round trip carries enough work to be worth it; at most
``jobs * WINDOW_PER_JOB`` chunks are in flight, so a stream of any length holds
a bounded number of records. Results come back in input order. With one job,
or when the whole input fits in one chunk, no process is started: the same
function runs here, which is why ``--jobs N`` and ``--jobs 1`` give the same bytes.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from .inputs import Doc, Failure
from .work import Outcome, WorkSpec, init_worker, process, run_chunk

CHUNK_RECORDS = 32
CHUNK_BYTES = 256_000
WINDOW_PER_JOB = 4


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def chunks(items: Iterable, records: int = CHUNK_RECORDS, nbytes: int = CHUNK_BYTES) -> Iterator[list]:
    chunk: list = []
    size = 0
    for item in items:
        chunk.append(item)
        size += item.nbytes
        if len(chunk) >= records or size >= nbytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _context():
    """forkserver where there is one: workers start from a clean process that has the core
    imported, never from a parent holding threads (a progress bar, torch)."""
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(["qfix.batch.work"])
    return ctx


def process_stream(items: Iterable[Doc | Failure], spec: WorkSpec, jobs: int = 1,
                   window_per_job: int = WINDOW_PER_JOB) -> Iterator[Outcome | Failure]:
    """Each item's outcome (or its failure), in input order."""
    batches = chunks(items)
    head = list(islice(batches, 2))
    if jobs <= 1 or len(head) < 2:
        for chunk in head:
            for item in chunk:
                yield process(item, spec) if isinstance(item, Doc) else item
        for chunk in batches:
            for item in chunk:
                yield process(item, spec) if isinstance(item, Doc) else item
        return
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=init_worker,
                                   initargs=(spec,))
    window: deque[Future] = deque()
    limit = jobs * window_per_job
    pending = iter(head)
    try:
        for source in (pending, batches):
            for chunk in source:
                if len(window) >= limit:
                    yield from window.popleft().result()
                window.append(executor.submit(run_chunk, chunk))
        while window:
            yield from window.popleft().result()
    finally:
        # on Ctrl-C or an early close: drop what has not started, let running chunks end
        executor.shutdown(wait=True, cancel_futures=True)
