"""The folder where parsed data is kept between runs (``verifier.parsecache``'s YAML files,
``verifier.scoring.weights_cache``'s weights).

``$VERIFIER_CACHE``, else ``$XDG_CACHE_HOME/verifier``, else ``~/.cache/verifier``;
``VERIFIER_CACHE=off`` turns every cache off.

May import: nothing of verifier (the read commands' start-up imports it).
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "VERIFIER_CACHE"


def cache_dir() -> Path | None:
    """Where parsed files are kept (None: the cache is off)."""
    value = os.environ.get(CACHE_ENV)
    if value:
        return None if value.strip().lower() == "off" else Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "verifier"
    try:
        return Path.home() / ".cache" / "verifier"
    except RuntimeError:  # no home directory
        return None
