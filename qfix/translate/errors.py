"""The translation package's error: its own module, so that the engine modules (hub, marian,
ct2) and ``engine.load_engine``, which picks among them, do not import each other in a ring."""
from __future__ import annotations


class TranslateError(Exception):
    """A model or device problem the user can act on; the CLI prints it in one line."""


def require_modules(extra: str, *names: str) -> None:
    """A one-line ``TranslateError`` naming the extra to install when a module it brings is missing
    (checked without importing it: a run served from the translation memory never imports torch)."""
    import importlib.util
    import sys

    from ..errors import install_hint
    for name in names:
        if name in sys.modules:
            found = sys.modules[name] is not None
        else:
            try:
                found = importlib.util.find_spec(name) is not None
            except (ImportError, ValueError):
                found = False
        if not found:
            raise TranslateError(f"translation needs the {extra} extra, which is not installed here "
                                 f"(no module {name}): {install_hint(extra)}")
