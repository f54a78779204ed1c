"""The engine protocol, and choosing an engine from the configuration.

Kept small on purpose so that a CTranslate2 engine can sit behind it: an
engine translates a batch of sentences and says what makes its output
reproducible (the signature keys the translation memory and goes into exports).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ..config import Config


class TranslateError(Exception):
    """A model or device problem the user can act on; the CLI prints it in one line."""


@runtime_checkable
class Engine(Protocol):
    # model, revision, engine, beams, max_length, ... (JSON-serialisable)
    signature: dict[str, Any]

    def translate_batch(self, sentences: list[str]) -> list[str]:
        """One English string per Arabic sentence, in order."""
        ...

    # Optional: ``count_tokens(text) -> int`` for the token budget; estimated when absent.


def load_engine(config: "Config", *, warn=None) -> Engine:
    """The engine for config.model (a directory or a hub id), loaded and ready.

    ``warn`` receives one-line warnings (wrong language pair, ...).
    """
    if config.engine == "ct2":
        raise TranslateError("the ct2 engine is not available yet; use --engine transformers")
    from .hub import resolve_model
    from .marian import MarianEngine
    resolved = resolve_model(config.model, config.revision)
    return MarianEngine(resolved, device=config.device, beams=config.beams,
                        max_length=config.max_length, warn=warn)
