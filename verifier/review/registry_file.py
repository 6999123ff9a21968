"""Adding and editing outlets in the user's ``sources.yaml``, validated before it is written.

The file is edited as text so the user's comments and layout stay: a new entry is appended
to the ``sources`` list, an edited entry's block is replaced. The whole new file is parsed
and validated (``verifier.registry.parse_registry``) before it replaces the old one
atomically; an invalid entry changes nothing. Each edit reads, changes and replaces the file
holding a lock on its folder (``_editing``), so writers at once (the desk, `sources add`,
`ingest --add-outlets`) each keep their entry: one after the other, each reads the file the
one before it wrote.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from verifier.config import DEFAULT_SOURCES_FILE, SOURCES_ENV, data_path
from verifier.errors import ConfigError, UsageError
from verifier.limits import check_length
from verifier.registry import SOURCE_KINDS, Registry, Source, parse_registry
from verifier.wholefile import target_of, write_whole

DEFAULT_NOTE = "Added by a reviewer with no record to go on: a uniform prior."
_ENTRY_START = re.compile(r"^  - id:\s*(\S+)\s*$", re.M)


@dataclass(frozen=True, slots=True)
class OutletEntry:
    """The fields of one registry entry, as a form or the command line gives them."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    url: str | None = None
    prior_confirmed: float = 1.0
    prior_refuted: float = 1.0
    prior_note: str = DEFAULT_NOTE

    def to_yaml(self) -> str:
        """The entry as the registry file writes it (JSON scalars are valid YAML)."""
        lines = [f"  - id: {_scalar(self.id)}",
                 f"    name: {json.dumps(self.name, ensure_ascii=False)}",
                 f"    kind: {self.kind}"]
        if self.aliases:
            lines.append(f"    aliases: {json.dumps(list(self.aliases), ensure_ascii=False)}")
        if self.country:
            lines.append(f"    country: {json.dumps(self.country)}")
        if self.url:
            lines.append(f"    url: {json.dumps(self.url, ensure_ascii=False)}")
        note = json.dumps(self.prior_note, ensure_ascii=False)
        lines.append(f"    prior: {{confirmed: {self.prior_confirmed:g}, "
                     f"refuted: {self.prior_refuted:g}, note: {note}}}")
        return "\n".join(lines) + "\n"

    @classmethod
    def from_source(cls, source: Source) -> OutletEntry:
        return cls(source.id, source.name, source.kind, source.aliases, source.country,
                   source.url, source.prior.confirmed, source.prior.refuted, source.prior.note)


def _scalar(ident: str) -> str:
    """An id as YAML reads it back as that text: bare (as hand-written entries are), or
    quoted where YAML would read it bare as something else (``2026-03-01`` a date, ``null``
    nothing, ``true`` a flag, ``123`` a number, ``2026-02-30`` not at all)."""
    import yaml

    try:
        same = yaml.safe_load(ident) == ident
    except (yaml.YAMLError, ValueError):
        same = False
    return ident if same else json.dumps(ident)


def user_sources_path(option: str | None = None) -> Path:
    """The file edits go to: ``--sources``, ``$VERIFIER_SOURCES``, or ./sources.yaml. If it
    does not exist, an edit starts from the packaged registry and writes the whole file
    (only once the edited registry is valid: an invalid edit creates nothing)."""
    value = option or os.environ.get(SOURCES_ENV)
    return Path(value).expanduser() if value else Path(DEFAULT_SOURCES_FILE)


#: A registry file created by an edit: readable by the desk's other users, as
#: ``Path.write_text`` under the usual umask made it.
NEW_FILE_MODE = 0o644


def _target(path: Path) -> Path:
    """The file an edit replaces: the one ``path`` names through any links (a registry
    shared by several desks, linked into each: replacing the link would leave the shared
    file without the edit and the desk with a copy of its own)."""
    return target_of(path)


@contextmanager
def _editing(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the registry's folder while an edit reads and replaces the
    file (the file itself cannot carry it: ``os.replace`` puts a new file in its place, and
    a writer that opened the old one would lock that). A system without ``fcntl`` edits
    unlocked, as before."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover (Windows)
        yield
        return
    try:
        handle = os.open(_target(path).parent, os.O_RDONLY)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the source registry "
                          f"({exc.strerror or exc}); it is unchanged") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _read(path: Path) -> str:
    try:
        if not path.exists():  # the first edit: a copy of the packaged registry
            return data_path(DEFAULT_SOURCES_FILE).read_text(encoding="utf-8")
        if not path.is_file() and not path.is_dir():  # a FIFO waited for ever, /dev/zero
            raise ConfigError(f"{path}: the source registry is not a regular file")
        from verifier.registry import load_registry

        load_registry(path)  # a file broken before the edit is said as such, line and all
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the source registry is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the source registry "
                          f"({exc.strerror or exc})") from None


def _check(entry: OutletEntry) -> None:
    """The entry's own fields, said as the form and `sources add` take them (the whole file
    is validated again before it is written: that names the file, as for a hand edit)."""
    import math

    from verifier.registry import MAX_PRIOR, valid_id

    check_length("registry id", entry.id)
    if not valid_id(entry.id):
        hint = re.sub(r"[^a-z0-9_.-]+", "-", entry.id.strip().lower()).strip("-_.")
        example = f" (e.g. {hint!r})" if hint and valid_id(hint) else ""
        raise UsageError(f"id {entry.id[:80]!r}: an id is lower-case letters, digits, _ - . "
                         f"only, starting with a letter or digit{example}")
    from verifier.textsafe import blank

    if blank(entry.name):
        raise UsageError("the outlet's name is empty: give the name it goes by")
    check_length("outlet name", entry.name)
    for alias in entry.aliases:
        check_length("alias", alias)
    check_length("registry url", entry.url)
    check_length("country", entry.country)
    check_length("prior note", entry.prior_note)
    for what, value in (("confirmed", entry.prior_confirmed), ("refuted", entry.prior_refuted)):
        if not math.isfinite(value) or not 0 < value <= MAX_PRIOR:
            raise UsageError(f"prior {what} count: {value:g} is not a number above 0 and at "
                             f"most {MAX_PRIOR:g}")
    if entry.kind not in SOURCE_KINDS:
        raise UsageError(
            f"unknown kind {entry.kind!r} (choose from {', '.join(sorted(SOURCE_KINDS))})"
        )
    if entry.url:
        from verifier.templating import http_url
        from verifier.textsafe import not_http_url

        if http_url(entry.url) is None:
            raise UsageError(not_http_url("url", entry.url))


def add_outlet(path: Path, entry: OutletEntry) -> Registry:
    """Append ``entry``; ``UsageError``/``ConfigError`` (nothing written) if it is invalid."""
    _check(entry)
    with _editing(path):
        text = _read(path)
        if any(m.group(1).strip("'\"") == entry.id for m in _ENTRY_START.finditer(text)):
            raise ConfigError(f"duplicate id {entry.id!r}: {path} has an entry with it "
                              "already (choose another id, or edit that entry: `verifier "
                              "sources add --replace`)")
        if not text.endswith("\n"):
            text += "\n"
        return _write(path, text + entry.to_yaml())


def add_outlets(path: Path, entries: Sequence[OutletEntry]) -> Registry:
    """Append every entry in one write (``ingest --add-outlets``); nothing is written if any
    is invalid or its id is taken."""
    for entry in entries:
        _check(entry)
    with _editing(path):
        text = _read(path)
        taken = {m.group(1).strip("'\"") for m in _ENTRY_START.finditer(text)}
        for entry in entries:
            if entry.id in taken:
                raise ConfigError(
                    f"duplicate id {entry.id!r}: {path} has an entry with it already")
            taken.add(entry.id)
        if not text.endswith("\n"):
            text += "\n"
        return _write(path, text + "".join(entry.to_yaml() for entry in entries))


def edit_outlet(path: Path, entry: OutletEntry) -> Registry:
    """Replace the entry with ``entry.id``; ``UsageError`` if there is none."""
    _check(entry)
    with _editing(path):
        text = _read(path)
        starts = list(_ENTRY_START.finditer(text))
        for number, match in enumerate(starts):
            if match.group(1).strip("'\"") == entry.id:
                end = starts[number + 1].start() if number + 1 < len(starts) else _block_end(
                    text, match.end())
                return _write(path, text[:match.start()] + entry.to_yaml() + text[end:])
    raise UsageError(f"no entry with id {entry.id!r} in {path} (written as '  - id: ...')")


def _block_end(text: str, after: int) -> int:
    """Where the last entry's block ends: the next line not indented under it."""
    for line in re.finditer(r"^.*$", text[after:], re.M):
        if line.group(0) and not line.group(0).startswith("    "):
            return after + line.start()
    return len(text)


def _write(path: Path, text: str) -> Registry:
    import yaml

    from verifier.yamlio import load_yaml

    try:
        raw = load_yaml(text)  # as load_registry will read it back
    except (yaml.YAMLError, ValueError):  # ValueError: an impossible date in the file
        raise ConfigError(f"{path}: the edited registry would not be valid YAML") from None
    registry = parse_registry(raw, str(path))
    try:
        # whole or not at all, through links, the mode kept (``wholefile``)
        write_whole(_target(path), text, new_mode=NEW_FILE_MODE)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the source registry ({exc.strerror or exc}); "
                          "it is unchanged") from None
    return registry
