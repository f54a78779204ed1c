"""Scale-out on Ray Data: the work of ``--jobs``, distributed over a cluster (``--ray``).

The flow, one Ray Data pipeline per run; qfix itself runs as the driver::

    the files discover() found ─► read: a task per file ─► repartition ─► repair ─► (translate) ─► driver
      one row each                 read_items, resume      blocks of      work.process   actors that     rows in input
                                   filter: a row per doc   256 records    on CPU tasks   load the model  order: summary,
                                   or failure                                            once            the command's writer

Every step calls the function the local mode calls (``inputs.read_items``,
``work.process``, ``translate.translate_stream``, ``work.output_record``), so
a record's output line is the same bytes as with ``--jobs 1``; Ray only
decides where it runs. Rows carry the pickled ``Doc``/``Outcome``/``Failure``
and an order key (input file, place in it).

Why the files are not read with ``ray.data.read_json`` or ``read_text``:
``read_json`` puts records into Arrow columns, which need one type per field
(``"id": 1`` on one line and ``"id": "b"`` on the next do not fit) and do not
give back the input's fields byte for byte; ``read_text`` splits lines with
``str.splitlines``, which also cuts at U+2028, U+2029 and U+0085 (JSON allows
them raw inside strings), decodes a whole file at once (one bad byte fails the
file, not the record) and keeps no line numbers (``feed.jsonl:17`` names a
skipped record and is the id of a record without one). Like those readers,
this reads a file in one task; parallelism comes from many files and from the
repair and translate steps, which take the records in blocks.

Order: ``DataContext.execution_options.preserve_order = True`` (streaming; a
sort would wait for the last record before writing the first). The driver
checks the order key of every row, so a reordering would stop the run
instead of writing records out of order.
"""
from __future__ import annotations

import logging
import math
import os
import pickle
import sys
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator

from ..errors import UserError
from .inputs import DEFAULT_MAX_RECORD_BYTES, Doc, Failure, InputSpec, discover, read_items
from .work import Outcome, WorkSpec, process

RAY_HINT = "--ray needs Ray: pip install 'qfix[ray]'"
RECORDS_PER_TASK = 256  # records a repair task takes: enough work per task to pay for scheduling it
CPUS_PER_READER = 16  # one file-reading task for so many CPUs: reading and JSON are light beside repair
TRANSLATE_BATCH = 256  # records per call of a translation actor (windows of 40,000 characters inside)
TASK_RETRIES = 3  # a task whose worker dies (node lost, crash, out of memory) runs again so often, then the run stops
ENV_PREFIXES = ("QFIX_", "HF_")  # passed to the translation actors (cache directory, hub settings), tokens not


def require_ray():
    """The ``ray`` module, or the one-line install hint (exit 2)."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise UserError(RAY_HINT) from None
    return ray


@dataclass(frozen=True)
class RayOptions:
    """Where and how a run uses Ray (``--ray``, ``--ray-actors``, ``--ray-gpus-per-actor``)."""

    address: str | None = None  # None: $RAY_ADDRESS, else a new local cluster; "auto", "HOST:6379", "local"
    actors: int | None = None  # translation actors; default: one per GPU share, or 1 without GPUs
    gpus_per_actor: float | None = None  # default: 1 when the cluster has GPUs, else 0 (CPU)
    cpus_per_actor: float = 1  # CPUs each translation actor reserves (and torch threads it uses)
    records_per_task: int = RECORDS_PER_TASK
    task_retries: int = TASK_RETRIES


@dataclass(frozen=True)
class TranslateJob:
    """What each translation actor needs: the config (model, engine, beams, …) and English options."""

    config: Any
    en_quotes: str = "curly"
    threads: int | None = None
    inter_threads: int | None = None


# --- connecting ---

@contextmanager
def connected(address: str | None):
    """A Ray connection for one run. An existing one (``ray.init`` by the caller) is used and
    left open; otherwise: ADDRESS, else $RAY_ADDRESS, else a new local cluster on this
    machine's cores, shut down at the end (``auto`` joins a ``ray start`` cluster here)."""
    ray = require_ray()
    if ray.is_initialized():
        yield ray
        return
    target = address or os.environ.get("RAY_ADDRESS") or "local"
    check_address(target)
    kwargs: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    if target == "local":
        kwargs["include_dashboard"] = False
    # a cluster qfix starts for itself: Ray's note that it turned token authentication on is noise here
    auth = logging.getLogger("ray._private.authentication")
    level = auth.level
    if target == "local":
        auth.setLevel(logging.ERROR)
    try:
        ray.init(address=target, **kwargs)
    except (ConnectionError, ValueError, RuntimeError) as exc:
        raise UserError(f"cannot connect to Ray at {target}: {_first_line(exc)}") from None
    finally:
        auth.setLevel(level)
    try:
        yield ray
    finally:
        ray.shutdown()


def check_address(address: str) -> None:
    """Ray Data runs its executor in the driver, which Ray Client (``ray://``) does not give it
    (ray-project/ray#48682): say what works instead, before any work."""
    if address.startswith("ray://"):
        raise UserError(f"--ray {address}: Ray Data does not run through Ray Client (ray://); run qfix on a "
                        "node of the cluster with --ray auto, or submit it there: "
                        "ray job submit --address http://HEAD:8265 -- qfix … --ray")


@contextmanager
def _ray_notes_to_stderr():
    """Ray's driver prints the raylet's notes (a worker died, a task will be retried) on stdout
    whatever ``log_to_driver`` says (``ray._private.worker.listen_error_messages``); stdout is
    qfix's data, so while qfix runs they go to stderr. Private to Ray: left alone if it moved."""
    try:
        from ray._private import worker
        original = worker.print_to_stdstream
    except (ImportError, AttributeError):
        yield
        return

    def to_stderr(data, *args, **kwargs):
        return original({**data, "is_err": True}, *args, **kwargs)

    worker.print_to_stdstream = to_stderr
    try:
        yield
    finally:
        worker.print_to_stdstream = original


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextmanager
def _data_context(ray, actors: bool):
    """Order kept; Ray's own progress bars and notes off (stderr is qfix's: failures are
    reported there as they come); all restored after.

    Without actors, no per-operator resource reservation: it splits half the CPUs between
    the light steps (reading, repartitioning) and repair, which on a small cluster leaves
    repair one task at a time (2 CPUs: 1,534 against 2,628 records/s). With translation
    actors it stays on, so that the actor pool keeps its CPUs and GPUs."""
    ctx = ray.data.DataContext.get_current()
    names = ("preserve_order", "enable_progress_bars", "print_on_execution_start", "op_resource_reservation_enabled")
    saved = {name: getattr(ctx.execution_options if name == "preserve_order" else ctx, name) for name in names}
    logger = logging.getLogger("ray.data")
    level = logger.level
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    ctx.op_resource_reservation_enabled = actors
    logger.setLevel(logging.ERROR)
    try:
        yield ctx
    finally:
        for name, value in saved.items():
            setattr(ctx.execution_options if name == "preserve_order" else ctx, name, value)
        logger.setLevel(level)


# --- the steps, run by Ray's workers; rows are {"file", "n", "nbytes", "item"} ---

def _row(file: int, n: int, nbytes: int, item: Doc | Outcome | Failure | None) -> dict:
    """``item`` None: a record --resume skips (counted by the driver, never processed)."""
    return {"file": file, "n": n, "nbytes": nbytes, "item": b"" if item is None else pickle.dumps(item, 5)}


def _columns(rows: list[dict]) -> dict[str, list]:
    return {k: [r[k] for r in rows] for k in ("file", "n", "nbytes", "item")}


def read_files(batch: dict, *, max_record_bytes: int, done: frozenset, chunk: int) -> Iterator[dict]:
    """Each document of each file as a row, in order; failures and skipped (resumed) ones too."""
    for file, name, path, kind in zip(batch["file"], batch["name"], batch["path"], batch["kind"]):
        rows: list[dict] = []
        spec = InputSpec(str(name), str(kind), path=str(path))
        for n, item in enumerate(read_items([spec], max_record_bytes)):
            skip = bool(done) and isinstance(item, Doc) and item.key in done
            rows.append(_row(int(file), n, item.nbytes, None if skip else item))
            if len(rows) >= chunk:
                yield _columns(rows)
                rows = []
        if rows:
            yield _columns(rows)


def _slim(out: Outcome) -> Outcome:
    """What the driver still needs once the output line is built: counts, origin, the id."""
    if out.fields is not None:
        out.fields = {"id": out.fields.get("id")}
    out.text = out.input = None
    if out.line is not None:
        out.rows = None
    return out


def repair_batch(batch: dict, *, spec: WorkSpec) -> dict:
    """``work.process`` on each document: the function ``--jobs`` runs, on a CPU task."""
    items = []
    for blob in batch["item"]:
        if not blob:
            items.append(b"")
            continue
        item = pickle.loads(blob)
        if isinstance(item, Doc):
            item = process(item, spec)
            if isinstance(item, Outcome) and (spec.jsonl or spec.command == "check"):
                item = _slim(item)  # not for translate (it needs the text and every field) nor --diff
        items.append(pickle.dumps(item, 5))
    return {"file": batch["file"], "n": batch["n"], "nbytes": batch["nbytes"], "item": items}


class Translator:
    """A translation actor: loads the engine once, at the first window with Arabic, and
    translates its batches as ``qfix translate`` does (``translate_stream``)."""

    def __init__(self, job: TranslateJob):
        self.job = job
        self.engine = None
        self.warnings: list[str] = []

    def engine_for(self, needed: bool):
        from .translate import NoModel
        if self.engine is None and needed:
            from ..translate import load_engine
            self.engine = load_engine(self.job.config, warn=self.warnings.append, threads=self.job.threads,
                                      inter_threads=self.job.inter_threads)
        return self.engine if self.engine is not None else NoModel()

    def __call__(self, batch: dict) -> dict:
        from ..translate import TranslateError, TranslationMemory
        from .translate import translate_stream
        from .work import dump_line, output_record
        blobs = list(batch["item"])
        items = [pickle.loads(b) for b in blobs if b]
        stats: dict = {}
        meta: dict[str, Any] = {}
        results: list[bytes] = []
        # opened per call: Ray Data calls the actor from threads other than the one that built it,
        # and an SQLite connection stays in its thread
        memory = TranslationMemory() if self.job.config.cache else None
        try:
            for item in translate_stream(items, self.engine_for, memory=memory, config=self.job.config,
                                         batch_size=self.job.config.batch_size, en_quotes=self.job.en_quotes,
                                         stats=stats):
                if isinstance(item, Failure):
                    results.append(pickle.dumps(item, 5))
                    continue
                out, doc = item
                english = "\n".join(p.english for p in doc.paragraphs)
                out.line = dump_line(output_record(out, "translate", english, dict(doc.stats)))
                out.extra["translation"] = dict(doc.stats)
                results.append(pickle.dumps(_slim(out), 5))
        except TranslateError as exc:  # no model, bad device: the driver stops the run with this line
            meta["fatal"] = str(exc)
            results = [b""] * len(items)
        finally:
            if memory is not None:
                memory.close()
        meta["stats"] = stats
        if self.engine is not None:
            meta["signature"] = dict(self.engine.signature)
        if self.warnings:
            meta["warnings"], self.warnings = self.warnings, []
        done = iter(results)
        out_items = [next(done) if b else b"" for b in blobs]  # resumed rows stay empty
        metas = [b""] * len(blobs)
        if metas:
            metas[0] = pickle.dumps(meta, 5)
        return {"file": batch["file"], "n": batch["n"], "nbytes": batch["nbytes"], "item": out_items,
                "meta": metas}


# --- the driver's side ---

def _actor_resources(ray, options: RayOptions) -> tuple[int, float]:
    """(actors, GPUs per actor): the options, else one actor per GPU when the cluster has
    GPUs, else one CPU actor."""
    gpus = float(ray.cluster_resources().get("GPU", 0))
    per_actor = options.gpus_per_actor if options.gpus_per_actor is not None else (1.0 if gpus else 0.0)
    if per_actor > 0 and gpus == 0:
        raise UserError(f"--ray-gpus-per-actor {per_actor:g}: the Ray cluster has no GPUs")
    actors = options.actors or (max(1, int(gpus / per_actor)) if per_actor else 1)
    return actors, per_actor


def _env_vars() -> dict[str, str]:
    """The translation actors' environment: qfix's and the hub's settings where qfix runs. Not
    tokens: a runtime_env is visible in Ray's dashboard; set those on the nodes."""
    return {k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIXES) and "TOKEN" not in k}


class RayRunner:
    """``Batch.runner`` for ``--ray``: the same outcomes as ``pool.process_stream``, in order,
    computed on a Ray cluster. For translate, each Outcome's ``line`` is the finished
    record and ``extra["translation"]`` its counts; ``stats`` gathers the model's counts
    (sentences, translated, from_memory), ``signature`` the engine's; ``warn`` receives
    the actors' one-line warnings, each once."""

    def __init__(self, options: RayOptions, translate: TranslateJob | None = None):
        self.options = options
        self.translate = translate
        self.stats: dict[str, int] = {}
        self.signature: dict[str, Any] = {}
        self.warn: Callable[[str], None] = lambda message: None
        self._warned: set[str] = set()

    def __call__(self, batch, bar) -> Iterator[Outcome | Failure]:
        """Connects for the run (``connected``), and lets go when the run ends or stops early."""
        with connected(self.options.address) as ray, _data_context(ray, actors=self.translate is not None), \
                _ray_notes_to_stderr():
            specs = batch.discovery.specs
            ds = self._dataset(ray, specs, batch.spec, batch.max_record_bytes, frozenset(batch.done))
            try:
                yield from self._rows(ds, batch, bar)
            except (ray.exceptions.RayError, ray.data.exceptions.UserCodeException) as exc:
                if os.environ.get("QFIX_DEBUG"):
                    raise
                raise UserError(f"the Ray run failed ({type(exc).__name__}: {_first_line(exc)}); the records "
                                "written so far are whole: rerun with --resume to continue "
                                "(QFIX_DEBUG=1 shows the traceback)") from None

    def _rows(self, ds, batch, bar) -> Iterator[Outcome | Failure]:
        last = (-1, -1)
        for rows in ds.iter_batches(batch_size=64, batch_format="numpy", prefetch_batches=2):
            metas = rows.get("meta")
            for i, (file, n, nbytes, blob) in enumerate(zip(rows["file"], rows["n"], rows["nbytes"],
                                                              rows["item"])):
                if metas is not None and metas[i]:
                    self._meta(pickle.loads(metas[i]))
                key = (int(file), int(n))
                if key <= last:  # never expected: preserve_order is set
                    raise RuntimeError(f"Ray returned records out of order ({key} after {last})")
                last = key
                if not blob:
                    batch.summary.resumed += 1
                    bar.advance(int(nbytes))
                    continue
                yield pickle.loads(blob)

    def _meta(self, meta: dict) -> None:
        if "fatal" in meta:
            raise UserError(meta["fatal"])
        for k, v in meta.get("stats", {}).items():
            self.stats[k] = self.stats.get(k, 0) + v
        if meta.get("signature") and not self.signature:
            self.signature.update(meta["signature"])
        for message in meta.get("warnings", ()):
            if message not in self._warned:
                self._warned.add(message)
                self.warn(message)

    def _dataset(self, ray, specs: list[InputSpec], spec: WorkSpec, max_record_bytes: int, done: frozenset):
        # max_retries and max_task_retries go through **ray_remote_args, which Ray 2.60 says will
        # go in 2.64 (it has no named parameter for them yet): its warning is for Ray's next
        # release, not for qfix's user
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return self._pipeline(ray, specs, spec, max_record_bytes, done)

    def _pipeline(self, ray, specs: list[InputSpec], spec: WorkSpec, max_record_bytes: int, done: frozenset):
        files = [{"file": i, "name": s.name, "path": os.path.abspath(s.name), "kind": s.kind}
                 for i, s in enumerate(specs)]
        per_task = self.options.records_per_task
        ds = ray.data.from_items(files, override_num_blocks=max(1, len(files)))
        # A reading task lives as long as its file streams out; reserving a CPU (or any part of one)
        # would keep a repair task off it all that time. So readers reserve none, and their number
        # is capped instead: one reads and parses JSON some 15 times faster than a core repairs.
        cpus = float(ray.cluster_resources().get("CPU", 1))
        # Ray Data retries a task whose worker died without end; a record that kills its worker
        # (a crash, memory) would then hang the run, so retries are bounded
        retries = self.options.task_retries
        ds = ds.map_batches(read_files, batch_size=1, batch_format="numpy", num_cpus=0,
                            concurrency=max(1, math.ceil(cpus / CPUS_PER_READER)), max_retries=retries,
                            fn_kwargs={"max_record_bytes": max_record_bytes, "done": done, "chunk": per_task})
        # blocks of per_task records, so that one big file is repaired by many tasks
        ds = ds.repartition(target_num_rows_per_block=per_task)
        ds = ds.map_batches(repair_batch, batch_size=None, batch_format="numpy", max_retries=retries,
                            fn_kwargs={"spec": spec})
        if self.translate is not None:
            actors, gpus = _actor_resources(ray, self.options)
            ds = ds.map_batches(Translator, batch_size=TRANSLATE_BATCH, batch_format="numpy",
                                fn_constructor_kwargs={"job": self.translate}, concurrency=actors,
                                num_gpus=gpus, num_cpus=self.options.cpus_per_actor, max_task_retries=retries,
                                runtime_env={"env_vars": _env_vars()})
        return ds


# --- the Python API ---

def run(inputs: list[str], command: str = "fix", config=None, *, output: str, address: str | None = None,
        resume: bool = False, options: RayOptions | None = None, en_quotes: str = "curly",
        max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES, include: Iterable[str] = (),
        exclude: Iterable[str] = ()):
    """Repair (``fix``), check (``check``) or translate (``translate``) JSONL files or
    directories on Ray and write the JSONL records to ``output``, as ``qfix COMMAND
    --ray -o OUTPUT`` does; returns the run's ``report.Summary`` (``to_json(code)`` for the
    report). Skipped records are reported on stderr as they come. ``resume``: skip records
    already in ``output`` and append the rest. ``address`` (or ``options.address``): as
    ``--ray ADDRESS``; a connection made by the caller's ``ray.init()`` is used as it is."""
    from ..config import Config
    from ..io import StreamWriter
    from .report import Summary
    from .resume import done_keys
    from .run import Batch
    if command not in ("fix", "check", "translate"):
        raise ValueError(f"command must be fix, check or translate, not {command!r}")
    config = config or Config()
    options = options or RayOptions()
    if address is not None:
        options = replace(options, address=address)
    if "-" in inputs:
        raise UserError("--ray reads files (the cluster's workers open them), not standard input")
    found = discover(list(inputs), include, exclude)
    from .sites import with_repeated_tails
    config = with_repeated_tails(config, found)
    check_inputs(found)
    done = done_keys(output)[0] if resume else set()
    spec = WorkSpec(config, command, rows=True, jsonl=command != "translate")
    signature = config.signature()
    summary = Summary(command, {**signature, "repair": True, "en_quotes": en_quotes} if command == "translate"
                      else signature)
    runner = RayRunner(options, TranslateJob(config, en_quotes) if command == "translate" else None)
    runner.warn = lambda text: print(f"qfix: warning: {text}", file=sys.stderr)
    batch = Batch(found, spec, summary, max_record_bytes=max_record_bytes, done=set(done), progress=False,
                  runner=runner)
    writer = StreamWriter(output, append=resume)
    try:
        for item in batch.outcomes():  # failures are reported on stderr there, and counted
            if isinstance(item, Outcome):
                if "translation" in item.extra:
                    summary.add_translation(records=1, **item.extra["translation"])
                writer.write(item.line)
                writer.flush()
    finally:
        writer.close()
    if command == "translate":
        summary.signature.update(runner.signature)
        summary.add_translation(**{k: runner.stats.get(k, 0) for k in ("sentences", "translated", "from_memory")})
    return summary


def check_inputs(found) -> None:
    """What the cluster can read: JSONL files, named or found in directories (not stdin, not text)."""
    for s in found.specs:
        if s.name == "-":
            raise UserError("--ray reads files (the cluster's workers open them), not standard input")
        if s.kind != "jsonl":
            raise UserError(f"{s.name}: --ray reads JSONL records (*.jsonl, *.ndjson, or --input-format jsonl); "
                            "run text files without --ray, or pick the JSONL files of a directory with "
                            "--include '*.jsonl'")
