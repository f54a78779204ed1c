"""Finding the inputs and reading them: files, directories, stdin, JSONL streams.

This is the batch side's reading edge. It yields one item per document, in
order: a ``Doc`` (a text file, or one JSONL record) or a ``Failure`` (a file
that cannot be decoded, a line that is not JSON, a record without ``text``, a
record over the size limit). A failure names its file and line and never stops
the stream. A JSONL stream is read a line at a time with a bound on the line's
length, so an oversized record is skipped without being held in memory.
"""
from __future__ import annotations

import fnmatch
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from ..errors import UserError
from ..io import STDIN, decode, is_qfix_output

DEFAULT_INCLUDE = ("*.txt", "*.jsonl", "*.ndjson")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_MAX_RECORD_BYTES = 10_000_000  # 10 MB: a news article is some kilobytes
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class InputSpec:
    """One input to read: a path (or "-") and how to read it."""

    name: str
    kind: str  # "text" | "jsonl"
    size: int | None = None  # bytes, when known (for the progress bar)
    head: bytes | None = None  # stdin: the first line, read to tell JSONL from text
    path: str | None = None  # where to open it, when not ``name`` (a Ray worker, elsewhere: absolute)


@dataclass(slots=True)
class Doc:
    """One document to repair: a whole text file, or the ``text`` of one JSONL record."""

    key: str  # resume key: json.dumps(record id), or the path of a text file
    origin: str  # where it came from, for messages: path, or path:line
    source: str  # the file (or "<stdin>") it came from, for the report
    text: str
    nbytes: int
    fields: dict[str, Any] | None = None  # the JSONL record, all fields kept; None for a text file
    encoding: str = "utf-8"
    line: int = 0  # line of the record in its file (0 for a text file)


@dataclass(slots=True)
class Failure:
    """A document that could not be read or processed; reported, then skipped."""

    origin: str
    message: str  # one line, starting with the origin
    source: str
    nbytes: int = 0
    key: str | None = None


@dataclass
class Discovery:
    specs: list[InputSpec] = field(default_factory=list)

    @property
    def total_bytes(self) -> int | None:
        sizes = [s.size for s in self.specs]
        return None if any(s is None for s in sizes) else sum(sizes)  # type: ignore[arg-type]

    @property
    def has_jsonl(self) -> bool:
        return any(s.kind == "jsonl" for s in self.specs)


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    """A pattern without '/' matches the file name; with '/', the path under the walked directory."""
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel if "/" in p else name, p) for p in patterns)


def _kind(name: str, input_format: str) -> str:
    if input_format != "auto":
        return input_format
    if name == STDIN:
        return "auto"
    return "jsonl" if name.lower().endswith(JSONL_SUFFIXES) else "text"


def discover(names: list[str], include: Iterable[str] = (), exclude: Iterable[str] = (),
             input_format: str = "auto") -> Discovery:
    """Expand the command line's inputs, in order; directories recursively and sorted.

    A file named on the command line is always read; include/exclude globs filter the
    files found in directories (hidden files and directories, and qfix's own outputs such as
    ``article.txt.qfix.en.txt``, are skipped there). A path
    that does not exist, or a directory with nothing to read, is an error before any work.
    """
    include = tuple(include) or DEFAULT_INCLUDE
    exclude = tuple(exclude)
    found = Discovery()
    for name in names:
        if name == STDIN:
            head = _stdin().readline(DEFAULT_MAX_RECORD_BYTES + 1)
            kind = _kind(STDIN, input_format)
            if kind == "auto":  # JSONL when the first character is "{" (no news article starts so)
                kind = "jsonl" if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{" else "text"
            found.specs.append(InputSpec(STDIN, kind, None, head))
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(_walk(path, include, exclude), key=lambda f: f.parts)  # a/b.txt before a/c/
            if not files:
                raise UserError(f"{name}: is a directory with no files to read "
                                f"(looked for {', '.join(include)}; see --include)")
            found.specs.extend(InputSpec(str(f), _kind(str(f), input_format), _size(f)) for f in files)
        elif path.exists():
            found.specs.append(InputSpec(name, _kind(name, input_format), _size(path)))
        else:
            raise UserError(f"{name}: no such file")
    return found


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _walk(root: Path, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[Path]:
    for directory, dirs, files in os.walk(root):
        rel_dir = os.path.relpath(directory, root).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir + "/"
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _matches(rel_dir + d, exclude))
        for f in sorted(files):
            rel = rel_dir + f
            if f.startswith(".") or is_qfix_output(f) or not _matches(rel, include) or _matches(rel, exclude):
                continue
            yield Path(directory) / f


def read_items(specs: Iterable[InputSpec], max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
               stdin: IO[bytes] | None = None) -> Iterator[Doc | Failure]:
    """Every document of every input, in order; a failure in one input never stops the others."""
    for spec in specs:
        if spec.name == STDIN:
            fh = stdin if stdin is not None else _stdin()
            first = spec.head if spec.head is not None else fh.readline(DEFAULT_MAX_RECORD_BYTES + 1)
            if spec.kind == "jsonl":
                yield from read_jsonl(fh, STDIN_NAME, max_record_bytes, first=first)
            else:
                yield _text_doc(STDIN, first + fh.read())
            continue
        try:
            if spec.kind == "jsonl":
                with open(spec.path or spec.name, "rb") as fh:
                    yield from read_jsonl(fh, spec.name, max_record_bytes)
            else:
                yield _text_doc(spec.name, Path(spec.path or spec.name).read_bytes())
        except OSError as exc:
            yield Failure(spec.name, f"{spec.name}: cannot read: {exc.strerror or exc}", spec.name)


def _stdin() -> IO[bytes]:
    if sys.stdin is None:
        raise UserError("no standard input to read")
    return sys.stdin.buffer


def _text_doc(name: str, data: bytes) -> Doc | Failure:
    try:
        text, encoding = decode(data, name)
    except UserError as exc:
        return Failure(name, str(exc), name, len(data))
    return Doc(name, name, name, text, len(data), None, encoding)


def read_jsonl(fh: IO[bytes], name: str, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
               first: bytes | None = None) -> Iterator[Doc | Failure]:
    """Records of a JSONL stream, a bounded line at a time: ``{"id": …, "text": …, …}``."""
    lineno = 0
    pending = first
    while True:
        if pending is not None:
            raw, pending = pending, None
        else:
            raw = fh.readline(max_record_bytes + 1)
        if not raw:
            return
        lineno += 1
        origin = f"{name}:{lineno}"
        if len(raw.rstrip(b"\r\n")) > max_record_bytes:
            size = len(raw)
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line, a chunk at a time
                raw = fh.readline(1 << 20)
                size += len(raw)
            yield Failure(origin, f"{origin}: record of {size:,} bytes is over the limit of "
                                  f"{max_record_bytes:,} (--max-record-bytes); skipped", name, size)
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        item = parse_record(raw, origin, name, lineno)
        yield item


def parse_record(raw: bytes, origin: str, name: str, lineno: int) -> Doc | Failure:
    def fail(why: str) -> Failure:
        return Failure(origin, f"{origin}: {why}; skipped", name, len(raw))

    try:
        record = json.loads(raw)
    except UnicodeDecodeError as exc:
        return fail(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})")
    except ValueError as exc:
        return fail(f"not JSON ({getattr(exc, 'msg', exc)} at column {getattr(exc, 'colno', '?')})")
    if not isinstance(record, dict):
        return fail(f"a JSON {type(record).__name__}, not an object with \"text\"")
    text = record.get("text")
    if text is None:
        return fail('no "text" field')
    if not isinstance(text, str):
        return fail(f'"text" is a {type(text).__name__}, not a string')
    if "\x00" in text:
        return fail('"text" contains NUL characters')
    if "id" not in record:
        record["id"] = origin  # documented: a record without an id is named by its place
    key = json.dumps(record["id"], ensure_ascii=False, sort_keys=True)
    return Doc(key, origin, name, text, len(raw), record, "utf-8", lineno)
