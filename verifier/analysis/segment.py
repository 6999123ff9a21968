"""Sentence segmentation for news copy, with offsets into the original text.

One regular-expression pass finds every candidate boundary (a line break, markup residue,
``.``/``!``/``?`` with its closing quotes before white space, or a full stop glued to the next
sentence's capital as in pasted web copy, "Air India.On Thursday"); a few checks with the word
lists of ``data/lexicons/segment.yaml`` reject the false ones (abbreviations, initials, photo
credits, a lower-case continuation, a full stop inside a quotation that a speech tag closes
later in the sentence). Widget residue at the start of a line ("2 View gallery") is a unit of
its own; a line that opens with a link label ("Also Read - ...") is one unit to its end.
Sentences are never copied out of a cleaned text: each ``Sentence`` satisfies
``text == original[start:end]``.

Work per character is bounded: every check looks a fixed distance back or ahead, and a run
longer than ``max_chars`` with no boundary is cut at white space (or hard at the limit), so a
5 MB line without punctuation segments in linear time and no later stage sees a sentence
longer than the limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from verifier.analysis.dateline import DATELINE as DATELINE
from verifier.analysis.results import Sentence
from verifier.errors import ConfigError
from verifier.rules.lexicon import load_data

LEXICON = "segment"

#: Every character that may start a boundary; scanned with a fast character-set search.
_HITS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85|!.?…]")
_NEWLINES = "\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"
_RESIDUE = re.compile(r"!\[[^\]\r\n]*\]\([^)\r\n]*\)")
_PUNCT = ".!?…"
#: A spaced ellipsis (". . .", an elision in a quotation): one mark, as "…" is, so a lower-case
#: word after it goes on with the sentence ("a “loser . . . not attractive to winners”").
_SPACED_ELLIPSIS = re.compile(r"\.(?:[ \u00a0]\.){2,}")
_ALNUM = re.compile(r"[^\W_]")
_CLOSERS = "\"'”’»)]"
_QUOTES = "\"'”’»"
_SPACE = " \t\u00a0\u2009\u202f\u3000"
#: Characters a soft-wrapped line may end with (a line ending in other punctuation is a unit).
_WRAP_END = re.compile(r"[\w,;]$")
_SOFT_WRAP_MIN_LINE = 28
#: A next line that opens with a byline ("by Ana Roe", "compiled by staff") is no wrap.
_BYLINE_NEXT = re.compile(r"(?:(?:compiled|written|reported|edited)\s+)?by\s", re.IGNORECASE)
#: A lower-case word after a sentence end continues it, unless it is a web address.
_URL_STARTS = ("http://", "https://", "www.", "pic.twitter.com/")
#: Opening quotation marks that may stand between a glued full stop and the capital.
_GLUED_OPENERS = "“‘"
#: How far a check looks back for the word before a glued full stop.
_GLUE_WORD_MAX = 40
#: A quotation that a speech tag closes is looked for this far ahead of a full stop in it,
#: and only in a pending sentence no longer than ``_QUOTE_SENTENCE_MAX``.
_QUOTE_AHEAD = 400
_QUOTE_SENTENCE_MAX = 600
#: A cut of an over-long run looks this far back from the limit for white space.
_CUT_BACK = 200
#: A dateline in capitals opening its line: a place, then a date or an agency ("LUSAKA",
#: "YEREVAN, APRIL 30, ARMENPRESS"), at most this many characters.
_CAPS_DATELINE = re.compile(r"[A-Z][A-Z'’-]+(?:[ ,]+[A-Z0-9][A-Z0-9'’-]*){0,5}")
_DATELINE_MAX = 60
#: A dateline with a month in words and a wire's name in slashes ("MINSK, July 19. /TASS/."):
#: neither stop ends the sentence.
_AGENCY_DATELINE = re.compile(
    r"[A-Z][A-Z'’-]+(?:[ -][A-Z][A-Z'’-]+)*,[ \t]+[A-Z][a-z]+\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?"
    r"(?:\.[ \t]*/[A-Za-z][\w-]*/)?")
#: A list item's number opening its line ("1. ", "12. ") has at most this many digits.
_LIST_NUMBER_MAX = 2
#: A caption repeated glued to itself is looked for up to this length.
_GLUE_REPEAT_MAX = 200
_KEYS = frozenset({"abbreviations", "sentence_openers", "credits", "quote_tags",
                   "quote_stop_tags", "line_credits", "line_residue", "line_units", "line_joiners",
                   "bang_names", "max_chars", "examples"})
_ABBREVIATION_KEYS = frozenset({"titles", "before_number", "never", "ambiguous"})


@dataclass(frozen=True, slots=True)
class _Rules:
    titles: frozenset[str]
    before_number: frozenset[str]
    never: frozenset[str]
    ambiguous: frozenset[str]
    openers: frozenset[str]
    credit: re.Pattern[str]
    quote_tag: re.Pattern[str]  # a speech tag after a quoted question or exclamation
    quote_stop_tag: re.Pattern[str]  # a short speech tag after a quotation's full stop
    line_credit: re.Pattern[str]  # a photo credit on the line under its caption
    residue: re.Pattern[str]  # widget residue opening a line: a unit of its own
    units: re.Pattern[str]  # a link label opening a sentence: the line is one unit
    joiners: frozenset[str]  # a line ending in one of these words runs on to the next
    bang_names: frozenset[str]  # names spelt with "!" ("Yahoo!"): no sentence end
    max_chars: int



def _line_start(text: str, at: int, low: int = 0) -> int:
    """Where the line holding ``at`` starts (after its last line break), looking back no
    further than ``low``."""
    newline = text.rfind("\n", low, at)
    # a carriage return only after the last line feed can be later (not searched for back
    # to the start of a text that has none)
    return max(newline, text.rfind("\r", max(low, newline + 1), at)) + 1

def _words(data: dict[str, Any], key: str, where: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: field {key!r} must be a list of strings")
    return frozenset(value)


def _patterns(data: dict[str, Any], key: str, flags: int = 0) -> re.Pattern[str]:
    where = f"{LEXICON}.yaml"
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: field {key!r} must be a non-empty list of patterns")
    try:
        return re.compile("|".join(f"(?:{p})" for p in value), flags)
    except re.error as exc:
        raise ConfigError(f"{where}: field {key!r}: invalid pattern ({exc})") from None


@cache
def _rules() -> _Rules:
    data = load_data(LEXICON)
    where = f"{LEXICON}.yaml"
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown field {unknown[0]!r}")
    abbr = data.get("abbreviations")
    if not isinstance(abbr, dict):
        raise ConfigError(f"{where}: field 'abbreviations' must be a mapping")
    if unknown := sorted(set(abbr) - _ABBREVIATION_KEYS):
        raise ConfigError(f"{where}: abbreviations: unknown field {unknown[0]!r}")
    max_chars = data.get("max_chars")
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 2 * _CUT_BACK:
        raise ConfigError(f"{where}: field 'max_chars' must be a whole number >= {2 * _CUT_BACK}")
    return _Rules(
        titles=_words(abbr, "titles", f"{where}: abbreviations"),
        before_number=_words(abbr, "before_number", f"{where}: abbreviations"),
        never=_words(abbr, "never", f"{where}: abbreviations"),
        ambiguous=_words(abbr, "ambiguous", f"{where}: abbreviations"),
        openers=_words(data, "sentence_openers", where),
        credit=_patterns(data, "credits", re.MULTILINE),
        quote_tag=_patterns(data, "quote_tags"),
        quote_stop_tag=_patterns(data, "quote_stop_tags"),
        line_credit=_patterns(data, "line_credits"),
        residue=_patterns(data, "line_residue"),
        units=_patterns(data, "line_units"),
        joiners=_words(data, "line_joiners", where),
        bang_names=_words(data, "bang_names", where),
        max_chars=max_chars,
    )


def sentence_openers() -> frozenset[str]:
    """The words that typically open a sentence ("The", "In", "When", "She")."""
    return _rules().openers


def inner_period(text: str, at: int) -> bool:
    """Whether the full stop at ``text[at]`` belongs to a word rather than ending a phrase: a
    title ("Sen.", "Gov."), a dotted token ("U.S.") or a capital initial ("John F. Kennedy")."""
    word = _word_before(text, at)
    if not word:
        return False
    rules = _rules()
    return (_title(word, rules) or word in rules.never
            or (len(word) == 1 and word.isupper())
            or ("." in word and word[0].isalpha()))


def after_line_residue(text: str, at: int) -> bool:
    """Whether only widget residue split off as a unit of its own (``line_residue``: a stored
    page's "date 2024-03-27" stamp) stands between the start of its line and ``at``: the
    sentence at ``at`` opens its line as a reader sees it."""
    line = _line_start(text, at)
    start = line
    while start < at and text[start] in _SPACE:
        start += 1
    residue = _rules().residue.match(text, start) if start < at else None
    return residue is not None and residue.end() > start and not text[residue.end() : at].strip()


def segment(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, without markup residue or surrounding white space."""
    rules = _rules()
    out: list[Sentence] = []
    size = len(text)
    start, hold = _begin(text, 0, rules, out)  # the pending sentence; boundaries held before
    skip = start  # positions before this were consumed by an earlier hit
    for hit in _HITS.finditer(text):
        i = hit.start()
        if i < skip:
            continue
        c = text[i]
        if c in _NEWLINES:
            j = _past_break(text, i)
            credit = _credit_line(text, start, i, j, rules)
            if credit > 0:
                skip = credit  # the caption runs on into its credit's line
                continue
            if hold > i or not _soft_wrap(text, i, j, rules):
                _emit(text, start, i, out, rules)
                start, hold = _begin(text, j, rules, out)
                j = max(j, start)
            skip = j
        elif c == "|":
            j, residue_pipe = _pipes(text, start, i)
            if residue_pipe:
                _emit(text, start, i, out, rules)
                start = j
            skip = j
        elif c == "!" and text.startswith("![", i) and (residue := _RESIDUE.match(text, i)):
            _emit(text, start, i, out, rules)
            start = skip = residue.end()
        else:
            start, hold, skip = _punctuation(text, i, start, hold, rules, out)
    _emit(text, start, size, out, rules)
    return out


def _punctuation(text: str, i: int, start: int, hold: int, rules: _Rules,
                 out: list[Sentence]) -> tuple[int, int, int]:
    """``segment`` at the run of sentence punctuation (and closers) at ``i``: the pending
    sentence ends after it where it ends one, or is cut where a sentence is glued on. Returns
    the pending sentence's start, its held position and where the next hit may start."""
    size = len(text)
    c = text[i]
    j = i
    while j < size and text[j] in _PUNCT:
        j += 1
    if c == "." and (spaced := _SPACED_ELLIPSIS.match(text, i)) is not None:
        j = max(j, spaced.end())
    while j < size and text[j] in _CLOSERS:
        j += 1
    skip = j
    if i < hold or j >= size or (i > 0 and text[i - 1] in "([" and text[j - 1] in ")]"):
        return start, hold, skip  # held, the end of the text, or a bracketed elision ("(...)")
    if text[j].isspace() and _line_ends(text, j):
        brk = _line_end(text, j)
        credit = _credit_line(text, start, brk, _past_break(text, brk), rules)
        if credit > 0:
            return start, hold, credit  # a caption's full stop: it runs on into its credit
    if text[j].isspace():
        if (_ends_sentence(text, i, j, rules) and not _quote_runs_on(text, start, j)
                and not _dateline_stop(text, start, i)):
            _emit(text, start, j, out, rules)
            start, hold = _begin(text, j, rules, out)
            skip = max(skip, start)
    elif c == "." and _glued(text, i, j, rules) and not _repeated(text, start, j):
        cut = j - 1 if _glued_opener(text, start, i, j) else j
        _emit(text, start, cut, out, rules)
        start, hold = _begin(text, cut, rules, out)
        skip = max(skip, start)
    return start, hold, skip


def _pipes(text: str, start: int, i: int) -> tuple[int, bool]:
    """The end of the run of pipes at ``i`` and whether it is residue: a lone pipe at the edge
    of a line (opening the pending sentence from ``start`` or closing its line); inside a
    line it joins fields."""
    size = len(text)
    j = i
    while j < size and text[j] == "|":
        j += 1
    residue = (i == 0 or text[i - 1].isspace()) and (j == size or text[j].isspace()) and (
        not text[start:i].strip() or _line_ends(text, j))
    return j, residue


def _begin(text: str, pos: int, rules: _Rules, out: list[Sentence]) -> tuple[int, int]:
    """Start a sentence at ``pos``: (where it starts, the position before which boundaries are
    held). Widget residue opening a line is emitted as a unit of its own first; a sentence
    that opens with a link label holds its boundaries to the end of its line."""
    size = len(text)
    at = pos
    while at < size and text[at] in _SPACE:
        at += 1
    if at >= size:
        return pos, 0
    if pos == 0 or text[pos - 1] in _NEWLINES:
        residue = rules.residue.match(text, at)
        if residue is not None and residue.end() > at:
            _emit(text, at, residue.end(), out, rules)
            pos = at = residue.end()
            while at < size and text[at] in _SPACE:
                at += 1
    if rules.units.match(text, at) is not None:
        return pos, _line_end(text, at)
    return pos, 0


def _credit_line(text: str, start: int, at: int, after: int, rules: _Rules) -> int:
    """Where the next line starts if it is a photo credit (``line_credits``, after at most one
    blank line) and the pending sentence at ``start`` is a whole line (a caption) ending at the
    break ``at``; else 0. ``after``: the position after the break."""
    if at <= start or text[start:at].isspace() or text[_line_start(text, start):start].strip():
        return 0
    size = len(text)
    k = after
    while k < size and text[k] in " \t":
        k += 1
    if k < size and text[k] in _NEWLINES:  # one blank line
        k = _past_break(text, k)
        while k < size and text[k] in " \t":
            k += 1
    found = rules.line_credit.match(text, k)
    return k if found is not None and _line_ends(text, found.end()) else 0


def _past_break(text: str, at: int) -> int:
    """The position after the line break at ``at`` ("\\r\\n" is one break)."""
    return at + 2 if text.startswith("\r\n", at) else at + 1


def _line_end(text: str, at: int) -> int:
    """The position of the first line break at or after ``at`` (or the end of the text)."""
    found = _NEXT_BREAK.search(text, at)
    return found.start() if found is not None else len(text)


_NEXT_BREAK = re.compile(f"[{_NEWLINES}]")


def _line_ends(text: str, at: int) -> bool:
    """Whether only spaces stand between ``at`` and the end of its line."""
    size = len(text)
    while at < size and text[at] in _SPACE:
        at += 1
    return at >= size or text[at] in _NEWLINES


def _emit(text: str, start: int, end: int, out: list[Sentence], rules: _Rules) -> None:
    """Append ``text[start:end]`` stripped of white space, if it holds a letter or digit; a
    run longer than ``max_chars`` is cut at white space (hard at the limit if it has none)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    limit = rules.max_chars
    while end - start > limit:
        cut = start + limit
        low = cut - _CUT_BACK
        while cut > low and not text[cut].isspace():
            cut -= 1
        if cut <= low:
            cut = start + limit
        _emit_one(text, start, cut, out)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    _emit_one(text, start, end, out)


def _emit_one(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        chunk = text[start:end]
        if chunk[0].isalnum() or _ALNUM.search(chunk):
            out.append(Sentence(chunk, start, end))


def _glued(text: str, at: int, end: int, rules: _Rules) -> bool:
    """A full stop with no space before the next sentence ("Air India.On Thursday",
    "in 1932.The group", "on April 2.Speaking"): a number or a word of two or more characters
    (not an abbreviation, a dotted token, an address or a handle) before it, a capitalised
    word after it."""
    size = len(text)
    head = end + 1 if text[end : end + 1] in _GLUED_OPENERS else end  # ".“The talks"
    if head + 1 >= size or not (text[head].isupper() and text[head + 1].islower()):
        return False
    k = head + 1
    while k < size and text[k].isalpha():
        k += 1
    if k < size and (text[k].isalnum() or text[k] in "._/@"):
        return False  # "Example.Com/page", "Node.Js2"
    begin = at
    low = max(0, at - _GLUE_WORD_MAX)
    while begin > low and not text[begin - 1].isspace():
        begin -= 1
    if begin == low and low > 0 and not text[begin - 1].isspace():
        return False  # a long token: an address, a path, markup
    word = text[begin:at].lstrip("\"'“‘([{«")
    if (len(word) < 2 and not word.isdigit()) or not (
        word[-1].isalnum() or word[-1] in ")%]"
    ) or any(ch in word for ch in "./@:\\"):
        return False
    return not (
        _title(word, rules) or word in rules.never or word in rules.ambiguous
        or word in rules.before_number
        or rules.credit.match(text, head)  # a caption's credit glued ("on Wednesday.Ana Roe")
    )


def _glued_opener(text: str, start: int, at: int, end: int) -> bool:
    """Whether the straight quotation mark that closes the run after the full stop at ``at``
    (``text[end - 1]``, glued to the next capital) opens the next sentence: the sentence's
    marks, and those of its line before it, pair up without it ('... Dancila."On Monday, ...' is
    'Dancila.' and '"On Monday')."""
    if not (end - 1 > at and text[end - 1] == '"'):
        return False
    line_start = _line_start(text, start)
    return text.count('"', line_start, end) % 2 == 1


def _repeated(text: str, start: int, end: int) -> bool:
    """Whether the text glued after the full stop at ``end - 1`` repeats the sentence before
    it to the end of its line: an image's alt text and caption run together ("Ana
    Roe.Ana Roe."), one unit."""
    before = text[start:end].strip()
    return (0 < len(before) <= _GLUE_REPEAT_MAX and text.startswith(before, end)
            and _line_ends(text, end + len(before)))


def _dateline_stop(text: str, start: int, at: int) -> bool:
    """Whether the full stop at ``text[at]`` closes a dateline in capitals that opens the
    sentence ("LUSAKA.", "YEREVAN, APRIL 30, ARMENPRESS.", or a wire's "MINSK, July 19.
    /TASS/."): the story's first sentence goes on ("LUSAKA. — Zambian ...")."""
    while start < at and text[start].isspace():
        start += 1
    if text[at] != "." or at - start > _DATELINE_MAX:
        return False
    if _CAPS_DATELINE.fullmatch(text, start, at) is not None:
        return True
    if _AGENCY_DATELINE.fullmatch(text, start, at) is None:
        return False
    nxt = at + 1
    while nxt < len(text) and text[nxt] in _SPACE:
        nxt += 1
    return text[at - 1] == "/" or text.startswith("/", nxt)


def _elided(text: str, at: int, end: int) -> bool:
    """Whether the spaced ellipsis at ``text[at:end]`` (" … ") is an elision inside a quotation
    that opens before it on its line and is still open (no closing mark in the ellipsis)."""
    if at == 0 or text[at - 1] not in _SPACE or (
            text[at] != "…" and not text.startswith("...", at)):
        return False  # a spaced mark only: "the most... I hope" ends a sentence
    if any(ch in _QUOTES for ch in text[at:end]):
        return False
    low = max(0, at - _QUOTE_SENTENCE_MAX)
    line_start = _line_start(text, at, low)
    before = text[max(line_start, low):at]
    curly = before.rfind("“")
    if curly >= 0:
        return curly > before.rfind("”")
    return before.count('"') % 2 == 1


def _quote_runs_on(text: str, start: int, end: int) -> bool:
    """Whether the full stop before ``end`` sits in a quotation opened inside the sentence
    (not at its start) that a comma and a speech tag close later on the line: ``...: "Xi
    under arrest. Coup by the army," read one post.`` keeps the quoted passage together."""
    if end - start > _QUOTE_SENTENCE_MAX:
        return False
    curly_open = text.rfind("“", start, end)
    if curly_open >= 0 and curly_open > text.rfind("”", start, end):
        opened = curly_open
    elif text.count('"', start, end) % 2 == 1:
        opened = text.rfind('"', start, end)
    else:
        return False
    if text[start:opened].isspace() or opened == start:
        return False  # the quotation opens the sentence: its sentences are the speaker's
    limit = min(len(text), end + _QUOTE_AHEAD)
    k = end
    while k < limit and text[k] not in '”"\r\n\u2028\u2029':
        k += 1
    if k >= limit or text[k] not in '”"' or text[k - 1] != ",":
        return False
    k += 1
    while k < limit and text[k] in _SPACE:
        k += 1
    return k < limit and text[k].islower()


def _soft_wrap(text: str, at: int, after: int, rules: _Rules) -> bool:
    """A single line break inside a hard-wrapped paragraph: the next line (after any indent)
    starts lower case, and the line (the whole line, also when a sentence starts inside it:
    "... a trust. The purchase\nprice represents ...") is long and ends in a word, a comma or
    a semicolon; or the line ends in a word no sentence ends in (``line_joiners``: "informed
    the\nUCI that ...") and is long or that word alone ("The\n u-turn comes ..."), and the
    next line starts with a letter or a digit."""
    size = len(text)
    while after < size and text[after] in _SPACE:
        after += 1
    if after >= size or not text[after].isalnum():
        return False
    line_start = _line_start(text, at)
    line = text[line_start:at].strip(_SPACE)
    last = line[line.rfind(" ") + 1:]
    if last.lower() in rules.joiners:
        return text[after].islower() or len(line) >= _SOFT_WRAP_MIN_LINE or last == line
    return (text[after].islower() and len(line) >= _SOFT_WRAP_MIN_LINE
            and _WRAP_END.search(line) is not None and not _BYLINE_NEXT.match(text, after))


def _ends_sentence(text: str, at: int, end: int, rules: _Rules) -> bool:
    """Whether ``text[at:end]`` (``.``/``!``/``?`` and closers) really ends a sentence."""
    size = len(text)
    nxt = end
    while nxt < size and text[nxt] in _SPACE:
        nxt += 1
    if nxt >= size or text[nxt] in "\r\n":
        return True
    first = text[nxt]
    if rules.credit.match(text, nxt):
        return False  # a caption's credit, an embedded post's signature
    if first.islower():  # a lower-case continuation, unless it is an address (embed residue)
        return text.startswith(_URL_STARTS, nxt)
    if _elided(text, at, end):
        return False  # "“... the environment … Vacuum trucks ...”": an elision in a quotation
    if text[at] == "!" and end == at + 1 and first.isupper() and (
            _word_before(text, at) in rules.bang_names):
        return False  # "Yahoo! Sports": a name spelt with an exclamation mark
    if _tagged_quote(text, at, end, nxt, rules):
        return False  # "“Why now?” Roe asked.", "“We will appeal.” Roe said.": one sentence
    if text[at] != "." or text.startswith("..", at):
        return True
    word = _word_before(text, at)
    if not word:
        return True
    if word in rules.never or _title(word, rules) or _list_number(text, at, word):
        return False
    if word in rules.before_number and first.isdigit():
        return False
    if len(word) == 1 and word.isupper() and _after_lower(text, at - 1):
        return True  # "wrote on X." ends; an initial follows a name ("John F. Kennedy")
    dotted = "." in word and not word[0].isdigit() and not word.startswith(("$", "€", "£", "¥"))
    if word in rules.ambiguous or dotted or (len(word) == 1 and word.isupper()):
        return _next_word(text, nxt) in rules.openers
    return True


def _tagged_quote(text: str, at: int, end: int, nxt: int, rules: _Rules) -> bool:
    """Whether the quotation closing in ``text[at:end]`` is followed at ``nxt`` by a speech
    tag that closes its sentence: any tag after a question or an exclamation mark, a short one
    (``quote_stop_tags``) after a full stop; not after an ellipsis."""
    if not any(q in text[at:end] for q in _QUOTES):
        return False
    if text[at] in "?!":
        return rules.quote_tag.match(text, nxt) is not None
    return (text[at] == "." and not text.startswith("..", at)
            and rules.quote_stop_tag.match(text, nxt) is not None)


def _title(word: str, rules: _Rules) -> bool:
    """Whether ``word`` (before a full stop) is a title or rank: as listed, in capitals
    ("DR.", "GEN.") or after a force's prefix and a slash ("P/Maj.", "P/Col.")."""
    if word in rules.titles:
        return True
    if "/" in word:
        word = word[word.rfind("/") + 1 :]
        if word in rules.titles:
            return True
    return len(word) > 1 and word.isupper() and word.capitalize() in rules.titles


def _list_number(text: str, at: int, word: str) -> bool:
    """Whether the full stop at ``text[at]`` closes a list item's number that opens its line
    ("1. The mayor resigned."): the item's words follow on the line, one sentence with it."""
    if not (word.isdigit() and len(word) <= _LIST_NUMBER_MAX):
        return False
    return not text[_line_start(text, at) : at - len(word)].strip(_SPACE)


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
