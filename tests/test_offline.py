"""Translation without a model, without the network, without the extra: one line at once, never a
minute of retries (issue 11). Also translate's -q and stdout, and `models make-tiny` refusing to
overwrite."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from translate_fixtures import SEED, run_cli
from translate_fixtures import _isolated_cache, tiny_model  # noqa: F401 (fixtures)

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
ROOT = Path(__file__).resolve().parent.parent


def _env(tmp_path, **more) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_ENDPOINT", "QFIX_MODEL")}
    env.update(QFIX_CACHE_DIR=str(tmp_path / "qcache"), HF_HOME=str(tmp_path / "hf"), **more)
    return env


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_offline_translate_fails_at_once_in_one_line(tmp_path):
    """No HF_HUB_OFFLINE, the hub's port closed: one connection attempt, then one line, well under 3 s."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "qfix", "translate", str(SEED)], capture_output=True, text=True,
                          env=_env(tmp_path, HF_ENDPOINT="http://127.0.0.1:9"), cwd=tmp_path, timeout=60)
    elapsed = time.perf_counter() - started
    line = _one_line(proc.stderr)
    assert proc.returncode == 2 and proc.stdout == ""
    assert elapsed < 3, elapsed
    assert line.startswith("qfix: error: model Helsinki-NLP/opus-mt-ar-en is not downloaded")
    assert "cannot be reached" in line and "`qfix models pull" in line and "--model DIR" in line
    assert "Retrying" not in proc.stderr


@pytest.mark.parametrize("variable", ["HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"])
def test_offline_variables_are_honoured(tmp_path, monkeypatch, capsys, variable):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv(variable, "1")
    from qfix.translate import hub
    monkeypatch.setattr(hub, "hub_unreachable", lambda *a: pytest.fail("no connection attempt when offline"))
    code, out, err = run_cli(["translate", str(SEED)], capsys)
    line = _one_line(err)
    assert code == 2 and out == "" and f"offline ({variable} is set)" in line
    assert "`qfix models pull Helsinki-NLP/opus-mt-ar-en`" in line and "--model DIR" in line


def test_a_hanging_name_lookup_costs_the_timeout_only(monkeypatch):
    from qfix.translate import hub
    class Hangs:
        def __init__(self, *args, **kwargs):
            time.sleep(2)

        def close(self):
            pass

    monkeypatch.setattr(hub.socket, "create_connection", Hangs)
    started = time.perf_counter()
    why = hub.hub_unreachable(timeout=0.3)
    assert time.perf_counter() - started < 1 and "did not answer within 0.3 s" in why


def test_the_cache_is_looked_at_before_the_network(monkeypatch, tmp_path):
    """A model in the local hub cache loads without any connection attempt."""
    from qfix.translate import hub
    monkeypatch.setattr(hub, "_from_cache", lambda model, revision: hub.ResolvedModel(tmp_path, model, "abc"))
    monkeypatch.setattr(hub, "hub_unreachable", lambda *a: pytest.fail("the network was tried first"))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    assert hub.resolve_model("Helsinki-NLP/opus-mt-ar-en").revision == "abc"


def test_without_the_translate_extra_says_which_to_install(tmp_path):
    """After only `pip install -e .`: no internal error, the extra to install."""
    code = ("import sys; sys.modules['huggingface_hub'] = None; from qfix.cli.main import main; "
            f"sys.exit(main(['translate', {str(SEED)!r}]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(tmp_path),
                          cwd=tmp_path, timeout=60)
    line = _one_line(proc.stderr)
    assert proc.returncode == 2 and "internal error" not in line
    assert "translate extra" in line and "no module huggingface_hub" in line and "pip install -e '.[translate]'" in line


def test_without_torch_a_local_model_says_which_extra(tiny_model, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "torch", None)
    code, _, err = run_cli(["translate", "--model", str(tiny_model), str(SEED), "--no-cache"], capsys)
    assert code == 2 and "translate extra" in _one_line(err) and "no module torch" in err


def test_translate_takes_quiet(tiny_model, tmp_path, capsys):
    (tmp_path / "en.txt").write_text("no Arabic here\n", encoding="utf-8")
    code, out, err = run_cli(["translate", "-q", "--model", str(tiny_model), str(tmp_path / "en.txt")], capsys)
    assert code == 0 and out == "no Arabic here\n" and err == ""
    code, out, err = run_cli(["translate", "--model", str(tiny_model), str(tmp_path / "en.txt")], capsys)
    assert "no Arabic text" in err  # the warning -q silenced


def test_translate_into_a_closed_pipe_is_141(tiny_model, tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "qfix", "translate", "--model", str(tiny_model), str(SEED)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(tmp_path, HF_HUB_OFFLINE="1"),
                            cwd=tmp_path)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=120) == 141, err
    assert "Traceback" not in err and "Exception ignored" not in err


def test_make_tiny_refuses_a_directory_with_files(tmp_path, capsys):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    code, out, err = run_cli(["models", "make-tiny", str(target)], capsys)
    assert code == 2 and out == "" and "exists and is not empty" in _one_line(err) and "--force" in err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = run_cli(["models", "make-tiny", str(tmp_path / "file")], capsys)
    assert code == 2 and "is a file" in err
