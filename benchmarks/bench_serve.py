"""Load figures for `qfix serve`: /v1/fix under concurrent clients, against qfix.repair in-process.

    python benchmarks/bench_serve.py [--seconds 30] [--clients 32] [--workers 1 2] [--json OUT]

1. The yardstick: the same articles repaired in this process, one after another, for
   ``--yardstick-seconds``: articles/s of ``qfix.repair`` alone, and of ``qfix.repair``
   plus building and encoding the /v1/fix answer (what the server does besides HTTP).
2. For each worker count: ``qfix serve --port 0 --workers N`` on loopback, then
   ``--clients`` concurrent clients, each on its own keep-alive connection, post
   seed-sized documents to /v1/fix for ``--seconds`` (or until ``--max-requests``): the
   seed (4.7 kB of UTF-8) and the project's other articles (cases, examples; 0.2-1.6 kB
   each) joined in order into documents of at least the seed's size. Every answer is checked against the in-process repair of its
   article; a request that gets no answer, another status or another text is counted
   as lost or wrong. Requests/s, p50/p99 latency (sent to answered, client side), and
   the overhead ratio: in-process articles/s per worker over served requests/s.

The client is a minimal HTTP/1.1 client on asyncio streams (keep-alive, Content-Length
answers), to take as little CPU from the server as it can: on a small machine it
shares the cores with the server, which the figures then include.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))
from corpus import articles  # noqa: E402

import qfix  # noqa: E402
from qfix.serve import api  # noqa: E402


def seed_sized() -> list[str]:
    """The seed, and the other articles joined in order into documents at least as long."""
    docs = articles()
    seed = (ROOT / "seeds" / "000_3c03ad3dcec7cf78.txt").read_text(encoding="utf-8").strip("\n") + "\n"
    size = len(seed.encode("utf-8"))
    out, current = [seed], ""
    for d in docs:
        if d == seed:
            continue
        current += d
        if len(current.encode("utf-8")) >= size:
            out.append(current)
            current = ""
    return out


def yardstick(docs: list[str], seconds: float) -> dict[str, dict[str, float]]:
    """In this process: articles/s (wall) and CPU ms an article, for the repair alone and for
    the repair with the /v1/fix answer built and encoded."""
    out = {}
    for label, work in (("repair", lambda d: qfix.repair(d)),
                        ("repair+answer", lambda d: json.dumps(api.fix_answer(qfix.repair(d)),
                                                               ensure_ascii=False).encode())):
        n, started, cpu = 0, time.perf_counter(), time.process_time()
        while time.perf_counter() - started < seconds:
            for d in docs:
                work(d)
            n += len(docs)
        out[label] = {"per_s": n / (time.perf_counter() - started),
                      "cpu_ms": 1000 * (time.process_time() - cpu) / n}
    return out


def start_server(workers: int, extra: list[str]) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "qfix", "serve", "--host", "127.0.0.1", "--port", "0",
                             "--workers", str(workers), *extra], stderr=subprocess.PIPE, text=True,
                            env={k: v for k, v in os.environ.items() if k != "QFIX_SERVE_TOKEN"})
    line = proc.stderr.readline()
    found = re.search(r"serving on (http://\S+) ", line)
    if not found:
        proc.kill()
        raise SystemExit(f"the server did not start: {line}{proc.stderr.read()}")
    url = found.group(1)
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return proc, url
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise SystemExit("the server did not answer /healthz")
            time.sleep(0.1)


def stop_server(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    proc.stderr.close()


def tree_cpu(pid: int) -> float | None:
    """CPU seconds used so far by ``pid`` and its descendants (Linux /proc; None elsewhere)."""
    try:
        stats = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as fh:
                        fields = fh.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                stats[int(entry)] = (int(fields[1]), int(fields[11]) + int(fields[12]))  # ppid, utime+stime
    except OSError:
        return None
    tree, todo = set(), [pid]
    while todo:
        p = todo.pop()
        tree.add(p)
        todo += [c for c, (ppid, _) in stats.items() if ppid == p and c not in tree]
    return sum(stats[p][1] for p in tree if p in stats) / os.sysconf("SC_CLK_TCK")


class Tally:
    def __init__(self) -> None:
        self.sent = self.ok = self.wrong = self.lost = 0
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}


async def client(k: int, host: str, port: int, bodies: list[bytes], expected: list[str], tally: Tally,
                 stop_at: float, max_requests: int) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    i = k
    try:
        while time.perf_counter() < stop_at and tally.sent < max_requests:
            j = i % len(bodies)
            i += 1
            body = bodies[j]
            request = (b"POST /v1/fix HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                       b"Content-Length: %d\r\n\r\n" % len(body)) + body
            tally.sent += 1
            started = time.perf_counter()
            try:
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = int(re.search(rb"(?i)\r\ncontent-length: *(\d+)", head).group(1))
                payload = await reader.readexactly(length)
            except (OSError, asyncio.IncompleteReadError, AttributeError, ValueError):
                tally.lost += 1
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            tally.latencies.append(time.perf_counter() - started)
            tally.statuses[status] = tally.statuses.get(status, 0) + 1
            if status == 200 and json.loads(payload)["text"] == expected[j]:
                tally.ok += 1
            else:
                tally.wrong += 1
    finally:
        writer.close()


async def load(url: str, clients: int, seconds: float, docs: list[str], expected: list[str],
               max_requests: int) -> tuple[Tally, float]:
    host, port = url.removeprefix("http://").rsplit(":", 1)
    bodies = [json.dumps({"text": d}, ensure_ascii=False).encode() for d in docs]
    tally = Tally()
    started = time.perf_counter()
    await asyncio.gather(*(client(k, host, int(port), bodies, expected, tally, started + seconds, max_requests)
                           for k in range(clients)))
    return tally, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=30.0, help="load per worker count (default 30)")
    ap.add_argument("--clients", type=int, default=32, help="concurrent clients (default 32)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default 1 2)")
    ap.add_argument("--max-requests", type=int, default=1_000_000, help="stop a run after this many requests")
    ap.add_argument("--yardstick-seconds", type=float, default=5.0, help="in-process measurement (default 5)")
    ap.add_argument("--json", metavar="OUT", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    docs = seed_sized()
    expected = [qfix.repair(d).text for d in docs]
    sizes = sorted(len(d.encode("utf-8")) for d in docs)
    print(f"{len(docs)} documents, {sizes[0]:,}-{sizes[-1]:,} bytes (median {sizes[len(sizes) // 2]:,}); "
          f"{os.cpu_count()} cores, Python {platform.python_version()}; loopback only", file=sys.stderr)
    yard = yardstick(docs, args.yardstick_seconds)
    print(f"in-process: qfix.repair {yard['repair']['per_s']:,.0f} articles/s ({yard['repair']['cpu_ms']:.3f} "
          f"CPU ms each); with the /v1/fix answer built {yard['repair+answer']['per_s']:,.0f} articles/s "
          f"({yard['repair+answer']['cpu_ms']:.3f} CPU ms each); one thread", file=sys.stderr)
    runs = []
    for workers in args.workers:
        proc, url = start_server(workers, [])
        try:
            try:
                import uvloop
                runner = uvloop.run
            except ImportError:
                runner = asyncio.run
            server_cpu, client_cpu = tree_cpu(proc.pid), time.process_time()
            tally, elapsed = runner(load(url, args.clients, args.seconds, docs, expected, args.max_requests))
            client_cpu = time.process_time() - client_cpu
            after = tree_cpu(proc.pid)
            server_cpu = None if server_cpu is None or after is None else after - server_cpu
        finally:
            stop_server(proc)
        rate = tally.ok / elapsed
        run = {"workers": workers, "clients": args.clients, "seconds": round(elapsed, 2), "requests": tally.sent,
               "ok": tally.ok, "wrong": tally.wrong, "lost": tally.lost, "statuses": tally.statuses,
               "requests_per_s": round(rate, 1),
               "p50_ms": round(1000 * percentile(tally.latencies, 0.50), 2),
               "p99_ms": round(1000 * percentile(tally.latencies, 0.99), 2),
               "overhead_ratio": round(yard["repair"]["per_s"] * workers / rate, 2) if rate else None,
               "server_cores_busy": None if server_cpu is None else round(server_cpu / elapsed, 2),
               "client_cores_busy": round(client_cpu / elapsed, 2),
               "server_cpu_ms_per_request": None if server_cpu is None or not tally.ok
               else round(1000 * server_cpu / tally.ok, 3)}
        if run["server_cpu_ms_per_request"] is not None:
            run["cpu_overhead_ratio"] = round(run["server_cpu_ms_per_request"] / yard["repair"]["cpu_ms"], 2)
        runs.append(run)
        print(f"workers {workers}: {tally.sent:,} requests, {tally.ok:,} right, {tally.wrong} wrong, "
              f"{tally.lost} lost; {rate:,.0f} requests/s, p50 {run['p50_ms']} ms, p99 {run['p99_ms']} ms; "
              f"in-process/served per worker {run['overhead_ratio']}; cores busy: server "
              f"{run['server_cores_busy']}, client {run['client_cores_busy']}; server CPU "
              f"{run['server_cpu_ms_per_request']} ms a request", file=sys.stderr)
    print("\n| | requests | wrong | lost | requests/s | p50 ms | p99 ms | in-process/s × workers ÷ served/s "
          "| CPU ms a request | ÷ in-process repair | cores busy: server, client |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        print(f"| `qfix serve --workers {r['workers']}` | {r['requests']:,} | {r['wrong']} | {r['lost']} | "
              f"{r['requests_per_s']:,.0f} | {r['p50_ms']} | {r['p99_ms']} | {r['overhead_ratio']}× | "
              f"{r['server_cpu_ms_per_request']} | {r.get('cpu_overhead_ratio')}× | "
              f"{r['server_cores_busy']}, {r['client_cores_busy']} |")
    for label, name in (("repair", "in-process `qfix.repair`"), ("repair+answer", "in-process, answer built")):
        y = yard[label]
        print(f"| {name} | | | | {y['per_s']:,.0f} | | | | {y['cpu_ms']:.3f} | "
              f"{y['cpu_ms'] / yard['repair']['cpu_ms']:.2f}× | 1 thread |")
    figures = {"articles": len(docs), "cores": os.cpu_count(), "clients": args.clients,
               "yardstick": {k: {m: round(x, 3) for m, x in v.items()} for k, v in yard.items()}, "runs": runs}
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


if __name__ == "__main__":
    result = main()
    sys.exit(1 if any(r["wrong"] or r["lost"] for r in result["runs"]) else 0)
