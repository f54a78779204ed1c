"""The service's settings and their defaults (light: the CLI reads them without the serve extra)."""
from __future__ import annotations

import dataclasses

DEFAULT_MAX_REQUEST_BYTES = 1_000_000  # 1 MB: a long article is 20-50 kB
DEFAULT_TIME_LIMIT = 10.0  # seconds per repair request; a 1 MB text repairs in well under 1 s
DEFAULT_TRANSLATE_TIME_LIMIT = 120.0
DEFAULT_REPAIR_THREADS = 2  # per worker process: the GIL runs one repair at a time anyway
SETTINGS_ENV = "QFIX_SERVE_SETTINGS"
TOKEN_ENV = "QFIX_SERVE_TOKEN"


@dataclasses.dataclass(frozen=True)
class Settings:
    token: str | None = None  # required as Authorization: Bearer TOKEN when set
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    time_limit: float = DEFAULT_TIME_LIMIT
    translate_time_limit: float = DEFAULT_TRANSLATE_TIME_LIMIT
    repair_threads: int = DEFAULT_REPAIR_THREADS
