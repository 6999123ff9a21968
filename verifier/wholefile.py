"""Files written whole or not at all, through symlinks: the one way verifier replaces a file
it writes for its user (a report's ``-o FILE``, ``labels export``, the source registry).

``replacing(path)`` yields a text handle on a temporary file in the folder of the file
``path`` names (after every symlink: a link to a shared file keeps pointing at it, and the
shared file gets the new text), which replaces that file, flushed to disk, only when the
block ends without an error. Interrupted (Ctrl-C, a full disk, a database error midway),
the file is left as it was and the temporary file is removed. The file keeps its mode; a
new one gets ``new_mode``, else the mode ``open()`` would have given it. A device or pipe
(``-o /dev/stdout``) cannot be replaced and is written to directly.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO


def target_of(path: Path) -> Path:
    """The file ``path`` names through any links (the one to replace)."""
    return Path(os.path.realpath(path))


@contextmanager
def replacing(path: Path, *, new_mode: int | None = None) -> Iterator[TextIO]:
    """A handle whose text replaces the file ``path`` names once the block ends (see the
    module's docstring); ``OSError`` as ``open()`` would raise it."""
    target = target_of(path)
    if target.exists() and not target.is_file():
        with target.open("w", encoding="utf-8") as direct:
            yield direct
        return
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                    suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if target.is_file():
            mode = stat.S_IMODE(target.stat().st_mode)
        else:  # mkstemp's 0600 would hide a new file from the folder's other readers
            mode = new_mode if new_mode is not None else 0o666 & ~_umask()
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


def write_whole(path: Path, text: str, *, new_mode: int | None = None) -> None:
    """``path.write_text(text)``, written whole or not at all (``replacing``)."""
    with replacing(path, new_mode=new_mode) as out:
        out.write(text)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
