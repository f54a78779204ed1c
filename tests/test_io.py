"""qfix.io: the one atomic writer (modes, owners, symlinks, unwritable places, several files all or
nothing), the quiet exit when the reader of stdout leaves, and what directory walks skip.

Unwritable places are made in ways that hold for root too (the tests may run as root, for whom
a chmod-ed directory is still writable): a path under a regular file (ENOTDIR), and
``tempfile.mkstemp``/``os.replace`` patched to fail as a read-only directory would (EACCES).
"""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qfix import io as qio
from qfix.errors import UserError

from conftest import read_only

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_3c03ad3dcec7cf78.txt"
GARBLED = "“هذا نص”، قال المتحدث.\n"


def test_existing_mode_kept_new_file_gets_umask_mode(tmp_path):
    old = tmp_path / "old.txt"
    old.write_text("x", encoding="utf-8")
    os.chmod(old, 0o640)
    qio.write_atomic(old, b"y")
    assert old.read_bytes() == b"y" and (old.stat().st_mode & 0o777) == 0o640
    mask = os.umask(0o027)
    try:
        qio.write_atomic(tmp_path / "new.txt", b"z")
    finally:
        os.umask(mask)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640  # 0666 & ~027, not mkstemp's 0600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(qio.TMP_SUFFIX)]


def test_file_and_directory_are_fsynced(tmp_path, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(qio.os, "fsync", lambda fd: synced.append(os.path.isdir(f"/proc/self/fd/{fd}"))
                        or real(fd))
    qio.write_atomic(tmp_path / "a.txt", b"a")
    assert synced == [False, True]  # the file's data, then the directory entry


def test_symlink_is_written_through(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o604)
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    qio.write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o604


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_owner_kept(tmp_path):
    path = tmp_path / "theirs.txt"
    path.write_text("x", encoding="utf-8")
    os.chown(path, 4321, 4322)
    qio.write_atomic(path, b"y")
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)


def test_unwritable_places_are_user_errors(tmp_path, monkeypatch):
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="cannot write: Not a directory"):
        qio.write_atomic(a_file / "under.txt", b"x")  # a path under a file: ENOTDIR, also for root
    with pytest.raises(UserError, match="is a directory"):
        qio.write_atomic(tmp_path, b"x")
    locked = tmp_path / "locked"
    locked.mkdir()
    read_only(monkeypatch, locked)
    with pytest.raises(UserError, match="locked/a.txt: cannot write: Permission denied"):
        qio.write_atomic(locked / "a.txt", b"x")


def test_several_files_all_or_nothing(tmp_path, monkeypatch):
    """A failure at the third rename: the first two new files are gone, a replaced one is back."""
    kept = tmp_path / "b.txt"
    kept.write_text("before", encoding="utf-8")
    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(qio.os, "replace", replace)
    files = [(tmp_path / "a.txt", b"A"), (kept, b"B"), (tmp_path / "c.txt", b"C"), (tmp_path / "d.txt", b"D")]
    with pytest.raises(UserError, match="c.txt: cannot write: No space left"):
        qio.write_files_atomic(files)
    monkeypatch.setattr(qio.os, "replace", real)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt"]  # no new file, no temporary
    assert kept.read_text(encoding="utf-8") == "before"


def test_several_files_fail_while_staging(tmp_path, monkeypatch):
    ok = tmp_path / "ok"
    locked = tmp_path / "locked"
    ok.mkdir()
    locked.mkdir()
    read_only(monkeypatch, locked)
    with pytest.raises(UserError, match="Permission denied"):
        qio.write_files_atomic([(ok / "1.txt", b"1"), (locked / "2.txt", b"2")])
    assert list(ok.iterdir()) == []


def test_own_outputs_are_recognised():
    for name in ("a.txt.qfix.session.json", "a.txt.qfix.ar.txt", "dir/a.txt.qfix.en.md", ".a.txt.x1.qfix-tmp"):
        assert qio.is_qfix_output(name)
    for name in ("a.txt", "qfix.txt", "notes.qfixed.txt"):
        assert not qio.is_qfix_output(name)


# --- the CLI on top of it -------------------------------------------------------------------


def test_in_place_keeps_a_symlink_a_symlink(cli, tmp_path):
    target = tmp_path / "store" / "article.txt"
    target.parent.mkdir()
    target.write_text(GARBLED, encoding="utf-8")
    os.chmod(target, 0o640)
    link = tmp_path / "article.txt"
    link.symlink_to(target)
    res = cli("fix", "--in-place", str(link))
    assert res.code == 0, res.err
    assert link.is_symlink() and Path(os.readlink(link)) == target
    assert target.read_text(encoding="utf-8") != GARBLED and (target.stat().st_mode & 0o777) == 0o640


def test_in_place_unwritable_is_one_line(cli, tmp_path, monkeypatch):
    src = tmp_path / "article.txt"
    src.write_text(GARBLED, encoding="utf-8")
    read_only(monkeypatch, tmp_path)
    res = cli("fix", "--in-place", str(src))
    assert res.code == 2 and res.err.count("\n") == 1 and "Permission denied" in res.err
    assert src.read_text(encoding="utf-8") == GARBLED


def test_directory_walks_skip_qfix_outputs(cli, tmp_path):
    (tmp_path / "a.txt").write_text(GARBLED, encoding="utf-8")
    for suffix in (".qfix.ar.txt", ".qfix.en.txt", ".qfix.en.md"):
        (tmp_path / ("a.txt" + suffix)).write_text(GARBLED, encoding="utf-8")
    res = cli("check", str(tmp_path), "--format", "json")
    assert {row["path"] for row in json.loads(res.text)} == {str(tmp_path / "a.txt")}
    res = cli("fix", "--in-place", str(tmp_path), "--include", "*")
    assert res.code == 0, res.err
    assert (tmp_path / "a.txt.qfix.en.txt").read_text(encoding="utf-8") == GARBLED  # left alone


def test_batch_yields_failures_and_prints_nothing(tmp_path, capsys):
    from qfix.batch.inputs import Failure, discover
    from qfix.batch.report import Summary
    from qfix.batch.run import Batch, FailFast
    from qfix.batch.work import WorkSpec
    from qfix.config import Config
    (tmp_path / "a.jsonl").write_text('{"id": 1, "text": "نص"}\nnot json\n{"id": 3, "text": "نص"}\n',
                                      encoding="utf-8")
    found = discover([str(tmp_path / "a.jsonl")])
    batch = Batch(found, WorkSpec(Config(), "check"), Summary("check", {}), progress=False)
    items = list(batch.outcomes())
    assert [type(i).__name__ for i in items] == ["Outcome", "Failure", "Outcome"]
    assert "not JSON" in items[1].message and capsys.readouterr().err == ""
    fast = Batch(found, WorkSpec(Config(), "check"), Summary("check", {}), progress=False, fail_fast=True)
    seen = []
    with pytest.raises(FailFast):
        for item in fast.outcomes():
            seen.append(item)
    assert isinstance(seen[-1], Failure)  # the failure reached the caller before the run stopped


def _records(path: Path, n: int) -> Path:
    text = SEED.read_text(encoding="utf-8")
    path.write_text("".join(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n" for i in range(n)),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("argv", [["fix", "--exit-zero", "{txt}"], ["check", "{txt}"], ["fix", "{jsonl}"],
                                  ["check", "{jsonl}", "--format", "jsonl"], ["rules"]])
def test_reader_gone_is_exit_141_quietly(tmp_path, argv):
    """The reader of stdout is gone before qfix writes: exit 141 (128 + SIGPIPE), no traceback,
    no 'Exception ignored'."""
    txt = tmp_path / "a.txt"
    txt.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    jsonl = _records(tmp_path / "a.jsonl", 5)
    argv = [a.format(txt=txt, jsonl=jsonl) for a in argv]
    proc = subprocess.Popen([sys.executable, "-m", "qfix", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tmp_path)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=60) == 141, err
    assert "Traceback" not in err and "Exception ignored" not in err and "Broken" not in err


def test_check_jsonl_into_head_is_141(tmp_path):
    """`qfix check big.jsonl | head -1`: the reader leaves after the first line; the pipeline's
    first status is 141 and stderr stays clean."""
    big = _records(tmp_path / "big.jsonl", 400)
    proc = subprocess.run(f"{sys.executable} -m qfix check {big} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
                          shell=True, executable="/bin/bash", capture_output=True, text=True, cwd=tmp_path)
    assert proc.stdout.strip() == "141" and proc.stderr == ""
