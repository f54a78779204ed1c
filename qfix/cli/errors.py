"""Exit codes and ``UserError``: they live in ``qfix.errors`` (the layers below the CLI raise
them too); re-exported here for code written against the older layout."""
from __future__ import annotations

from ..errors import (EXIT_BROKEN_PIPE, EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS,  # noqa: F401
                      UserError)
