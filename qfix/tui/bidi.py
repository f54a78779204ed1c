"""Drawing Arabic in a terminal: wrap first, then reorder each line for display.

Textual does no bidi reordering or shaping, and most terminals (Windows Terminal,
kitty, alacritty, xterm.js) draw cells in logical order, so Arabic would read
backwards. In ``app`` mode each wrapped line is reordered to visual order with the
Unicode bidi algorithm (python-bidi), with the paragraph's base direction, and
mirrored characters (brackets, guillemets) are mirrored; the line is right-aligned.
In ``terminal`` mode text passes through for terminals that reorder themselves.
Only what is drawn changes: stored text is never reordered or reshaped.

Lines are wrapped in logical order first (a line break must fall between the
same words whatever the display order), then each line is reordered on its own.
"""
from __future__ import annotations

import os
from functools import lru_cache

from rich.cells import cell_len

MODES = ("app", "terminal")
# Terminals that run the bidi algorithm themselves when their own bidi support is on.
_SELF_REORDERING = ("VTE_VERSION", "KONSOLE_VERSION")


def default_mode(environ=None, config=None) -> tuple[str, str]:
    """(mode, why): QFIX_BIDI, else ``bidi`` of the configuration (``Config.bidi``, from
    [tool.qfix] or qfix.toml; read with ``load_config`` when none is given), else from the
    terminal. ``--bidi`` comes before all of these (the caller's)."""
    env = os.environ if environ is None else environ
    value = env.get("QFIX_BIDI", "").strip().lower()
    if value in MODES:
        return value, "QFIX_BIDI"
    if config is None:
        from ..config import ConfigError, load_config
        try:
            config = load_config()
        except ConfigError:  # reported by the commands that need the configuration
            config = None
    if config is not None and config.bidi in MODES:
        return config.bidi, f"bidi in {config.source}"
    for name in _SELF_REORDERING:
        if env.get(name):
            return "terminal", f"{name} is set"
    return "app", "default"


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap in logical order: (start, end) of each line; the space at a break is dropped."""
    width = max(1, width)
    if not text:
        return [(0, 0)]
    if cell_len(text) == len(text):  # every character one cell wide (the usual case): index arithmetic
        widths = None
    else:
        widths = [cell_len(ch) for ch in text]
    out: list[tuple[int, int]] = []
    n, start = len(text), 0
    while start < n:
        if widths is None:
            end = min(n, start + width)
        else:
            used, end = 0, start
            while end < n and used + widths[end] <= width:
                used += widths[end]
                end += 1
            end = max(end, start + 1)
        if end >= n:
            out.append((start, n))
            break
        cut = text.rfind(" ", start, end + 1)
        if cut <= start:  # a word longer than the line: cut it
            out.append((start, end))
            start = end
        else:
            out.append((start, cut))
            start = cut + 1
    return out or [(0, 0)]


@lru_cache(maxsize=8192)
def visual_order(line: str, rtl: bool = True) -> tuple[tuple[int, ...], str]:
    """Logical indices in display order, and the displayed characters (mirrored where needed)."""
    from bidi import algorithm as uba
    storage = uba.get_empty_storage()
    level = 1 if rtl else 0
    storage["base_level"] = level
    storage["base_dir"] = "R" if rtl else "L"
    uba.get_embedding_levels(line, storage, False, False)
    for k, ch in enumerate(storage["chars"]):
        ch["idx"] = k
    uba.explicit_embed_and_overrides(storage, False)
    uba.resolve_weak_types(storage, False)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    chars = storage["chars"]
    return tuple(c["idx"] for c in chars), "".join(c["ch"] for c in chars)


def is_rtl(text: str) -> bool:
    """The paragraph's base direction (rule P2: its first strong character)."""
    from bidi.algorithm import get_base_level
    return bool(text.strip()) and get_base_level(text) == 1
