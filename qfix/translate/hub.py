"""Finding model files: local directories, the Hugging Face cache, the hub.

A hub model is looked for in the local cache first, and pulled on first use
only when the hub answers (huggingface_hub shows its progress bars). Offline
(HF_HUB_OFFLINE or TRANSFORMERS_OFFLINE set, or the hub's host not answering one
connection attempt within ``CONNECT_TIMEOUT`` seconds) a missing model is a
one-line error, at once, that names ``qfix models pull`` and ``--model DIR`` —
never a minute of the hub client's retries. The revision pulled is recorded so
later runs, and the translation memory, stay tied to it.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

from .errors import TranslateError, require_modules
from .memory import cache_dir

DEFAULT_HINT = "Helsinki-NLP/opus-mt-ar-en"
HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
REQUIRED = ("config.json", "source.spm", "target.spm")
# Only what a MarianMT model needs: never TensorFlow/Flax weights, never code.
ALLOW = ["config.json", "generation_config.json", "source.spm", "target.spm", "vocab.json",
         "target_vocab.json", "tokenizer_config.json", "special_tokens_map.json", "README.md"]


@dataclass(frozen=True)
class ResolvedModel:
    path: Path
    model_id: str
    revision: str


def _registry_path() -> Path:
    return cache_dir() / "models.json"


def recorded_revisions() -> dict[str, dict]:
    try:
        return json.loads(_registry_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _record(model_id: str, revision: str, path: Path) -> None:
    registry = recorded_revisions()
    registry[model_id] = {"revision": revision, "path": str(path)}
    _registry_path().parent.mkdir(parents=True, exist_ok=True)
    from ..io import write_atomic
    write_atomic(_registry_path(), json.dumps(registry, indent=2).encode("utf-8"))


CONNECT_TIMEOUT = 2.0  # seconds for the one connection attempt to the hub (name lookup included)
OFFLINE_VARIABLES = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")


def offline() -> bool:
    """The user said there is no hub (the variables huggingface_hub and transformers honour)."""
    return any(offline_value(v) for v in OFFLINE_VARIABLES)


def endpoint() -> str:
    return (os.environ.get("HF_ENDPOINT") or "https://huggingface.co").rstrip("/")


def hub_unreachable(timeout: float = CONNECT_TIMEOUT) -> str | None:
    """None when one TCP connection to the hub (or the proxy for it) opens within ``timeout``;
    else why not, in a few words. The name lookup runs in a daemon thread, so a resolver that
    hangs costs ``timeout`` too, and nothing waits for it afterwards."""
    url = urlsplit(endpoint())
    host, port = url.hostname or "", url.port or (443 if url.scheme == "https" else 80)
    proxy = getproxies().get(url.scheme) or getproxies().get("all")
    if proxy and not proxy_bypass(host):
        p = urlsplit(proxy if "://" in proxy else "http://" + proxy)
        host, port = p.hostname or host, p.port or 8080
    outcome: list[str | None] = []

    def attempt() -> None:
        try:
            socket.create_connection((host, port), timeout=timeout).close()
            outcome.append(None)
        except Exception as exc:  # OSError mostly; anything else is just as much "not reachable"
            outcome.append(getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)

    thread = threading.Thread(target=attempt, name="qfix-hub-check", daemon=True)
    thread.start()
    thread.join(timeout)
    if not outcome:
        return f"the hub ({host}) did not answer within {timeout:g} s"
    if outcome[0] is None:
        return None
    return f"the hub ({host}:{port}) cannot be reached: {outcome[0]}"


def directory_revision(path: Path) -> str:
    """A content digest of a model directory (its files' names and bytes), for the signature."""
    digest = hashlib.sha256()
    for file in sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")):
        digest.update(file.name.encode())
        with open(file, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return "sha256:" + digest.hexdigest()[:16]


def check_model_dir(path: Path) -> None:
    missing = [name for name in REQUIRED if not (path / name).is_file()]
    if not any((path / w).is_file() for w in ("model.safetensors", "pytorch_model.bin")):
        missing.append("model.safetensors")
    if not ((path / "vocab.json").is_file() or (path / "target_vocab.json").is_file()):
        missing.append("vocab.json")
    if missing:
        raise TranslateError(f"{path} is not a complete MarianMT model directory: missing {', '.join(missing)}")


def resolve_model(model: str, revision: str | None = None, *, download: bool = True) -> ResolvedModel:
    """A local directory as is; a hub id from the cache, pulled first if allowed and online."""
    path = Path(model).expanduser()
    if path.is_dir():
        check_model_dir(path)
        return ResolvedModel(path, str(path), revision or directory_revision(path))
    if model.startswith((".", "/", "~")) or not HUB_ID.match(model):
        raise TranslateError(f"no model directory {model!r} (and it is not a hub id such as {DEFAULT_HINT})")
    require_modules("translate", "huggingface_hub")
    revision = revision or recorded_revisions().get(model, {}).get("revision")
    try:
        return _from_cache(model, revision)
    except LookupError:
        pass
    missing = f"model {model} is not downloaded (nor a local directory)"
    todo = f"run `qfix models pull {model}` while online, or pass --model DIR"
    if offline():
        raise TranslateError(f"{missing} and the hub is offline ({_offline_variable()} is set); {todo}")
    if not download:
        raise TranslateError(f"{missing}; {todo}")
    reason = hub_unreachable()
    if reason:
        raise TranslateError(f"{missing} and {reason}; {todo}")
    return pull(model, revision, checked=True)


def _offline_variable() -> str:
    return next((v for v in OFFLINE_VARIABLES if offline_value(v)), OFFLINE_VARIABLES[0])


def offline_value(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _from_cache(model: str, revision: str | None) -> ResolvedModel:
    """The model from the hub's local cache, without any network access."""
    from huggingface_hub import snapshot_download
    try:
        path = Path(snapshot_download(model, revision=revision, local_files_only=True))
    except Exception as exc:  # not cached (the exception class varies between hub versions)
        raise LookupError(model) from exc
    check_model_dir(path)
    return ResolvedModel(path, model, path.name)


def pull(model: str, revision: str | None = None, *, checked: bool = False) -> ResolvedModel:
    """Download a MarianMT model (safetensors when the repository has them) and record its revision."""
    require_modules("translate", "huggingface_hub")
    if offline():
        raise TranslateError(f"cannot pull {model}: the hub is offline ({_offline_variable()} is set)")
    reason = None if checked else hub_unreachable()
    if reason:
        raise TranslateError(f"cannot pull {model}: {reason}")
    from huggingface_hub import HfApi, snapshot_download
    from huggingface_hub.utils import logging as hub_logging
    hub_logging.set_verbosity_error()  # its retries are warnings; qfix says what failed in one line
    try:
        files = HfApi().list_repo_files(model, revision=revision)
        weights = ["model.safetensors"] if "model.safetensors" in files else ["pytorch_model.bin"]
        path = Path(snapshot_download(model, revision=revision, allow_patterns=ALLOW + weights))
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise TranslateError(f"cannot pull {model}: {first}") from None
    check_model_dir(path)
    _record(model, path.name, path)
    return ResolvedModel(path, model, path.name)


def local_models(project_dir: Path | None = None) -> list[tuple[str, str, int]]:
    """(name, revision or path, size in bytes) of MarianMT models in the hub cache and ./models/."""
    found: list[tuple[str, str, int]] = []
    try:
        from huggingface_hub import scan_cache_dir
        for repo in scan_cache_dir().repos:
            if repo.repo_type != "model":
                continue
            for rev in repo.revisions:
                config = rev.snapshot_path / "config.json"
                if config.is_file() and _is_marian(config):
                    found.append((repo.repo_id, rev.commit_hash[:12], rev.size_on_disk))
    except Exception:  # no cache yet, or an unreadable one: list what else there is
        pass
    models_dir = (project_dir or Path.cwd()) / "models"
    if models_dir.is_dir():
        for child in sorted(models_dir.iterdir()):
            if (child / "config.json").is_file() and _is_marian(child / "config.json"):
                size = sum(f.stat().st_size for f in child.rglob("*") if f.is_file())
                found.append((str(child), "local", size))
    return found


def _is_marian(config: Path) -> bool:
    try:
        return json.loads(config.read_text(encoding="utf-8")).get("model_type") == "marian"
    except (OSError, ValueError):
        return False
