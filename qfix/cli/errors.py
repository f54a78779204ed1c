"""Exit codes and the one-line error every command uses (the CLI's contract)."""
from __future__ import annotations

EXIT_OK = 0  # clean, or everything was fixed
EXIT_PROBLEMS = 1  # problems remain, or --check would change something
EXIT_ERROR = 2  # bad input, bad options, missing model, ...


class UserError(Exception):
    """An error the user can act on: printed as one line on stderr, exit 2."""

    def __init__(self, message: str, code: int = EXIT_ERROR):
        super().__init__(message)
        self.code = code
