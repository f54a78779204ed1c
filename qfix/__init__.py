"""qfix: repair machine-translated Arabic news (quotes, attribution, boilerplate) and translate it.

The public API is ``repair(text, config)``; translation lives in
``qfix.translate`` and is imported only when used, so the repair core stays
free of torch and transformers.
"""
from __future__ import annotations

__version__ = "0.1.0"

from .config import Config, load_config  # noqa: E402
from .apply import repair as _repair  # noqa: E402
from .apply import document, repair_paragraph  # noqa: E402
from .result import Finding, LocalEdit, ParagraphResult, RepairResult, replay  # noqa: E402
from .changes import Change, changes  # noqa: E402  (standard library only)


def repair(text: str, config: Config | None = None, decisions: dict[str, bool] | None = None) -> RepairResult:
    """Repair ``text`` in the house style; the result explains every edit and replays.

    ``decisions`` maps a finding's ``id`` to True (apply it, even a review fix) or False
    (leave it): what an editor accepted or rejected."""
    return _repair(text, config, decisions)


def __getattr__(name: str):
    if name == "translate":  # deferred: pulls in the translation package only when asked
        import importlib
        return importlib.import_module(".translate", __name__)
    raise AttributeError(name)


__all__ = ["Change", "Config", "Finding", "LocalEdit", "ParagraphResult", "RepairResult", "changes", "document",
           "load_config", "repair", "repair_paragraph", "replay", "__version__"]
