"""`qfix serve` as users run it: a real server process, a real LanguageTool client, real sockets."""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

import qfix  # noqa: E402

from conftest import ROOT  # noqa: E402

SEED_PATH = ROOT / "seeds" / "000_3c03ad3dcec7cf78.txt"
SEED = SEED_PATH.read_text(encoding="utf-8")
FIXED = (ROOT / "tests" / "golden" / "000_3c03ad3dcec7cf78.fixed.txt").read_text(encoding="utf-8")


@contextmanager
def serving(*args: str, env: dict | None = None):
    """`qfix serve --port 0 ARGS` in a subprocess; yields its base URL, stops it with SIGTERM."""
    proc = subprocess.Popen([sys.executable, "-m", "qfix", "serve", "--port", "0", *args],
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
    try:
        line = proc.stderr.readline()
        found = re.search(r"serving on (http://\S+) ", line)
        assert found, line + proc.stderr.read()
        url = found.group(1)
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                    assert json.load(r)["status"] == "ok"
                break
            except OSError:  # refused, or a worker still starting (URLError, ConnectionError, TimeoutError)
                assert time.monotonic() < deadline and proc.poll() is None, "the server did not start"
                time.sleep(0.1)
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:  # pragma: no cover - leave nothing behind
                proc.kill()
                proc.wait()
        proc.stderr_rest = proc.stderr.read()
        proc.stderr.close()


@pytest.fixture(scope="module")
def server():
    with serving() as (url, _):
        yield url


def post_json(url: str, body: dict, headers: dict | None = None) -> tuple[int, dict]:
    req = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json",
                                                                   **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


def lt_client(url: str, monkeypatch, tmp_path):
    """language_tool_python in remote-server mode; LTP_PATH points at an empty directory that a
    download of LanguageTool (or Java) would fill."""
    language_tool_python = pytest.importorskip("language_tool_python")
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "ltp"))
    tool = language_tool_python.LanguageTool("ar", remote_server=url)
    assert tool.is_remote
    return language_tool_python, tool


def test_language_tool_python_applies_qfix_corrections(server, monkeypatch, tmp_path):
    ltp, tool = lt_client(server, monkeypatch, tmp_path)
    try:
        matches = tool.check(SEED)
        assert [m.rule_id for m in matches] == ["B001", "A003", "A001", "A001", "A102", "Q001", "A101", "Q001",
                                                "Q001", "Q001", "B002"]
        assert {m.category for m in matches} == {"QUOTES", "ATTRIBUTION", "BOILERPLATE"}
        b001 = matches[0]
        assert SEED[b001.offset:b001.offset + b001.error_length] == " – RT World News" and b001.replacements == [""]
        assert tool.correct(SEED) == FIXED  # what `qfix fix` writes (the golden file of the CLI tests)
        assert ltp.utils.correct(SEED, matches) == FIXED
    finally:
        tool.close()
    assert not (tmp_path / "ltp").exists() or not any((tmp_path / "ltp").iterdir())  # nothing downloaded


def test_language_tool_python_with_characters_outside_the_bmp(server, monkeypatch, tmp_path):
    """Emoji and other characters outside the BMP before and between the findings: LanguageTool
    counts them twice (UTF-16) and the client converts back."""
    ltp, tool = lt_client(server, monkeypatch, tmp_path)
    text = "🇸🇦 📰 " + SEED.replace("دميتري بيسكوف", "دميتري 𝔸 بيسكوف 🙂", 1)
    try:
        matches = tool.check(text)
        b001 = matches[0]
        assert text[b001.offset:b001.offset + b001.error_length] == " – RT World News"
        assert all(text[m.offset] in "“”" for m in matches if m.rule_id == "Q001")
        assert tool.correct(text) == qfix.repair(text).text
    finally:
        tool.close()


@pytest.mark.xfail(strict=True, reason="language_tool_python 3.4 turns a match's UTF-16 offset into code points "
                   "but not its length (its PR #94 fixed offsets only), so a match that spans a character "
                   "outside the BMP takes one code point too many; qfix's answer is right (test_serve.py)")
def test_language_tool_python_with_an_emoji_inside_a_rewrite(server, monkeypatch, tmp_path):
    ltp, tool = lt_client(server, monkeypatch, tmp_path)
    text = SEED.replace("في الواقع،", "في الواقع 🙂،", 1)
    try:
        assert tool.correct(text) == qfix.repair(text).text
    finally:
        tool.close()


def test_the_cli_and_the_server_agree(server, cli):
    assert cli("fix", str(SEED_PATH)).text == post_json(server + "/v1/fix", {"text": SEED})[1]["text"] == FIXED


def test_bad_requests_over_the_wire(server):
    req = urllib.request.Request(server + "/v1/fix", b"{not json", {"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=10)
    assert info.value.code == 400 and "not valid JSON" in json.load(info.value)["error"]
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(server + "/v2/check?language=xx&text=a", timeout=10)
    assert info.value.code == 400 and info.value.read().decode().startswith("Error: 'xx' is not a language code")


def test_a_chunked_body_over_the_limit_is_cut_short():
    """The server answers 413 while the client is still sending, and never reads the rest."""
    with serving("--max-request-bytes", "2000") as (url, _):
        host, port = url.removeprefix("http://").rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=10) as s:
            s.sendall(b"POST /v1/fix HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Transfer-Encoding: chunked\r\n\r\n")
            chunk = b"a" * 1000
            for _ in range(3):
                s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            answer = b""  # no final chunk sent: the answer comes all the same
            while b"bytes" not in answer:
                more = s.recv(65536)
                assert more, answer
                answer += more
        assert answer.startswith(b"HTTP/1.1 413") and b"larger than the limit of 2,000 bytes" in answer


def test_two_workers_and_a_token():
    with serving("--workers", "2", env={"QFIX_SERVE_TOKEN": "t0ken"}) as (url, _):
        assert post_json(url + "/v1/fix", {"text": SEED})[0] == 401
        auth = {"Authorization": "Bearer t0ken"}
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: post_json(url + "/v1/fix", {"text": SEED}, auth), range(24)))
        assert all(status == 200 and body["text"] == FIXED for status, body in answers)


def test_sigterm_stops_the_server_cleanly():
    """uvicorn shuts down gracefully, then ends by the signal it got (exit status 143 in a shell)."""
    with serving() as (_, proc):
        pass
    assert proc.returncode == -signal.SIGTERM and "Traceback" not in proc.stderr_rest


@pytest.mark.slow
def test_load_benchmark_loses_and_garbles_nothing(tmp_path):
    """benchmarks/bench_serve.py, briefly: every answer right, none lost, with 1 and 2 workers."""
    out = tmp_path / "figures.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_serve.py"), "--seconds", "5",
                    "--yardstick-seconds", "1", "--json", str(out)], check=True, timeout=300)
    figures = json.loads(out.read_text())
    assert [r["workers"] for r in figures["runs"]] == [1, 2]
    for run in figures["runs"]:
        assert run["ok"] == run["requests"] > 0 and run["wrong"] == run["lost"] == 0


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


@pytest.mark.skipif(not hasattr(__import__("socket"), "SO_REUSEPORT"), reason="no SO_REUSEPORT here")
def test_workers_each_listen_and_a_dead_one_comes_back():
    """--workers 2: a socket a worker on one port (the kernel spreads connections over them); a
    worker killed is started again on its socket, so no connection is left unanswered."""
    with serving("--workers", "2") as (url, proc):
        deadline = time.monotonic() + 20
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [p for p in _children(proc.pid) if "resource_tracker" not in
                   open(f"/proc/{p}/cmdline", "rb").read().decode(errors="replace")]
        assert len(workers) >= 2
        os.kill(workers[0], signal.SIGKILL)
        time.sleep(1.5)
        for _ in range(40):  # fresh connections: each lands on one of the two sockets
            status, body = post_json(url + "/v1/fix", {"text": SEED})
            assert status == 200 and body["text"] == FIXED
