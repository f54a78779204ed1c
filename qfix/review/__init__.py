"""A review of a repair and its English, without any user interface.

The model of the editor's decisions (``model``), the session file that keeps
them (``session``), the English for review segments (``mt``) and the review's
exports (``exports``, ``xliff``). The Textual app (``qfix.tui``) and the
headless ``qfix review --export`` / ``qfix export`` both build on it; nothing
here imports Textual.
"""
