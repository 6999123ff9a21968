"""Real-article labels kept as stand-off: offsets and hashes, never the article's words.

The real sets are third-party text, so the texts stay outside the repository; when the machine
that held them goes, labels that quote them go too (sets A-O went with session 16's machine).
A stand-off file keeps everything *the project wrote* about a set and points into the texts
by character offsets, so it can be committed and the labels rebuilt once the texts are
fetched again by their addresses:

    python bench/real/standoff.py pack --corpus DIR --set setP [--out FILE]
    python bench/real/standoff.py wanted --standoff FILE [--texts DIR]
    python bench/real/standoff.py put --standoff FILE... --excerpts DIR --texts DIR
    python bench/real/standoff.py unpack --standoff FILE --texts DIR --out DIR

``pack`` reads ``DIR/<set>/*.txt``, ``DIR/<set>.labels.jsonl``, ``DIR/<set>.stories.jsonl``
(optional) and ``DIR/<set>.manifest.tsv`` and writes ``bench/real/labels/<set>.standoff.jsonl``:
a header line (the format; the manifest's and the stories' lines as they are, since both are
the project's own words; how the labels file was laid out), then one line per document:

    {"doc": "p01", "url": "...", "length": 1834, "sha256": "...", "lines": [1, 2, ...],
     "sentences": [{"doc": "p01", "i": 0, "text": [0, 61], "claim": true,
                    "sourcing": [{"kind": "official", "source": [40, 60]}],
                    "certainty": "certain"}, ...]}

Each sentence is its label row with ``text`` replaced by the sentence's ``[start, end]`` in
the text (located in order, as ``bench/real.py`` locates it) and each ``source`` by the
offsets of its words: the occurrence inside the sentence, else the nearest earlier one in the
text (a back-reference), else the nearest later one (a quotation tagged in a later sentence);
a source found nowhere is the labeller's own wording and stays a string, flagged
``"not_in_text": true``. Other fields of a row are kept as they are. ``lines`` are the rows'
line numbers in the labels file. Before writing, ``pack`` rebuilds the files from what it is
about to write and compares them byte for byte, and refuses a file in which any string holds
a labelled sentence (of ``SENTENCE`` characters or more) or ``RUN`` characters running of an
article (a story's ``event`` pasted from the text, a note quoting it). A story's summary in
the labeller's words naturally repeats names and titles ("Costa Rican President ..."), up to
about 80 characters running on set P, so shorter runs are allowed.

A text is what ``bench/real.py`` reads (``read_article_text``: a byte-order mark dropped);
``length`` counts its characters and ``sha256`` hashes its UTF-8 bytes. Texts are the opening
excerpt of each page as the search tool's ``pages`` corpus stores it, verbatim, cut at
``length`` characters: a text fetched again that is longer but whose first ``length``
characters hash right is accepted and cut. ``tail`` keeps the white space ending a text (a
newline the labeller's editor added, not part of the page): a page fetched again whose text
runs on where the labelled one ended in it is accepted with that white space put back.

``wanted`` lists the documents whose text is missing or differs (doc, length, sha256 prefix,
what is wrong, address): the to-do list for whoever re-collects texts. ``unpack`` checks each
text and writes ``OUT/<set>.labels.jsonl``, ``OUT/<set>.stories.jsonl``,
``OUT/<set>.manifest.tsv`` and ``OUT/<set>/<doc>.txt``, identical to the packed ones; a text
that is missing or differs is one line naming the document and its address, the other
documents are still rebuilt (their stories too), and the exit code is 1.

``put`` is how texts were fetched again when session 28's machine lost sets P-d: whoever
searches the ``pages`` corpus copies a result's ``excerpt`` value as the tool's JSON answer
shows it, quotes and escapes included, into ``EXCERPTS/<doc>.json``; ``put`` decodes each into
``TEXTS/<set>/<doc>.txt`` (the set read from the stand-off files given) and prints its status
as ``wanted`` would. Copying the escaped literal rather than the text keeps line breaks,
non-breaking spaces and quotes exact; a copy that differs says so at once, with its length,
and is not written (a right text already there stays).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # run as a script: bench/_entry.py is one folder up
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from verifier.errors import InputError
from verifier.evaluation.labels import label_row
from verifier.evaluation.stories import read_story_rows
from verifier.ingest.textfile import read_article_text

FORMAT = "verifier-real-standoff"
VERSION = 1
HERE = Path(__file__).resolve().parent
#: Where ``pack`` writes by default (one file per set).
LABELS_DIR = HERE / "labels"
#: A string of the stand-off file holding this many characters running of an article's
#: text is a copy of it (summaries of set P repeat names and titles up to 78).
RUN = 100
#: A string holding a whole labelled sentence this long or longer is a copy of it.
SENTENCE = 20
#: The flag of a source in the labeller's own words (no occurrence in the text).
OWN = "not_in_text"
Span = list[int]


# --- small pieces -------------------------------------------------------------------------

def fingerprint(text: str) -> tuple[int, str]:
    """A text's length in characters and the sha256 of its UTF-8 bytes."""
    return len(text), hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Layout:
    """How a text file splits into lines, so it is rebuilt byte for byte."""

    newline: str
    final_newline: bool

    def to_dict(self) -> dict[str, Any]:
        return {"newline": self.newline, "final_newline": self.final_newline}


def split_lines(content: str) -> tuple[list[str], Layout]:
    newline = "\r\n" if "\r\n" in content else "\n"
    lines = content.split(newline)
    final = len(lines) > 1 and lines[-1] == ""
    if final:
        lines.pop()
    return lines, Layout(newline, final)


def join_lines(lines: Sequence[str], layout: Layout) -> str:
    return layout.newline.join(lines) + (layout.newline if layout.final_newline and lines
                                         else "")


def _layout(data: Any, where: str) -> Layout:
    if (not isinstance(data, dict) or data.get("newline") not in ("\n", "\r\n")
            or not isinstance(data.get("final_newline"), bool)):
        raise InputError(f"{where}: expected a layout (newline, final_newline)")
    return Layout(data["newline"], data["final_newline"])


def _json_line(line: str, where: str) -> Any:
    try:
        return json.loads(line)
    except ValueError as exc:
        raise InputError(f"{where}: not JSON ({exc})") from None


#: The JSON writers' styles a labels file may be written in: (ensure_ascii, separators).
STYLES: tuple[tuple[bool, tuple[str, str]], ...] = (
    (False, (", ", ": ")), (True, (", ", ": ")), (False, (",", ":")), (True, (",", ":")))


def _styles_of(row: Any, line: str) -> set[int]:
    """The styles that write ``row`` as ``line`` (an ASCII-only row fits two)."""
    return {number for number, (ascii_only, separators) in enumerate(STYLES)
            if json.dumps(row, ensure_ascii=ascii_only, separators=separators) == line}


def _dump(row: Any, style: int) -> str:
    ascii_only, separators = STYLES[style]
    return json.dumps(row, ensure_ascii=ascii_only, separators=separators)


def _text_file(path: Path) -> str:
    return read_article_text(path)


# --- pack -----------------------------------------------------------------------------------

@dataclass
class Counts:
    docs: int = 0
    sentences: int = 0
    in_sentence: int = 0
    earlier: int = 0
    later: int = 0
    own: int = 0


def locate_source(text: str, source: str, start: int, end: int) -> tuple[Span | None, str]:
    """The offsets of ``source`` for the sentence at ``start:end``: its first occurrence in
    the sentence, else the nearest earlier one in the text, else the nearest later one; None
    when the words are nowhere in the text. The second value says which."""
    found = text.find(source, start, end)
    if found >= 0:
        return [found, found + len(source)], "in_sentence"
    found = text.rfind(source, 0, end)
    if found >= 0:
        return [found, found + len(source)], "earlier"
    found = text.find(source, start)
    if found >= 0:
        return [found, found + len(source)], "later"
    return None, "own"


def read_manifest(path: Path) -> tuple[list[str], Layout, dict[str, str]]:
    """A set's manifest (tab-separated: set, doc, outlet, address, ...): its lines and each
    document's address."""
    lines, layout = split_lines(_text_file(path))
    urls: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        columns = line.split("\t")
        if not line.strip() or columns[1:2] == ["doc"]:
            continue
        if len(columns) < 4 or not columns[1].strip() or not columns[3].strip():
            raise InputError(f"{path}: line {number}: expected set, doc, outlet and address, "
                             "separated by tabs")
        urls[columns[1].strip()] = columns[3].strip()
    return lines, layout, urls


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def copied(value: Any, texts: Sequence[str], sentences: Sequence[str]) -> str | None:
    """The first string of ``value`` that is one of ``sentences``, holds one of
    ``SENTENCE`` characters or more, or holds ``RUN`` characters running of one of
    ``texts``; None when there is none."""
    whole = {s for s in sentences if s.strip()}
    long = [s for s in whole if len(s) >= SENTENCE]
    every = "\0".join(texts)
    for string in _strings(value):
        if string in whole or any(s in string for s in long):
            return string
        for k in range(len(string) - RUN + 1):
            if string[k:k + RUN] in every:
                return string
    return None


def _short(string: str) -> str:
    return json.dumps(string if len(string) <= 50 else string[:47] + "...", ensure_ascii=False)


def pack(corpus: Path, name: str) -> tuple[list[dict[str, Any]], Counts]:
    """The stand-off records of set ``name`` of ``corpus``: a header, then one per document."""
    labels_path = corpus / f"{name}.labels.jsonl"
    stories_path = corpus / f"{name}.stories.jsonl"
    manifest_path = corpus / f"{name}.manifest.tsv"
    texts_dir = corpus / name
    if not texts_dir.is_dir():
        raise InputError(f"{texts_dir}: no such folder of texts")
    manifest_lines, manifest_layout, urls = read_manifest(manifest_path)
    lines, layout = split_lines(_text_file(labels_path))
    styles = set(range(len(STYLES)))
    blank: list[int] = []
    docs: dict[str, dict[str, Any]] = {}
    texts: dict[str, str] = {}
    cursor: dict[str, int] = {}
    counts = Counts()
    for number, line in enumerate(lines, start=1):
        where = f"{labels_path}: line {number}"
        if not line.strip():
            blank.append(number)
            continue
        raw = _json_line(line, where)
        label_row(raw, where)  # checked as bench/real.py checks it
        fits = _styles_of(raw, line)
        if not fits & styles:
            than = "json.dumps writes" if not fits else "the rows before"
            raise InputError(f"{where}: written in another JSON layout than {than}; rewrite "
                             "the file with json.dumps(row, ensure_ascii=False)")
        styles &= fits
        doc = raw["doc"]
        if doc not in docs:
            if doc not in urls:
                raise InputError(f"{where}: document {doc!r} is not in {manifest_path.name}")
            texts[doc] = _text_file(texts_dir / f"{doc}.txt")
            length, digest = fingerprint(texts[doc])
            tail = texts[doc][len(texts[doc].rstrip()):]
            docs[doc] = {"doc": doc, "url": urls[doc], "length": length, "sha256": digest,
                         **({"tail": tail} if tail else {}), "lines": [], "sentences": []}
            cursor[doc] = 0
        text = texts[doc]
        sentence = raw["text"]
        start = text.find(sentence, cursor[doc])
        if start < 0:
            start = text.find(sentence)
        if start < 0:
            raise InputError(f"{where}: sentence {raw['i']} of {doc!r} is not in its text")
        end = start + len(sentence)
        cursor[doc] = end
        record = dict(raw)
        record["text"] = [start, end]
        if isinstance(raw.get("sourcing"), list):
            entries = []
            for entry in raw["sourcing"]:
                entry = dict(entry)
                if OWN in entry:
                    raise InputError(f"{where}: a source entry has the field {OWN!r}, which "
                                     "the stand-off format uses itself")
                source = entry.get("source")
                if isinstance(source, str) and source:
                    span, how = locate_source(text, source, start, end)
                    setattr(counts, how, getattr(counts, how) + 1)
                    if span is None:
                        entry[OWN] = True
                    else:
                        entry["source"] = span
                entries.append(entry)
            record["sourcing"] = entries
        docs[doc]["lines"].append(number)
        docs[doc]["sentences"].append(record)
        counts.sentences += 1
    if not docs:
        raise InputError(f"{labels_path}: no labels")
    style = min(styles)
    header: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "set": name,
        "labels": {**layout.to_dict(), "lines": len(lines), "blank": blank,
                   "json": {"ensure_ascii": STYLES[style][0],
                            "separators": list(STYLES[style][1])}},
        "manifest": {**manifest_layout.to_dict(), "lines": manifest_lines},
        "stories": None,
    }
    labelled = [texts[record["doc"]][a:b]
                for record in docs.values() for a, b in (s["text"] for s in record["sentences"])]
    if stories_path.is_file():
        read_story_rows(stories_path)  # checked as eval-stories checks them
        story_lines, story_layout = split_lines(_text_file(stories_path))
        for number, line in enumerate(story_lines, start=1):
            if not line.strip():
                continue
            story = json.loads(line)
            if story["doc"] not in docs:
                raise InputError(f"{stories_path}: line {number}: story {story['story']!r} "
                                 f"names document {story['doc']!r}, which has no labels")
            leak = copied(story, list(texts.values()), labelled)
            if leak is not None:
                raise InputError(f"{stories_path}: line {number}: {_short(leak)} copies an "
                                 "article's text; put it in the labeller's words")
        header["stories"] = {**story_layout.to_dict(), "lines": story_lines}
    for doc, record in docs.items():
        sentences = [texts[doc][a:b] for a, b in (s["text"] for s in record["sentences"])]
        leak = copied(record["sentences"], list(texts.values()), sentences)
        if leak is not None:
            raise InputError(f"{labels_path}: {doc!r}: {_short(leak)} copies its text; "
                             "put it in the labeller's words")
    counts.docs = len(docs)
    records = [header, *docs.values()]
    rebuilt = rebuild(records, texts)
    original = {"labels": _text_file(labels_path), "manifest": _text_file(manifest_path),
                "stories": _text_file(stories_path) if stories_path.is_file() else None}
    for what, content in original.items():
        if rebuilt.files[what] != content:
            raise InputError(f"{name}: the {what} file would not be rebuilt byte for byte "
                             "from the stand-off (unusual layout?); nothing written")
    return records, counts


def write_records(records: Sequence[dict[str, Any]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                   encoding="utf-8")


# --- reading a stand-off file -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Doc:
    doc: str
    url: str
    length: int
    sha256: str
    lines: tuple[int, ...]
    sentences: tuple[dict[str, Any], ...]
    #: the white space ending the text, which a page fetched again may not have there
    tail: str = ""


@dataclass(frozen=True, slots=True)
class Standoff:
    path: Path
    header: dict[str, Any]
    docs: tuple[Doc, ...]

    @property
    def name(self) -> str:
        return str(self.header["set"])


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


#: What each field of a document line must be.
_FIELDS: dict[str, Callable[[Any], bool]] = {
    "doc": lambda v: isinstance(v, str) and bool(v),
    "url": lambda v: isinstance(v, str),
    "length": _whole,
    "sha256": lambda v: isinstance(v, str) and len(v) == 64,
    "lines": lambda v: isinstance(v, list) and all(map(_whole, v)),
    "sentences": lambda v: isinstance(v, list),
}


def read_standoff(path: Path) -> Standoff:
    """A stand-off file, checked: ``InputError`` names the file, the line and what is wrong."""
    # split at newlines only: a JSON string may hold a line separator (U+2028) unescaped
    lines = [line for line in _text_file(path).split("\n") if line.strip()]
    if not lines:
        raise InputError(f"{path}: empty")
    header = _json_line(lines[0], f"{path}: line 1")
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise InputError(f"{path}: line 1: not a stand-off labels file (no \"format\": "
                         f"\"{FORMAT}\")")
    if header.get("version") != VERSION:
        raise InputError(f"{path}: line 1: version {header.get('version')!r}; this script "
                         f"reads version {VERSION}")
    if not isinstance(header.get("set"), str) or not header["set"]:
        raise InputError(f"{path}: line 1: field 'set': expected the set's name")
    for key in ("labels", "manifest"):
        _layout(header.get(key), f"{path}: line 1: field {key!r}")
    if header.get("stories") is not None:
        _layout(header["stories"], f"{path}: line 1: field 'stories'")
    docs = []
    for number, line in enumerate(lines[1:], start=2):
        where = f"{path}: line {number}"
        record = _json_line(line, where)
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected a document object")
        for key, check in _FIELDS.items():
            if not check(record.get(key)):
                raise InputError(f"{where}: field {key!r}: missing or malformed")
        if len(record["lines"]) != len(record["sentences"]):
            raise InputError(f"{where}: {len(record['lines'])} line numbers for "
                             f"{len(record['sentences'])} sentences")
        for sentence in record["sentences"]:
            _check_spans(sentence, record["length"], where)
        tail = record.get("tail", "")
        if not isinstance(tail, str) or tail.strip() or len(tail) > record["length"]:
            raise InputError(f"{where}: field 'tail': expected the white space ending the text")
        docs.append(Doc(record["doc"], record["url"], record["length"], record["sha256"],
                        tuple(record["lines"]), tuple(record["sentences"]), tail))
    if not docs:
        raise InputError(f"{path}: no documents")
    return Standoff(path, header, tuple(docs))


def _span(value: Any, length: int) -> bool:
    return (isinstance(value, list) and len(value) == 2 and all(map(_whole, value))
            and value[0] <= value[1] <= length)


def _check_spans(sentence: Any, length: int, where: str) -> None:
    if not isinstance(sentence, dict) or not _span(sentence.get("text"), length):
        raise InputError(f"{where}: a sentence's 'text' is not [start, end] within the text")
    for entry in sentence.get("sourcing") or []:
        if not isinstance(entry, dict):
            raise InputError(f"{where}: sentence {sentence.get('i')}: malformed source entry")
        source = entry.get("source")
        if isinstance(source, list) and not _span(source, length):
            raise InputError(f"{where}: sentence {sentence.get('i')}: a source's offsets are "
                             "not within the text")


# --- rebuilding -----------------------------------------------------------------------------

@dataclass
class Rebuilt:
    files: dict[str, str | None] = field(default_factory=dict)
    docs: list[str] = field(default_factory=list)


def _label(record: dict[str, Any], text: str) -> dict[str, Any]:
    row = dict(record)
    a, b = row["text"]
    row["text"] = text[a:b]
    if isinstance(row.get("sourcing"), list):
        entries = []
        for entry in row["sourcing"]:
            entry = dict(entry)
            if entry.pop(OWN, False) is not True and isinstance(entry.get("source"), list):
                a, b = entry["source"]
                entry["source"] = text[a:b]
            entries.append(entry)
        row["sourcing"] = entries
    return row


def rebuild(records: Sequence[dict[str, Any]], texts: dict[str, str]) -> Rebuilt:
    """The labels, stories and manifest files from stand-off records and the texts found
    (doc -> verified text); documents without a text are left out, with their stories."""
    header, docs = records[0], records[1:]
    labels = header["labels"]
    style = STYLES.index((labels["json"]["ensure_ascii"], tuple(labels["json"]["separators"])))
    lines: dict[int, str] = {number: "" for number in labels["blank"]}
    kept = [record for record in docs if record["doc"] in texts]
    for record in kept:
        text = texts[record["doc"]]
        for number, sentence in zip(record["lines"], record["sentences"], strict=True):
            lines[number] = _dump(_label(sentence, text), style)
    out = Rebuilt(docs=[record["doc"] for record in kept])
    complete = len(kept) == len(docs)
    if complete and sorted(lines) != list(range(1, labels["lines"] + 1)):
        raise ValueError(f"the rows' line numbers are not 1-{labels['lines']}")
    ordered = [lines[n] for n in sorted(lines)
               if complete or n not in labels["blank"]]
    out.files["labels"] = join_lines(ordered, _layout(labels, "labels"))
    manifest = header["manifest"]
    out.files["manifest"] = join_lines(manifest["lines"], _layout(manifest, "manifest"))
    stories = header.get("stories")
    if stories is None:
        out.files["stories"] = None
    else:
        names = set(out.docs)
        story_lines = [line for line in stories["lines"]
                       if complete or (line.strip() and json.loads(line).get("doc") in names)]
        out.files["stories"] = join_lines(story_lines, _layout(stories, "stories"))
    return out


# --- texts ------------------------------------------------------------------------------------

def text_path(texts: Path, name: str, doc: str) -> Path:
    """Where a document's text is: ``DIR/<set>/<doc>.txt`` when ``DIR`` holds the set's
    folder, else ``DIR/<doc>.txt``."""
    folder = texts / name if (texts / name).is_dir() else texts
    return folder / f"{doc}.txt"


def check_text(doc: Doc, path: Path | None) -> tuple[str | None, str]:
    """The document's text, verified (cut at its length when the file holds more), and what
    is wrong otherwise: (None, "missing") or (None, "differs: ...")."""
    if path is None or not path.is_file():
        return None, "missing"
    try:
        text = read_article_text(path)
    except InputError as error:
        return None, f"unreadable: {error}"
    cut = text[:doc.length]
    if fingerprint(cut) == (doc.length, doc.sha256):
        return cut, "ok" if len(text) == doc.length else f"ok, cut from {len(text)} characters"
    # the labelled text ended in white space the page has not there (a newline added)
    mended = text[:doc.length - len(doc.tail)] + doc.tail
    if doc.tail and fingerprint(mended) == (doc.length, doc.sha256):
        return mended, f"ok, its final {json.dumps(doc.tail)} restored"
    length, digest = fingerprint(text)
    return None, f"differs: length {length}, sha256 {digest[:12]}"


def wanted(standoff: Standoff, texts: Path | None) -> list[tuple[Doc, str]]:
    """The documents whose text is missing or differs, with what is wrong."""
    out = []
    for doc in standoff.docs:
        path = text_path(texts, standoff.name, doc.doc) if texts is not None else None
        text, status = check_text(doc, path)
        if text is None:
            out.append((doc, status))
    return out


def unpack(standoff: Standoff, texts: Path, out: Path, *, force: bool = False) -> list[str]:
    """Rebuild the set into ``out`` from the texts found in ``texts``; one line per document
    whose text is missing or differs (those documents are left out). A labels, stories or
    manifest file already in ``out`` is replaced only when it is what would be written, or
    with ``force`` (so a rebuild short of some texts never overwrites a whole set)."""
    found: dict[str, str] = {}
    problems = []
    for doc in standoff.docs:
        text, status = check_text(doc, text_path(texts, standoff.name, doc.doc))
        if text is None:
            problems.append(f"{doc.doc}: text {status} (want length {doc.length}, sha256 "
                            f"{doc.sha256[:12]}); fetch it again: {doc.url}")
        else:
            found[doc.doc] = text
    records = [standoff.header,
               *({"doc": d.doc, "lines": list(d.lines), "sentences": list(d.sentences)}
                 for d in standoff.docs)]
    try:
        rebuilt = rebuild(records, found)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise InputError(f"{standoff.path}: malformed stand-off ({exc!r})") from None
    name = standoff.name
    files = {out / f"{name}.{suffix}": rebuilt.files[what]
             for what, suffix in (("labels", "labels.jsonl"), ("stories", "stories.jsonl"),
                                  ("manifest", "manifest.tsv"))}
    clash = [path.name for path, content in files.items()
             if content is not None and path.exists() and _read(path) != content]
    if clash and not force:
        raise InputError(f"{out}: {', '.join(clash)} already there and different from what "
                         f"would be written ({len(problems)} texts missing or different); "
                         "give --force to replace")
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, text in found.items():
        target = folder / f"{doc_id}.txt"
        if not target.is_file() or read_article_text(target) != text:
            target.write_text(text, encoding="utf-8", newline="")
    for path, content in files.items():
        if content is not None:
            path.write_text(content, encoding="utf-8", newline="")
    return problems


def put(standoffs: Sequence[Standoff], excerpts: Path,
        texts: Path) -> list[tuple[str, str | None]]:
    """Decode each ``excerpts/<doc>.json`` (a JSON string literal) into ``texts/<set>/<doc>.txt``
    for the documents of ``standoffs``: (file name, status) per excerpt file, status None for a
    text that is right, else what is wrong."""
    docs = {doc.doc: (standoff.name, doc) for standoff in standoffs for doc in standoff.docs}
    out: list[tuple[str, str | None]] = []
    for path in sorted(excerpts.glob("*.json")):
        if path.stem not in docs:
            out.append((path.name, "no such document in the stand-off files given"))
            continue
        try:
            # an excerpt copied with its line breaks written out is still read
            text = json.loads(_text_file(path).strip(), strict=False)
        except json.JSONDecodeError as exc:
            out.append((path.name, f"not a JSON string literal ({exc.msg}, line {exc.lineno})"))
            continue
        if not isinstance(text, str):
            out.append((path.name, "not a JSON string literal"))
            continue
        name, doc = docs[path.stem]
        target = texts / name / f"{doc.doc}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        # checked before it takes the text's place: a wrong copy leaves no file behind, and a
        # right text already there stays
        part = target.with_name(f".{target.name}.part")
        part.write_text(text, encoding="utf-8", newline="")
        found, status = check_text(doc, part)
        if found is None:
            part.unlink()
            out.append((path.name,
                        f"{status} (want length {doc.length}, sha256 {doc.sha256[:12]})"))
            continue
        os.replace(part, target)
        out.append((path.name, None))
    return out


def _read(path: Path) -> str | None:
    try:
        return read_article_text(path)
    except InputError:
        return None


# --- command line ---------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="standoff.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("pack", help="write a set's labels as stand-off")
    p.add_argument("--corpus", required=True, type=Path)
    p.add_argument("--set", required=True, dest="name")
    p.add_argument("--out", type=Path)
    w = commands.add_parser("wanted", help="list the texts to fetch again")
    w.add_argument("--standoff", required=True, type=Path)
    w.add_argument("--texts", type=Path)
    f = commands.add_parser("put", help="decode excerpts copied from the search tool into texts")
    f.add_argument("--standoff", required=True, type=Path, nargs="+")
    f.add_argument("--excerpts", required=True, type=Path)
    f.add_argument("--texts", required=True, type=Path)
    u = commands.add_parser("unpack", help="rebuild a set's labels from its texts")
    u.add_argument("--standoff", required=True, type=Path)
    u.add_argument("--texts", required=True, type=Path)
    u.add_argument("--out", required=True, type=Path)
    u.add_argument("--force", action="store_true",
                   help="replace labels, stories and manifest files already in --out")
    args = parser.parse_args(argv)
    try:
        return _command(args)
    except BrokenPipeError:  # the reader stopped early (``| head``): nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        raise InputError(f"{exc.filename or 'standoff.py'}: {exc.strerror or exc}") from None


def _command(args: argparse.Namespace) -> int:
    if args.command == "pack":
        records, counts = pack(args.corpus, args.name)
        out = args.out or LABELS_DIR / f"{args.name}.standoff.jsonl"
        write_records(records, out)
        print(f"{args.name}: {counts.docs} texts, {counts.sentences} sentences; sources as "
              f"offsets: {counts.in_sentence} in their sentence, {counts.earlier} earlier, "
              f"{counts.later} later; {counts.own} in the labeller's own words -> {out}")
        return 0
    if args.command == "put":
        if not args.excerpts.is_dir():
            raise InputError(f"{args.excerpts}: not a folder of excerpts")
        statuses = put([read_standoff(path) for path in args.standoff], args.excerpts,
                       args.texts)
        for name, status in statuses:
            print(f"{name}\t{status or 'ok'}")
        wrong = sum(status is not None for _, status in statuses)
        print(f"{len(statuses) - wrong} of {len(statuses)} excerpts make their text",
              file=sys.stderr)
        return 1 if wrong else 0
    standoff = read_standoff(args.standoff)
    if args.command == "wanted":
        if args.texts is not None and not args.texts.is_dir():
            raise InputError(f"{args.texts}: not a folder of texts")
        missing = wanted(standoff, args.texts)
        for doc, status in missing:
            print(f"{doc.doc}\t{doc.length}\t{doc.sha256[:12]}\t{status}\t{doc.url}")
        print(f"{standoff.name}: {len(missing)} of {len(standoff.docs)} texts wanted",
              file=sys.stderr)
        return 0
    if not args.texts.is_dir():
        raise InputError(f"{args.texts}: not a folder of texts")
    problems = unpack(standoff, args.texts, args.out, force=args.force)
    for line in problems:
        print(f"standoff.py: {line}", file=sys.stderr)
    print(f"{standoff.name}: rebuilt {len(standoff.docs) - len(problems)} of "
          f"{len(standoff.docs)} texts' labels into {args.out}")
    return 1 if problems else 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
