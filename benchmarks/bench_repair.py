"""Repair throughput of qfix against ftfy on the same Arabic news, in one run.

    python benchmarks/bench_repair.py [--mb 10] [--repeat 3] [--corpus garbled,news]
                                      [--growth 1,10,50] [--build-compiled]

Repairs ~10 MB of Arabic news article by article, with `qfix.repair` and with
`ftfy.fix_text` (the best-known text fixer, as a yardstick), and prints MB/s of
each and their ratio, on two corpora built from the project's own text
(benchmarks/corpus.py): "garbled", the project's articles (seeds, examples, test
cases: every one of them garbled, ~45 % of their lines hold quotes), and "news",
news-like articles of which ~10 % of the paragraphs hold quotes (garbled or
already right) and the rest is plain prose, as in a real archive. `--build-compiled` also
builds qfix's optional mypyc-compiled core (needs `pip install mypy`) into a
temporary directory and measures it beside the pure-Python one. Then, for each
qfix build: linear growth of one `qfix.repair` call on the "news" corpus joined
into one document of each --growth size (best of 3), and the peak memory
(tracemalloc) of that call on the --mb document against the input's size.

Each measurement runs in a fresh process, the contenders interleaved round by
round, and counts the CPU time of the repair loop (time.process_time), best of
--repeat rounds: other load on the machine then moves the figures less.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def _worker(what: str, mb: float, extra: str) -> dict:
    from corpus import corpus, news_mix  # noqa: E402

    kind, _, extra = extra.partition(":")
    docs = news_mix(mb) if kind == "news" else corpus(mb)
    size = sum(len(d.encode("utf-8")) for d in docs)
    out: dict = {"bytes": size}
    if what == "ftfy":
        import ftfy
        fn = ftfy.fix_text
    else:
        import qfix
        import qfix.apply
        out["compiled"] = qfix.apply.__file__.endswith((".so", ".pyd"))
        fn = qfix.repair
    gc.collect()
    t = time.process_time()
    for d in docs:
        fn(d)
    out["seconds"] = time.process_time() - t
    if extra == "scaling" and what != "ftfy":  # mb is the document's size here
        whole = "".join(docs)
        best = float("inf")
        for _ in range(3):
            gc.collect()
            t = time.process_time()
            fn(whole)
            best = min(best, time.process_time() - t)
        out["one_call"] = best
        out["whole_bytes"] = len(whole.encode("utf-8"))
    if extra == "memory" and what != "ftfy":
        whole = "".join(docs)
        gc.collect()
        tracemalloc.start()
        fn(whole)
        out["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        out["whole_bytes"] = len(whole.encode("utf-8"))
    return out


def _run_worker(what: str, mb: float, pythonpath: str | None, extra: str = "", cwd: str | None = None) -> dict:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, str(Path(__file__)), "--worker", what, "--mb", str(mb),
                           "--extra", extra], capture_output=True, text=True, env=env, cwd=cwd or str(HERE))
    if proc.returncode:
        raise SystemExit(f"{what} worker failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _build_compiled(dest: Path) -> Path:
    """QFIX_MYPYC=1 wheel of this checkout, unpacked into ``dest``."""
    wheels = dest / "wheels"
    env = dict(os.environ, QFIX_MYPYC="1")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation", "--no-deps",
                    str(ROOT), "-w", str(wheels)], check=True, env=env, cwd=str(dest))
    target = dest / "site"
    with zipfile.ZipFile(next(wheels.glob("qfix-*.whl"))) as zf:
        zf.extractall(target)
    return target


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", default="garbled,news", help="garbled, news, or both (comma-separated)")
    ap.add_argument("--growth", default="1,10,50", help="document sizes in MB for the growth of one call")
    ap.add_argument("--build-compiled", action="store_true", help="also build and measure the mypyc core")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--extra", default="", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker, args.mb, args.extra)))
        return 0
    try:
        import ftfy  # noqa: F401  (measured in the worker processes)
    except ImportError:
        print("ftfy is not installed: pip install ftfy (or the bench extra)", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as tmp:
        contenders = {"ftfy.fix_text": ("ftfy", None), "qfix.repair (pure Python)": ("qfix", str(ROOT))}
        if args.build_compiled:
            print("building the mypyc-compiled core ...", file=sys.stderr)
            contenders["qfix.repair (mypyc-compiled)"] = ("qfix", str(_build_compiled(Path(tmp))))
        for kind in args.corpus.split(","):
            best: dict[str, float] = {}
            size = 0
            for _ in range(args.repeat):
                for label, (what, path) in contenders.items():
                    # run from a scratch directory so that the checkout's own qfix/ is not shadowing
                    res = _run_worker(what, args.mb, path, extra=f"{kind}:", cwd=tmp)
                    size = res["bytes"]
                    if what == "qfix" and "compiled" in label and not res["compiled"]:
                        raise SystemExit("the compiled build did not load")
                    best[label] = min(best.get(label, float("inf")), res["seconds"])
            mb = size / 1e6
            print(f"corpus {kind!r}: {mb:.2f} MB UTF-8 of Arabic news, article by article; "
                  f"best of {args.repeat}, CPU seconds")
            for label, secs in best.items():
                print(f"  {label:30s} {mb / secs:7.2f} MB/s  ({secs:.2f} s)")
            for label, secs in best.items():
                if label.startswith("qfix"):
                    print(f"  ratio {label} / ftfy: {best['ftfy.fix_text'] / secs:.2f}x")

        sizes = [float(x) for x in args.growth.split(",") if x]
        for label in (k for k in contenders if k.startswith("qfix")):
            path = contenders[label][1]
            rows = [_run_worker("qfix", size_mb, path, extra="news:scaling", cwd=tmp) for size_mb in sizes]
            first = rows[0]
            print(f"{label}, one call on one document ('news' corpus joined), best of 3:")
            for row in rows:
                mb_in = row["whole_bytes"] / 1e6
                per_mb = row["one_call"] / mb_in
                print(f"  {mb_in:7.2f} MB in {row['one_call']:6.2f} s = {per_mb:.3f} s/MB "
                      f"({per_mb / (first['one_call'] / (first['whole_bytes'] / 1e6)):.2f}x the first size's)")
            res = _run_worker("qfix", args.mb, path, extra="news:memory", cwd=tmp)
            print(f"{label}, peak memory of one call on {res['whole_bytes'] / 1e6:.2f} MB: "
                  f"{res['peak'] / 1e6:.1f} MB = {res['peak'] / res['whole_bytes']:.2f}x the input")
    return 0


if __name__ == "__main__":
    sys.exit(main())
