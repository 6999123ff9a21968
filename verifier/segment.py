"""Sentence segmentation for news copy, with offsets into the original text.

One regular-expression pass finds every candidate boundary (a line break, markup residue,
or ``.``/``!``/``?`` with its closing quotes before white space); a few checks with the word
lists of ``data/lexicons/segment.yaml`` reject the false ones (abbreviations, initials, photo
credits, a lower-case continuation). Sentences are never copied out of a cleaned text: each
``Sentence`` satisfies ``text == original[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from verifier.lexicon import load_data
from verifier.results import Sentence

LEXICON = "segment"

_CANDIDATES = re.compile(
    r"(?P<nl>\r\n|[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85])"
    r"|(?P<res>!\[[^\]\r\n]*\]\([^)\r\n]*\)|(?<!\S)\|+(?!\S))"
    r"|(?P<end>[.!?…]+[\"'”’»)\]]*)(?=\s)"
)
_SPACE = " \t\u00a0\u2009\u202f\u3000"
#: Characters a soft-wrapped line may end with (a line ending in other punctuation is a unit).
_WRAP_END = re.compile(r"[\w,;]$")
_SOFT_WRAP_MIN_LINE = 40


@dataclass(frozen=True, slots=True)
class _Rules:
    titles: frozenset[str]
    before_number: frozenset[str]
    never: frozenset[str]
    ambiguous: frozenset[str]
    openers: frozenset[str]
    credit: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = load_data(LEXICON)
    abbr = data["abbreviations"]
    return _Rules(
        titles=frozenset(abbr["titles"]),
        before_number=frozenset(abbr["before_number"]),
        never=frozenset(abbr["never"]),
        ambiguous=frozenset(abbr["ambiguous"]),
        openers=frozenset(data["sentence_openers"]),
        credit=re.compile("|".join(f"(?:{p})" for p in data["credits"]), re.MULTILINE),
    )


def segment(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, without markup residue or surrounding white space."""
    rules = _rules()
    out: list[Sentence] = []
    start = 0
    for match in _CANDIDATES.finditer(text):
        kind = match.lastgroup
        if kind == "end":
            if not _ends_sentence(text, match, rules):
                continue
            _emit(text, start, match.end(), out)
        elif kind == "nl" and _soft_wrap(text, match, start):
            continue
        else:
            _emit(text, start, match.start(), out)
        start = match.end()
    _emit(text, start, len(text), out)
    return out


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    """Append ``text[start:end]`` stripped of white space, if it holds a letter or digit."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        chunk = text[start:end]
        if any(c.isalnum() for c in chunk):
            out.append(Sentence(chunk, start, end))


def _soft_wrap(text: str, match: re.Match[str], start: int) -> bool:
    """A single line break inside a hard-wrapped paragraph (the next line starts lower case)."""
    after = match.end()
    if after >= len(text) or not text[after].islower():
        return False
    line_start = max(text.rfind("\n", 0, match.start()), text.rfind("\r", 0, match.start())) + 1
    line = text[max(line_start, start) : match.start()].rstrip(_SPACE)
    return len(line) >= _SOFT_WRAP_MIN_LINE and _WRAP_END.search(line) is not None


def _ends_sentence(text: str, match: re.Match[str], rules: _Rules) -> bool:
    """Whether a ``.``/``!``/``?`` candidate really ends a sentence."""
    size = len(text)
    nxt = match.end()
    while nxt < size and text[nxt] in _SPACE:
        nxt += 1
    if nxt >= size or text[nxt] in "\r\n":
        return True
    first = text[nxt]
    if first.islower():
        return False
    if rules.credit.match(text, nxt):
        return False
    punct = match.group("end")
    if punct[0] != "." or punct.startswith(".."):
        return True
    word = _word_before(text, match.start())
    if not word:
        return True
    if word in rules.never or word in rules.titles:
        return False
    if word in rules.before_number and first.isdigit():
        return False
    if word in rules.ambiguous or "." in word or (len(word) == 1 and word.isupper()):
        return _next_word(text, nxt) in rules.openers
    return True


def _word_before(text: str, end: int) -> str:
    """The token ending at ``end`` without opening quotes or brackets."""
    begin = end
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end].lstrip("\"'“‘([{«")


def _next_word(text: str, start: int) -> str:
    """The word at ``start`` without opening quotes or brackets or trailing punctuation."""
    end = start
    size = len(text)
    while end < size and not text[end].isspace():
        end += 1
    return text[start:end].lstrip("\"'“‘([{«").rstrip(",;:.!?\"'”’)")
