"""Reading and writing the user's files: the CLI's only IO.

Text is decoded strictly (UTF-8, UTF-8 with BOM, UTF-16 with BOM) and written
back in the same encoding with the same BOM; line endings are never touched
(the core keeps CRLF as it is). Files are replaced atomically: a temporary
file in the same directory, then ``os.replace``.
"""
from __future__ import annotations

import codecs
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError

STDIN = "-"


@dataclass(frozen=True)
class Source:
    name: str  # the path as given, or "-"
    text: str
    encoding: str  # "utf-8" | "utf-8-sig" | "utf-16-le" | "utf-16-be"

    @property
    def is_stdin(self) -> bool:
        return self.name == STDIN


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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UserError(f"{path}: is a directory")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)  # keep an existing file's mode
    except FileNotFoundError:
        mode = 0o666 & ~_umask()  # a new file: what open() would have made (mkstemp makes 0600)
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".qfix-tmp", dir=directory)
    except OSError as exc:
        raise UserError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise UserError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise


def write_stdout(data: bytes) -> None:
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # `qfix fix big.txt | head`: the reader left, so do we
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0)


def message(text: str) -> None:
    """A line for the user on stderr."""
    print(text, file=sys.stderr)


class StreamWriter:
    """A stream of output records (JSONL) to stdout or a file, written as they are done.

    Not atomic, on purpose: an interrupted run leaves every finished record in the
    file, whole, so that ``--resume`` can carry on. ``append`` continues a file.
    ``atomic`` is for whole documents (text, markdown, a JSON array): they go to a
    temporary file that replaces the target on ``close`` and vanishes on ``abort``.
    """

    def __init__(self, path: str | None = None, append: bool = False, atomic: bool = False):
        self.path = None if path in (None, STDIN) else path
        self.tmp: str | None = None
        if self.path is None:
            self.fh = sys.stdout.buffer
            return
        target = Path(self.path)
        if target.is_dir():
            raise UserError(f"{self.path}: is a directory")
        try:
            if atomic:
                fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".qfix-tmp",
                                                dir=target.parent if str(target.parent) else ".")
                self.fh = os.fdopen(fd, "wb")
            else:
                self.fh = open(self.path, "ab" if append else "wb")
        except OSError as exc:
            raise UserError(f"{self.path}: cannot write: {exc.strerror or exc}") from None

    def write(self, data: bytes) -> None:
        try:
            self.fh.write(data)
        except BrokenPipeError:
            self._reader_left()
        except OSError as exc:
            raise UserError(f"{self.path or 'stdout'}: cannot write: {exc.strerror or exc}") from None

    def flush(self) -> None:
        try:
            self.fh.flush()
        except BrokenPipeError:
            self._reader_left()
        except OSError as exc:
            raise UserError(f"{self.path or 'stdout'}: cannot write: {exc.strerror or exc}") from None

    def close(self) -> None:
        self.flush()
        if self.path is not None and not self.fh.closed:
            self.fh.close()
            if self.tmp is not None:
                try:
                    os.replace(self.tmp, self.path)
                except OSError as exc:
                    self.abort()
                    raise UserError(f"{self.path}: cannot write: {exc.strerror or exc}") from None
                self.tmp = None

    def abort(self) -> None:
        """Keep what was written for a stream; drop an unfinished atomic file."""
        if self.path is None:
            return self.flush()
        if not self.fh.closed:
            self.fh.close()
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None

    def _reader_left(self) -> None:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0)
