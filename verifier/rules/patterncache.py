"""Compiled regular expressions, and what ``regex_gate`` reads from them, kept between runs.

A process that analyses text compiles about 580 regular expressions (the lexicons' rules, the
matchers built from them) and parses about 160 of them again for their gates: about 1.2 s of
CPU, most of a small ingest's start-up. ``re`` cannot keep a compiled pattern (pickling one
compiles it again), but what its compiler produces is data: the engine's code (a list of
integers), the flags and the groups. ``install()`` puts a step in front of ``re``'s compiler
(``re._compiler.compile``, which ``re.compile``, ``re.search`` ... call when a pattern is not
in ``re``'s own cache) that builds the pattern object from that kept data
(``_sre.compile``, as ``re``'s compiler ends) when this pattern and these flags were compiled
by this same Python before; otherwise it compiles as always and keeps the result. Building
from the kept code is about 30 us a pattern.

Exact, or not used:

- the file is read only when it and its folder belong to this user and no one else can
  write them (it is written 0600, atomically);
- an entry is kept only when the pattern built from it compares equal to the one ``re``
  compiled (same pattern string, flags and engine code: ``Pattern.__eq__``); its groups and
  group names are taken from the compiled pattern;
- the file names the exact Python version and the engine's ``MAGIC`` and code size, and is
  ignored otherwise; the engine checks the code it is given (``_sre.compile`` validates it);
  an entry that fails is dropped and the pattern compiled as always;
- a bad pattern is never kept, so its ``re.error`` is raised as before; bytes patterns and
  ``re.DEBUG`` go straight to ``re``'s compiler.

``remembered(kind, source, flags, compute)`` keeps the pure functions of a pattern's text
that ``regex_gate`` and ``reach`` compute from its syntax tree (gates, prefixes, first
characters, reaches). A fact is kept under its kind and a digest of the source file that
defines ``compute`` (which calls only code of that file and of the standard library), so a
changed or upgraded computation never reads what an older one kept; a fact whose file
cannot be read is computed and not kept.

The file is ``patterns-<python cache tag>.bin`` (``marshal``, written atomically) in
``verifier.cachedir``'s folder (``VERIFIER_CACHE=off``: nothing installed, nothing kept); it is
read at the first compile after ``install()``, which ``verifier.rules.lexicon`` calls when it
is imported: a process that loads the lexicons analyses and compiles hundreds of patterns,
while a read command (``stories show``, ``report``) compiles a few dozen small ones, faster
than it would read the file. It is written at the end of a process that added something
(or read more than the bounds below allow), merged with what another process wrote
meanwhile, least recently used first: the entries this process used (built, added or
dropped) go last, in the order it first used them, the rest keep their order on disk, and
the oldest are dropped while there are more than
``MAX_ENTRIES`` patterns or more than ``MAX_BYTES`` of them (an upgrade's or an edited
lexicon's patterns take the place of those no run uses any more; one version of the rules
keeps about 1,300 patterns, 7 MB). Facts are kept likewise, at most ``MAX_FACTS``. Anything
unreadable or unwritable there is ignored: patterns are then compiled as without the cache.

May import: ``verifier.cachedir``.
"""

from __future__ import annotations

import array
import atexit
import importlib
import marshal
import os
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from verifier.cachedir import cache_dir

#: The kept file's layout; a change of layout makes the whole file a miss.
FORMAT = 1
#: Patterns kept at most (one version of the rules compiles about 1,300).
MAX_ENTRIES = 6000
#: Bytes of kept patterns (engine code and pattern text) at most: about three versions' worth.
MAX_BYTES = 24_000_000
#: Facts kept at most.
MAX_FACTS = 3 * MAX_ENTRIES
#: A temporary file of a writer that stopped before renaming it is removed after this long.
STALE_SECONDS = 3600

try:  # the regex engine and compiler; without them nothing is installed
    _sre: Any = importlib.import_module("_sre")
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
    _ORIGINAL: Any = _compiler.compile
    _HEAD: tuple[Any, ...] | None = (FORMAT, sys.version, sys.implementation.cache_tag,
                                     _sre.MAGIC, _sre.CODESIZE)
    _CODE_TYPE = {2: "H", 4: "I"}.get(_sre.CODESIZE, "")
    if not _CODE_TYPE or array.array(_CODE_TYPE).itemsize != _sre.CODESIZE:
        _HEAD = None
except (ImportError, AttributeError):  # pragma: no cover - other Python implementations
    _HEAD = None

#: (pattern, flags) -> (compiled flags, engine code as bytes, groups, {group name: index})
_Entry = tuple[int, bytes, int, dict[str, int]]
_MISSING = object()


class _Store:
    """The kept entries of this process (read once), and what it added."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.patterns: dict[tuple[str, int], _Entry] | None = None
        self.facts: dict[tuple[str, str, int], Any] = {}
        #: the keys this process used (built from an entry, added or dropped), in order
        self.used: dict[tuple[str, int], None] = {}
        self.used_facts: dict[tuple[str, str, int], None] = {}
        self.added = False

    def load(self) -> dict[tuple[str, int], _Entry]:
        if self.patterns is None:
            self.patterns, self.facts = _read(self.path)
        return self.patterns

    def save(self) -> None:
        """Write what this process added, merged with what is on disk now (or only pruned,
        when what it read holds more than the bounds allow)."""
        if self.patterns is None or not (self.added or _over(self.patterns, self.facts)):
            return
        on_disk, facts_on_disk = _read(self.path)
        patterns = _pruned(_merged(on_disk, self.patterns, self.used), MAX_ENTRIES, MAX_BYTES)
        facts = _pruned(_merged(facts_on_disk, self.facts, self.used_facts), MAX_FACTS, None)
        _remove_stale(self.path.parent)
        import tempfile  # only to write (a read command's start-up need not import it)

        try:
            data = marshal.dumps((_HEAD, patterns, facts))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".patterns-", suffix=".tmp",
                                                 dir=self.path.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, ValueError):
            return
        self.added = False


K = TypeVar("K")
V = TypeVar("V")


def _merged(on_disk: dict[K, V], mine: dict[K, V], used: dict[K, None]) -> dict[K, V]:
    """What is on disk, least recently used first: the keys ``used`` by this process moved
    to the end in the order it used them (as this process has them, or dropped when it
    dropped them); the others (another process may have added some) as on disk."""
    merged = {key: value for key, value in on_disk.items() if key not in used}
    for key in used:
        if key in mine:
            merged[key] = mine[key]
    return merged


def _size(key: Any, value: Any) -> int:
    """The bytes a kept pattern takes: its text and its engine code."""
    return len(key[0]) + len(value[1]) if isinstance(value, tuple) else 0


def _pruned(kept: dict[K, V], most: int, most_bytes: int | None) -> dict[K, V]:
    """``kept`` less its oldest entries while it holds more than ``most`` or (when given)
    more than ``most_bytes`` of patterns."""
    items = list(kept.items())
    start = max(0, len(items) - most)
    if most_bytes is not None:
        total = sum(_size(key, value) for key, value in items[start:])
        while total > most_bytes and start < len(items):
            total -= _size(*items[start])
            start += 1
    return dict(items[start:]) if start else kept


def _over(patterns: dict[tuple[str, int], _Entry], facts: dict[Any, Any]) -> bool:
    """Whether these kept entries hold more than the bounds allow (``_pruned`` would drop
    some)."""
    return (_pruned(patterns, MAX_ENTRIES, MAX_BYTES) is not patterns
            or _pruned(facts, MAX_FACTS, None) is not facts)


def _remove_stale(folder: Path) -> None:
    """Remove the temporary files of writers that stopped before renaming them."""
    import time

    try:
        for temporary in folder.glob(".patterns-*.tmp"):
            if time.time() - temporary.stat().st_mtime > STALE_SECONDS:
                temporary.unlink(missing_ok=True)
    except OSError:
        pass


def _private(path: Path) -> bool:
    """Whether the file and its folder belong to this user and no one else can write them."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - no owners to check: not read
        return False
    try:
        for where in (path.parent, path):
            status = os.stat(where)
            if status.st_uid != getuid() or status.st_mode & 0o022:
                return False
    except OSError:
        return False
    return True


def _read(path: Path) -> tuple[dict[tuple[str, int], _Entry], dict[tuple[str, str, int], Any]]:
    if not _private(path):
        return {}, {}
    try:
        head, patterns, facts = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}, {}
    if head != _HEAD or not isinstance(patterns, dict) or not isinstance(facts, dict):
        return {}, {}
    return patterns, facts


_store: _Store | None = None


def _build(pattern: str, entry: _Entry) -> re.Pattern[str]:
    flags, code, groups, groupindex = entry
    indexgroup: list[str | None] = [None] * (groups + 1)
    for name, index in groupindex.items():
        indexgroup[index] = name
    compiled: re.Pattern[str] = _sre.compile(
        pattern, flags, array.array(_CODE_TYPE, code).tolist(), groups, dict(groupindex),
        tuple(indexgroup))
    return compiled


def _entry(pattern: str, flags: int, compiled: re.Pattern[str]) -> _Entry | None:
    """What to keep of ``compiled``, if a pattern built from it is the same pattern."""
    code = _compiler._code(_parser.parse(pattern, flags), flags)
    entry = (compiled.flags, array.array(_CODE_TYPE, code).tobytes(), compiled.groups,
             {str(name): index for name, index in compiled.groupindex.items()})
    return entry if _build(pattern, entry) == compiled else None


def _compile(pattern: Any, flags: int = 0) -> Any:
    """``re._compiler.compile``, from the kept code when this pattern was compiled before."""
    store = _store
    if (store is None or not isinstance(pattern, str) or type(flags) is not int
            or flags & re.DEBUG):
        return _ORIGINAL(pattern, flags)
    key = (str(pattern), flags)
    with store.lock:
        entry = store.load().get(key)
        store.used[key] = None
    if entry is not None:
        try:
            return _build(pattern, entry)
        except Exception:  # not what this engine accepts: compiled as always
            with store.lock:
                store.load().pop(key, None)
                store.added = True
    compiled = _ORIGINAL(pattern, flags)  # a bad pattern raises here, as always
    try:
        kept = _entry(key[0], flags, compiled)
    except Exception:  # never an error of the cache's own
        kept = None
    if kept is not None:
        with store.lock:
            store.load()[key] = kept
            store.added = True
    return compiled


def remembered(kind: str, source: str, flags: int, compute: Callable[[], Any]) -> Any:
    """``compute()``, a pure function of the pattern ``source`` and ``flags`` (its value
    made of str, int, bool, None and tuples), kept between runs under ``kind``."""
    store = _store
    if store is None:
        return compute()
    digest = _digest(compute.__code__.co_filename)
    if digest is None:
        return compute()
    key = (f"{kind}@{digest}", str(source), flags)
    with store.lock:
        store.load()
        value = store.facts.get(key, _MISSING)
        store.used_facts[key] = None
    if value is not _MISSING:
        return value
    value = compute()
    with store.lock:
        store.facts[key] = value
        store.added = True
    return value


_digests: dict[str, str | None] = {}


def _digest(filename: str) -> str | None:
    """A digest of the file ``filename`` (read once a process), or None when unreadable."""
    try:
        return _digests[filename]
    except KeyError:
        pass
    import hashlib  # only when a fact is looked up (a read command never does)

    try:
        found: str | None = hashlib.blake2b(Path(filename).read_bytes(),
                                            digest_size=8).hexdigest()
    except OSError:
        found = None
    _digests[filename] = found
    return found


def install() -> None:
    """Put the kept patterns in front of ``re``'s compiler, for this process (once)."""
    global _store
    if _store is not None or _HEAD is None:
        return
    folder = cache_dir()
    if folder is None:
        return
    _store = _Store(folder / f"patterns-{sys.implementation.cache_tag}.bin")
    _compiler.compile = _compile
    atexit.register(_store.save)


def uninstall() -> None:
    """Put ``re``'s compiler back (what this process added is not written)."""
    global _store
    if _store is not None:
        _compiler.compile = _ORIGINAL
        atexit.unregister(_store.save)
        _store = None
