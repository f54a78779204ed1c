"""The CLI's messages on stderr. Reading, decoding and atomic writing live in ``qfix.io``
(shared with batch and review); its names are re-exported here for older code."""
from __future__ import annotations

import sys

from ..io import (STDIN, Source, StreamWriter, decode, encode, read_input, write_atomic,  # noqa: F401
                  write_files_atomic, write_stdout)


def message(text: str) -> None:
    """A line for the user on stderr."""
    print(text, file=sys.stderr)
