"""The translation package's error: its own module, so that the engine modules (hub, marian,
ct2) and ``engine.load_engine``, which picks among them, do not import each other in a ring."""
from __future__ import annotations


class TranslateError(Exception):
    """A model or device problem the user can act on; the CLI prints it in one line."""
