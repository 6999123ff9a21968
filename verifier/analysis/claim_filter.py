"""The claim filter: is a sentence something a fact-checker could check?

Every sentence is a claim unless a rule of ``data/lexicons/claims.yaml`` says it is page
furniture (navigation, bylines, credits, timestamps, links, promotion, copyright, bare labels).
Each rule is built with the typed schema of its type (``PhraseRule`` for ``line``/``prefix``,
``PatternRule`` for ``pattern``, ``VerblessRule`` for ``verbless``; an unknown key or a bad
value is a configuration error naming the file, the rule and the field). The rules compile
into one regular expression with a named group per rule, matched once at the start of each
sentence (rules for short lines only on short sentences; rules gated by a literal only where
it occurs); the group that matched names the decision. ``verbless`` rules read a short line's
words (a heading, a caption, a stamp with no word that can be a verb) and are tried last.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from verifier.analysis.results import Sentence
from verifier.errors import ConfigError
from verifier.rules.lexicon import load_data, rule_where
from verifier.rules.regex_gate import first_class, group_end
from verifier.rules.schema import Examples, Pattern, build, load_rules

LEXICON = "claims"
#: The claim rule of a sentence no furniture rule matched.
DEFAULT_RULE = "claims.default"
RULE_TYPES = ("line", "prefix", "pattern", "verbless")


@dataclass(frozen=True, slots=True)
class ClaimDecision:
    """Whether a sentence is a claim, and the id of the rule that decided."""

    claim: bool
    rule: str


#: Rules marked ``short: true`` apply only to sentences up to this many characters.
SHORT_LIMIT = 100


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """``line``: the whole sentence is one of ``phrases`` (ignoring case, surrounding quotes
    and final punctuation); ``prefix``: the sentence starts with one of them."""

    id: str
    type: Literal["line", "prefix"]
    phrases: tuple[str, ...]
    examples: Examples
    #: only on sentences of at most ``SHORT_LIMIT`` characters
    short: bool = False
    #: only on sentences holding one of these exact strings
    requires: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PatternRule:
    """A regular expression matched at the start of the sentence (``$`` anchors its end)."""

    id: str
    type: Literal["pattern"]
    pattern: Pattern
    examples: Examples
    #: ``i``: ignore case
    flags: Literal["i"] | None = None
    short: bool = False
    requires: tuple[str, ...] = ()
    #: only on the last sentence of a text of several (a page cut off mid-sentence)
    ends_text: bool = False
    #: the sentences after it on its line are furniture by the same rule (a label that opens
    #: a paragraph of boilerplate: "Disclaimer: Investing carries risk. This is not advice.")
    paragraph: bool = False
    #: tried only on a run of at least this many sentences in a row, each a line of its own
    #: that the pattern matches, after the text's body has ended (its last claim that ends
    #: in a full stop, a question or an exclamation mark): a list of other stories' headlines
    #: under an article (0: an ordinary rule)
    run: int = 0


@dataclass(frozen=True, slots=True)
class VerblessRule:
    """``verbless``: a short line none of whose words can be a verb, so it states nothing (a
    heading "Special jury", a caption "The harbour at dawn. Photo: Ann Lee", a stamp "Ann Lee
    06:26 21/08/2014"). The line loses what ``strip`` matches (a photo credit, dates and
    times) and is then read word by word (letters first, lower case, ’ as ', a final point
    dropped); it keeps its claim when ``skip`` or ``number_fact`` finds something in it, when it
    has more than ``max_words`` words, or when one word is a verb form (a line with no word at
    all, "08", "25 December." once its date is gone, states nothing either):

    - a word of ``verbs`` or ending in one of ``verb_endings`` (a word of four letters or more,
      two more than the ending), wherever it stands ("said", "sworn", "won't", "closed");
    - a word of ``verbs_after_word`` or ending in one of ``endings_after_word``, after a word
      that is not a function word ("Rinne resigns");
    - a word ending in one of ``endings_not_first`` after any word ("Fulham closing in",
      "History in the making");
    - a first word ending in one of ``opening_endings`` before a word that is not a function
      word (a headline with no subject: "Snubs Barcelona");

    A function word, or a word ending in one of ``noun_endings`` ("'s", "ss"), is not read by
    its ending; nor is the line's last word when it ends in one of ``last_noun_endings`` (a
    plural noun closing a label: "Facebook users", "Guardian offices").
    - a word of ``infinitive_markers`` before a word that is not a function word ("Kim to
      visit Seoul").
    """

    id: str
    type: Literal["verbless"]
    examples: Examples
    max_words: int
    skip: Pattern
    strip: Pattern
    number_fact: Pattern
    verbs: tuple[str, ...]
    verb_endings: tuple[str, ...]
    verbs_after_word: tuple[str, ...]
    endings_after_word: tuple[str, ...]
    endings_not_first: tuple[str, ...]
    opening_endings: tuple[str, ...]
    infinitive_markers: tuple[str, ...]
    function_words: tuple[str, ...]
    noun_endings: tuple[str, ...] = ()
    #: endings of a last word read as a plural noun, not by its ending ("users", "offices")
    last_noun_endings: tuple[str, ...] = ()
    #: ``strip`` runs only on lines holding one of these exact strings (empty: on every line)
    strip_requires: tuple[str, ...] = ()
    #: a line of more words than this before ``strip`` keeps its claim at once (0: no limit)
    max_words_unstripped: int = 0
    #: after one of these (an article), a word is an adjective, not read by its ending ("An
    #: unprecedented situation", "The renewed effort")
    adjective_after: tuple[str, ...] = ()


ClaimRule = PhraseRule | PatternRule | VerblessRule
SCHEMAS: dict[str, type[Any]] = {"line": PhraseRule, "prefix": PhraseRule, "pattern": PatternRule,
                                 "verbless": VerblessRule}

_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")


@dataclass(frozen=True, slots=True)
class _Verbless:
    """A ``verbless`` rule ready to read lines: its patterns compiled, its word lists as sets
    where a word is looked up whole."""

    rule: VerblessRule
    skip: re.Pattern[str]
    strip: re.Pattern[str]
    number_fact: re.Pattern[str]
    verbs: frozenset[str]
    verbs_after_word: frozenset[str]
    infinitive_markers: frozenset[str]
    function_words: frozenset[str]

    @classmethod
    def of(cls, rule: VerblessRule) -> _Verbless:
        return cls(rule, re.compile(rule.skip), re.compile(rule.strip),
                   re.compile(rule.number_fact), frozenset(rule.verbs),
                   frozenset(rule.verbs_after_word), frozenset(rule.infinitive_markers),
                   frozenset(rule.function_words))

    @property
    def id(self) -> str:
        return self.rule.id

    def matches(self, text: str) -> bool:
        """Whether ``text`` is a line with no word that can be a verb."""
        if self.rule.max_words_unstripped and text.count(" ") >= self.rule.max_words_unstripped:
            return False  # a long sentence: no credit or date leaves a short line of it
        if not self.rule.strip_requires or any(r in text for r in self.rule.strip_requires):
            stripped = self.strip.sub(" ", text)
            if stripped != text:  # what a date or a credit leaves: "Oslo, " of "Oslo, May 5"
                text = stripped.rstrip(" ,;|-–—/")
        found = _WORD.findall(text)
        if len(found) > self.rule.max_words or self.skip.search(text) or (
                self.number_fact.search(text)):
            return False
        words = [w.lower().replace("’", "'").rstrip(".") for w in found]
        return not any(self._verb(words, k) for k in range(len(words)))

    def _verb(self, words: list[str], k: int) -> bool:
        word = words[k]
        if word in self.verbs:
            return True
        function = self.function_words
        ends = word not in function and not (
            (k > 0 and words[k - 1] in self.rule.adjective_after)
            or (self.rule.noun_endings and word.endswith(self.rule.noun_endings))
            or (k == len(words) - 1 and self.rule.last_noun_endings
                and word.endswith(self.rule.last_noun_endings)))
        if ends and (_ends(word, self.rule.verb_endings)
                     or (k > 0 and _ends(word, self.rule.endings_not_first))):
            return True
        if k > 0 and words[k - 1] not in function and (
            word in self.verbs_after_word or (ends and _ends(word, self.rule.endings_after_word))
        ):
            return True
        following = words[k + 1] if k + 1 < len(words) else None
        if following is None or following in function:
            return False
        return (k == 0 and ends and _ends(word, self.rule.opening_endings)) or (
            word in self.infinitive_markers)


def _ends(word: str, endings: tuple[str, ...]) -> bool:
    """Whether ``word`` ends in one of ``endings``, with four letters or more, two more than
    the ending."""
    return any(word.endswith(e) and len(word) >= max(4, len(e) + 2) for e in endings)


def build_rule(raw: Mapping[str, Any]) -> ClaimRule:
    """One rule mapping as its typed schema (a ``ConfigError`` for a bad type or field)."""
    where = rule_where(LEXICON, str(raw.get("id")))
    schema = SCHEMAS.get(str(raw.get("type")))
    if schema is None:
        raise ConfigError(f"{where}: field 'type': {raw.get('type')!r} is not one of "
                          f"{', '.join(RULE_TYPES)}")
    rule: ClaimRule = build(schema, raw, where)
    return rule


@dataclass(frozen=True, slots=True)
class Symbols:
    """The UI symbols (bullets, arrows, emoji) a furniture line may open with."""

    categories: frozenset[str]
    characters: frozenset[str]
    keep: frozenset[str]  # symbols that are text (©)

    def strip(self, text: str) -> str:
        """``text`` without the symbols (and the spaces and variation selectors after them)
        that open it."""
        if not text or text[0].isalnum() or text[0] in "\"'“‘([":
            return text  # the usual case: a word or a quotation opens the line
        i = 0
        size = len(text)
        while i < size:
            char = text[i]
            if char in self.characters or (
                char not in self.keep and unicodedata.category(char) in self.categories
            ):
                i += 1
                while i < size and (text[i].isspace() or text[i] in "\ufe0e\ufe0f\u200d"):
                    i += 1
                continue
            break
        return text[i:] if i else text


def _symbols() -> Symbols:
    where = f"{LEXICON}.yaml: field 'leading_symbols'"
    raw = load_data(LEXICON).get("leading_symbols")
    if not isinstance(raw, dict) or set(raw) - {"categories", "characters", "keep"}:
        raise ConfigError(f"{where}: expected a mapping with 'categories', 'characters' and "
                          "'keep'")
    categories = raw.get("categories", [])
    characters = raw.get("characters", "")
    keep = raw.get("keep", "")
    if not isinstance(categories, list) or not all(
        isinstance(c, str) and len(c) == 2 for c in categories
    ):
        raise ConfigError(f"{where}: 'categories' must be a list of Unicode categories (So)")
    if not isinstance(characters, str) or not isinstance(keep, str):
        raise ConfigError(f"{where}: 'characters' and 'keep' must be strings")
    return Symbols(frozenset(categories), frozenset(characters), frozenset(keep))


@dataclass(frozen=True, slots=True)
class _Filter:
    lines: dict[str, tuple[str, bool]]  # a line rule's phrase, normalised: (id, short)
    line_max: int  # no longer line can be one of them (quotes, punctuation, spaces allowed)
    short: re.Pattern[str]  # every ungated rule
    long: re.Pattern[str]  # ungated rules not marked short
    gated: _Gated  # rules tried only where one of their required strings occurs
    gated_long: _Gated  # those not marked short
    rule_ids: dict[str, str]
    symbols: Symbols
    #: the ``ends_text`` rules: (regex, id), tried on a text's last sentence only
    last: tuple[tuple[re.Pattern[str], str], ...] = ()
    #: the ``verbless`` rules, tried on short sentences after every other rule
    verbless: tuple[_Verbless, ...] = ()
    #: the ids of the ``paragraph`` rules
    paragraph: frozenset[str] = frozenset()
    #: the ``run`` rules: (regex, shortest run, id), tried on an article's lines after its body
    runs: tuple[tuple[re.Pattern[str], int, str], ...] = ()

    def decide_last(self, text: str) -> str | None:
        """The id of the first ``ends_text`` rule that matches a text's last sentence."""
        text = self.symbols.strip(text)
        return next((rule_id for regex, rule_id in self.last if regex.match(text)), None)

    def decide(self, text: str, quoted: bool = False) -> str | None:
        """The id of the first furniture rule that matches ``text`` (after any UI symbols that
        open it: "⚠️ Read our live blog"), or None. Line rules are looked up first; the
        ``verbless`` rules last, and not on a sentence inside a quotation an earlier one opened
        (``quoted``: a speaker's words, "He said, “No. Relax. We will wed.”")."""
        text = self.symbols.strip(text)
        short = len(text) <= SHORT_LIMIT
        if len(text) <= self.line_max:
            line = self.lines.get(_line_key(text))
            if line is not None and (short or not line[1]):
                return line[0]
        pattern = self.short if short else self.long
        found = pattern.match(text)
        if found is not None and found.lastgroup is not None:
            return self.rule_ids[found.lastgroup]
        gated = (self.gated if short else self.gated_long).decide(text)
        if gated is not None or not short or quoted:
            return gated
        return next((rule.id for rule in self.verbless if rule.matches(text)), None)


_LINE_OPEN = "\"'“‘"
_LINE_CLOSE = "\"'”’"
_LINE_TAIL = ".!?:…"


def _line_key(text: str) -> str:
    """A line as a ``line`` rule compares it: without one quotation mark around it and final
    punctuation, white space collapsed, lower case, ’ as '."""
    if text[:1] in _LINE_OPEN and text[:1]:
        text = text[1:]
    text = text.rstrip().rstrip(_LINE_TAIL + " \t\r\n\u00a0")
    if text[-1:] in _LINE_CLOSE and text[-1:]:
        text = text[:-1]
    return " ".join(text.lower().replace("’", "'").split())


def _compile_rule(rule: PhraseRule | PatternRule) -> str:
    if isinstance(rule, PhraseRule):
        body = "|".join(
            re.escape(p).replace(r"\ ", r"\s+").replace("'", "['’]")
            for p in sorted(rule.phrases, key=len, reverse=True)
        )
        if rule.type == "line":
            return rf"(?i:[\"'“‘]?(?:{body})[\"'”’]?[\s.!?:…]*$)"
        return rf"(?i:(?:{body})(?![^\W\d_]))"
    source = _rest_first(str(rule.pattern))
    return f"(?i:{source})" if rule.flags == "i" else f"(?:{source})"


@dataclass(frozen=True, slots=True)
class _Gated:
    """Rules with required strings: one scan finds which strings occur (longest first; a found
    string also stands for every required string inside it, "https://" for ":"), then only
    their rules are tried, in file order."""

    scan: re.Pattern[str] | None
    #: a found string -> the rules (by position) whose required strings occur in it
    rules_of: dict[str, frozenset[int]]
    rules: tuple[tuple[re.Pattern[str], str], ...]  # (regex, id)

    def decide(self, text: str) -> str | None:
        if self.scan is None:
            return None
        present: set[int] = set()
        for found in self.scan.finditer(text):
            present |= self.rules_of[found.group(1)]
        for index in sorted(present):
            regex, rule_id = self.rules[index]
            if regex.match(text) is not None:
                return rule_id
        return None


def _gated(rules: Sequence[tuple[tuple[str, ...], re.Pattern[str], str]]) -> _Gated:
    strings = sorted(sorted({r for requires, _, _ in rules for r in requires}), key=len,
                     reverse=True)
    if not strings:
        return _Gated(None, {}, ())
    rules_of = {
        found: frozenset(
            index for index, (requires, _, _) in enumerate(rules)
            if any(r in found for r in requires)
        )
        for found in strings
    }
    scan = re.compile("(" + "|".join(re.escape(x) for x in strings) + ")")
    return _Gated(scan, rules_of, tuple((regex, rule_id) for _, regex, rule_id in rules))


def _rest_first(source: str) -> str:
    """``(?!X)R`` as ``(?=R)(?!X)R``: the same matches, but the usually cheap test that ``R``
    matches runs before the usually costly one that ``X`` does not (a negative look-ahead
    like ``(?!.*\\b(?:In|To|...)\\b)`` scans the whole sentence)."""
    if not source.startswith("(?!"):
        return source
    end = group_end(source)
    rest = source[end:] if end is not None else ""
    try:
        if not rest or re.compile(source).groups:  # capturing groups: keep their numbering
            return source
        re.compile(rest)
    except re.error:
        return source
    return f"(?={rest}){source}"


@cache
def _filter() -> _Filter:
    lines: dict[str, tuple[str, bool]] = {}
    short: list[str] = []
    long: list[str] = []
    gated: list[tuple[tuple[str, ...], re.Pattern[str], str]] = []
    gated_long: list[tuple[tuple[str, ...], re.Pattern[str], str]] = []
    ids: dict[str, str] = {}
    last: list[tuple[re.Pattern[str], str]] = []
    verbless: list[_Verbless] = []
    runs: list[tuple[re.Pattern[str], int, str]] = []
    rules: tuple[ClaimRule, ...] = load_rules(LEXICON, SCHEMAS)
    paragraph = frozenset(r.id for r in rules if isinstance(r, PatternRule) and r.paragraph)
    for number, rule in enumerate(rules):
        if isinstance(rule, VerblessRule):
            verbless.append(_Verbless.of(rule))
            continue
        if isinstance(rule, PatternRule) and rule.ends_text:
            last.append((re.compile(_compile_rule(rule)), rule.id))
            continue
        if isinstance(rule, PatternRule) and rule.run:
            runs.append((re.compile(_compile_rule(rule)), rule.run, rule.id))
            continue
        if isinstance(rule, PhraseRule) and rule.type == "line" and not rule.requires:
            for phrase in rule.phrases:  # a whole line: one dictionary look-up
                lines.setdefault(_line_key(phrase), (rule.id, rule.short))
            continue
        source = _compile_rule(rule)
        if rule.requires:
            gated.append((rule.requires, re.compile(source), rule.id))
            if not rule.short:
                gated_long.append(gated[-1])
            continue
        group = f"r{number}"
        ids[group] = rule.id
        part = f"(?P<{group}>{source})"
        first = first_class(source)
        if first is not None:  # a sentence that cannot start a match skips the rule at once
            part = f"(?={first}){part}"
        short.append(part)
        if not rule.short:
            long.append(part)
    return _Filter(
        lines,
        2 * max((len(k) for k in lines), default=-1) + 8,
        re.compile("|".join(short) or "(?!)"),
        re.compile("|".join(long) or "(?!)"),
        _gated(gated),
        _gated(gated_long),
        ids,
        _symbols(),
        tuple(last),
        tuple(verbless),
        paragraph,
        tuple(runs),
    )


def decide(text: str) -> ClaimDecision:
    """The claim decision for one sentence's text."""
    rule = _filter().decide(text)
    return ClaimDecision(True, DEFAULT_RULE) if rule is None else ClaimDecision(False, rule)


#: A quotation still open after this many sentences is taken for an unbalanced mark.
QUOTE_RUN_MAX = 6


class _Quotes:
    """Whether a quotation opened in an earlier sentence is still open: curly marks counted
    (“ opens, ” closes), straight double marks paired."""

    __slots__ = ("curly", "run", "straight")

    def __init__(self) -> None:
        self.curly = 0
        self.straight = False
        self.run = 0

    @property
    def open(self) -> bool:
        return self.curly > 0 or self.straight

    def read(self, text: str) -> None:
        self.curly = max(0, self.curly + text.count("“") - text.count("”"))
        if text.count('"') % 2:
            self.straight = not self.straight
        self.run = self.run + 1 if self.open else 0
        if self.run > QUOTE_RUN_MAX:
            self.curly, self.straight, self.run = 0, False, 0


#: Marks that open a quotation at the start of a paragraph (one that runs on reopens there).
_OPENING_MARKS = "\"“‘'«"


def _same_line(article: str, before: int, start: int) -> bool:
    """Whether no line break stands between ``before`` and ``start`` in ``article``."""
    gap = article[before:start]
    return "\n" not in gap and "\r" not in gap


def _new_paragraph(article: str, before: int, start: int, text: str) -> bool:
    """Whether a sentence starting at ``start`` opens a new line of ``article`` (a line break
    since the sentence before ended at ``before``) without a quotation mark: a quotation
    still open from the line before does not run into it (news copy reopens a quotation that
    runs on into the next paragraph with a mark of its own)."""
    if not article or before <= 0 or text[:1] in _OPENING_MARKS:
        return False
    gap = article[before:start]
    return "\n" in gap or "\r" in gap


def classify(sentences: Iterable[Sentence], article: str = "") -> list[ClaimDecision]:
    """The claim decision for each sentence, in order (the ``ends_text`` rules also on the
    last sentence of several). With the ``article`` the sentences were cut from, a quotation
    left open on one line is closed at the next line that opens without a quotation mark, and
    the sentences after one that a ``paragraph`` rule matched, on its line, are furniture by
    that rule."""
    flt = _filter()
    claim = ClaimDecision(True, DEFAULT_RULE)
    out: list[ClaimDecision] = []
    text = ""
    quotes = _Quotes()
    before = 0
    carried: str | None = None  # a paragraph rule that decided the sentence before
    seen: list[Sentence] = []
    for sentence in sentences:
        seen.append(sentence)
        text = sentence.text
        if article and carried is not None and _same_line(article, before, sentence.start):
            before = sentence.end
            quotes.read(text)
            out.append(ClaimDecision(False, carried))
            continue
        if quotes.open and _new_paragraph(article, before, sentence.start, text):
            quotes = _Quotes()
        before = sentence.end
        rule = flt.decide(text, quotes.open)
        carried = rule if rule in flt.paragraph else None
        quotes.read(text)
        out.append(claim if rule is None else ClaimDecision(False, rule))
    if len(out) > 1 and out[-1].claim:
        rule = flt.decide_last(text)
        if rule is not None:
            out[-1] = ClaimDecision(False, rule)
    if article and flt.runs:
        _mark_runs(flt, seen, article, out)
    return out


#: How a body sentence ends: a full stop, a question or an exclamation mark (and closers).
_BODY_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def _mark_runs(flt: _Filter, sentences: Sequence[Sentence], article: str,
               out: list[ClaimDecision]) -> None:
    """The ``run`` rules on ``sentences`` (decided as ``out``): after the text's body has
    ended, each run of sentences in a row, each a line of its own that a rule matches, as
    long as its ``run`` or longer, is furniture by that rule."""
    body = next((i for i in range(len(out) - 1, -1, -1)
                 if out[i].claim and _BODY_END.search(sentences[i].text)), None)
    if body is None:
        return
    for regex, shortest, rule_id in flt.runs:
        run: list[int] = []
        for i in range(body + 1, len(sentences) + 1):
            if i < len(sentences) and _own_line(
                    article, sentences[i], flt.symbols) and regex.match(
                    flt.symbols.strip(sentences[i].text)):
                run.append(i)
                continue
            if len(run) >= shortest:
                for k in run:
                    if out[k].claim:
                        out[k] = ClaimDecision(False, rule_id)
            run = []


def _own_line(article: str, sentence: Sentence, symbols: Symbols) -> bool:
    """Whether ``sentence`` is the only sentence of its line of ``article`` (after any UI
    symbols that open the line: a list's bullet or dash, "- Ferry Operator Seeks Buyer")."""
    head = article[_line_begin(article, sentence.start) : sentence.start].strip()
    tail = article[sentence.end : _line_finish(article, sentence.end)]
    return not (head and symbols.strip(head + " x") != "x") and not tail.strip()


def _line_begin(article: str, at: int) -> int:
    return max(article.rfind("\n", 0, at), article.rfind("\r", 0, at)) + 1


def _line_finish(article: str, at: int) -> int:
    ends = [k for k in (article.find("\n", at), article.find("\r", at)) if k >= 0]
    return min(ends, default=len(article))
