"""The engine protocol, and choosing an engine from the configuration.

Kept small on purpose so that both engines, transformers (marian.py) and
CTranslate2 (ct2.py), sit behind it: an engine translates a batch of sentences and says what makes its output
reproducible (the signature keys the translation memory and goes into exports).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .errors import TranslateError

if TYPE_CHECKING:
    from ..config import Config


@runtime_checkable
class Engine(Protocol):
    # model, revision, engine, beams, max_length, ... (JSON-serialisable)
    signature: dict[str, Any]

    def translate_batch(self, sentences: list[str]) -> list[str]:
        """One English string per Arabic sentence, in order."""
        ...

    # Optional: ``count_tokens(text) -> int`` for the token budget; estimated when absent.


def load_engine(config: "Config", *, warn=None, threads: int | None = None,
                inter_threads: int | None = None) -> Engine:
    """The engine for config.model (a directory or a hub id), loaded and ready.

    ``config.engine``: ``transformers``; ``ct2`` (CTranslate2, on a conversion made by
    ``qfix models convert``); ``auto``, ct2 when ctranslate2 is installed and a
    conversion of this model and revision exists, else transformers. config.model
    may also name a conversion directory itself. ``threads`` (intra-op; default: the
    machine's cores) and ``inter_threads`` (CTranslate2 workers; default 1) tune
    CPU use. ``warn`` receives one-line warnings (wrong language pair, ...).
    """
    from pathlib import Path

    from . import ct2
    from .hub import resolve_model
    if (Path(config.model).expanduser() / ct2.META).is_file():  # a conversion directory itself
        if config.engine == "transformers":
            raise TranslateError(f"{config.model} is a CTranslate2 model; use --engine ct2 or auto, "
                                 "or pass the MarianMT directory it was converted from")
        ct2.require()
        return ct2.Ct2Engine(Path(config.model).expanduser(), device=config.device, beams=config.beams,
                             max_length=config.max_length, threads=threads, inter_threads=inter_threads,
                             warn=warn)
    if config.engine == "ct2":
        ct2.require()  # before any download: say how to install it first
    resolved = resolve_model(config.model, config.revision)
    if config.engine != "transformers" and (config.engine == "ct2" or ct2.available()):
        path, stale = ct2.find_conversion(resolved)
        if path is not None:
            return ct2.Ct2Engine(path, device=config.device, beams=config.beams, max_length=config.max_length,
                                 threads=threads, inter_threads=inter_threads, warn=warn)
        if config.engine == "ct2":
            raise TranslateError(stale or f"{resolved.model_id} has no CTranslate2 conversion yet; run "
                                          f"`qfix models convert {resolved.model_id}`")
        if stale and warn:
            warn(stale + "; using transformers meanwhile")
    from .marian import MarianEngine
    return MarianEngine(resolved, device=config.device, beams=config.beams, max_length=config.max_length,
                        warn=warn, threads=threads)
