"""`--ray`: the batch modes on a Ray cluster give the bytes of `--jobs 1` (qfix.batch.ray_run).

One local cluster (2 CPUs, no dashboard) serves the module; the CLI runs in-process
and uses it, and one test runs the real `qfix` command against it through
RAY_ADDRESS. Skipped when ray is not installed (`pip install -e '.[ray]'`), except
the test of the install hint, which simulates its absence.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from test_batch import GARBLED, _jsonl, _records, _small_feed
from translate_fixtures import _isolated_cache, tiny_model  # noqa: F401 (fixtures)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray")  # Ray's own, on copying its context
GOLDEN = ROOT / "tests" / "golden" / "batch"
BOOM = "BOOM-qfix-test"  # a record holding this makes repair raise, on the cluster's workers too
CRASH = "CRASH-qfix-test"  # ... and this kills the worker that repairs it


def _inject_failure() -> None:
    """Ray's worker set-up hook: repair raises on BOOM, as a bug would on one record; CRASH
    ends the worker, as a crash or the OOM killer would."""
    import qfix.apply
    real = qfix.apply.repair

    class Crash(BaseException):
        """Not an Exception: work.process does not catch it, and it ends the Ray worker."""

    def repair(text, *args, **kwargs):
        if BOOM in text:
            raise RuntimeError("injected failure")
        if CRASH in text:
            raise Crash()
        return real(text, *args, **kwargs)

    qfix.apply.repair = repair


_inject_failure.__module__ = "__main__"  # so that Ray sends the function itself to its workers


@pytest.fixture(scope="module")
def cluster():
    ray = pytest.importorskip("ray")
    import logging
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False,
             object_store_memory=200 * 2**20, runtime_env={"worker_process_setup_hook": _inject_failure})
    yield ray
    ray.shutdown()


@pytest.fixture(autouse=True)
def _feed(tmp_path):
    (tmp_path / "feed.jsonl").write_text(_small_feed(), encoding="utf-8")


# --- the same bytes as --jobs 1 ---

@pytest.mark.parametrize("command,args", [("fix", ()), ("check", ("--format", "jsonl"))])
def test_matches_jobs_1_and_the_golden_file(cli, cluster, command, args):
    local = cli(command, "feed.jsonl", *args, "--jobs", "1")
    ray = cli(command, "feed.jsonl", *args, "--ray")
    assert ray.out == local.out == (GOLDEN / f"{command}.jsonl").read_bytes()
    assert (ray.code, ray.err) == (local.code, local.err)


def test_order_across_files_and_many_tasks_through_the_python_api(cli, cluster, tmp_path):
    from qfix.batch.ray_run import RayOptions, run
    records = _records(300)
    for i in range(3):  # three files; blocks of 16 records: some sixty repair tasks
        (tmp_path / "in" / f"part{i}").mkdir(parents=True)
        (tmp_path / "in" / f"part{i}" / "feed.jsonl").write_text(_jsonl(records[i * 100:(i + 1) * 100]),
                                                                 encoding="utf-8")
    local = cli("fix", "in", "--jobs", "1")
    summary = run(["in"], "fix", output=str(tmp_path / "out.jsonl"), options=RayOptions(records_per_task=16))
    out = (tmp_path / "out.jsonl").read_bytes()
    assert [json.loads(x)["id"] for x in out.splitlines()] == [r["id"] for r in records]
    assert out == local.out
    assert (summary.records, summary.inputs, summary.error_count) == (300, 3, 0)


def test_bad_records_are_the_same_failure_reports_and_the_run_goes_on(cli, cluster, tmp_path):
    lines = [json.dumps({"id": "ok1", "text": GARBLED}), "{not json", json.dumps({"id": "nt"}),
             json.dumps({"id": "boom", "text": BOOM}), json.dumps({"id": "big", "text": "ا" * 600}),
             json.dumps({"id": "ls", "text": GARBLED + "\u2028" + GARBLED}, ensure_ascii=False)]
    (tmp_path / "mixed.jsonl").write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "u", "text": "\xff"}\n')
    import qfix.apply
    real = qfix.apply.repair
    with pytest.MonkeyPatch.context() as mp:  # the local run meets the same failure
        mp.setattr(qfix.apply, "repair", lambda text, *a, **k: _boom(text) or real(text, *a, **k))
        local = cli("fix", "mixed.jsonl", "--jobs", "1", "--max-record-bytes", "1000")
    ray = cli("fix", "mixed.jsonl", "--ray", "--max-record-bytes", "1000", "--report", "r.json")
    assert ray.code == local.code == 2
    assert ray.out == local.out and ray.err == local.err
    assert [json.loads(x)["id"] for x in ray.out.splitlines()] == ["ok1", "ls"]  # U+2028 stays inside its record
    errors = [e[len("qfix: error: "):].split(": ", 1) for e in ray.err.splitlines() if e.startswith("qfix: error: ")]
    assert [where for where, _ in errors] == [f"mixed.jsonl:{n}" for n in (2, 3, 4, 5, 7)]
    assert "RuntimeError: injected failure" in errors[2][1] and "over the limit" in errors[3][1]
    assert json.loads((tmp_path / "r.json").read_text())["totals"]["errors"] == 5


def _boom(text: str) -> None:
    if BOOM in text:
        raise RuntimeError("injected failure")


def test_a_record_that_kills_its_worker_stops_the_run_in_one_line_and_stdout_stays_data(cli, cluster, tmp_path):
    records = _records(64)
    records[50]["text"] = CRASH
    (tmp_path / "crash.jsonl").write_text(_jsonl(records), encoding="utf-8")
    full = cli("fix", "crash.jsonl", "--jobs", "1").out  # no crash here
    res = cli("fix", "crash.jsonl", "--ray")  # Ray retries the task 3 times (TASK_RETRIES), then gives up
    assert res.code == 2
    mine = [line for line in res.err.splitlines() if line.startswith("qfix:")]
    assert len(mine) == 1 and mine[0].startswith("qfix: error: the Ray run failed (")
    assert "rerun with --resume" in mine[0]
    assert full.startswith(res.out) and (res.out.endswith(b"\n") or not res.out)  # whole records, in order
    assert b"raylet" not in res.out  # Ray's notes about the dead worker went to stderr


def test_resume_skips_what_is_done(cli, cluster, tmp_path):
    (tmp_path / "many.jsonl").write_text(_jsonl(_records(40)), encoding="utf-8")
    cli("fix", "many.jsonl", "-o", "full.jsonl", "--jobs", "1")
    lines = (tmp_path / "full.jsonl").read_bytes().splitlines(keepends=True)
    (tmp_path / "part.jsonl").write_bytes(b"".join(lines[:15]) + lines[15][:40])  # killed mid-write
    res = cli("fix", "many.jsonl", "-o", "part.jsonl", "--ray", "--resume", "--report", "r.json")
    assert "cut an incomplete last record" in res.err and "15 already done" in res.err
    assert (tmp_path / "part.jsonl").read_bytes() == (tmp_path / "full.jsonl").read_bytes()
    assert json.loads((tmp_path / "r.json").read_text())["totals"]["resumed"] == 15


def test_translate_on_an_actor_matches_jobs_1(cli, cluster, tiny_model, tmp_path):
    from test_batch_translate import _feed as translate_feed
    translate_feed(tmp_path)
    model = ("--model", str(tiny_model))
    local = cli("translate", "feed.jsonl", *model, "--jobs", "1", "--report", "local.json")
    ray = cli("translate", "feed.jsonl", *model, "--ray", "--no-cache", "--report", "ray.json")  # the model's own
    assert ray.code == local.code == 2 and "qfix: error: feed.jsonl:5: not JSON" in ray.err
    assert ray.out == local.out
    out = [json.loads(x) for x in ray.out.splitlines()]
    for r in out:  # the golden file holds the keys and the repair; the tiny model's English is random words
        r["english"] = "<english>"
    assert out == [json.loads(x) for x in (GOLDEN / "translate.jsonl").read_text(encoding="utf-8").splitlines()]
    reports = [json.loads((tmp_path / f"{n}.json").read_text()) for n in ("local", "ray")]
    assert reports[0]["translation"] == reports[1]["translation"]
    assert reports[0]["signature"] == reports[1]["signature"]
    assert reports[1]["signature"]["engine"] == "transformers"
    # the actors use the translation memory of QFIX_CACHE_DIR, which the local run filled
    again = cli("translate", "feed.jsonl", *model, "--ray", "--report", "again.json")
    assert again.out == local.out
    t = json.loads((tmp_path / "again.json").read_text())["translation"]
    assert t["from_memory"] == t["sentences"] > 0 and t["translated"] == 0


def test_translate_without_the_model_is_the_same_one_line(cli, cluster):
    local = cli("translate", "feed.jsonl", "--jobs", "1", "--model", "/nonexistent/model")
    res = cli("translate", "feed.jsonl", "--ray", "--model", "/nonexistent/model")
    assert (res.code, res.err) == (local.code, local.err)
    assert res.code == 2 and res.err.count("\n") == 1 and "/nonexistent/model" in res.err


def test_the_qfix_command_joins_the_cluster_in_ray_address(cluster, tmp_path):
    qfix = Path(sys.executable).with_name("qfix")
    env = dict(os.environ, RAY_ADDRESS=cluster.get_runtime_context().gcs_address)
    res = subprocess.run([str(qfix), "fix", "--ray", "feed.jsonl"], cwd=tmp_path, env=env, capture_output=True,
                         timeout=120)
    assert res.returncode == 1, res.stderr
    assert res.stdout == (GOLDEN / "fix.jsonl").read_bytes()
    assert res.stderr.decode() == "qfix: 3 records: 1 changed, 1 with problems left for review, 0 skipped\n"


def test_the_qfix_command_starts_its_own_cluster_without_an_address(cluster, tmp_path):
    qfix = Path(sys.executable).with_name("qfix")  # `cluster`: skipped without ray; not joined here
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    res = subprocess.run([str(qfix), "fix", "--ray", "feed.jsonl"], cwd=tmp_path, env=env, capture_output=True,
                         timeout=300)
    assert res.returncode == 1, res.stderr
    assert res.stdout == (GOLDEN / "fix.jsonl").read_bytes()
    assert res.stderr.decode() == "qfix: 3 records: 1 changed, 1 with problems left for review, 0 skipped\n"


# --- options and errors, before any work ---

def test_without_ray_the_hint_is_one_line(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    for args in (("fix", "feed.jsonl", "--ray"), ("check", "--ray", "auto", "feed.jsonl"),
                 ("translate", "feed.jsonl", "--ray")):
        res = cli(*args)
        assert (res.code, res.err, res.out) == (2, "qfix: error: --ray needs Ray: pip install 'qfix[ray]'\n", b"")


def test_ray_address_or_input(cli, tmp_path):
    pytest.importorskip("ray")
    from qfix.cli.main import build_parser
    parse = build_parser().parse_args
    assert parse(["fix", "--ray", "feed.jsonl", "b.jsonl"]).files == ["b.jsonl"]
    from qfix.cli.options import input_names
    assert input_names(parse(["fix", "--ray", "feed.jsonl", "b.jsonl"])) == ["feed.jsonl", "b.jsonl"]
    assert input_names(parse(["fix", "a.jsonl", "--ray", "feed.jsonl"])) == ["a.jsonl", "feed.jsonl"]
    for address in ("auto", "ray://head:10001", "10.0.0.1:6379", "local"):
        args = parse(["fix", "--ray", address, "a.jsonl"])
        assert (args.ray, input_names(args)) == (address, ["a.jsonl"])
    res = cli("fix", "feed.jsonl", "--ray", "ray://head:10001")  # Ray Client: Ray Data cannot run there
    assert res.code == 2 and res.err.count("\n") == 1 and "ray job submit" in res.err
    (tmp_path / "a.txt").write_text(GARBLED, encoding="utf-8")
    assert "--jobs is for one machine" in cli("fix", "feed.jsonl", "--ray", "--jobs", "2").err
    assert "not standard input" in cli("fix", "-", "--ray", stdin=_small_feed()).err
    res = cli("fix", "a.txt", "--ray")
    assert res.code == 2 and "a.txt: --ray reads JSONL records" in res.err


def test_actors_per_gpu():
    pytest.importorskip("ray")
    from qfix.batch.ray_run import RayOptions, _actor_resources
    from qfix.cli.errors import UserError

    class Cluster:
        def __init__(self, gpus):
            self.gpus = gpus

        def cluster_resources(self):
            return {"CPU": 16.0, **({"GPU": self.gpus} if self.gpus else {})}

    assert _actor_resources(Cluster(0), RayOptions()) == (1, 0.0)
    assert _actor_resources(Cluster(0), RayOptions(actors=3)) == (3, 0.0)
    assert _actor_resources(Cluster(2), RayOptions()) == (2, 1.0)
    assert _actor_resources(Cluster(2), RayOptions(gpus_per_actor=0.5)) == (4, 0.5)
    assert _actor_resources(Cluster(2), RayOptions(gpus_per_actor=0)) == (1, 0.0)
    with pytest.raises(UserError, match="no GPUs"):
        _actor_resources(Cluster(0), RayOptions(gpus_per_actor=1))
