"""Benchmark of `qfix review` on a 2,000-paragraph document (the project's articles repeated).

Reports: the repair of the whole document alone; the time from reading the file to the
app's first screen drawn (headless, 160x50, no translation engine); and the latency of
accept, reject and next issue from the key press to the screen redrawn, with English
for every paragraph in the panes and in the session file that each decision saves.

"Drawn" means what a terminal would receive: every screen update Textual hands to its
driver is turned into the terminal's byte sequence here (the headless driver skips that
step, so the benchmark does it itself and counts it), and the time of the last update
caused by a key is that key's latency. Pilot's own idle waits (it sleeps in 20 ms
steps to decide the app is idle) are not counted: the clock stops at the redraw, not
when Pilot notices.

    python benchmarks/bench_tui.py [--paragraphs 2000] [--repeat 20]
"""
from __future__ import annotations

import argparse
import asyncio
import os
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


def english_like(arabic: str) -> str:
    """Stand-in English of about the same length (no model in the benchmark)."""
    words = ("the", "minister", "said", "on", "Monday", "that", "talks", "would", "resume", "soon")
    out, k = [], 0
    while sum(len(w) + 1 for w in out) < len(arabic):
        out.append(words[k % len(words)])
        k += 1
    return " ".join(out).capitalize() + "."


class DrawClock:
    """Wraps App._display: renders each update to terminal bytes and notes when it was done."""

    # The first screen is complete when the terminal has been sent the header's progress,
    # the segment list's first row, the panes' first paragraph label and the detail panel.
    FIRST_SCREEN = ("open issues", " 1     ", "─ ¶1 · ", "·")

    def __init__(self, app):
        self.app = app
        self.times: list[float] = []
        self.first_screen = float("nan")
        self._sent = ""
        original = app._display

        def display(screen, renderable):
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            from textual._compositor import CompositorUpdate
            sent = renderable.render_segments(app.console) if isinstance(renderable, CompositorUpdate) else ""
            now = time.perf_counter()
            self.times.append(now)
            if self._sent is not None:
                self._sent += sent
                if all(marker in self._sent for marker in self.FIRST_SCREEN):
                    self.first_screen, self._sent = now, None

        app._display = display

    def last_since(self, t0: float) -> float:
        after = [t for t in self.times if t >= t0]
        return (after[-1] - t0) if after else float("nan")

    def first_since(self, t0: float) -> float:
        after = [t for t in self.times if t >= t0]
        return (after[0] - t0) if after else float("nan")


async def run(path: Path, repeat: int) -> dict:
    from qfix.tui.app import make_app
    started = time.perf_counter()
    app = make_app(str(path), bidi="app", engine_factory=None, use_workers=True, memory=False)
    built = time.perf_counter() - started
    clock = DrawClock(app)
    result: dict = {"model": built}
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        result["first_screen"] = clock.first_screen - started
        result["mount"] = app.mounted_at - started
        # As after the translation: every paragraph has English (as long as its Arabic), which the
        # session file holds too, so each decision saves a session of the real size.
        app._apply_translations([(i, seg.arabic, english_like(seg.arabic))
                                 for i, seg in enumerate(app.model.segments) if seg.arabic.strip()])
        app.save()
        result["session_bytes"] = app.session_path.stat().st_size
        await pilot.pause()
        for key, name in (("a", "accept"), ("r", "reject"), ("n", "next")):
            times, handler = [], []
            for _ in range(repeat):
                t0 = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                times.append(clock.last_since(t0))
                handler.append(app.timings.get(name, float("nan")))
            result[name + "_handler"] = statistics.median(handler)
            result[name] = statistics.median(times)
            result[name + "_max"] = max(times)
        result["segments"] = len(app.model.segments)
    return result


def from_command(path: Path, timeout: float = 30.0) -> float:
    """Seconds from starting `python -m qfix review FILE --no-translate` in a 160x50 pseudo-terminal
    (a new process: interpreter start and imports included) to its first screen on the terminal."""
    import fcntl
    import os
    import pty
    import select
    import struct
    import subprocess
    import termios
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", QFIX_BIDI="app")
    env.pop("TEXTUAL", None)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "qfix", "review", str(path), "--no-translate"],
                            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
                            cwd=str(Path(__file__).resolve().parent.parent))
    os.close(slave)
    sent, first = "", float("nan")
    try:
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                break
            sent += chunk.decode("utf-8", "replace")
            if all(marker in sent for marker in DrawClock.FIRST_SCREEN):
                first = time.perf_counter() - started
                break
        os.write(master, b"q")  # quit; keep reading so that the app's output never blocks
        deadline = time.perf_counter() + 10
        while proc.poll() is None and time.perf_counter() < deadline:
            if select.select([master], [], [], 0.05)[0]:
                try:
                    os.read(master, 1 << 16)
                except OSError:
                    break
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--commands", type=int, default=5, help="runs of the command in a pty (0: skip)")
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
        commands = [from_command(path) for _ in range(args.commands)] if os.name == "posix" else []
    print(f"document: {r['segments']} paragraphs, {len(text):,} characters")
    print(f"first screen drawn: {r['first_screen'] * 1000:.0f} ms   "
          f"(repair alone, whole document: {repair_s * 1000:.0f} ms; "
          f"read + repair + review model: {r['model'] * 1000:.0f} ms; "
          f"app mounted: {r['mount'] * 1000:.0f} ms)")
    if commands:
        print(f"first screen from the command (new process in a pty: interpreter, imports, read, repair, "
              f"draw), {len(commands)} runs: median {statistics.median(commands) * 1000:.0f} ms, "
              f"max {max(commands) * 1000:.0f} ms")
    print(f"session file with English for every paragraph: {r['session_bytes']:,} bytes, saved (fsync) "
          "on every decision")
    for name in ("accept", "reject", "next"):
        print(f"{name}: key to screen redrawn median {r[name] * 1000:.1f} ms, max {r[name + '_max'] * 1000:.1f} ms"
              f" (handler: model, state, autosave with fsync, median {r[name + '_handler'] * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
