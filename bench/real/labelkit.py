"""The labeller's kit: save texts copied from the search tool, check a labelled part, join parts.

A new real set is collected and labelled blind by several labellers, each working on a *part*
(``j1``, ``j2``, ...: eight texts, four stories told by two outlets each) in a folder of its own
outside the repository, as `briefs/label.md` says:

    python bench/real/labelkit.py save PART_DIR
    python bench/real/labelkit.py check PART_DIR [--used bench/real/manifest.tsv] [--no-manifest]
    python bench/real/labelkit.py assemble --set setj --out DIR PART_DIR...

``save`` decodes every ``PART_DIR/excerpts/<doc>.json`` (the ``excerpt`` value of a ``pages``
result copied as the tool's JSON shows it, quotes and escapes included) into
``PART_DIR/texts/<doc>.txt``, byte for byte, as ``standoff.py put`` decodes a fetched-again text.

``check`` reads ``PART_DIR/<part>.labels.jsonl``, ``<part>.stories.jsonl`` and
``<part>.manifest.tsv`` against the texts and prints one line per problem: errors (a label the
scorer cannot place, a row out of order, a field the format does not have, a note or story
that copies the article, a manifest line that is not eight columns or reuses an outlet already
in ``--used``) and warnings (text no row covers, a source whose words are not in the text, a
story member that is no claim). The exit code is 1 when there is an error. ``--no-manifest``
checks a second labeller's part, which has none.

``assemble`` joins parts into ``OUT/<set>/`` and ``OUT/<set>.{labels,stories}.jsonl`` +
``OUT/<set>.manifest.tsv``, the layout ``bench/real.py`` and ``standoff.py pack`` read.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # run as a script: bench/_entry.py is one folder up
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from standoff import copied

from verifier.errors import InputError
from verifier.evaluation.labels import CERTAINTIES, label_row
from verifier.evaluation.stories import read_story_rows
from verifier.ingest.textfile import read_article_text

ROW_FIELDS = {"doc", "i", "text", "claim", "sourcing", "certainty", "note"}
STORY_FIELDS = {"story", "doc", "event", "sentences", "outcome", "outcome_note"}
MANIFEST_COLUMNS = 8
#: Three letters or digits running: what text outside every row must not hold.
_WORDS = re.compile(r"[^\W_]{3}")
_MARKUP = re.compile(r"!\[\]\([^)]*\)")
_DOMAIN = re.compile(r"https?://(?:www\.)?([^/?#]+)", re.IGNORECASE)


@dataclass
class Report:
    """What ``check`` found: errors and warnings, one line each."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def save(part: Path) -> list[tuple[str, str]]:
    """Decode each excerpt of ``part``: (file name, what happened) per excerpt."""
    excerpts = part / "excerpts"
    if not excerpts.is_dir():
        raise InputError(f"{excerpts}: not a folder of excerpts")
    (part / "texts").mkdir(exist_ok=True)
    done = []
    for path in sorted(excerpts.glob("*.json")):
        try:
            text = json.loads(path.read_text(encoding="utf-8").strip())
        except ValueError as exc:
            done.append((path.name, f"not a JSON string literal ({exc}): copy it with its quotes"))
            continue
        if not isinstance(text, str):
            done.append((path.name, "not a string"))
            continue
        (part / "texts" / f"{path.stem}.txt").write_text(text, encoding="utf-8")
        done.append((path.name, f"{len(text)} characters"))
    return done


def domain(url: str) -> str | None:
    """The host of an http(s) address, lower case, without ``www.``."""
    found = _DOMAIN.match(url.strip())
    return found.group(1).lower().rstrip(".") if found else None


def used_domains(manifest: Path) -> set[str]:
    """Every outlet host a manifest (``set, doc, outlet, url, ...``) already holds."""
    hosts = set()
    for line in read_article_text(manifest).splitlines()[1:]:
        columns = line.split("\t")
        host = domain(columns[3]) if len(columns) > 3 else None
        if host:
            hosts.add(host)
    return hosts


def _json_rows(path: Path) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(read_article_text(path).splitlines(), start=1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except ValueError as exc:
                raise InputError(f"{path}: line {number}: not JSON ({exc})") from None


def _check_manifest(path: Path, texts: dict[str, str], used: set[str], report: Report) -> None:
    if not path.exists():
        report.errors.append(f"{path.name}: missing")
        return
    seen: dict[str, int] = {}
    docs = set()
    for number, line in enumerate(read_article_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        columns = line.split("\t")
        where = f"{path.name}: line {number}"
        if len(columns) != MANIFEST_COLUMNS:
            report.errors.append(f"{where}: {len(columns)} columns, want {MANIFEST_COLUMNS} "
                                 "(set, doc, outlet, url, published, kind, country, topic)")
            continue
        docs.add(columns[1])
        host = domain(columns[3])
        if host is None:
            report.errors.append(f"{where}: the url is not http(s)")
        elif host in used:
            report.errors.append(f"{where}: outlet {host} is already in the project's manifest")
        elif host in seen:
            report.errors.append(f"{where}: outlet {host} is used on line {seen[host]} too")
        else:
            seen[host] = number
    for doc in sorted(set(texts) - docs):
        report.errors.append(f"{doc}: no manifest line")
    for doc in sorted(docs - set(texts)):
        report.errors.append(f"{path.name}: {doc} has no text")


def _placeable(row: Any) -> bool:
    """Whether a row the format refuses still says where it stands (so later rows of its
    text are not reported out of order on its account)."""
    return (isinstance(row, dict) and isinstance(row.get("doc"), str)
            and isinstance(row.get("i"), int) and isinstance(row.get("text"), str))


def _check_row(row: Any, where: str, texts: dict[str, str], report: Report) -> None:
    try:
        label_row(row, where)
    except InputError as exc:
        report.errors.append(str(exc))
        return
    extra = set(row) - ROW_FIELDS
    if extra:
        report.errors.append(f"{where}: fields the format does not have: {sorted(extra)}")
    if not row["claim"] and (row["sourcing"] or row["certainty"] is not None):
        report.errors.append(f"{where}: a non-claim has sourcing [] and certainty null")
    if row["claim"] and row["certainty"] is None:
        report.errors.append(f"{where}: a claim's certainty is one of {', '.join(CERTAINTIES)}")
    if any(not attribution.get("source") for attribution in row["sourcing"]):
        report.errors.append(f"{where}: an attribution without its source's words")
    text = texts.get(row["doc"])
    for attribution in row["sourcing"]:
        if text is not None and attribution.get("source") and attribution["source"] not in text:
            report.warnings.append(f"{where}: source {attribution['source']!r} is not words of "
                                   "the text")


def _check_coverage(doc: str, text: str, rows: Sequence[dict[str, Any]],
                    report: Report) -> None:
    """Each row found in order; text between rows holds no words."""
    if [row["i"] for row in rows] != list(range(len(rows))):
        report.errors.append(f"{doc}: i runs 0..{len(rows) - 1} in reading order")
    position = 0
    for row in rows:
        start = text.find(row["text"], position)
        if start < 0:
            report.errors.append(f"{doc} i={row['i']}: not found after the row before: "
                                 f"{row['text'][:50]!r}")
            continue
        gap = _MARKUP.sub("", text[position:start])
        if _WORDS.search(gap):
            report.warnings.append(f"{doc} before i={row['i']}: no row covers "
                                   f"{gap.strip()[:50]!r}")
        position = start + len(row["text"])
    if _WORDS.search(_MARKUP.sub("", text[position:])):
        report.warnings.append(f"{doc}: no row covers its end {text[position:].strip()[:50]!r}")


def _check_labels(path: Path, texts: dict[str, str], report: Report) -> dict[str, list[Any]]:
    rows: dict[str, list[Any]] = {}
    if not path.exists():
        report.errors.append(f"{path.name}: missing")
        return rows
    for number, row in _json_rows(path):
        _check_row(row, f"{path.name}: line {number}", texts, report)
        if _placeable(row):
            rows.setdefault(row["doc"], []).append(row)
    sentences = [row["text"] for doc in rows.values() for row in doc]
    for doc, doc_rows in rows.items():
        if doc not in texts:
            report.errors.append(f"{path.name}: {doc} has no text")
            continue
        _check_coverage(doc, texts[doc], doc_rows, report)
        for row in doc_rows:
            if copied(row.get("note"), [texts[doc]], sentences):
                report.errors.append(f"{doc} i={row['i']}: the note copies the article; "
                                     "reword it")
    for doc in sorted(set(texts) - set(rows)):
        report.errors.append(f"{doc}: no labels")
    return rows


def _check_stories(path: Path, texts: dict[str, str], rows: dict[str, list[Any]],
                   report: Report) -> None:
    if not path.exists():
        report.errors.append(f"{path.name}: missing")
        return
    try:
        stories = read_story_rows(path)
    except InputError as exc:
        report.errors.append(str(exc))
        return
    sentences = [row["text"] for doc in rows.values() for row in doc]
    docs_of: dict[str, set[str]] = {}
    for story in stories:
        name, doc = story["story"], story["doc"]
        extra = set(story) - STORY_FIELDS
        if extra:
            report.errors.append(f"story {name}: fields the format does not have: "
                                 f"{sorted(extra)}")
        if doc not in rows:
            report.errors.append(f"story {name}: {doc} is not labelled")
            continue
        docs_of.setdefault(name, set()).add(doc)
        for i in story["sentences"]:
            if i >= len(rows[doc]):
                report.errors.append(f"story {name}: {doc} has no sentence {i}")
            elif not rows[doc][i]["claim"]:
                report.warnings.append(f"story {name}: {doc} sentence {i} is no claim")
        if copied([story.get("event"), story.get("outcome_note")], [texts[doc]], sentences):
            report.errors.append(f"story {name} ({doc}): the event or outcome note copies "
                                 "the article; reword it")
    for doc in sorted(set(texts) - set().union(*docs_of.values())):
        report.errors.append(f"{doc}: in no story")
    across = sum(len(docs) > 1 for docs in docs_of.values())
    if across < len(texts) // 2:
        report.warnings.append(f"{across} stories run across two texts (want one a text pair)")


def check(part: Path, used: set[str], *, manifest: bool = True) -> Report:
    """Everything ``check`` prints about the part in folder ``part``."""
    report = Report()
    texts = {path.stem: read_article_text(path)
             for path in sorted((part / "texts").glob("*.txt"))}
    if not texts:
        report.errors.append(f"{part / 'texts'}: no texts")
    if manifest:
        _check_manifest(part / f"{part.name}.manifest.tsv", texts, used, report)
    rows = _check_labels(part / f"{part.name}.labels.jsonl", texts, report)
    _check_stories(part / f"{part.name}.stories.jsonl", texts, rows, report)
    return report


def assemble(parts: Sequence[Path], name: str, out: Path) -> int:
    """Join ``parts`` into set ``name`` under ``out``; the number of texts."""
    (out / name).mkdir(parents=True, exist_ok=True)
    for suffix in ("labels.jsonl", "stories.jsonl", "manifest.tsv"):
        lines = []
        for part in parts:
            path = part / f"{part.name}.{suffix}"
            if path.exists():
                lines += [line for line in read_article_text(path).splitlines() if line.strip()]
        (out / f"{name}.{suffix}").write_text("".join(f"{line}\n" for line in lines),
                                              encoding="utf-8")
    count = 0
    for part in parts:
        for text in sorted((part / "texts").glob("*.txt")):
            shutil.copyfile(text, out / name / text.name)
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="labelkit.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    s = commands.add_parser("save", help="decode copied excerpts into texts")
    s.add_argument("part", type=Path)
    c = commands.add_parser("check", help="check a labelled part")
    c.add_argument("part", type=Path)
    c.add_argument("--used", type=Path,
                   default=Path(__file__).resolve().parent / "manifest.tsv",
                   help="the manifest whose outlets are taken [default: the project's]")
    c.add_argument("--no-manifest", action="store_true", help="a second labeller's part")
    a = commands.add_parser("assemble", help="join parts into a set")
    a.add_argument("parts", type=Path, nargs="+")
    a.add_argument("--set", required=True, dest="name")
    a.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    if args.command == "save":
        for name, status in save(args.part):
            print(f"{name}\t{status}")
        return 0
    if args.command == "assemble":
        count = assemble(args.parts, args.name, args.out)
        print(f"{args.name}: {len(args.parts)} parts, {count} texts -> {args.out}")
        return 0
    report = check(args.part, set() if args.no_manifest else used_domains(args.used),
                   manifest=not args.no_manifest)
    for line in report.warnings:
        print(f"warning: {line}")
    for line in report.errors:
        print(f"error: {line}")
    print(f"{args.part.name}: {len(report.errors)} errors, {len(report.warnings)} warnings")
    return 1 if report.errors else 0


if __name__ == "__main__":
    from _entry import run

    raise SystemExit(run(main))
