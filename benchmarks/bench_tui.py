"""Benchmark of `qfix review` on a 2,000-paragraph document (the project's articles repeated).

Reports: the repair of the whole document alone; the time from reading the file to the
app's first screen (headless, 160x50, the translation engine not loaded); and the latency
of accept, reject and next issue (key press to the screen updated, session saved).

    python benchmarks/bench_tui.py [--paragraphs 2000] [--repeat 20]
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import articles  # noqa: E402


def document(n: int) -> str:
    arts, out, lines, k = articles(), [], 0, 0
    while lines < n:
        a = arts[k % len(arts)]
        out.append(a)
        lines += len(a.splitlines())
        k += 1
    return "".join(out)


async def run(path: Path, repeat: int) -> dict:
    from qfix.tui.app import make_app
    started = time.perf_counter()
    app = make_app(str(path), bidi="app", engine_factory=None, use_workers=True, memory=False)
    built = time.perf_counter() - started
    result: dict = {"model": built}
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        result["first_screen"] = time.perf_counter() - started
        await app.workers.wait_for_complete()  # the background check of the blocks
        await pilot.pause()
        for key, name in (("a", "accept"), ("r", "reject"), ("n", "next")):
            times, handler = [], []
            for _ in range(repeat):
                t = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                times.append(time.perf_counter() - t)
                handler.append(app.timings.get(name, float("nan")))
            result[name + "_handler"] = statistics.median(handler)
            result[name] = statistics.median(times)
            result[name + "_max"] = max(times)
        result["segments"] = len(app.model.segments)
        result["blocks"] = len(app.model.blocks)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from qfix import repair
    text = document(args.paragraphs)
    repair(text)  # warm the rule tables
    t = time.perf_counter()
    repair(text)
    repair_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_text(text, encoding="utf-8")
        r = asyncio.run(run(path, args.repeat))
    print(f"document: {r['segments']} paragraphs, {len(text):,} characters, {r['blocks']} repair blocks")
    print(f"repair alone (whole document): {repair_s * 1000:.0f} ms")
    print(f"first screen (read, repair in blocks, build, draw): {r['first_screen'] * 1000:.0f} ms "
          f"(model {r['model'] * 1000:.0f} ms)")
    for name in ("accept", "reject", "next"):
        print(f"{name}: handler (model, state, autosave) median {r[name + '_handler'] * 1000:.1f} ms; "
              f"key to screen drawn median {r[name] * 1000:.1f} ms, max {r[name + '_max'] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
