"""Reading other fact-checkers' verdicts: ClaimReview JSON-LD from files and web pages.

``read_fact_checks(path)`` accepts a JSON file holding one ClaimReview object, an array of
them, or a ``@graph`` (ClaimReviews may sit at any depth: a page's ``NewsArticle`` often
holds one), and an HTML page, whose ``<script type="application/ld+json">`` blocks are read
the same way. Each ClaimReview becomes a ``FactCheck`` or, when malformed, a
``FactCheckError`` naming the file, the record and what is wrong; the caller stores the
good ones and reports the rest.

A rating becomes a verdict through ``data/ratings.yaml`` (``rating_verdict``): its words
first, else its number between worstRating and bestRating. Pure: no database.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from verifier.config import data_path
from verifier.errors import ConfigError, InputError
from verifier.ingest.readers import parse_published
from verifier.templating import http_url
from verifier.yamlio import read_yaml

#: The verdicts a rating can give (``unrated``: shown, never adopted).
VERDICTS = ("confirmed", "refuted", "disputed", "unrated")
MAX_FILE_BYTES = 20 * 1024 * 1024
_LIMITS = {"claim": 5000, "rating": 200, "publisher": 300, "url": 2000, "author": 300}


@dataclass(frozen=True, slots=True)
class FactCheck:
    """One ClaimReview: the claim it reviewed, the rating and who published it."""

    claim: str
    rating: str
    verdict: str
    publisher: str
    url: str | None
    published: datetime | None
    claim_author: str | None
    rating_value: float | None
    origin: str

    @property
    def key(self) -> str:
        """Identifies the record, so importing the same file again adds nothing."""
        parts = (self.publisher, self.url or "", " ".join(self.claim.lower().split()),
                 self.rating)
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim, "rating": self.rating, "verdict": self.verdict,
            "publisher": self.publisher, "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "claim_author": self.claim_author, "rating_value": self.rating_value,
            "origin": self.origin,
        }


@dataclass(frozen=True, slots=True)
class FactCheckError:
    """A record that could not be read: where, and why (one line)."""

    origin: str
    message: str


# --- ratings -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ratings:
    phrases: dict[str, str]
    confirmed_from: float
    refuted_below: float


@cache
def ratings(path: Path | None = None) -> Ratings:
    """The rating lexicon, validated (unknown keys and bad values are errors)."""
    where = path or data_path("ratings.yaml")
    raw = read_yaml(where, "rating lexicon")
    known = {"confirmed", "refuted", "disputed", "numeric", "examples"}
    if not isinstance(raw, dict) or set(raw) - known or not {"confirmed", "refuted",
                                                               "disputed", "numeric"} <= set(raw):
        raise ConfigError(f"{where}: expected the sections {', '.join(sorted(known))}")
    phrases: dict[str, str] = {}
    for verdict in ("confirmed", "refuted", "disputed"):
        values = raw[verdict]
        if not isinstance(values, list) or not all(isinstance(v, str | bool) for v in values):
            raise ConfigError(f"{where}: field '{verdict}': expected a list of phrases")
        for value in values:
            # YAML reads a bare true/false as a boolean: the word is meant
            phrase = _phrase(str(value).lower() if isinstance(value, bool) else value)
            if phrase in phrases and phrases[phrase] != verdict:
                raise ConfigError(f"{where}: phrase {phrase!r} is both {phrases[phrase]} "
                                  f"and {verdict}")
            phrases[phrase] = verdict
    numeric = raw["numeric"]
    if not isinstance(numeric, dict) or set(numeric) != {"confirmed_from", "refuted_below"}:
        raise ConfigError(f"{where}: field 'numeric': expected confirmed_from and "
                          "refuted_below")
    bounds = [numeric["confirmed_from"], numeric["refuted_below"]]
    if not all(isinstance(b, int | float) and not isinstance(b, bool) and 0 <= b <= 1
               for b in bounds) or bounds[1] > bounds[0]:
        raise ConfigError(f"{where}: field 'numeric': shares between 0 and 1, "
                          "refuted_below <= confirmed_from")
    return Ratings(phrases, float(bounds[0]), float(bounds[1]))


def _phrase(text: str) -> str:
    return " ".join(re.findall(r"[\w!'-]+", text.lower()))


def rating_verdict(
    words: str | None, value: float | None = None, best: float | None = None,
    worst: float | None = None, lexicon: Ratings | None = None,
) -> str:
    """confirmed, refuted, disputed or unrated for a rating's words or number."""
    lexicon = lexicon or ratings()
    if words:
        text = f" {_phrase(words)} "
        found = [(len(p), v) for p, v in lexicon.phrases.items() if f" {p} " in text
                 or f" {p.rstrip('!')} " in text]
        if found:
            return max(found)[1]
    if value is not None:
        top = 5.0 if best is None else best
        bottom = 1.0 if worst is None else worst
        if top != bottom:
            share = (value - bottom) / (top - bottom)
            if share >= lexicon.confirmed_from:
                return "confirmed"
            if share < lexicon.refuted_below:
                return "refuted"
            return "disputed"
    return "unrated"


# --- reading -------------------------------------------------------------------------------


class _JsonLdScripts(HTMLParser):
    """Collects the text of every ``<script type="application/ld+json">``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = dict(attrs).get("type") or ""
        if tag == "script" and kind.strip().lower() == "application/ld+json":
            self._inside = True
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._inside = False

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.blocks[-1] += data


def _documents(path: Path) -> list[tuple[str, Any]]:
    """The JSON documents of a file: the file itself, or each JSON-LD block of a page."""
    from verifier.ingest.textfile import read_article_text

    # a regular file only, read no further than the limit, as ingest reads articles (a FIFO
    # waited for ever, /dev/zero was read until memory ran out), in UTF-8 or UTF-16/32 with
    # a byte-order mark (as exported on Windows)
    text = read_article_text(path, MAX_FILE_BYTES)
    stripped = text.lstrip()
    if stripped.startswith("<") or path.suffix.lower() in (".html", ".htm"):
        parser = _JsonLdScripts()
        parser.feed(text)
        if not parser.blocks:
            raise InputError(f"{path}: no <script type=\"application/ld+json\"> in the page")
        found = []
        for number, block in enumerate(parser.blocks, start=1):
            try:
                found.append((f"{path} (JSON-LD block {number})", json.loads(block)))
            except json.JSONDecodeError as exc:
                found.append((f"{path} (JSON-LD block {number})",
                              InputError(f"not JSON (line {exc.lineno})")))
            except RecursionError:  # Python's parser recurses once per level
                found.append((f"{path} (JSON-LD block {number})",
                              InputError("not JSON (nested too deeply)")))
        return found
    try:
        return [(str(path), json.loads(text))]
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:  # Python's parser recurses once per level
        raise InputError(f"{path}: not JSON (nested too deeply)") from None


def _is_claim_review(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "ClaimReview" for k in kinds)


def _claim_reviews(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 20:
        return
    if isinstance(node, list):
        for item in node:
            yield from _claim_reviews(item, depth + 1)
    elif isinstance(node, dict):
        if _is_claim_review(node):
            yield node
            return
        for value in node.values():
            if isinstance(value, dict | list):
                yield from _claim_reviews(value, depth + 1)


def _text(value: Any, field: str, limit: int) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name")
    elif isinstance(value, list):
        names = [_text(v, field, limit) for v in value]
        value = ", ".join(n for n in names if n)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = f"{value:g}"
    if not isinstance(value, str):
        raise ValueError(f"'{field}' is not text")
    cleaned = " ".join(value.split())
    if "\x00" in cleaned:  # binary, not text (PostgreSQL failed the whole import on it)
        raise ValueError(f"'{field}' holds a NUL character")
    if len(cleaned) > limit:
        raise ValueError(f"'{field}' is longer than {limit} characters")
    return cleaned or None


def _number(value: Any, field: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"'{field}' is not a number") from None
    if isinstance(value, bool) or not math.isfinite(number):
        raise ValueError(f"'{field}' is not a number")
    return number


def _rating(rating: Any) -> dict[str, Any]:
    """The review's Rating object (a list holding one is read as that one)."""
    if isinstance(rating, list) and len(rating) == 1:
        rating = rating[0]
    if rating is None or rating == "" or rating == []:
        raise ValueError("no 'reviewRating'")
    if not isinstance(rating, dict):
        raise ValueError("'reviewRating' is not a Rating (an object with alternateName or "
                         f"ratingValue): {json.dumps(rating)[:80]}")
    return rating


def parse_claim_review(node: dict[str, Any], origin: str) -> FactCheck:
    """One ClaimReview object as a ``FactCheck``; ``ValueError`` says what is wrong."""
    claim = _text(node.get("claimReviewed"), "claimReviewed", _LIMITS["claim"])
    if not claim:
        raise ValueError("no 'claimReviewed'")
    rating = _rating(node.get("reviewRating"))
    words = _text(rating.get("alternateName") or rating.get("name"), "reviewRating.alternateName",
                  _LIMITS["rating"])
    value = _number(rating.get("ratingValue"), "reviewRating.ratingValue")
    best = _number(rating.get("bestRating"), "reviewRating.bestRating")
    worst = _number(rating.get("worstRating"), "reviewRating.worstRating")
    if not words and value is None:
        raise ValueError("'reviewRating' has neither alternateName nor ratingValue")
    if not words and value is not None:  # the number alone gives the verdict: in its scale
        top, bottom = (5.0 if best is None else best), (1.0 if worst is None else worst)
        if not min(top, bottom) <= value <= max(top, bottom):
            raise ValueError(f"'reviewRating.ratingValue' {value:g} is outside its scale "
                             f"(worstRating {bottom:g} to bestRating {top:g})")
    publisher = (_text(node.get("author"), "author", _LIMITS["publisher"])
                 or _text(node.get("publisher"), "publisher", _LIMITS["publisher"]))
    if not publisher:
        raise ValueError("no 'author' (the fact-checker publishing the review)")
    url = _text(node.get("url"), "url", _LIMITS["url"])
    if url is not None and http_url(url) is None:  # as every other url verifier stores
        raise ValueError(f"'url' is not an http(s) address: {url[:80]!r}")
    item = node.get("itemReviewed")
    author = None
    if isinstance(item, dict):
        author = _text(item.get("author"), "itemReviewed.author", _LIMITS["author"])
    try:
        published = parse_published(node.get("datePublished"), "datePublished")
    except InputError as exc:
        raise ValueError(str(exc)) from None
    label = words or (f"{value:g}" + (f"/{best:g}" if best is not None else ""))
    return FactCheck(
        claim=claim,
        rating=label,
        verdict=rating_verdict(words, value, best, worst),
        publisher=publisher,
        url=url,
        published=published,
        claim_author=author,
        rating_value=value,
        origin=origin,
    )


#: The files ``factchecks import`` reads in a folder it is given.
FACT_CHECK_SUFFIXES = (".json", ".jsonld", ".html", ".htm")


def fact_check_files(paths: Iterable[Path], errors: list[str]) -> list[Path]:
    """The files to read: each path given, and in each folder given its JSON and HTML files
    (``FACT_CHECK_SUFFIXES``, every subfolder, in name order; links to folders not
    followed); a folder holding none is added to ``errors``, the rest go on."""
    import os

    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted(Path(folder, name) for folder, _, names in os.walk(path)
                        for name in names if name.lower().endswith(FACT_CHECK_SUFFIXES))
        if not inside:
            errors.append(f"{path}: a folder with no {', '.join(FACT_CHECK_SUFFIXES)} file "
                          "in it")
        found += inside
    return found


def read_fact_checks(path: Path) -> Iterator[FactCheck | FactCheckError]:
    """Every ClaimReview in a JSON or HTML file; a bad record is an error, the rest go on.

    A file that cannot be read, is not JSON, or holds no ClaimReview raises ``InputError``.
    """
    found = 0
    for where, document in _documents(path):
        if isinstance(document, InputError):
            yield FactCheckError(where, f"{where}: {document}")
            continue
        for number, node in enumerate(_claim_reviews(document), start=1):
            found += 1
            origin = f"{where} record {number}"
            try:
                yield parse_claim_review(node, origin)
            except ValueError as exc:
                yield FactCheckError(origin, f"{origin}: {exc}; skipped")
    if not found:
        raise InputError(f"{path}: no ClaimReview found (expected JSON-LD with "
                         "\"@type\": \"ClaimReview\")")
