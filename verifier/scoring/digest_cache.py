"""The digest of the weights in force, remembered between runs, for the list's start-up.

``stories list`` reads the weights only to ask whether a story was scored with other ones
(``weights_digest``); reading scoring.yaml for that (PyYAML, the term classes, validation,
hashing) costs about 0.1 s of CPU, a quarter of the command at a million claims. So the
digest is kept in a small text file with what it was computed from:

- the package's version and the Python version;
- each scoring file's path, length and CRC-32 (the packaged defaults, and ``--scoring`` /
  ``$VERIFIER_SCORING``'s file when one is given): any edit of the weights is seen;
- the path, size and modification time of every source file that shapes the weights' text:
  the modules defining the classes found in the weights (listed when the entry is written),
  the reader and validator, the vocabulary and PyYAML.

An entry is used only when all of these are unchanged; otherwise (or when the file is
missing or unreadable) the weights are read and validated as usual and the entry rewritten,
atomically (a new file renamed over the old). The folder: ``$VERIFIER_CACHE``, else
``$XDG_CACHE_HOME/verifier``, else ``~/.cache/verifier``; ``VERIFIER_CACHE=off`` turns the
cache off, and a folder that cannot be written leaves it off silently.

May import: the package's own scoring modules (lazily, on a miss).
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path
from typing import Any

CACHE_ENV = "VERIFIER_CACHE"
SCORING_ENV = "VERIFIER_SCORING"  # verifier.scoring.weights.SCORING_ENV (a test checks)
_PACKAGE = Path(__file__).resolve().parent.parent
#: The modules whose code shapes the weights' text besides the classes found in them.
_READERS = ("verifier.scoring.weights", "verifier.scoring.terms", "verifier.yamlio",
            "verifier.vocab", "verifier.config", "yaml")


def cache_dir() -> Path | None:
    """Where the digest is kept (None: off)."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in ("", "off", "0", "no") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "verifier"


def _scoring_files(option: str | None) -> list[Path]:
    """The packaged defaults, and the file of ``--scoring`` / ``$VERIFIER_SCORING``."""
    files = [_PACKAGE / "data" / "scoring.yaml"]
    value = option or os.environ.get(SCORING_ENV)
    if value:
        files.append(Path(value).expanduser())
    return files


def _file_line(path: Path) -> str:
    data = path.read_bytes()
    return f"file\t{path}\t{len(data)}\t{zlib.crc32(data)}"


def _code_line(path: str) -> str:
    stat = os.stat(path)
    return f"code\t{path}\t{stat.st_size}\t{stat.st_mtime_ns}"


def _head() -> str:
    from verifier import __version__

    return f"verifier {__version__} python {sys.version_info[0]}.{sys.version_info[1]}"


def cached_digest(option: str | None) -> str | None:
    """The digest remembered for these scoring files and this code, if still valid."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        lines = (folder / "weights-digest").read_text(encoding="utf-8").split("\n")
        head, digest, *rest = lines
        if head != _head() or not digest:
            return None
        files = [line for line in rest if line.startswith("file\t")]
        if files != [_file_line(p) for p in _scoring_files(option)]:
            return None
        for line in rest:
            if line.startswith("code\t") and line != _code_line(line.split("\t")[1]):
                return None
        return digest
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _modules(value: Any, found: set[str]) -> None:
    """The modules defining the classes of ``value`` and everything it holds."""
    from dataclasses import fields, is_dataclass

    found.add(type(value).__module__)
    if is_dataclass(value) and not isinstance(value, type):
        for field in fields(value):
            _modules(getattr(value, field.name), found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _modules(key, found)
            _modules(item, found)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _modules(item, found)


def weights_digest_for(option: str | None) -> str:
    """``weights_digest(load_weights(scoring_path(option)))``, from the cache when valid."""
    digest = cached_digest(option)
    if digest is not None:
        return digest
    from verifier.scoring.weights import load_weights, scoring_path, weights_digest

    weights = load_weights(scoring_path(option))
    digest = weights_digest(weights)
    folder = cache_dir()
    if folder is not None:
        _remember(folder, option, digest, weights)
    return digest


def _remember(folder: Path, option: str | None, digest: str, weights: Any) -> None:
    names: set[str] = set(_READERS)
    _modules(weights, names)
    code = sorted({file for name in names
                   if (file := getattr(sys.modules.get(name), "__file__", None))})
    try:
        text = "\n".join([_head(), digest, *(_file_line(p) for p in _scoring_files(option)),
                          *(_code_line(file) for file in code)]) + "\n"
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"weights-digest.{os.getpid()}.partial"
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, folder / "weights-digest")
    except OSError:
        return  # a cache that cannot be written is no cache
