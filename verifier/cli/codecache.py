"""The dataclasses' generated methods, compiled once and kept between runs of the command.

Python's ``dataclasses`` writes each method it generates (``__init__``, ``__repr__``,
``__eq__``, a frozen class's ``__setattr__``, ``__delattr__`` and ``__hash__``) as source
text and compiles it with ``exec`` every time a class is defined: 1-2 ms of CPU for a frozen
class, and a quick read defines 40-60 of them (``report --story``: ~0.1 s at load 8, a third
of its time in the process). ``install`` gives the ``dataclasses`` module an ``exec`` of its
own (a module global, which its functions find before the builtin) that compiles each text
once: the code objects are kept in the cache folder (``verifier.cachedir``), keyed by the
exact text, for this Python's bytecode only; ``save`` adds the new ones. The same text
compiles to the same code, so the classes are the ones ``dataclasses`` makes without it.

Only the command line installs it (``verifier.cli.main``: not the library, the web app or
tests running commands in process); ``VERIFIER_CACHE=off`` turns it off. The file is code,
so it is read only when this user owns it and the folder, and no one else can write
either; it is written readable by this user only.
"""

from __future__ import annotations

import builtins
import marshal
import os
import sys
from pathlib import Path
from typing import Any

#: The kept file's layout; another layout is a miss.
FORMAT = 1
#: More texts than this and the file starts again from this run's (a bound on its size).
MAX_ENTRIES = 3000

_codes: dict[str, Any] = {}
_new: dict[str, Any] = {}
_where: list[Path] = []


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    """``exec``, compiling a text through the kept code objects."""
    if globals is None:  # the caller's namespace, as the builtin takes it
        frame = sys._getframe(1)
        globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
    if isinstance(source, str):
        code = _codes.get(source)
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _codes[source] = _new[source] = code
        source = code
    builtins.exec(source, globals, locals)


def _path(folder: Path) -> Path:
    from importlib.util import MAGIC_NUMBER

    return folder / f"dataclass-code-{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}.bin"


def _private(stat: os.stat_result) -> bool:
    """Owned by this user, writable by no one else."""
    return stat.st_uid == os.getuid() and not stat.st_mode & 0o022


def install(folder: Path | None) -> bool:
    """Give ``dataclasses`` the caching ``exec`` with the codes kept in ``folder`` (None:
    the cache is off; nothing is done). True when installed."""
    import dataclasses

    if folder is None or not hasattr(os, "getuid") or "exec" in vars(dataclasses):
        return False
    path = _path(folder)
    try:
        if _private(os.stat(folder)) and _private(os.stat(path)):
            kept = marshal.loads(path.read_bytes())
            if isinstance(kept, dict) and kept.get("format") == FORMAT and isinstance(
                    kept.get("codes"), dict):
                _codes.update(kept["codes"])
    except (OSError, ValueError, EOFError, TypeError):
        pass  # none kept yet, or unreadable: compiled as without the cache
    _where[:] = [path]
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    return True


def save() -> None:
    """Keep this run's new code objects (with those read), atomically; errors are
    ignored (the next run compiles them again)."""
    if not _new or not _where:
        return
    path = _where[0]
    codes = _codes if len(_codes) <= MAX_ENTRIES else _new
    _new.clear()
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not _private(os.stat(path.parent)):
            return
        handle, temporary = tempfile.mkstemp(prefix=".code-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:  # mkstemp: readable by this user only
                out.write(marshal.dumps({"format": FORMAT, "codes": codes}))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return
