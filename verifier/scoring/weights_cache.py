"""The weights in force, remembered between runs: the read commands' start-up.

Every command that scores or lists stories reads scoring.yaml: PyYAML's import and parse
are about 60-80 ms of CPU, a fifth of a quick read's budget, and ``stories list`` needs no
more of the weights than their digest (is any story scored with other weights?). So the
merged mapping the weights were validated from (and which file set which key), and their
digest, are kept in a small JSON file with what they came from:

- the package's version and the Python version;
- each scoring file's path and its whole text (the packaged defaults, and ``--scoring`` /
  ``$VERIFIER_SCORING``'s file when one is given): any edit of the weights is seen;
- the path, size and modification time of every source file that shapes the weights: the
  modules defining the classes found in them (listed when the entry is written), the
  reader and validator, the vocabulary and PyYAML.

An entry is used only when all of these are unchanged; the weights are then validated from
the kept mapping as from the files (``parse_weights``: the same checks, errors naming the
same files). Otherwise (or when the file is missing or unreadable) the files are read as
usual and the entry rewritten, atomically (a new file renamed over the old). The folder is
``verifier.cachedir``'s (``VERIFIER_CACHE=off`` turns it off); one that cannot be written
leaves it off.

May import: the package's scoring modules.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verifier.cachedir import cache_dir

if TYPE_CHECKING:
    from verifier.scoring.weights import Weights

SCORING_ENV = "VERIFIER_SCORING"  # verifier.scoring.weights.SCORING_ENV (a test checks)
FILE_NAME = "weights.json"
_PACKAGE = Path(__file__).resolve().parent.parent
#: The modules whose code shapes the weights besides those defining their classes.
_READERS = ("verifier.scoring.weights", "verifier.scoring.terms", "verifier.yamlio",
            "verifier.vocab", "verifier.config", "yaml")


def _scoring_files(option: str | None) -> list[Path]:
    """The packaged defaults, and the file of ``--scoring`` / ``$VERIFIER_SCORING``."""
    files = [_PACKAGE / "data" / "scoring.yaml"]
    value = option or os.environ.get(SCORING_ENV)
    if value:
        files.append(Path(value).expanduser())
    return files


def _files(option: str | None) -> list[list[str]]:
    return [[str(p), p.read_text(encoding="utf-8")] for p in _scoring_files(option)]


def _code(path: str) -> list[Any]:
    stat = os.stat(path)
    return [path, stat.st_size, stat.st_mtime_ns]


def _head() -> str:
    from verifier import __version__

    return f"verifier {__version__} python {sys.version_info[0]}.{sys.version_info[1]}"


def _entry(option: str | None) -> dict[str, Any] | None:
    """The kept entry for these scoring files and this code, if still valid."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        entry = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
        if not (isinstance(entry, dict) and entry.get("head") == _head()
                and entry.get("files") == _files(option)
                and all(_code(code[0]) == code for code in entry["code"])
                and isinstance(entry.get("digest"), str) and isinstance(entry.get("raw"), dict)
                and isinstance(entry.get("set_by"), dict)
                and isinstance(entry.get("default"), str)):
            return None
        return entry
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return None


def cached_digest(option: str | None) -> str | None:
    """The digest kept for these scoring files and this code, if still valid."""
    entry = _entry(option)
    return None if entry is None else str(entry["digest"])


def weights_digest_for(option: str | None) -> str:
    """``weights_digest(load_weights(scoring_path(option)))``, kept between runs."""
    digest = cached_digest(option)
    if digest is not None:
        return digest
    from verifier.scoring.weights import weights_digest

    return weights_digest(load_weights_for(option))


def load_weights_for(option: str | None) -> Weights:
    """``load_weights(scoring_path(option))``: validated from the kept mapping when its
    files and code are unchanged, else read from the files (and kept)."""
    from verifier.scoring.weights import Provenance, parse_weights

    entry = _entry(option)
    if entry is not None:
        return parse_weights(entry["raw"], Provenance(entry["default"], entry["set_by"]))
    from verifier.scoring.weights import merged_weights, scoring_path, weights_digest

    default, raw, set_by = merged_weights(scoring_path(option))
    weights = parse_weights(raw, Provenance(str(default), set_by))
    folder = cache_dir()
    if folder is not None and _same(default, _scoring_files(None)[0]):
        _remember(folder, option, str(default), weights_digest(weights), raw, set_by, weights)
    return weights


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


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _remember(folder: Path, option: str | None, default: str, digest: str,
              raw: dict[str, Any], set_by: dict[str, str], weights: Weights) -> None:
    """Keep the entry, unless the mapping does not come back from JSON as it is (a key
    that is not a string, a value JSON has not): then those weights are read each time."""
    names: set[str] = set(_READERS)
    _modules(weights, names)
    code = sorted({file for name in names
                   if (file := getattr(sys.modules.get(name), "__file__", None))})
    try:
        text = json.dumps({"head": _head(), "digest": digest, "default": default,
                           "files": _files(option),
                           "code": [_code(file) for file in code], "raw": raw,
                           "set_by": set_by}, ensure_ascii=False, allow_nan=False)
        if json.loads(text)["raw"] != raw:
            return
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{FILE_NAME}.{os.getpid()}.partial"
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, folder / FILE_NAME)
    except (OSError, ValueError, TypeError):
        return  # a cache that cannot be written is no cache
