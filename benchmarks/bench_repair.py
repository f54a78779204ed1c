"""Repair throughput of qfix against ftfy on the same Arabic news, in one run.

    python benchmarks/bench_repair.py [--mb 10] [--repeat 3] [--build-compiled]

Repairs ~10 MB of Arabic news built from the project's own articles (seeds,
examples, test cases: every one of them garbled) article by article, with
`qfix.repair` and with `ftfy.fix_text` (the best-known text fixer, as a
yardstick), and prints MB/s of each and their ratio. `--build-compiled` also
builds qfix's optional mypyc-compiled core (needs `pip install mypy`) into a
temporary directory and measures it beside the pure-Python one. Then, for each
qfix build: linear growth of one `qfix.repair` call on a tenth of the text and
on all of it (best of 3), and that call's peak memory (tracemalloc) against the
input's size.

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
    from corpus import corpus  # noqa: E402

    docs = corpus(mb)
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
    if extra == "scaling" and what != "ftfy":
        whole = "\n".join(docs)
        tenth = "\n".join(docs[: max(1, len(docs) // 10)])
        times = {}
        for name, text in (("tenth", tenth), ("whole", whole)):
            best = float("inf")
            for _ in range(3):
                gc.collect()
                t = time.process_time()
                fn(text)
                best = min(best, time.process_time() - t)
            times[name] = (len(text.encode("utf-8")), best)
        out["scaling"] = times
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
        best: dict[str, float] = {}
        size = 0
        for _ in range(args.repeat):
            for label, (what, path) in contenders.items():
                # run from a scratch directory so that the checkout's own qfix/ is not shadowing
                res = _run_worker(what, args.mb, path, cwd=tmp)
                size = res["bytes"]
                if what == "qfix" and "compiled" in label and not res["compiled"]:
                    raise SystemExit("the compiled build did not load")
                best[label] = min(best.get(label, float("inf")), res["seconds"])
        mb = size / 1e6
        print(f"corpus: {mb:.2f} MB UTF-8 of Arabic news, article by article; best of {args.repeat}, CPU seconds")
        for label, secs in best.items():
            print(f"  {label:30s} {mb / secs:7.2f} MB/s  ({secs:.2f} s)")
        for label, secs in best.items():
            if label.startswith("qfix"):
                print(f"  ratio {label} / ftfy: {best['ftfy.fix_text'] / secs:.2f}x")

        for label in (k for k in best if k.startswith("qfix")):
            res = _run_worker("qfix", args.mb, contenders[label][1], extra="scaling", cwd=tmp)
            (tb, tt), (wb, wt) = res["scaling"]["tenth"], res["scaling"]["whole"]
            print(f"{label}, one call: {tb / 1e6:.2f} MB in {tt:.2f} s; {wb / 1e6:.2f} MB in {wt:.2f} s: "
                  f"{wb / tb:.1f}x the input took {wt / tt:.2f}x the time")
            print(f"{label}, peak memory of one call on {res['whole_bytes'] / 1e6:.2f} MB: "
                  f"{res['peak'] / 1e6:.1f} MB = {res['peak'] / res['whole_bytes']:.2f}x the input")
    return 0


if __name__ == "__main__":
    sys.exit(main())
