"""Finding model files: local directories, the Hugging Face cache, the hub.

A hub model is pulled on first use when online (huggingface_hub shows its
progress bars); offline (HF_HUB_OFFLINE=1, or no network) a missing model is a
one-line error that says what to run. The revision pulled is recorded so later
runs, and the translation memory, stay tied to it.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import TranslateError
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
    _registry_path().write_text(json.dumps(registry, indent=2), encoding="utf-8")


def offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on")


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
    revision = revision or recorded_revisions().get(model, {}).get("revision")
    try:
        return _from_cache(model, revision)
    except LookupError:
        pass
    if offline() or not download:
        raise TranslateError(f"model {model} is not downloaded (nor a local directory) and the hub is offline; "
                             f"run `qfix models pull {model}` while online, or pass --model DIR")
    return pull(model, revision)


def _from_cache(model: str, revision: str | None) -> ResolvedModel:
    from huggingface_hub import snapshot_download
    try:
        path = Path(snapshot_download(model, revision=revision, local_files_only=True))
    except Exception as exc:  # not cached (the exception class varies between hub versions)
        raise LookupError(model) from exc
    check_model_dir(path)
    return ResolvedModel(path, model, path.name)


def pull(model: str, revision: str | None = None) -> ResolvedModel:
    """Download a MarianMT model (safetensors when the repository has them) and record its revision."""
    from huggingface_hub import HfApi, snapshot_download
    if offline():
        raise TranslateError(f"cannot pull {model}: the hub is offline (HF_HUB_OFFLINE is set)")
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
