"""Ray figures: `qfix fix` on 100,000 JSONL records with `--jobs 2` and with `--ray`, on this machine.

    pip install -e '.[ray]'
    python benchmarks/bench_ray.py [--records 100000] [--repeat 1] [--jobs-1]

The records are bench_batch.py's (the project's garbled articles, repeated, about
1.2 kB each, in one JSONL file). Each contender is a fresh process, start-up included,
as a pipeline sees it, and writes to its own file:

1. ``qfix fix feed.jsonl -o out.jsonl --jobs 2`` (and ``--jobs 1`` with ``--jobs-1``);
2. ``qfix fix feed.jsonl -o out.jsonl --ray``: starts a local Ray cluster on this
   machine's cores, runs, stops it;
3. Ray, warm: a fresh process starts a local cluster (timed apart), runs 2,000
   records so that the workers are up, then times ``qfix.batch.ray_run.run`` on the
   whole input.

Prints records/s, the ratio to ``--jobs 2``, CPU seconds spent by all processes
(sampled from /proc every 50 ms: qfix, its fork server and pool workers; or the Ray
driver, which reads the results in order, counts and writes them as ``--jobs 2``'s main
process does, and the cluster's raylet, GCS and workers), and whether the outputs are
byte-identical.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import write_feed  # noqa: E402

QUIET = ["-q", "--no-progress", "--exit-zero"]


def _tree(pid: int) -> dict[int, float]:
    """CPU seconds (user + system) of pid and each live descendant, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    found, todo = {}, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            found[p] = (int(fields[11]) + int(fields[12])) / tick
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError, IndexError):
            pass
    return found


def tree_cpu(pid: int) -> float:
    return sum(_tree(pid).values())


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and every process under it, sampled every 50 ms:
    pool workers and Ray's raylet, GCS and workers included)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        cpu.update(_tree(proc.pid))
        time.sleep(0.05)
    wall = time.perf_counter() - t
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return wall, sum(cpu.values())


def warm(src: str, out: str, cpus: int) -> None:
    """Child process: start a cluster, warm it, run; print the timings as JSON."""
    import logging

    import ray

    from qfix.batch.ray_run import run
    t = time.perf_counter()
    ray.init(num_cpus=cpus, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    start = time.perf_counter() - t
    head = Path(out).with_suffix(".head.jsonl")
    with open(src, "rb") as fh, open(head, "wb") as dst:
        for _, line in zip(range(2000), fh):
            dst.write(line)
    run([str(head)], "fix", output=str(Path(out).with_suffix(".warm.jsonl")))
    cpu, tree, t = time.process_time(), tree_cpu(os.getpid()), time.perf_counter()
    run([src], "fix", output=out)
    seconds = time.perf_counter() - t
    print(json.dumps({"start": start, "seconds": seconds, "driver_cpu": time.process_time() - cpu,
                      "cpu": tree_cpu(os.getpid()) - tree}))
    ray.shutdown()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each contender; the best is kept")
    ap.add_argument("--jobs-1", action="store_true", help="also time --jobs 1 (the single-core baseline)")
    ap.add_argument("--warm-child", nargs=3, metavar=("SRC", "OUT", "CPUS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.warm_child:
        warm(args.warm_child[0], args.warm_child[1], int(args.warm_child[2]))
        return 0
    cpus = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        src = d / "feed.jsonl"
        size = write_feed(src, args.records)
        print(f"input: {args.records:,} JSONL records, {size / 1e6:.1f} MB; {cpus} CPUs; python "
              f"{sys.version.split()[0]}; load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        qfix = [sys.executable, "-m", "qfix", "fix", str(src)]
        contenders = {"--jobs 2": ["--jobs", "2"], "--ray": ["--ray"]}
        if args.jobs_1:
            contenders = {"--jobs 1": ["--jobs", "1"], **contenders}
        best = {name: (math.inf, 0.0) for name in contenders}
        warm_runs: list[dict] = []
        for _ in range(args.repeat):  # interleaved, so that a busy spell hits every contender alike
            for name, flags in contenders.items():
                out = d / f"out{name.replace(' ', '').replace('-', '')}.jsonl"
                best[name] = min(best[name], timed([*qfix, "-o", str(out), *flags, *QUIET]))
            res = subprocess.run([sys.executable, __file__, "--warm-child", str(src), str(d / "warm.jsonl"), str(cpus)],
                                 check=True, capture_output=True, text=True)
            warm_runs.append(json.loads(res.stdout.strip().splitlines()[-1]))
        w = min(warm_runs, key=lambda r: r["seconds"])
        outputs = {p.name: p.read_bytes() for p in d.glob("out*.jsonl")}
        outputs["warm.jsonl"] = (d / "warm.jsonl").read_bytes()
        same = len(set(outputs.values())) == 1
        base = best["--jobs 2"][0]
        print(f"{'contender':<46} {'seconds':>8} {'records/s':>10} {'x --jobs 2':>10} {'CPU s':>7}")
        for name, (seconds, cpu) in best.items():
            label = f"qfix fix {name}" + (" (cold: cluster start, stop)" if name == "--ray" else "")
            print(f"{label:<46} {seconds:8.2f} {args.records / seconds:10.0f} {base / seconds:10.2f} {cpu:7.1f}")
        print(f"{'Ray, warm cluster (qfix.batch.ray_run.run)':<46} {w['seconds']:8.2f} "
              f"{args.records / w['seconds']:10.0f} {base / w['seconds']:10.2f} {w['cpu']:7.1f}")
        print(f"Ray cluster start (ray.init, {cpus} CPUs): {w['start']:.2f} s; CPU of the warm run's driver "
              f"{w['driver_cpu']:.1f} s of {w['cpu']:.1f} s (driver, raylet, GCS, workers)")
        print(f"outputs byte-identical: {same}  (best of {args.repeat}; load average after: "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
