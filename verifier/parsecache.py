"""A parsed YAML data file kept as JSON between runs, so a command need not parse it again.

Parsing the packaged 700-entry source registry (``sources.yaml``) with PyYAML costs about
0.2 s of CPU, a third of a quick read such as ``sources show``; loading the same data from
JSON costs 3 ms. ``read_yaml_cached(path, what)`` gives what ``verifier.yamlio.read_yaml``
gives: on a miss it parses the file (strictly, as always) and keeps the result in the cache
folder; on a hit it returns the kept data. The data is still validated by the caller every
time (the cache replaces only the YAML parse).

A hit is exact: the kept file names the SHA-256 of the YAML bytes it was parsed from, and is
used only when the file's bytes hash the same; data JSON cannot carry unchanged (a date, a
key that is not a string) is never kept. The folder is ``$VERIFIER_CACHE``, else
``$XDG_CACHE_HOME/verifier``, else ``~/.cache/verifier``; ``VERIFIER_CACHE=off`` turns the
cache off. One file per YAML path (a changed file replaces its entry); at most
``MAX_ENTRIES`` are kept, the oldest written removed first when a new one is written (each
checkout, clone or temporary folder a ``sources.yaml`` is read from adds one), with the
temporary files of writers that stopped; anything unreadable, corrupt or unwritable there is
ignored: the file is parsed as without a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from verifier.cachedir import CACHE_ENV, cache_dir
from verifier.yamlio import load_yaml, read_yaml

__all__ = ["CACHE_ENV", "cache_dir", "read_yaml_cached"]

#: The kept files' layout; a change of layout makes every kept file a miss.
FORMAT = 1
#: How many parsed files are kept (the package's data files are about 40).
MAX_ENTRIES = 400
#: A temporary file older than this (seconds) was left by a writer that stopped.
STALE_SECONDS = 3600


def read_yaml_cached(path: Path, what: str) -> Any:
    """``read_yaml(path, what)``, from the cache when this file's bytes were parsed before."""
    folder = cache_dir()
    if folder is None or not path.is_file():  # read_yaml says what is wrong with the path
        return read_yaml(path, what)
    try:
        raw = path.read_bytes()
    except OSError:
        return read_yaml(path, what)  # says what is wrong with the file
    digest = hashlib.sha256(raw).hexdigest()
    entry = folder / f"yaml-{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]}.json"
    kept = _read_entry(entry, digest)
    if kept is not None:
        return kept[0]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return read_yaml(path, what)
    try:
        data = load_yaml(text)
    except Exception:  # not YAML, a key given twice: read_yaml says so in one line
        return read_yaml(path, what)
    _write_entry(folder, entry, digest, data)
    return data


def _read_entry(entry: Path, digest: str) -> tuple[Any] | None:
    try:
        kept = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(kept, dict) or kept.get("format") != FORMAT
            or kept.get("sha256") != digest or "data" not in kept):
        return None
    return (kept["data"],)


def _write_entry(folder: Path, entry: Path, digest: str, data: Any) -> None:
    try:
        text = json.dumps({"format": FORMAT, "sha256": digest, "data": data},
                          ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return  # not JSON: not kept
    if json.loads(text)["data"] != data:
        return  # JSON would change it (a key that is not a string, a tuple): not kept
    import tempfile  # only to write (with random, bisect, ...: ~5 ms)

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".yaml-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, entry)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(folder, entry)
    except OSError:
        return


def _prune(folder: Path, written: Path) -> None:
    """Keep at most ``MAX_ENTRIES`` entries, the oldest written removed first (never the one
    just ``written``), and no temporary file of a writer that stopped."""
    import time

    now = time.time()
    for temporary in folder.glob(".yaml-*.tmp"):
        if now - temporary.stat().st_mtime > STALE_SECONDS:
            temporary.unlink(missing_ok=True)
    entries = list(folder.glob("yaml-*.json"))
    if len(entries) <= MAX_ENTRIES:
        return
    by_age = sorted((e.stat().st_mtime, e.name, e) for e in entries if e != written)
    for _, _, old in by_age[: len(entries) - MAX_ENTRIES]:
        old.unlink(missing_ok=True)
