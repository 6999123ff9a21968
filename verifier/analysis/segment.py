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

from verifier.analysis.results import Sentence
from verifier.rules.lexicon import load_data

LEXICON = "segment"

#: Every character that may start a boundary; scanned with a fast character-set search.
_HITS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85|!.?…]")
_NEWLINES = "\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"
_RESIDUE = re.compile(r"!\[[^\]\r\n]*\]\([^)\r\n]*\)")
_PUNCT = ".!?…"
_ALNUM = re.compile(r"[^\W_]")
_CLOSERS = "\"'”’»)]"
_SPACE = " \t\u00a0\u2009\u202f\u3000"
#: Characters a soft-wrapped line may end with (a line ending in other punctuation is a unit).
_WRAP_END = re.compile(r"[\w,;]$")
_SOFT_WRAP_MIN_LINE = 40
#: The longest sentence handed on (characters): a longer run without sentence punctuation is
#: cut into pieces of at most this length, at the last white space in the final quarter of
#: each piece when there is one, so the work per sentence is bounded whatever the input.
MAX_SENTENCE = 1000


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
    size = len(text)
    start = 0  # where the pending sentence starts
    skip = 0  # positions before this were consumed by an earlier hit
    for hit in _HITS.finditer(text):
        i = hit.start()
        if i < skip:
            continue
        c = text[i]
        if c in _NEWLINES:
            j = i + 2 if text.startswith("\r\n", i) else i + 1
            if not _soft_wrap(text, i, j, start):
                _emit(text, start, i, out)
                start = j
            skip = j
        elif c == "|":
            j = i
            while j < size and text[j] == "|":
                j += 1
            if (i == 0 or text[i - 1].isspace()) and (j == size or text[j].isspace()):
                _emit(text, start, i, out)
                start = j
            skip = j
        elif c == "!" and text.startswith("![", i) and (residue := _RESIDUE.match(text, i)):
            _emit(text, start, i, out)
            start = skip = residue.end()
        else:
            j = i
            while j < size and text[j] in _PUNCT:
                j += 1
            while j < size and text[j] in _CLOSERS:
                j += 1
            skip = j
            if j < size and text[j].isspace() and _ends_sentence(text, i, j, rules):
                _emit(text, start, j, out)
                start = j
    _emit(text, start, size, out)
    return out


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    """Append ``text[start:end]`` stripped of white space, if it holds a letter or digit."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = start + MAX_SENTENCE
        space = max(text.rfind(c, cut - MAX_SENTENCE // 4, cut) for c in _SPACE)
        piece_end = space if space > start else cut
        _emit(text, start, piece_end, out)
        start = piece_end
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        chunk = text[start:end]
        if chunk[0].isalnum() or _ALNUM.search(chunk):
            out.append(Sentence(chunk, start, end))


def _soft_wrap(text: str, at: int, after: int, start: int) -> bool:
    """A single line break inside a hard-wrapped paragraph (the next line starts lower case)."""
    if after >= len(text) or not text[after].islower():
        return False
    line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
    line = text[max(line_start, start) : at].rstrip(_SPACE)
    return len(line) >= _SOFT_WRAP_MIN_LINE and _WRAP_END.search(line) is not None


def _ends_sentence(text: str, at: int, end: int, rules: _Rules) -> bool:
    """Whether ``text[at:end]`` (``.``/``!``/``?`` and closers) really ends a sentence."""
    size = len(text)
    nxt = end
    while nxt < size and text[nxt] in _SPACE:
        nxt += 1
    if nxt >= size or text[nxt] in "\r\n":
        return True
    first = text[nxt]
    if first.islower():
        return False
    if rules.credit.match(text, nxt):
        return False
    if text[at] != "." or text.startswith("..", at):
        return True
    word = _word_before(text, at)
    if not word:
        return True
    if word in rules.never or word in rules.titles:
        return False
    if word in rules.before_number and first.isdigit():
        return False
    if len(word) == 1 and word.isupper() and _after_lower(text, at - 1):
        return True  # "wrote on X." ends; an initial follows a name ("John F. Kennedy")
    dotted = "." in word and not word[0].isdigit() and not word.startswith(("$", "€", "£", "¥"))
    if word in rules.ambiguous or dotted or (len(word) == 1 and word.isupper()):
        return _next_word(text, nxt) in rules.openers
    return True


def _after_lower(text: str, at: int) -> bool:
    """Whether the word before position ``at`` is a lower-case word ("on X.", not "John F.")."""
    end = at
    while end > 0 and text[end - 1] in _SPACE:
        end -= 1
    begin = end
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    word = text[begin:end].lstrip("\"'“‘([{«")
    return bool(word) and word[0].islower() and word[-1] not in _PUNCT + _CLOSERS


def _word_before(text: str, end: int) -> str:
    """The token ending at ``end`` without opening quotes or brackets."""
    low = max(0, end - 48)  # look near first: a word is short, and rfind scans back to ``low``
    begin = max(text.rfind(" ", low, end), text.rfind("\n", low, end), text.rfind("\t", low, end))
    if begin < 0 and low > 0:
        begin = max(text.rfind(" ", 0, low), text.rfind("\n", 0, low), text.rfind("\t", 0, low))
    begin += 1
    word = text[begin:end]
    if word and (parts := word.split()) != [word]:  # another kind of white space
        word = parts[-1] if parts else ""
    return word.lstrip("\"'“‘([{«")


def _next_word(text: str, start: int) -> str:
    """The word at ``start`` without opening quotes or brackets or trailing punctuation."""
    end = start
    size = len(text)
    while end < size and not text[end].isspace():
        end += 1
    return text[start:end].lstrip("\"'“‘([{«").rstrip(",;:.!?\"'”’)")
