"""Repair throughput of qfix against ftfy on the same Arabic news, in one run.

    python benchmarks/bench_repair.py [--mb 10] [--repeat 3]

Prints MB/s of `qfix.repair` and of `ftfy.fix_text` (the best-known text
fixer, as a yardstick: it fixes mojibake and quotes, not attribution) on the
same articles, their ratio; linear growth of one `qfix.repair` call on 1/10
of the text and on all of it; and the peak memory of that call (tracemalloc)
against the input's size. Needs `pip install ftfy` (the `bench` extra).
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import qfix  # noqa: E402
from corpus import corpus  # noqa: E402


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    try:
        import ftfy
    except ImportError:
        print("ftfy is not installed: pip install ftfy", file=sys.stderr)
        return 2
    docs = corpus(args.mb)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"corpus: {len(docs)} articles, {mb:.2f} MB UTF-8")

    t_qfix = best_of(lambda: [qfix.repair(d) for d in docs], args.repeat)
    t_ftfy = best_of(lambda: [ftfy.fix_text(d) for d in docs], args.repeat)
    print(f"qfix.repair   {mb / t_qfix:8.2f} MB/s  ({t_qfix:.2f} s)")
    print(f"ftfy.fix_text {mb / t_ftfy:8.2f} MB/s  ({t_ftfy:.2f} s)")
    print(f"ratio qfix/ftfy: {t_ftfy / t_qfix:.2f}x")

    whole = "\n".join(docs)
    tenth = "\n".join(docs[: max(1, len(docs) // 10)])
    t_small = best_of(lambda: qfix.repair(tenth), args.repeat)
    t_big = best_of(lambda: qfix.repair(whole), args.repeat)
    ratio = (len(whole) / len(tenth))
    print(f"one call on {len(tenth.encode()) / 1e6:.2f} MB: {t_small:.2f} s; on {len(whole.encode()) / 1e6:.2f} MB: "
          f"{t_big:.2f} s; {ratio:.1f}x the input took {t_big / t_small:.2f}x the time")

    gc.collect()
    tracemalloc.start()
    result = qfix.repair(whole)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = len(whole.encode("utf-8"))
    print(f"peak memory of one call on {size / 1e6:.2f} MB: {peak / 1e6:.1f} MB = {peak / size:.2f}x the input "
          f"({len(result.edits)} edits logged)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
