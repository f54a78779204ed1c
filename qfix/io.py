"""Reading and writing the user's files: the one place qfix touches them.

Used by the CLI, the batch runner and the review alike. Text is decoded
strictly (UTF-8, UTF-8 with BOM, UTF-16 with BOM) and written back in the same
encoding with the same BOM; line endings are never touched (the core keeps CRLF
as it is).

Files are replaced atomically, by one rule everywhere: the bytes go to a
temporary file beside the target, which is fsynced, given the target's mode and
owner (a new file gets what ``open()`` would give under the umask, not
mkstemp's 0600), renamed over the target, and the directory is fsynced. A
symlink is written through: its target changes, the link stays a link. Several
files (a review's exports) are staged first and renamed together: on an error
none of them is new and every replaced one is put back.

Standard output goes through ``write_stdout`` or ``StreamWriter``: when the
reader leaves (``qfix check big.jsonl | head``) the command stops quietly with
exit 141, as a process killed by SIGPIPE would, and no traceback.
"""
from __future__ import annotations

import codecs
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import EXIT_BROKEN_PIPE, UserError

STDIN = "-"
TMP_SUFFIX = ".qfix-tmp"
# Every file qfix writes beside an input has this in its name (article.txt.qfix.session.json,
# article.txt.qfix.en.md, ...): directory walks skip such files, so qfix never reads its own
# output as an article.
OUTPUT_MARK = ".qfix."


def is_qfix_output(name: str | os.PathLike) -> bool:
    """A file qfix wrote beside an input (a review session or export), or one of its temporaries."""
    base = os.path.basename(os.fspath(name))
    return OUTPUT_MARK in base or base.endswith(TMP_SUFFIX)


@dataclass(frozen=True)
class Source:
    name: str  # the path as given, or "-"
    text: str
    encoding: str  # "utf-8" | "utf-8-sig" | "utf-16-le" | "utf-16-be"

    @property
    def is_stdin(self) -> bool:
        return self.name == STDIN


ENCODINGS = ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be")


def decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8-sig", data[len(codecs.BOM_UTF8):]
        codec = "utf-8"
    elif data.startswith(codecs.BOM_UTF16_LE):
        encoding, body, codec = "utf-16-le", data[2:], "utf-16-le"
    elif data.startswith(codecs.BOM_UTF16_BE):
        encoding, body, codec = "utf-16-be", data[2:], "utf-16-be"
    else:
        encoding, body, codec = "utf-8", data, "utf-8"
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        offset = exc.start + (len(data) - len(body))
        raise UserError(f"{name}: not valid {codec.upper()} (byte 0x{data[offset]:02x} at offset {offset}); "
                        "convert it first, e.g. iconv -f WINDOWS-1256 -t UTF-8") from None
    if "\x00" in text:
        raise UserError(f"{name}: contains NUL bytes; is it a binary file?")
    return text, encoding


def encode(text: str, encoding: str) -> bytes:
    """``text`` in one of ``ENCODINGS``, with the BOM that ``decode`` found."""
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if encoding == "utf-16-le":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if encoding == "utf-16-be":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode("utf-8")


def read_input(name: str) -> Source:
    if name == STDIN:
        if sys.stdin is None:
            raise UserError("no standard input to read")
        data = sys.stdin.buffer.read()
    else:
        path = Path(name)
        if path.is_dir():
            raise UserError(f"{name}: is a directory; give the files in it")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise UserError(f"{name}: no such file") from None
        except PermissionError:
            raise UserError(f"{name}: permission denied") from None
        except OSError as exc:
            raise UserError(f"{name}: cannot read: {exc.strerror or exc}") from None
    text, encoding = decode(data, name)
    return Source(name, text, encoding)


# --- atomic writing ----------------------------------------------------------------


def _umask() -> int:
    """The process's umask, read without changing it where Linux allows (threads may be writing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _cannot_write(path: str | os.PathLike, exc: OSError) -> UserError:
    return UserError(f"{os.fspath(path)}: cannot write: {exc.strerror or exc}")


class AtomicFile:
    """One file written under a temporary name beside its target (the target of a symlink).

    ``write`` as often as needed, ``finish`` (fsync, the target's mode and owner, close),
    then ``replace`` renames it over the target; ``abort`` drops it.
    """

    def __init__(self, path: str | os.PathLike):
        self.name = os.fspath(path)  # as given, for messages
        given = Path(path)
        self.target = Path(os.path.realpath(given)) if given.is_symlink() else given
        if self.target.is_dir():
            raise UserError(f"{self.name}: is a directory")
        try:
            self.old: os.stat_result | None = self.target.stat()
        except FileNotFoundError:
            self.old = None
        except OSError as exc:  # a path under a file, a directory without search permission
            raise _cannot_write(self.name, exc) from None
        directory = self.target.parent if str(self.target.parent) else Path(".")
        self.directory = directory
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=TMP_SUFFIX, dir=directory)
        except OSError as exc:
            raise _cannot_write(self.name, exc) from None
        self.fh = os.fdopen(fd, "wb")
        self.backup: str | None = None

    def write(self, data: bytes) -> None:
        try:
            self.fh.write(data)
        except OSError as exc:
            self.abort()
            raise _cannot_write(self.name, exc) from None

    def finish(self) -> None:
        """Everything but the rename: data on disk, the mode (and owner) the target has or would get."""
        try:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            if self.old is None:
                os.chmod(self.tmp, 0o666 & ~_umask())  # what open() would have made (mkstemp makes 0600)
            else:
                if (self.old.st_uid, self.old.st_gid) != (os.geteuid(), os.getegid()):
                    try:  # keep the owner (possible for root, or a group the user is in)
                        os.chown(self.tmp, self.old.st_uid, self.old.st_gid)
                    except OSError:
                        pass
                os.chmod(self.tmp, stat.S_IMODE(self.old.st_mode))
        except OSError as exc:
            self.abort()
            raise _cannot_write(self.name, exc) from None

    def replace(self) -> None:
        """Rename over the target; an existing target is kept as a hard link until ``commit``d."""
        if self.old is not None:
            try:
                os.link(self.target, self.tmp + ".old")
                self.backup = self.tmp + ".old"
            except OSError:  # no hard links here: the rename is still atomic, only not undoable
                self.backup = None
        os.replace(self.tmp, self.target)

    def undo(self) -> None:
        """Put back what ``replace`` replaced (or remove what it created)."""
        try:
            if self.backup is not None:
                os.replace(self.backup, self.target)
                self.backup = None
            elif self.old is None:
                os.unlink(self.target)
        except OSError:
            pass

    def commit(self) -> None:
        if self.backup is not None:
            try:
                os.unlink(self.backup)
            except OSError:
                pass
            self.backup = None

    def abort(self) -> None:
        if not self.fh.closed:
            self.fh.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:  # some filesystems cannot fsync a directory; the rename is still atomic
        pass


def write_files_atomic(files: Iterable[tuple[str | os.PathLike, bytes]]) -> None:
    """Write several files, all or nothing: each is staged in full first, then all are renamed.

    On any error no new file is left and replaced files are put back (where the file
    system has hard links); the error is a ``UserError`` naming the file."""
    staged: list[AtomicFile] = []
    try:
        for path, data in files:
            f = AtomicFile(path)
            staged.append(f)
            f.write(data)
            f.finish()
    except BaseException:
        for f in staged:
            f.abort()
        raise
    done: list[AtomicFile] = []
    try:
        for f in staged:
            f.replace()
            done.append(f)
    except BaseException as exc:
        for f in reversed(done):
            f.undo()
        for f in staged:
            f.abort()
        if isinstance(exc, OSError):
            raise _cannot_write(staged[len(done)].name, exc) from None
        raise
    for f in done:
        f.commit()
    for directory in dict.fromkeys(f.directory for f in done):
        _fsync_dir(directory)


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing."""
    write_files_atomic([(path, data)])


# --- standard output -------------------------------------------------------------------


def reader_left() -> None:
    """The reader of stdout went away: stop quietly, with the exit code of a SIGPIPE death.

    stdout is pointed at /dev/null first, so the interpreter's last flush cannot complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    raise SystemExit(EXIT_BROKEN_PIPE)


def write_stdout(data: bytes) -> None:
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # `qfix fix big.txt | head`: the reader left, so do we
        reader_left()


class StreamWriter:
    """A stream of output records (JSONL) to stdout or a file, written as they are done.

    Not atomic, on purpose: an interrupted run leaves every finished record in the
    file, whole, so that ``--resume`` can carry on. ``append`` continues a file.
    ``atomic`` is for whole documents (text, markdown, a JSON array): they go to a
    temporary file that replaces the target on ``close`` (as ``write_atomic``) and
    vanishes on ``abort``.
    """

    def __init__(self, path: str | None = None, append: bool = False, atomic: bool = False):
        self.path = None if path in (None, STDIN) else path
        self.staged: AtomicFile | None = None
        if self.path is None:
            self.fh = sys.stdout.buffer
            return
        if Path(self.path).is_dir():
            raise UserError(f"{self.path}: is a directory")
        if atomic:
            self.staged = AtomicFile(self.path)
            self.fh = self.staged.fh
            return
        try:
            self.fh = open(self.path, "ab" if append else "wb")
        except OSError as exc:
            raise _cannot_write(self.path, exc) from None

    def write(self, data: bytes) -> None:
        try:
            self.fh.write(data)
        except BrokenPipeError:
            reader_left()
        except OSError as exc:
            raise _cannot_write(self.path or "stdout", exc) from None

    def flush(self) -> None:
        try:
            self.fh.flush()
        except BrokenPipeError:
            reader_left()
        except OSError as exc:
            raise _cannot_write(self.path or "stdout", exc) from None

    def close(self) -> None:
        if self.staged is not None:
            staged, self.staged = self.staged, None
            staged.finish()
            try:
                staged.replace()
            except OSError as exc:
                staged.abort()
                raise _cannot_write(self.path, exc) from None
            staged.commit()
            _fsync_dir(staged.directory)
            return
        if self.fh.closed:
            return
        self.flush()
        if self.path is not None:
            self.fh.close()

    def abort(self) -> None:
        """Keep what was written for a stream; drop an unfinished atomic file."""
        if self.staged is not None:
            self.staged.abort()
            self.staged = None
            return
        if self.path is None:
            return self.flush()
        if not self.fh.closed:
            self.fh.close()
