"""Reading articles from files: .txt, .md (YAML front matter), .html, .jsonl, and folders.

Everything streams: ``iter_articles`` yields one ``RawArticle`` (or ``ReadFailure``) at a
time, so a folder of thousands of files or a large JSON Lines file never sits in memory.
A file that cannot be read becomes a ``ReadFailure`` naming it; the rest go on.
"""

from __future__ import annotations

import codecs
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO

from verifier.errors import InputError
from verifier.ingest.textfile import (
    MAX_BYTES,
    SNIFF,
    open_regular,
    read_article_text,
    utf16_without_mark,
)
from verifier.templating import http_url

#: Files in folders that document the folder rather than hold an article.
FOLDER_DOCS = ("readme", "license", "licence", "changelog", "contributing")
#: Labelling-guide files a labelled corpus keeps beside its texts: skipped in folders.
LABEL_SUFFIXES = (".labels.jsonl", ".stories.jsonl")
#: The fields that make a JSON Lines record a label (sentence or story), not an article.
_LABEL_RECORDS = (("sentence labels", frozenset({"doc", "i", "claim"}), "verifier eval"),
                  ("story labels", frozenset({"story", "doc", "sentences"}),
                   "verifier eval-stories"))
#: An outlet given as "none" (``--outlet none``, a file's ``outlet: none``): none is known.
NO_OUTLET = "none"


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as read, before analysis; ``origin`` is the file (``file:line`` for JSONL)."""

    text: str
    origin: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    byline: str | None = None
    #: A page's own idea of its site (HTML metadata): used as the outlet only when it names a
    #: registry entry, unlike ``outlet``, which must.
    site_name: str | None = None
    #: The file's ``outlet: none``: no outlet is known (as ``--outlet none``): stored without
    #: one unless its text credits one, and not warned about.
    outlet_none: bool = False


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file or line that could not be read, with the one-line reason."""

    origin: str
    message: str


Item = RawArticle | ReadFailure


def parse_published(value: Any, where: str) -> datetime | None:
    """A date or date-time (ISO 8601 text, or a YAML date) as an aware UTC datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time.min)
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise InputError(_not_a_date(value, where)) from None
    else:
        raise InputError(_not_a_date(value, where))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _not_a_date(value: Any, where: str) -> str:
    """Why a publication date was refused, with the form it takes (an option names itself;
    a file's line names the field)."""
    field = "" if where.startswith("--") else " field 'published':"
    return (f"{where}:{field} {value!r} is not a date (YYYY-MM-DD; a month or year alone is "
            "not one)")


def _meta(raw: dict[str, Any], where: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for field in ("title", "outlet", "url", "byline"):
        value = raw.get(field)
        if value is None:
            continue
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise InputError(f"{where}: field {field!r}: expected text")
        _no_nul(str(value), where, field)
        found[field] = " ".join(str(value).split()) or None
    if found.get("outlet") is not None and found["outlet"].lower() == NO_OUTLET:
        found["outlet"], found["outlet_none"] = None, True
    if found.get("url") is not None and http_url(found["url"]) is None:
        # as --url and the desk refuse it: only an http(s) address is an article's url
        from verifier.textsafe import not_http_url

        raise InputError(f"{where}: " + not_http_url("field 'url':", found["url"]))
    found["published"] = parse_published(raw.get("published"), where)
    return found


def _no_nul(value: str, where: str, field: str) -> None:
    """A field holding a NUL character is binary data, not text (PostgreSQL refuses it in a
    text column: one such record failed the whole ingest there)."""
    if "\x00" in value:
        raise InputError(f"{where}: field {field!r} holds a NUL character (binary data, not "
                         "text)")


def read_text(path: Path) -> Iterator[RawArticle]:
    yield RawArticle(text=read_article_text(path), origin=str(path))


def read_markdown(path: Path) -> Iterator[RawArticle]:
    """Markdown with optional YAML front matter between ``---`` lines at the very top."""
    content = read_article_text(path)
    meta: dict[str, Any] = {}
    if content.startswith("---\n") or content.startswith("---\r\n"):
        end = content.find("\n---", 3)
        closing = content.find("\n", end + 4) if end != -1 else -1
        if end == -1 or content[end + 4 : closing if closing != -1 else None].strip():
            raise InputError(f"{path}: front matter has no closing '---' line")
        import yaml

        from verifier.yamlio import load_yaml

        try:
            raw = load_yaml(content[4:end], strict=False)
        except yaml.YAMLError:
            raise InputError(f"{path}: front matter is not valid YAML") from None
        except ValueError as error:  # a date YAML reads as one that is not ("2026-13-45")
            raise InputError(f"{path}: front matter holds an impossible date ({error})") from None
        if raw is not None and not isinstance(raw, dict):
            raise InputError(f"{path}: front matter must be a mapping of fields")
        meta = _meta(raw or {}, str(path))
        content = content[closing + 1 :] if closing != -1 else ""
        if not content.strip():
            raise InputError(f"{path}: no article text after the front matter")
    yield RawArticle(text=content, origin=str(path), **meta)


def read_html(path: Path) -> Iterator[RawArticle]:
    """The main text and metadata of an HTML page, extracted with trafilatura."""
    import trafilatura

    html = read_article_text(path)
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = _field(document, "text")
    if not text or not text.strip():
        yield _deep_html(path, html)
        return
    meta = _meta(
        {
            "title": _field(document, "title"),
            "url": _field(document, "url"),
            "byline": _field(document, "author"),
            "published": _field(document, "date"),
        },
        str(path),
    )
    yield RawArticle(text=text, origin=str(path), site_name=_field(document, "sitename"), **meta)


def _deep_html(path: Path, html: str) -> RawArticle:
    """A page the extractor found no text in: if it is nested deeper than the HTML parser
    builds, its text by a parser without that limit; else a clear error."""
    from verifier.ingest.htmltext import LIBXML_DEPTH, deep_text

    found = deep_text(html)
    if found.depth < LIBXML_DEPTH:
        raise InputError(f"{path}: no article text found in the HTML")
    if not found.text.strip():
        raise InputError(f"{path}: no article text found in the HTML (nested {found.depth} "
                         "levels deep)")
    return RawArticle(text=found.text, origin=str(path), title=found.title)


def _field(document: Any, name: str) -> Any:
    if document is None:
        return None
    if isinstance(document, dict):
        return document.get(name)
    return getattr(document, name, None)


def read_jsonl(path: Path) -> Iterator[Item]:
    """One article per line: ``{"text": ..., "title", "outlet", "url", "published", "byline"}``.

    Streamed line by line; a line longer than ``MAX_BYTES`` (the limit on an article file) is
    reported and skipped without being held in memory. UTF-8, or UTF-16/UTF-32 with a
    byte-order mark, as every article file (``_utf8_lines``)."""
    with open_regular(path) as handle:
        readline = _utf8_lines(handle, path)
        number = 0
        first = True  # the first record shows what the file holds
        while True:
            try:
                line = readline(MAX_BYTES + 1)
            except OSError as exc:
                raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
            if not line:
                return
            number += 1
            where = f"{path}:{number}"
            if len(line) > MAX_BYTES and not line.endswith(b"\n"):
                _skip_line(readline)
                yield ReadFailure(where, f"{where}: line is too large (the limit is "
                                         f"{MAX_BYTES // 1048576} MB per article)")
                continue
            if not line.strip():
                continue
            try:
                record = _jsonl_record(line, where)
                if first:
                    _not_labels(record, path)
                article = _jsonl_article(record, where)
            except _LabelFile:
                raise  # the whole file, one error
            except InputError as error:
                yield ReadFailure(where, str(error))
            else:
                yield article
            first = False


def _utf8_lines(handle: BinaryIO, path: Path) -> Callable[[int], bytes]:
    """A ``readline(limit)`` giving a JSON Lines file's lines as UTF-8 bytes: the file's own
    bytes, or, after a UTF-32 or UTF-16 byte-order mark, its text read in that encoding and
    written as UTF-8 (split at its own bytes, UTF-16's were no lines at all). UTF-16 saved
    without its mark is refused as one error, as for any article file."""
    head = handle.read(SNIFF)
    handle.seek(0)
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        if utf16_without_mark(head):
            raise InputError(f"{path}: looks like UTF-16 text without a byte-order mark: "
                             "save it as UTF-8 (or as UTF-16 with a mark)")
        return handle.readline
    text = io.TextIOWrapper(handle, encoding=encoding, newline="")

    def readline(limit: int) -> bytes:
        try:
            return text.readline(limit).encode("utf-8")
        except UnicodeError:  # a broken code unit; a lone surrogate
            raise InputError(f"{path}: not valid {encoding.upper()} text after its "
                             "byte-order mark") from None

    return readline


def _skip_line(readline: Callable[[int], bytes]) -> None:
    """Read past the rest of an over-long line, a block at a time."""
    while True:
        block = readline(1 << 20)
        if not block or block.endswith(b"\n"):
            return


class _LabelFile(InputError):
    """A JSON Lines file of labels given where articles are read."""


def _not_labels(record: dict[str, Any], path: Path) -> None:
    """A file whose first record is a sentence or story label is a labelled corpus's file,
    not articles: one error for the file rather than one per line."""
    for what, keys, command in _LABEL_RECORDS:
        if keys <= record.keys():
            raise _LabelFile(f"{path}: holds {what} (the labelling guide's format), not "
                             f"articles; `{command}` reads it")


def _jsonl_record(line: bytes, where: str) -> dict[str, Any]:
    if len(line) > MAX_BYTES:
        raise InputError(f"{where}: line is too large")
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not valid UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        at = "" if exc.msg.endswith(" at") else " at"
        raise InputError(
            f"{where}: not valid JSON ({exc.msg}{at} column {exc.pos + 1})"
        ) from None
    except RecursionError:  # Python's parser recurses once per level
        raise InputError(f"{where}: not valid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with a 'text' field")
    return record


def _jsonl_article(record: dict[str, Any], where: str) -> RawArticle:
    text = record.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(f"{where}: field 'text': expected text, not {_json_kind(text)}")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: field 'text' is missing or empty")
    _no_nul(text, where, "text")
    return RawArticle(text=text, origin=where, **_meta(record, where))


def _json_kind(value: object) -> str:
    """What a JSON value is, in JSON's words ("a number", "an array")."""
    if isinstance(value, bool):
        return "true or false"
    kinds = ((int | float, "a number"), (list, "an array"), (dict, "an object"))
    return next((name for kind, name in kinds if isinstance(value, kind)), "text")


READERS: dict[str, Callable[[Path], Iterator[Item]]] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
}


def iter_files(paths: Iterable[Path]) -> Iterator[Path | ReadFailure]:
    """The files to read: named files, and supported files found in folders (recursively,
    sorted; hidden files and README, LICENSE and the like skipped)."""
    for path in paths:
        if path.is_dir():
            yield from _folder_files(path)
        elif not path.exists():
            yield ReadFailure(str(path), f"{path}: no such file or directory")
        elif path.suffix.lower() not in READERS:
            kinds = ", ".join(sorted(READERS))
            yield ReadFailure(str(path), f"{path}: unsupported file type (use {kinds})")
        else:
            yield path


def _folder_files(path: Path) -> Iterator[Path | ReadFailure]:
    """The article files under ``path``, recursively and sorted. A link to a folder is
    followed (a scratch folder of links to corpora reads as the corpora), each folder read
    once however many links lead to it, so a link back up the tree is no loop."""
    unlisted: list[OSError] = []  # a folder that cannot be listed is a failure
    seen: set[str] = set()
    for root, dirs, files in os.walk(path, onerror=unlisted.append, followlinks=True):
        yield from _unlisted(unlisted)
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if _is_article_file(name):
                yield Path(root) / name
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[ReadFailure]:
    """The folders ``os.walk`` could not list (it skips them silently), as failures."""
    while errors:
        error = errors.pop(0)
        where = error.filename or "a folder"
        yield ReadFailure(str(where), f"{where}: cannot read the folder "
                                      f"({error.strerror or error})")


def _is_article_file(name: str) -> bool:
    path = Path(name)
    return (
        not name.startswith(".")
        and path.suffix.lower() in READERS
        and path.stem.lower() not in FOLDER_DOCS
        and not name.lower().endswith(LABEL_SUFFIXES)
    )


def read_file(path: Path) -> Iterator[Item]:
    """The articles of one file; a file-level error becomes one ``ReadFailure``."""
    try:
        yield from READERS[path.suffix.lower()](path)
    except InputError as error:
        yield ReadFailure(str(path), str(error))


def read_any(path: Path) -> Iterator[Item]:
    """The articles of one named file: by its format when the extension is known (.md front
    matter, HTML, JSONL), otherwise the whole file as plain text."""
    if path.suffix.lower() in READERS and path.is_file():
        yield from read_file(path)
        return
    try:
        yield from read_text(path)
    except InputError as error:
        yield ReadFailure(str(path), str(error))


def iter_articles(paths: Iterable[Path]) -> Iterator[Item]:
    """Every article under ``paths``, one at a time."""
    for item in iter_files(paths):
        if isinstance(item, ReadFailure):
            yield item
        else:
            yield from read_file(item)


def _count_lines(path: Path) -> int:
    """Non-blank lines of a JSON Lines file, read a block at a time (never a whole line)."""
    count = 0
    with open_regular(path) as handle:
        blank = True
        while block := handle.readline(1 << 20):
            blank = blank and not block.strip()
            if block.endswith(b"\n"):
                count += not blank
                blank = True
        count += not blank
    return count


def count_articles(paths: Iterable[Path]) -> int:
    """How many articles ``iter_articles`` will yield at most (for a progress bar)."""
    total = 0
    for item in iter_files(paths):
        if isinstance(item, Path) and item.suffix.lower() == ".jsonl":
            try:
                total += _count_lines(item)
            except (InputError, OSError):
                total += 1
        else:
            total += 1
    return total
