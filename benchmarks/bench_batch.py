"""Batch figures: repair throughput at --jobs 1 and 2, and peak memory of a long stream.

    python benchmarks/bench_batch.py [--records 10000] [--big 100000] [--repeat 3]

1. Throughput: ``qfix fix IN.jsonl -o OUT.jsonl`` on ``--records`` JSONL records (the
   project's own garbled articles, repeated), as a fresh process each time (start-up
   included, as a pipeline sees it), best of ``--repeat`` with the two job counts
   interleaved; records/s, MB/s of input, the speed-up, and a check that both outputs
   are byte-identical.
2. Memory: peak RSS of ``qfix fix`` on ``--records`` and on ``--big`` records: for
   ``--jobs 1`` the process's own peak (getrusage); for ``--jobs 2`` the peak of the
   sum over the process and its workers, sampled every 20 ms from /proc.
3. Translation batches (no model: a counting stand-in): how full the model's batches
   are when documents are translated one by one and in qfix.batch's windows.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import articles  # noqa: E402


def write_feed(path: Path, n: int) -> int:
    docs = articles()
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": i, "text": docs[i % len(docs)], "url": f"https://example.org/{i}"},
                                ensure_ascii=False) + "\n")
    return path.stat().st_size


def qfix_cmd(src: Path, out: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "qfix", "fix", str(src), "-o", str(out), "--jobs", str(jobs), "-q",
            "--no-progress", "--exit-zero"]


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def _tree_rss(pid: int) -> int:
    """Resident bytes of pid and its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            pass
    return total


def peak_rss(cmd: list[str]) -> tuple[int, float]:
    """(peak bytes, seconds): getrusage for one process; sampled /proc sum with workers."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.02)
    return peak, time.perf_counter() - t


def own_peak_rss(cmd: list[str]) -> int:
    """Peak RSS of one process, exactly: run it under a fresh helper and read RUSAGE_CHILDREN."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) * 1024


def own_cpu(cmd: list[str]) -> float:
    """User + system seconds of the main qfix process (its workers, grandchildren, not counted)."""
    code = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL); "
            "r = resource.getrusage(resource.RUSAGE_CHILDREN); print(r.ru_utime + r.ru_stime)")
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def batch_fill(n_docs: int = 200, batch_size: int = 16) -> None:
    from qfix import repair
    from qfix.batch.translate import translate_window
    from qfix.translate import translate_document

    class Counting:
        signature = {"model": "counting", "engine": "test", "max_length": 512}

        def __init__(self):
            self.batches: list[int] = []

        def translate_batch(self, s):
            self.batches.append(len(s))
            return ["x"] * len(s)

    docs = articles()
    texts = [repair(docs[i % len(docs)]).text for i in range(n_docs)]
    alone, together = Counting(), Counting()
    for t in texts:
        translate_document(t, alone, batch_size=batch_size)
    for i in range(0, len(texts), 64):
        translate_window(texts[i:i + 64], together, batch_size=batch_size)
    for name, e in (("one document at a time", alone), ("qfix.batch windows", together)):
        fill = sum(e.batches) / (len(e.batches) * batch_size)
        print(f"  {name:<24} {len(e.batches):5d} model batches for {sum(e.batches):6d} sentences, "
              f"{fill:.1%} full")
    print("  (sentences are fewer in windows: repeated sentences across documents are translated once)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--big", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-memory", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        src = d / "feed.jsonl"
        size = write_feed(src, args.records)
        print(f"input: {args.records:,} JSONL records, {size / 1e6:.2f} MB; {os.cpu_count()} CPUs; "
              f"python {sys.version.split()[0]}")
        best = {1: math.inf, 2: math.inf}
        for _ in range(args.repeat):
            for jobs in (1, 2):
                best[jobs] = min(best[jobs], timed(qfix_cmd(src, d / f"out{jobs}.jsonl", jobs)))
        same = (d / "out1.jsonl").read_bytes() == (d / "out2.jsonl").read_bytes()
        for jobs in (1, 2):
            print(f"qfix fix --jobs {jobs}: {best[jobs]:6.2f} s  {args.records / best[jobs]:8.0f} records/s  "
                  f"{size / 1e6 / best[jobs]:6.2f} MB/s   (best of {args.repeat})")
        print(f"speed-up --jobs 2 / --jobs 1: {best[1] / best[2]:.2f}x; outputs byte-identical: {same}")
        cpu1, cpu2 = (own_cpu(qfix_cmd(src, d / "c.jsonl", j)) for j in (1, 2))
        print(f"CPU of the main process: --jobs 1 {cpu1:.2f} s (all the work); --jobs 2 {cpu2:.2f} s "
              f"(reading, writing, hand-off); on two idle cores --jobs 2 could reach about "
              f"{2 * cpu1 / (cpu1 + cpu2):.2f}x (the same work plus the hand-off, over two cores)")
        print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        if not args.skip_memory:
            big = d / "big.jsonl"
            big_size = write_feed(big, args.big)
            for n, path, nbytes in ((args.records, src, size), (args.big, big, big_size)):
                one = own_peak_rss(qfix_cmd(path, d / "m1.jsonl", 1))
                two, secs = peak_rss(qfix_cmd(path, d / "m2.jsonl", 2))
                print(f"peak RSS, {n:>7,} records ({nbytes / 1e6:7.1f} MB): --jobs 1 {one / 1e6:6.1f} MB; "
                      f"--jobs 2 (parent + workers) {two / 1e6:6.1f} MB  [{secs:.1f} s]")
    print("translation batches, batch size 16:")
    batch_fill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
