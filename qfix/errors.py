"""Exit codes and the error a user can act on: the contract of every command.

Lives outside ``qfix.cli`` so that the layers below it (io, batch, review) can
raise the error the CLI turns into one line on stderr and exit 2, without
importing the CLI.
"""
from __future__ import annotations

EXIT_OK = 0  # clean, or everything was fixed
EXIT_PROBLEMS = 1  # problems remain, or --check would change something
EXIT_ERROR = 2  # bad input, bad options, missing model, ...
EXIT_INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as a shell reports it
EXIT_BROKEN_PIPE = 141  # the reader of stdout left (`qfix check … | head`): 128 + SIGPIPE


class UserError(Exception):
    """An error the user can act on: printed as one line on stderr, exit 2."""

    def __init__(self, message: str, code: int = EXIT_ERROR):
        super().__init__(message)
        self.code = code


def install_hint(extra: str) -> str:
    """How to add an extra. qfix installs from its repository: the name ``qfix`` on the package
    index belongs to another project, so ``pip install 'qfix[...]'`` would fetch the wrong thing."""
    return f"pip install -e '.[{extra}]' in your qfix clone (README: Set-up)"
