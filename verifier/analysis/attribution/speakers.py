"""Who a source descriptor names: its speaker kind, from the word classes of the lexicon.

``classify`` reads the words a reporting frame points at ("a senior ministry official",
"Kari Lund, a partner at Oslo law firm Berge Aasen", "Chilean newspaper La Tercera") and
returns a ``Descriptor``: the speaker kind, or ``carried`` for a pronoun or a back-reference
that takes its speaker from an earlier sentence, or ``none`` for the publishing outlet itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from verifier.analysis.attribution.rules import FRAMES, DescriptorRule, Rules, word_list
from verifier.analysis.attribution.rules import lower as _lower
from verifier.memo import remembered
from verifier.registry import Registry, Source

#: A descriptor's kind: a speaker kind, "carried" (resolve from memory) or "none" (no source).
CARRIED = "carried"
NONE = "none"

_TOKEN = re.compile(r"[^\W\d_][\w.'’&-]*")
_FUNCTION = word_list("function_words")
_PLACES = word_list("place_words")
_OFFICE_QUALIFIERS = word_list("office_qualifiers")
#: A definite or possessive determiner ("the", "his"), as a regex alternation.
_DETERMINER = r"(?:the|his|her|their|its)"
#: A body the article refers back to by a determiner and a common noun ("the centre").
_COMMON_BODY = re.compile(rf"\s+{_DETERMINER}\s+[a-z]")
#: A comma and the spaces before a relative clause.
_CLAUSE_OPENS = re.compile(r",?\s*")


def _runs(text: str, at: int, rules: Rules) -> DescriptorRule | None:
    """The title rule of a relative clause that opens at ``at`` ("who runs the centre"):
    a descriptor word of role title right at its start; None when there is none."""
    opens = _CLAUSE_OPENS.match(text, at)
    start = opens.end() if opens is not None else at
    hit = rules.descriptor_scan.match(_lower(text[start : start + 60]))
    if hit is None or _COMMON_BODY.match(text, start + hit.end()) is None:
        return None  # (a body by its proper name may be an outside voice's)
    rule = rules.descriptor_by_group[hit.lastgroup or ""]
    return rule if rule.role == "title" else None


#: Sentence adverbs ("Recently, ...", "Even so"): alone, no name of anyone.
_SENTENCE_ADVERBS = word_list("sentence_adverbs", FRAMES)
#: ... nor a pronoun, an indefinite pronoun or an opening participle alone ("Anyone", "Having").
_LONE_NON_NAMES = _SENTENCE_ADVERBS | word_list("lone_non_names")
_INDEFINITE = re.compile(
    r"^(?:a|an|one|two|three|four|five|six|several|some|many|multiple|other|another|"
    r"various|numerous|no|neither|\d+)\b",
    re.IGNORECASE,
)
_HEAD_CUT = re.compile(
    r",?\s+(?:who|which|whose|that|speaking|asking|asked|citing|quoting|according|to|about|on|polled|"
    r"surveyed|interviewed|quoted|seen|obtained|reviewed)\b"
    r"|,?\s+(?:in|on|during)\s+(?=a\b|an\b)"
)
_PROPER_AFTER_PREP = re.compile(
    r"\b(?:at|of|from|with|for)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?[A-Z][\w&'’.-]*"
)
_AFTER_PREPOSITION = re.compile(r"\b(?:for|of|at|from|with|to|in|by|on)\s+(?:the\s+)?$")
_POSSESSIVE = re.compile(r"['’]s?$")
#: A title word and "of" before a name's run ("Mayor of Communications Ana Ruiz").
_TITLE_OF = re.compile(r"([\w.-]+)\s+of\s+(?:the\s+)?$")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|The|[\w]+['’]s)\s+$")
_NAME_FOLLOWER = re.compile(r"(?:,|of\b|who\b|\(|and\b|in\b|during\b|from\b|$)")
#: A comma and a capitalised given name and surname after an office ("CEO, Bill Sweeney").
_NAME_AFTER_COMMA = re.compile(r",\s+[A-Z][\w'’.-]+\s+[A-Z][\w'’-]+")
_MAYBE_NAME = re.compile(r"[A-Z]|\b(?:the\s+)?(?:presidential|unification|state|foreign)\b")


@dataclass(frozen=True, slots=True)
class Descriptor:
    """What a source descriptor says about its speaker."""

    kind: str
    rule: str
    person: bool
    names: tuple[str, ...] = ()
    head: str = ""
    bare: bool = False
    #: which strategy found it: a descriptor rule's role ("pronoun", "title", ...) or one of
    #: the name strategies ("person", "proper_name", "registry", "known_name", "party", ...)
    how: str = ""
    #: where in the article (character offsets) the words are that showed the kind, when
    #: they are not the descriptor's own ("Finance Minister Jane Roe" for a later "Roe")
    evidence: tuple[int, int] | None = None
    #: why the kind was given when no words showed it (a name rule's declared fallback)
    reason: str = ""


#: The strategies whose names are looked up in what the article said before ("Bae said").
LOOKUP_HOWS = frozenset({"person", "proper_name"})

#: Looks up a bare name ("Bae", "Daejin") introduced earlier; returns its descriptor or None.
NameLookup = Callable[[tuple[str, ...]], "Descriptor | None"]


def _outside(spans: list[tuple[int, int]], name: tuple[int, int] | None) -> list[tuple[int, int]]:
    if name is None:
        return spans
    return [s for s in spans if s[1] <= name[0] or s[0] >= name[1]]


#: A word-level memo of ``rules.titles``: (the rules it holds for, word -> a title?).
_TITLE_WORDS: list[tuple[Rules, dict[str, bool]]] = []


def is_title(rules: Rules, word: str) -> bool:
    """Whether one word is a title word ("President", "Secretary": ``rules.titles`` on the
    whole word), remembered."""
    if not _TITLE_WORDS or _TITLE_WORDS[0][0] is not rules:
        _TITLE_WORDS[:] = [(rules, {})]
    return remembered(_TITLE_WORDS[0][1], word, 50_000, _titled, rules, word)


def _titled(rules: Rules, word: str) -> bool:
    return rules.titles.fullmatch(_lower(word)) is not None


def _without_possessive(word: str) -> str:
    """``word`` without a final ``'s`` or ``'`` (what ``_POSSESSIVE.sub("", word)`` gives)."""
    if word.endswith(_GENITIVE):
        return word[:-2]
    if word.endswith(("'", "’")):
        return word[:-1]
    return word


def person_name(
    np: str, rules: Rules, registry_spans: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The character span of a personal name inside a descriptor, if it has one."""
    if not _two_capitals(np):
        return None
    for run in _capital_runs(np, registry_spans):
        found = _name_in_run(np, run, rules)
        if found is not None:
            return found
    return None


def _two_capitals(np: str) -> bool:
    """Whether at least two words are capitalised (a name needs them, or a title and one)."""
    capitals = 0
    for word in np.split():
        if word[0].isupper() or _particle_name(word):
            capitals += 1
            if capitals == 2:
                return True
    return False


#: A name made an adjective by a participle after a hyphen ("Dunedin-raised", "Oslo-based").
_ADJECTIVE_END = re.compile(
    r"-(?:" + "|".join(sorted(sorted(word_list("name_adjective_endings")), key=len, reverse=True))
    + r")$"
)


def _name_word(np: str, tok: re.Match[str], registry_spans: list[tuple[int, int]]) -> bool:
    """Whether a token may be part of a personal name (capitalised, not a function word, a
    registry name, a place or "X-based")."""
    word = tok.group()
    low = word.lower()
    start = tok.start()
    return (
        (word[0].isupper() or _particle_name(word))
        and low not in _FUNCTION
        and not (registry_spans and any(a <= start < b for a, b in registry_spans))
        and _ADJECTIVE_END.search(word) is None
        and _without_possessive(low) not in _PLACES
    )


#: The small words inside personal names ("Ursula von der Leyen", "Mohammed bin Salman").
_PARTICLES = word_list("name_particles")
#: A name word joined to its particle ("al-Sisi", "el-Sayed", "bin-Talal").
_JOINED_PARTICLE = re.compile(
    r"(?:" + "|".join(sorted(sorted(map(re.escape, _PARTICLES)), key=len, reverse=True))
    + r")-[A-Z][\w'’-]*"
)


def _particle_name(word: str) -> bool:
    """Whether a lower-case word is a name's particle joined to it ("al-Sisi")."""
    return _JOINED_PARTICLE.fullmatch(word) is not None


def _particle_before_name(np: str, tok: re.Match[str]) -> bool:
    """Whether a token is a name's particle followed by more of the name ("von der Leyen")."""
    if tok.group() not in _PARTICLES or np[tok.end() : tok.end() + 1] != " ":
        return False
    after = _TOKEN.match(np, tok.end() + 1)
    return after is not None and (after.group()[0].isupper() or after.group() in _PARTICLES)


def _capital_runs(
    np: str, registry_spans: list[tuple[int, int]]
) -> list[list[re.Match[str]]]:
    """Runs of adjacent name words (a possessive ends a run: "Kang's agent"); a name's
    particles between or before its capitalised words belong to it ("Ursula von der Leyen",
    "von der Leyen", "Mohammed bin Salman")."""
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for tok in _TOKEN.finditer(np):
        if _particle_before_name(np, tok) and (
                not current or not np[current[-1].end() : tok.start()].strip()):
            current.append(tok)  # a particle before more of the name
            continue
        capital = _name_word(np, tok, registry_spans)
        if capital and (not current or not np[current[-1].end() : tok.start()].strip()):
            current.append(tok)
            if tok.group().endswith(("'s", "’s")):
                current.pop()
                runs.append(current)
                current = []
            continue
        if current:
            runs.append(current)
        current = [tok] if capital else []
    if current:
        runs.append(current)
    return [run for run in runs if run]


def _name_in_run(np: str, run: list[re.Match[str]], rules: Rules) -> tuple[int, int] | None:
    """The personal name a run of capitalised words holds, after any title words."""
    after = np[run[-1].end() :].lstrip()
    if _AFTER_PREPOSITION.search(np, 0, run[0].start()):
        office = _TITLE_OF.search(np, 0, run[0].start())
        if len(run) < 3 or office is None or not is_title(rules, office.group(1)):
            return None  # "a spokesman for Downing Street": a place or a body, not the speaker
        # "Deputy Mayor of Communications Ana Ruiz", "Secretary of State Ana Ruiz": the
        # office's field, then the name of the office-holder
        run = run[-2:]
    if after and not _NAME_FOLLOWER.match(after):
        return None
    start = 0
    for i, tok in enumerate(run[:-1]):
        if is_title(rules, tok.group()):
            start = i + 1
        elif i + 2 < len(run) and is_title(rules, np[tok.start() : run[i + 1].end()]):
            start = i + 2  # a title of two words ("Crown Prince Omar bin Khalid")
    name = run[start:]
    if any(t.group().lower().rstrip(".") in rules.org_name_words for t in name):
        return None
    last = name[-1].group() if name else ""
    if last and is_title(rules, last) and all(
            t.group().lower() in _OFFICE_QUALIFIERS for t in name[:-1]):
        return None  # "Assistant Foreign Minister": an office in capitals, nobody's name
    if last and is_title(rules, last) and _OF_FIELD.match(after):
        return None  # "Harbourian Minister of Culture Ana Ruiz": the office, then the name
    if is_title(rules, last) and (last.endswith("s") or np[:4].lower() == "the " or (
        (after.startswith(",") or not after) and _ARTICLE_BEFORE.search(np, 0, run[0].start())
    ) or _NAME_AFTER_COMMA.match(after)):
        # "Conservative MPs": a group; "The Environment Minister, Tony Burke", "the
        # Business and Trade Secretary" and "Harbour's Human Rights Minister": an office,
        # not a name; "Harbour CEO, Bill Sweeney": the office, then its holder's name
        return None
    if name and _office_words(np[name[0].start() : name[-1].end()], rules):
        return None  # "Special Assistant", "Press Officer": an office in capitals, no name
    if len(name) >= 2 or (start > 0 and name):
        return name[0].start(), name[-1].end()
    return None


#: "of" and a capitalised field after a title ("Minister of Culture ...").
_OF_FIELD = re.compile(r"of\s+(?:the\s+)?[A-Z]")


#: The roles whose words, capitalised, are an office rather than a name.
_OFFICE_ROLE_NAMES = frozenset({"title", "role", "agent"})


def _office_words(words: str, rules: Rules) -> bool:
    """Whether ``words`` are, as a whole, the words of an office (a title, a role or an
    agent of the lexicon: "Special Assistant", "Press Officer")."""
    match = rules.descriptor_scan.fullmatch(_lower(words))
    return match is not None and rules.descriptor_by_group[
        match.lastgroup or ""].role in _OFFICE_ROLE_NAMES


_CACHE: dict[int, tuple[Registry, dict[tuple[str, str | None], Descriptor | None]]] = {}
_CACHE_LIMIT = 50_000


def clear_descriptor_cache() -> None:
    """Forget every cached descriptor (the state of a fresh process)."""
    _CACHE.clear()
    _TITLE_WORDS.clear()


def classify(
    np: str,
    rules: Rules,
    registry: Registry,
    outlet: Source | None,
    lookup: NameLookup | None = None,
) -> Descriptor | None:
    """The speaker a descriptor names, or None when the words name no speaker.

    ``lookup`` tells what a bare name ("Bae", "Daejin") was introduced as earlier in the
    article; everything else depends on the words alone and is cached.
    """
    text = np.strip(" ,.;:\"“”'‘’")
    if not text or len(text) > 240:
        return None
    if outlet is not None and outlet.id.startswith(UNREGISTERED) and _names_outlet(text, outlet):
        # the publisher the registry does not know, by its own name ("The Argus understands")
        return Descriptor(NONE, "spk.self_reference", person=False, how="self_reference")
    held = _CACHE.get(id(registry))
    if held is None or held[0] is not registry:
        held = (registry, {})
        _CACHE[id(registry)] = held
    desc = remembered(held[1], (text, outlet.id if outlet is not None else None), _CACHE_LIMIT,
                      _classify, text, rules, registry, outlet)
    if desc is None or lookup is None or not desc.names:
        return desc
    if desc.bare or desc.how in LOOKUP_HOWS:
        known = lookup(desc.names)
        if known is not None and known.how == "evidence" and desc.how not in LOOKUP_HOWS:
            known = None  # the article's evidence is for names nothing describes
        if known is not None:
            return Descriptor(known.kind, known.rule, desc.person or known.person, desc.names,
                              how=known.how, evidence=known.evidence, reason=known.reason)
    return desc


#: The id prefix of a publishing outlet the registry does not know (``publisher``).
UNREGISTERED = "unregistered:"
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


def _names_outlet(text: str, outlet: Source) -> bool:
    """Whether the words are the outlet's name (with or without "the"), alone or before
    lower-case words the descriptor ran on into ("Post-Courier Online to clarify ...")."""
    words = _LEADING_THE.sub("", _without_possessive(text))
    for name in outlet.names:
        name = _LEADING_THE.sub("", name)
        if words.lower().startswith(name.lower()):
            rest = words[len(name) :]
            if not rest or (rest[0] == " " and rest[1:2].islower()):
                return True
    return False


_NAME_TOKEN = re.compile(r"[^\s,;:()\"“”]+")
#: The characters ``_NAME_TOKEN`` stops at (besides white space), as spaces.
_NAME_GAPS = str.maketrans(",;:()\"“”", "        ")
#: Registry names by first word: (words, source, exact spelling for acronyms, the positions of
#: a news name's capitalised words, which the text must capitalise too: "The Information").
_Entry = tuple[tuple[str, ...], Source, str, tuple[int, ...]]
_Index = dict[str, list[_Entry]]
#: The index regrouped: by first word, the name lengths (longest first) and the entries of
#: each full word sequence (in index order), so a text's words are looked up, not compared.
_Grouped = dict[str, tuple[tuple[int, ...], dict[tuple[str, ...], list[_Entry]]]]
_INDEXES: dict[int, tuple[Registry, _Index, frozenset[str], _Grouped]] = {}


def _token_key(token: str) -> str:
    key = token.replace("’", "'").rstrip(".").lower()
    if key.endswith("'s"):  # "CNN's State of the Union"
        return key[:-2]
    return key[:-1] if key.endswith("s'") else key  # "Reuters' sources"


def _grouped_index(registry: Registry) -> tuple[_Grouped, frozenset[str]]:
    """The registry's names grouped for lookups (see ``_Grouped``), and the last word of
    every name (a text holding none of them names nobody)."""
    held = _INDEXES.get(id(registry))
    if held is None or held[0] is not registry:
        held = _build_index(registry)
    return held[3], held[2]


def _build_index(registry: Registry) -> tuple[Registry, _Index, frozenset[str], _Grouped]:
    """Registry names by their first word: (words, source, exact spelling for acronyms, the
    capitalised words of a media name), longest first; the last words; the grouped form."""
    index: _Index = {}
    for source in registry:
        for name in source.names:
            words = tuple(_token_key(w) for w in _NAME_TOKEN.findall(name))
            if not words:
                continue
            compact = name.replace(".", "")
            exact = name if len(name) <= 5 and compact.isupper() else ""
            cased: tuple[int, ...] = ()
            if source.is_media:
                spelled = _NAME_TOKEN.findall(name)
                cased = tuple(
                    i for i, w in enumerate(spelled) if w[0].isupper() and (i or words[0] != "the")
                )
            index.setdefault(words[0], []).append((words, source, exact, cased))
    for entries in index.values():
        entries.sort(key=lambda e: len(e[0]), reverse=True)
    lasts = frozenset(words[-1] for entries in index.values() for words, _, _, _ in entries)
    grouped: _Grouped = {}
    for first, entries in index.items():
        by_words: dict[tuple[str, ...], list[_Entry]] = {}
        for entry in entries:
            by_words.setdefault(entry[0], []).append(entry)
        lengths = tuple(sorted({len(words) for words in by_words}, reverse=True))
        grouped[first] = (lengths, by_words)
    held = (registry, index, lasts, grouped)
    _INDEXES[id(registry)] = held
    return held


def find_names(registry: Registry, text: str) -> list[tuple[Source, int, int]]:
    """Every registry name in ``text`` (longest first, left to right), word by word."""
    grouped, lasts = _grouped_index(registry)
    if text.isascii():  # a cheap test first: does any word end a registry name?
        for word in text.translate(_NAME_GAPS).lower().split():
            # (the key a name's last word is looked up by: "ESPN's Brett McMurphy")
            if _token_key(word) in lasts:
                break
        else:
            return []
    tokens = list(_NAME_TOKEN.finditer(text))
    keys = [_token_key(t.group()) for t in tokens]
    found: list[tuple[Source, int, int]] = []
    i = 0
    count = len(tokens)
    while i < count:
        group = grouped.get(keys[i])
        if group is not None:
            i += _name_at(text, tokens, keys, i, group, found)
        i += 1
    return found


def _name_at(
    text: str,
    tokens: list[re.Match[str]],
    keys: list[str],
    i: int,
    group: tuple[tuple[int, ...], dict[tuple[str, ...], list[_Entry]]],
    found: list[tuple[Source, int, int]],
) -> int:
    """The longest registry name starting at token ``i``, appended to ``found``; how many
    more tokens it covers (0 when there is none)."""
    lengths, by_words = group
    count = len(tokens)
    for n in lengths:
        if i + n > count:
            continue
        for words, source, exact, cased in by_words.get(tuple(keys[i : i + n]), ()):
            if exact and _token_text(tokens[i].group()) != exact.rstrip("."):
                continue
            if cased and not _cased(tokens, i, n, cased, words[0] == "the"):
                continue
            end = tokens[i + n - 1].end()
            if text[end - 1] == "." and not words[-1].endswith(".") and n and "." not in words[-1]:
                end -= 1
            found.append((source, tokens[i].start(), end))
            return n - 1
    return 0


def _token_text(token: str) -> str:
    """A token as spelled, without a final full stop, comma or possessive ("CNN's")."""
    token = token.rstrip(".,")
    return token[:-2] if token.endswith(("'s", "’s")) else token


def _cased(tokens: list[re.Match[str]], i: int, n: int, cased: tuple[int, ...], the: bool) -> bool:
    """Whether a news name is spelled as a name: its capitals kept, and "The X" not the start
    of a longer name ("the Information Commissioner's Office")."""
    if any(not tokens[i + k].group()[0].isupper() for k in cased):
        return False
    if the and n == 2 and i + n < len(tokens):
        return not tokens[i + n].group()[0].isupper()
    return True


class _Hits:
    """The descriptor word classes found in lower-cased words: spans and rule by role."""

    __slots__ = ("at", "owners", "rules", "spans")

    def __init__(self, rules: Rules, lower: str) -> None:
        self.spans: dict[str, list[tuple[int, int]]] = {}
        self.rules: dict[str, DescriptorRule] = {}
        #: each hit's span and its own rule, for the rules that declare an ``owned`` or a
        #: ``speaks_for`` kind (two rules share a role: "family" and "attorney" are both the
        #: expert role's)
        self.owners: list[tuple[int, int, DescriptorRule]] = []
        #: the rule of each span found
        self.at: dict[tuple[int, int], DescriptorRule] = {}
        for match in rules.descriptor_scan.finditer(lower):
            rule = rules.descriptor_by_group[match.lastgroup or ""]
            self.at[match.span()] = rule
            self.spans.setdefault(rule.role, []).append(match.span())
            self.rules.setdefault(rule.role, rule)
            if rule.owned is not None or rule.speaks_for is not None or (
                    rule.surnamed is not None or rule.party_before is not None):
                self.owners.append((match.start(), match.end(), rule))

    def __contains__(self, role: str) -> bool:
        return role in self.spans

    def get(self, role: str) -> list[tuple[int, int]]:
        return self.spans.get(role, [])

    def desc(self, role: str, kind: str | None = None, *, person: bool,
             names: tuple[str, ...] = ()) -> Descriptor:
        """A descriptor found by the rule of ``role`` (its ``speaker`` unless ``kind``)."""
        rule = self.rules[role]
        return Descriptor(kind or rule.speaker, rule.id, person=person, names=names, how=role)


def _carried(text: str, lower: str, rules: Rules) -> Descriptor | None:
    """A pronoun ("he") or a back-reference ("the official"): an earlier speaker's words."""
    if len(text) >= 60:
        return None
    if rules.carried["pronoun"].fullmatch(lower):
        rule = rules.descriptors["pronoun"][0]
        if lower in rule.narrator:  # a frame outside quotes: the writer's or publisher's voice
            return Descriptor(NONE, rule.id, person=False, head=lower, how="narrator")
        return Descriptor(CARRIED, rule.id, person=lower in ("he", "she"), head=lower,
                          how="pronoun")
    if rules.carried["backref"].fullmatch(lower) and not rules.media_name.fullmatch(text):
        # (a news organisation's capitalised name is no back-reference: "the Post" a
        # newspaper, "the post" a document)
        rule = rules.descriptors["backref"][0]
        # (the whole phrase: its words before the noun may name whose it is, "the FO
        # spokesperson"; Memory.backref reads the noun at its end)
        return Descriptor(CARRIED, rule.id, person=False, head=lower, how="backref")
    if _EPITHET.fullmatch(lower):  # "the star", "the 19-year-old": the person spoken of
        rule = rules.descriptors["backref"][0]
        head = _epithet_head(lower)
        # an office's word ("the North Harbour MP") stands for an office-holder named
        # before, not for whoever was named last
        office = rules.descriptor_scan.fullmatch(head)
        person = office is None or rules.descriptor_by_group[
            office.lastgroup or ""].speaker not in OFFICE_KINDS
        return Descriptor(CARRIED, rule.id, person=person, head=head, how="backref")
    return None


#: A person named earlier, by what the article calls them ("the Argentine superstar").
PERSON_EPITHETS = word_list("person_epithets")
_EPITHET = re.compile(
    r"(?:the|this|that)\s+(?:[\w'’-]+\s+){0,2}?(?:\d+-)?(?:"
    + "|".join(sorted(sorted(map(re.escape, PERSON_EPITHETS)), key=len, reverse=True)) + r")"
)


def _epithet_head(lower: str) -> str:
    """The epithet noun of a descriptor ("year-old" of "the 19-year-old")."""
    last = lower.split()[-1]
    return next((w for w in PERSON_EPITHETS if last.endswith(w)), last)


#: A run of opening words before a capitalised word ("Yesterday Mr Robinson", "On Monday
#: Tom Vale"): they are no part of the name that follows (``name_opening_words``).
OPENING = _OPENING = re.compile(
    r"(?i:(?:" + "|".join(sorted(sorted(word_list("name_opening_words")), key=len, reverse=True))
    + r"),?\s+)+(?=[A-Z])"
)


#: A short run of capitals (initials, or an acronym the registry knows: "RT", "AP"), the
#: capitalised word just before it and the one just after it: a personal name's middle
#: initials ("Andrew RT Davies"), not the news organisation of that acronym.
_INITIALS = re.compile(r"[A-Z]{1,3}")
_NAME_BEFORE_INITIALS = re.compile(r"(?<![\w'’.-])[A-Z][a-z][\w'’-]*[ \t]+$")
_BETWEEN_NAMES = re.compile(r"[ \t]+[A-Z][a-z]")
#: ", who became", ", who is": a relative clause that gives the name an office it holds now.
_OFFICE_CLAUSE = re.compile(
    r",?\s+who\s+(?:" + "|".join(sorted(sorted(w.replace(" ", r"\s+") for w in word_list(
        "office_clause_verbs")), key=len, reverse=True)) + r")\s+(?:also\s+|now\s+)?",
    re.IGNORECASE)
#: A capitalised name, then the past-tense verb of the clause it heads (the frame's source
#: ran on past the name: "Gelsinger also addressed the departures of executives"): group 1
#: is the name. Words of ``clause_adverbs`` may stand between; the verb is lower-case and
#: no ``name_adjective_endings`` word ("Catalan based outlet SPORT") nor an ``office_verbs``
#: one ("Tom Vale elected mayor in 2019": the office says what he is).
_NAME_THEN_CLAUSE = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s+(?:(?:"
    + "|".join(sorted(sorted(word_list("clause_adverbs")), key=len, reverse=True))
    + r")\s+)*(?:(?!(?:" + "|".join(sorted(sorted(
        word_list("name_adjective_endings") | word_list("office_verbs")), key=len, reverse=True))
    + r")\b)[a-z][a-z-]+ed|"
    + "|".join(sorted(sorted(word_list("clause_past_verbs")), key=len, reverse=True))
    + r")\s+\S")
#: The kinds of an office's words: held by a name, the office-holder's.
OFFICE_KINDS = frozenset({"official", "unnamed_official"})
#: A party's tag in capitals after a name and a comma or a bracket, ending the source ("Ana
#: Ruiz, SNP", "Tom Vale (R-Texas)"): the party the member sits for (party_tag_not: not one)
_PARTY_TAG = re.compile(
    r"(.+?)(?:,\s*|\s*\()([A-Z]{2,6}|[DRI]-[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)\)?$")
_PARTY_TAG_NOT = word_list("party_tag_not")


def _classify(
    text: str, rules: Rules, registry: Registry, outlet: Source | None, *, runs_on: bool = True
) -> Descriptor | None:
    """The speaker a descriptor's words name (``classify`` without its cache and lookup): the
    first of these readings that decides. ``runs_on``: the words may run on past a name into
    the clause it heads."""
    opening = _OPENING.match(text)
    if opening is not None:
        text = text[opening.end() :]
    tagged = _party_tagged(text, rules, registry, outlet)
    if tagged is not None:
        return tagged
    if runs_on and (head := _name_running_on(text, rules, registry, outlet)) is not None:
        # the name decides, not the clause's words; words that name no speaker as a
        # whole still name none (the frame then takes the name alone as its source)
        whole = _classify(text, rules, registry, outlet, runs_on=False)
        return None if whole is None else head
    cut = _HEAD_CUT.search(text)
    if cut and cut.start() > 0:
        head = _head_and_clause(text, cut.start(), rules, registry, outlet)
        if head is not None:
            return head
    lower = _lower(text)
    carried = _carried(text, lower, rules)
    if carried is not None:
        return carried
    author = _authored(text, rules, registry, outlet)
    if author is not None:
        return author
    return _named_or_described(text, lower, rules, registry, outlet)


def _party_tagged(
    text: str, rules: Rules, registry: Registry, outlet: Source | None
) -> Descriptor | None:
    """A person's name, then the tag of the party the member sits for ("Ana Ruiz, SNP", "Tom
    Vale (R-Texas)"): the party's member, whatever else the article says of the name; None
    when the words are no such name and tag."""
    tagged = _PARTY_TAG.fullmatch(text)
    if tagged is None or tagged.group(2).lower() in _PARTY_TAG_NOT:
        return None
    head = _classify(tagged.group(1), rules, registry, outlet)
    tag = rules.names.get("party_tag")
    if head is None or head.how != "person" or tag is None:
        return None
    return Descriptor(tag.speaker, tag.id, True, head.names, how="party_tag", reason=tag.reason)


def _name_running_on(
    text: str, rules: Rules, registry: Registry, outlet: Source | None
) -> Descriptor | None:
    """The descriptor of a capitalised name the words run on past, into the clause it heads
    ("Gelsinger also addressed the departures of executives"), when that name decides: one
    looked up in the article, or one with names that is more than a bare name."""
    named = _NAME_THEN_CLAUSE.match(text)
    if named is None:
        return None
    head = _classify(named.group(1), rules, registry, outlet)
    if head is not None and (head.how in LOOKUP_HOWS or (head.names and not head.bare)):
        return head
    return None


def _head_and_clause(
    text: str, at: int, rules: Rules, registry: Registry, outlet: Source | None
) -> Descriptor | None:
    """The words before the clause that opens at ``at`` ("Julie Thomas, who runs the
    centre"), with what the clause says of them; None when those words name no one."""
    head = _classify(text[:at], rules, registry, outlet)
    if head is None:
        return None
    runs = _runs(text, at, rules)
    if runs is not None and head.person and head.names:
        # "Youth worker Julie Thomas, who runs the centre": the office the clause says
        # the name holds decides, whatever the words before the name said
        return Descriptor(runs.with_name or runs.speaker, runs.id, True, head.names,
                          how=runs.role)
    if head.how in LOOKUP_HOWS:
        said = _clause_says(text, at, head.names, rules, registry, outlet)
        if said is not None:
            return said
    return head


def _clause_says(
    text: str,
    at: int,
    names: tuple[str, ...],
    rules: Rules,
    registry: Registry,
    outlet: Source | None,
) -> Descriptor | None:
    """What the clause at ``at`` says a name nothing describes is ("Ana Roe, 72, who lives
    across the street"): an expert's word, or the office the clause gives ("Tom Vale, who
    became the MP after ..."); None when it says neither."""
    clause = _Hits(rules, _lower(text[at:]))
    if "expert" in clause:
        rule = clause.rules["expert"]
        return Descriptor(rule.with_name or rule.speaker, rule.id, True, names, how="expert")
    held = _OFFICE_CLAUSE.match(text, at)
    if held is None:
        return None
    office = _classify(text[held.end() :], rules, registry, outlet)
    if office is not None and office.kind in OFFICE_KINDS and office.how in _OFFICE_ROLES:
        return Descriptor("official", office.rule, True, names, how=office.how)
    return None


def _authored(
    text: str, rules: Rules, registry: Registry, outlet: Source | None
) -> Descriptor | None:
    """A work and its author ("a report by a senior analyst"): the author's kind, a study's
    for a poll by a proper name ("a survey by Harbour Research Pulse"); None when the words
    name no work, only places ("reports from the UK" name no author), or no speaker."""
    work = _AUTHORED.match(text)
    if work is None or _only_places(work.group(1)):
        return None
    author = _classify(work.group(1), rules, registry, outlet)
    if author is None:
        return None
    if author.how == "proper_name" and _POLL.match(text):
        rule = rules.descriptors["study"][0]
        return Descriptor(rule.with_name or rule.speaker, rule.id, False, author.names,
                          how="study")
    return author if author.kind not in (CARRIED, NONE) else None


def _self_reference() -> Descriptor:
    """The publishing outlet itself ("The Post said"): no source."""
    return Descriptor(NONE, "spk.self_reference", person=False, how="self_reference")


def _named_or_described(
    text: str, lower: str, rules: Rules, registry: Registry, outlet: Source | None
) -> Descriptor | None:
    """The speaker of words that are no clause, work or back-reference: an insider, the
    outlet itself, a news organisation (by the registry, its words or its name), a name or
    the descriptor's words."""
    hits = _Hits(rules, lower)
    found = _registry_names(registry, text)
    if "source" in hits and not all(  # "Business Insider" is no insider
            any(a <= start < b for _, a, b in found) for start, _ in hits.get("source")):
        return hits.desc("source", person=True)
    if rules.gates.self_reference.admits(lower) and rules.self_reference.search(lower):
        return _self_reference()
    news = _first_news_organisation(text, rules, found)
    if news is not None:
        if outlet is not None and news.id == outlet.id:
            if not _journalist(text, rules, found):
                return _self_reference()
            # the publisher's own journalist by name ("The Post's Ana Ruiz explained"): a
            # journalist speaking, read as if the registry did not know the outlet (its
            # name's words still say it is news)
            found = [hit for hit in found if hit[0].id != outlet.id]
        elif not _speaks_for_outlet(text, rules, found, hits):
            # (one that does: "Guardian editor Alan Rusbridger", the outlet's office-holder)
            journalist = _journalist(text, rules, found)
            return Descriptor("media", "spk.registry", person=bool(journalist),
                              names=journalist or (news.id,), how="registry")
    media = _media_words(text, rules, found, hits)
    if media is not None:
        return media
    return _by_name_or_words(text, rules, found, hits)


def _registry_names(registry: Registry, text: str) -> list[tuple[Source, int, int]]:
    """The registry's names in the words, and where; not capitals between a given name and a
    surname ("Andrew RT Davies": initials)."""
    if not _MAYBE_NAME.search(text):
        return []
    return [hit for hit in find_names(registry, text)
            if not _INITIALS.fullmatch(text, hit[1], hit[2])
            or not _BETWEEN_NAMES.match(text, hit[2])
            or not _NAME_BEFORE_INITIALS.search(text, 0, hit[1])]


def _first_news_organisation(
    text: str, rules: Rules, found: list[tuple[Source, int, int]]
) -> Source | None:
    """The first news organisation among the registry's names that is no part of a personal
    name (an acronym as middle initials, a surname after a title: "Mayor Michael
    Bloomberg")."""
    return next((source for source, start, end in found
                 if source.is_media and not _inside_personal_name(text, start, end)
                 and not _titled_name(text, rules, start)), None)


def _media_words(
    text: str, rules: Rules, found: list[tuple[Source, int, int]], hits: _Hits
) -> Descriptor | None:
    """A news organisation by its words ("the newspaper", "BBC presenter Ana Ruiz": its
    journalist) or by a media name the registry does not know; None when there is none."""
    if "media" in hits and not _bodys_work(text, hits):
        journalist = _journalist(text, rules, found)
        if journalist:
            return hits.desc("media", person=True, names=journalist)
        return hits.desc("media", person=False)
    if rules.gates.media_name.search(text) and (named := rules.media_name.search(text)) and (
            not _office_after(named.end(), hits)):
        rule = rules.descriptors["media"][0]
        journalist = _journalist(text, rules, found)
        return Descriptor(rule.speaker, rule.id, person=bool(journalist), names=journalist,
                          how="media")
    return None


def _by_name_or_words(
    text: str, rules: Rules, found: list[tuple[Source, int, int]], hits: _Hits
) -> Descriptor | None:
    """The kind the descriptor's words give (``_by_words``); for a bare name ("Bae", "Ana
    Ruiz" with nothing before it), marked bare with its words as the names a later lookup
    reads, the name rule's fallback kind when no words give one."""
    words = tuple([w for w in _TOKEN.findall(text)
                   if w.lower() not in _FUNCTION and _ADJECTIVE_END.search(w) is None])
    if text in words and text.lower() in _LONE_NON_NAMES and text[0].isupper():
        return None  # "Recently", "Anyone": an adverb or a pronoun alone names nobody
    bare = not found and _bare_name(words)
    desc = _by_words(text, rules, found, hits)
    if bare and desc is not None:
        return Descriptor(desc.kind, desc.rule, desc.person, words, desc.head, bare=True,
                          how=desc.how, reason=desc.reason)
    if bare:
        name_rule = rules.names["proper_name"]
        return Descriptor(name_rule.speaker, name_rule.id, person=False, names=words, bare=True,
                          how="proper_name", reason=name_rule.reason)
    return desc


def _bare_name(words: tuple[str, ...]) -> bool:
    """Whether one to three words are a name alone: capitalised or name particles, the last
    capitalised or a particle name."""
    return 0 < len(words) <= 3 and (
        words[-1][0].isupper() or _particle_name(words[-1])) and all(
        w[0].isupper() or w in _PARTICLES or _particle_name(w) for w in words)


def _office_after(end: int, hits: _Hits) -> bool:
    """Whether an office's word follows right after a news organisation's name-word, which
    is then its holder's affiliation ("Local Independent councillor Ana Ruiz")."""
    return any(start in (end, end + 1) for role in _OFFICE_ROLES for start, _ in hits.get(role))


#: A short capitalised acronym between two capitalised words: a middle name or initials
#: ("Andrew RT Davies"), not a news organisation's name.
_MIDDLE = re.compile(r"[A-Z]{1,3}")
_NAME_BEFORE_WORD = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]*\s+$")
_NAME_AFTER_WORD = re.compile(r"\s+[A-Z][a-z][\w'’-]*")


def _inside_personal_name(text: str, start: int, end: int) -> bool:
    """Whether a registry name found at ``text[start:end]`` is a short acronym inside a
    personal name ("Andrew RT Davies": the registry's "RT" is his middle initials)."""
    return (_MIDDLE.fullmatch(text, start, end) is not None
            and _NAME_BEFORE_WORD.search(text, max(0, start - 30), start) is not None
            and _NAME_AFTER_WORD.match(text, end) is not None
            and text[max(0, start - 30) : start].split()[-1].lower() not in _FUNCTION)


#: The words right before a name: a title word and up to two given names ("Mayor Michael ").
#: (a comma may set the name off: "Vice-President, Ana Sky Ruiz").
_TITLE_AND_GIVEN = re.compile(
    r"(?<![\w'’.-])([A-Z][\w.-]*),?[ \t]+(?:[A-Z][\w'’-]*\.?[ \t]+){0,2}$")


def _titled_name(text: str, rules: Rules, start: int) -> bool:
    """Whether a registry name found at ``text[start:]`` is a person's surname after their
    title ("Mayor Michael Bloomberg", "Senator Tom Fox"), or a middle name after it ("Vice
    President, Ana Sky Ruiz"): the person, not the news organisation of that name."""
    before = _TITLE_AND_GIVEN.search(text, max(0, start - 60), start)
    return before is not None and is_title(rules, before.group(1))


def _journalist(
    text: str, rules: Rules, found: list[tuple[Source, int, int]]
) -> tuple[str, ...]:
    """The personal name in a news organisation's descriptor ("BBC presenter Ana Ruiz"): its
    journalist, a person a later "Ruiz" or "she" refers to; () when it names none."""
    name = person_name(text, rules, [(a, b) for _, a, b in found])
    return tuple(_TOKEN.findall(text[name[0] : name[1]])) if name is not None else ()


def _by_words(
    text: str,
    rules: Rules,
    found: list[tuple[Source, int, int]],
    hits: _Hits,
) -> Descriptor | None:
    registry_spans = [(a, b) for _, a, b in found]
    name = person_name(text, rules, registry_spans) or _lone_name(text, registry_spans, hits)
    if "study" in hits and name is None and not any(  # "the U.S. Geological Survey"
        a <= hits.get("study")[0][0] < b for _, a, b in found
    ):
        return _study(text, hits)
    if name is not None:
        owned = _owned(text, rules, hits)
        if owned is None:
            return _person(text, rules, name, found, hits)
        start = next((a for a, end, r in hits.owners if r.id == owned.rule and end <= name[0]
                      and not (r.owned_of and _OF_NAMED.match(text, end))), None)
        if start is not None:
            # "his daughter Lena Vale", "her lawyer, Ana Ruiz": the name after the owned word
            # is the speaker's, so a later "Lena" or "Ruiz" is the same party's voice; but not
            # a surname the owner was named by ("Vale's father, Jim Vale": a later "Vale" is
            # the owner)
            words = tuple(_TOKEN.findall(text[name[0] : name[1]]))
            owner = _OWNED.search(text[:start])
            if owner is not None and owner.group(1):
                # (a family name may come first: "Kang's father, Kang Myung-soo")
                family = _without_possessive(owner.group(1)).lower()
                words = tuple(w for w in words if w.lower() != family) or words
            return replace(owned, names=words)
        apposed = next((m for a, _, r in hits.owners if r.id == owned.rule
                        and (m := _APPOSED_OWNER.fullmatch(text, name[1], a)) is not None), None)
        if apposed is not None:
            # "Tom Vale, Ana Ruiz' spokesman": the name is the speaker the appositive after it
            # describes, so a later "Vale" is the same party's voice; not a surname the owner
            # shares ("Lena Vale, Tom Vale's daughter": a later "Vale" is the owner) (session 28)
            family = _without_possessive(apposed.group(1)).lower()
            words = tuple(_TOKEN.findall(text[name[0] : name[1]]))
            return replace(owned, names=tuple(w for w in words if w.lower() != family) or words)
        return owned
    if "group" in hits and not all(_inside_name(text, a) for a, _ in hits.get("group")):
        # (a group word inside a proper name is part of it: "the Harbour Fans' Association")
        return hits.desc("group", person=True)
    return _no_name(text, rules, found, hits)


#: One capitalised word set off by a comma before an appositive that opens with an article,
#: a possessive or a lower-case word ("Roe, head of the party", "Roe, a lawyer").
_LONE_NAME = re.compile(r"([A-Z][\w'’-]+),\s+(?=(?:a|an|the|his|her|[A-Z][\w.-]*['’]s)\s|[a-z])")


def _lone_name(
    text: str, registry_spans: list[tuple[int, int]], hits: _Hits
) -> tuple[int, int] | None:
    """A surname alone before an appositive that says what its bearer is ("Liberman, head
    of the Harbour party", "Roe, a lawyer", "Roe, an Obama supporter"): a person's name, so
    the appositive's words give its kind as they give a full name's; None for a place, a
    registry name or a common word opening the text, or when neither a role, title or trade
    word nor an indefinite description of one person follows."""
    match = _LONE_NAME.match(text)
    if match is None:
        return None
    word = match.group(1)
    low = _without_possessive(word.lower())
    if (low in _FUNCTION or low in _PLACES or any(a < match.end(1) and match.start(1) < b
                                                  for a, b in registry_spans)):
        return None
    roles = ("title", "role", "agent", "expert")
    if not any(start >= match.end() for role in roles for start, _ in hits.get(role)) and (
            low in _NOT_A_NAME or _INDEFINITE_APPOSITIVE.match(text, match.end()) is None):
        return None
    return match.span(1)


#: Capitalised words opening a descriptor that are no name ("Tuesday, a day after ...").
_NOT_A_NAME = word_list("name_opening_words") | word_list("sentence_adverbs", FRAMES)
#: An appositive that describes one person with no role word ("Simmons, an Obama supporter",
#: "Roe, a longtime ally of the mayor"): the name before it is a person's, whose kind the
#: article's evidence (or the person rule's fallback) gives.
_INDEFINITE_APPOSITIVE = re.compile(r"an?\s+(?:[\w'’.-]+\s+){0,4}?[\w'’-]+(?:\s+of\s+.+)?$")


def _study(text: str, hits: _Hits) -> Descriptor:
    """One study ("a new study", "study suggests") or one with a name is a named piece of
    work; "previous studies" or "researchers" with no name are not."""
    a, b = hits.get("study")[0]
    # a name beside the study word ("an Ipsos poll", "Axios-Ipsos poll"), not the word itself
    proper = any(t.group()[0].isupper() and t.group().lower() not in _FUNCTION
                 and not _EARLIER.fullmatch(t.group().lower()) and t.group().lower() not in _NEW
                 and not a <= t.start() < b for t in _TOKEN.finditer(text))
    single = text[a:b].lower() in _ONE_WORK and not _EARLIER.match(_lower(text))
    rule = hits.rules["study"]
    kind = rule.speaker if proper or single else (rule.anonymous or rule.speaker)
    return hits.desc("study", kind, person=False)


def _bodys_work(text: str, hits: _Hits) -> bool:
    """Whether the news word is a piece of work a body before it made ("the 9/11 commission
    report", "the agency's report"): the body's, not the media's."""
    start, end = hits.get("media")[0]
    if _lower(text[start:end]).rstrip("s") not in _WORKS:
        return False
    return any(b <= start for role in ("institution", "organisation")
               for _, b in hits.get(role))


def _only_places(words: str) -> bool:
    """Whether words name nothing but places ("the UK", "South Korea")."""
    tokens = [t.lower() for t in _TOKEN.findall(words) if t.lower() not in _FUNCTION]
    return bool(tokens) and all(_without_possessive(t) in _PLACES for t in tokens)


#: A piece of work and its author ("a report by X", "a new study from X").
_AUTHORED = re.compile(
    r"(?:(?:a|an|the|its|their|this|that)\s+)?(?:[\w-]+\s+){0,3}?(?:"
    + "|".join(sorted(sorted(word_list("authored_works")), key=len, reverse=True))
    + r")s?\s+(?:by|from)\s+(\S.*)$",
    re.IGNORECASE,
)
#: A survey's or a poll's author that nothing describes is a polling firm or a research body
#: (guide 2: a polling firm or a university is named), not a body speaking as a party.
_POLL = re.compile(r"(?:[\w-]+\s+){0,4}?(?:survey|poll|opinion\s+poll|study)s?\s+(?:by|from)\s",
                   re.IGNORECASE)
#: The pieces of work a body makes ("report", "study"): a body's, when the body names it.
_WORKS = word_list("authored_works")
#: The word classes that may describe a named person, in the order they decide its kind
#: (the kind is the class rule's ``with_name``).
_PERSON_ROLES = ("organisation", "agent", "expert", "study", "title", "role", "institution")
#: "former", "ex-" and the like just before an office word (up to two words between).
FORMER = _FORMER = re.compile(
    r"\b(?:" + "|".join(sorted(sorted(word_list("former_words")), key=len, reverse=True))
    + r")[\])]?[\s-]+(?:[\w.'’-]+\s+){0,2}$",  # "[Former] king": an editor's brackets
    re.IGNORECASE,
)
#: Experts who work at a news organisation without reporting for it (its research arm).
_OUTLET_EXPERTS = word_list("outlet_experts")
#: The roles of an office-holder ("director of marketing", "spokesperson").
_OFFICE_ROLES = ("title", "role", "agent")


def _speaks_for_outlet(
    text: str, rules: Rules, found: list[tuple[Source, int, int]], hits: _Hits
) -> bool:
    """Whether a descriptor that names a news organisation names a person holding an office
    there ("The Daily Courier's editor Jane Roe": the outlet speaking as a party) or an
    expert working there ("Courier Intelligence analysts Jane Roe and Tom Vale": analysts,
    named), not one of its journalists ("Courier correspondent Jane Roe", media). One who
    speaks for it ("a spokesperson for the Daily Courier") is its own voice, named or not."""
    if "media" in hits:
        return False
    if "agent" in hits:
        return True
    experts = any(_lower(text[a:b]) in _OUTLET_EXPERTS for a, b in hits.get("expert"))
    if not (experts or any(role in hits for role in _OFFICE_ROLES)):
        return False
    return person_name(text, rules, [(a, b) for _, a, b in found]) is not None


#: A person's possessive just before a descriptor word ("her", "Roe's", "Contostavlos'").
_OWNED = re.compile(
    r"(?:\b(?:[Hh]is|[Hh]er|[Tt]heir)|\b([A-Z][\w.'’-]*?)(?:['’]s|(?<=s)['’])"
    # the person the article is about, by what they are ("the singer's rep")
    r"|\b[Tt]he\s+(?:[\w-]+\s+)?(?:"
    + "|".join(sorted(sorted(map(re.escape, word_list("person_epithets"))), key=len,
                      reverse=True))
    + r")['’]s)\s+(?:[\w-]+\s+)?$"
)


#: "for" and the party a spokesperson or a lawyer speaks for ("a spokesperson for the BBC",
#: "a lawyer for the family", "a spokesman for Ana Ruiz").
_FOR_PARTY = re.compile(r"\s+for\s+(?:(?:the|an?|its|his|her|their)\s+)?[\w'’&-]")


def _owned(
    text: str, rules: Rules, hits: _Hits, *, nameless: bool = False
) -> Descriptor | None:
    """A descriptor word that a person's possessive owns ("her lawyer", "Roe's team"), of a
    rule that declares the kind it then gives (``owned``); an office's ("the Prime Minister's
    spokesperson") is not a person's. Or one that says whom it speaks for ("a spokesperson
    for the BBC"), of a rule that declares ``speaks_for``; ``nameless`` (no personal name
    goes with the words): the rule's ``nameless`` kind there, when it declares one."""
    for start, end, rule in hits.owners:
        if not text[start].islower():  # "the Natto Producers' Association" is a name
            continue
        voice = rule.nameless if nameless and rule.nameless is not None else None
        if (rule.speaks_for is not None and _FOR_PARTY.match(text, end)
                and not any(a >= end for a, _ in hits.get("organisation"))):
            # (an independent body's spokesperson is that body's voice: its own kind decides,
            # "a spokeswoman for the Harbour Water Network" is named)
            return Descriptor(voice or rule.speaks_for, rule.id, person=True, how=rule.role)
        if rule.party_before is not None and _party_before(text, start, rules):
            # (a possessive owns the word as "her" does: "Ana Ruiz's representative" is the
            # party's own voice, named or not)
            if _possessive_before(text, start):
                voice = None
            return Descriptor(voice or rule.party_before, rule.id, person=True, how=rule.role)
        if rule.owned is None:
            continue
        owner = _OWNED.search(text[:start])
        if owner is not None and not (owner.group(1) and is_title(rules, owner.group(1))):
            return Descriptor(rule.owned, rule.id, person=True, how=rule.role)
        of = _OF_NAMED.match(text, end) if rule.owned_of else None
        if of is not None and not _INDEFINITE_BEFORE.search(text, 0, start):
            # "the youngest daughter of Tom Vale, Lena": owned as "Tom Vale's daughter" is
            # (a named owner, or the owner's office and name); the speaker's name, when
            # one follows the owner's after a comma, is the one later mentions stand for
            speaker = _APPOSED_NAME.match(text, of.end())
            names = tuple(_TOKEN.findall(speaker.group(1))) if speaker is not None else ()
            return Descriptor(rule.owned, rule.id, person=True, names=names, how=rule.role)
    return None


#: A comma and a person's possessive after a name, up to the owned word ("Tom Vale, Ana Ruiz'
#: spokesman", "Tom Vale, Ruiz's longtime aide"): an appositive describing that name.
_APPOSED_OWNER = re.compile(
    r",\s+(?:[A-Z][\w.'’-]*\s+){0,3}([A-Z][\w.'’-]*?)(?:['’]s|(?<=s)['’])\s+(?:[\w-]+\s+)?")


#: "of" and a named owner after a word of a party's voice: capitalised words, an office's
#: lower-case words allowed before them ("daughter of former Prime Minister Tom Vale",
#: "son of Tom Vale"), up to the end of the name.
_OF_NAMED = re.compile(
    r"\s+of\s+(?:the\s+)?(?:(?:late|former|then|ex-)\s+)?(?:[a-z][\w-]*\s+){0,2}?"
    r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*")
#: The speaker's own name set off after the owner's ("..., Lena Vale"), to the text's end.
_APPOSED_NAME = re.compile(r"\s*,\s*((?:[A-Z][\w.'’-]*)(?:\s+[A-Z“\"][\w.'’”\"-]*){0,3})\s*,?\s*$")


#: "for" and a party named or determined after a word of a party's voice ("the lawyer for
#: Ana Ruiz", "an attorney for the family"), not a span of time ("a lawyer for 20 years").
_FOR_NAMED_PARTY = re.compile(rf"\s+for\s+(?:{_DETERMINER}\s+|[A-Z])")
#: "a" or "an" right before a descriptor word: one of many, not the one of the story.
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|one)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


def party_voice(text: str, rules: Rules, rule_id: str) -> tuple[int, int] | None:
    """Where the article gives a word of the descriptor rule ``rule_id`` (one that declares
    an ``owned`` or a ``speaks_for`` kind: a lawyer, an agent) a party it speaks for ("the
    lawyer for Ana Ruiz", "an attorney for Tom Vale", "his lawyer"): the words from the
    owner to the descriptor word; None when it never does."""
    low = _lower(text)
    for match in rules.descriptor_scan.finditer(low):
        rule = rules.descriptor_by_group[match.lastgroup or ""]
        if rule.id != rule_id:
            continue
        start, end = match.span()
        if text[start].isupper() and start and text[start - 1] not in " \n\t\"“(":
            continue  # inside a capitalised name ("The Lawyer" a magazine's)
        party = _FOR_NAMED_PARTY.match(text, end)
        if party is not None:
            return start, _party_end(text, party.end())
        owner = _OWNED.search(text, max(0, start - 60), start)
        if owner is not None and not (owner.group(1) and is_title(rules, owner.group(1))):
            return owner.start(), end
    return None


#: A determiner right before a party's words ("for the family").
_DETERMINER_BEFORE = re.compile(rf"\b{_DETERMINER}\s+$", re.IGNORECASE)
#: Words that end a party's name after "for" ("... Porzingis on Sunday").
_NOT_PARTY = _FUNCTION | word_list("name_boundary_words") | word_list("name_opening_words")


def _party_end(text: str, at: int) -> int:
    """Where the party's name that starts at or just before ``at`` ends: its capitalised
    words and a lower-case word between two of them ("National Basketball Association
    player Kristaps Porzingis"), not the words after it ("on Sunday")."""
    end = at
    # after a determiner, its noun ("for the family", "for the singer")
    common = 1 if _DETERMINER_BEFORE.search(text, max(0, at - 8), at) else 0
    tokens = list(_TOKEN.finditer(text, at, min(len(text), at + 100)))
    for i, tok in enumerate(tokens):
        if text[end:tok.start()].strip():
            break  # a comma or a bracket ends it
        word = tok.group()
        following = tokens[i + 1].group() if i + 1 < len(tokens) else ""
        if word.lower() in _NOT_PARTY or not (
                word[0].isupper() or following[:1].isupper() or i < common):
            break
        end = tok.end()
    return end


def indefinite_before(text: str, start: int) -> bool:
    """Whether "a", "an" or "one" (and perhaps one word) stand right before ``start``."""
    return _INDEFINITE_BEFORE.search(text, max(0, start - 30), start) is not None


#: A proper name right before a descriptor word, perhaps with one lower-case word between
#: ("an Orrick spokeswoman", "a Harbour Dockers press officer", "a Vale campaign spokesman").
_NAME_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w&.'’-]*)\s+(?:[a-z][\w-]*\s+)?$")
#: Words that keep a descriptor anonymous whatever party it names ("an unnamed Orrick
#: spokeswoman").
_UNNAMED = re.compile(r"\b(?:unnamed|anonymous|unidentified)\b", re.IGNORECASE)


#: An indefinite article and a word that keeps a body anonymous ("an unidentified law firm").
_UNNAMED_BODY = re.compile(r"(?:an?|one)\s+(?:[\w-]+\s+)?(?:unnamed|anonymous|unidentified)\b",
                           re.IGNORECASE)


def _party_before(text: str, start: int, rules: Rules) -> bool:
    """Whether the proper name of a party stands right before the descriptor word at
    ``start`` ("An Orrick spokeswoman", "a BLM spokesperson"): a capitalised word that is no
    function word, no place ("a U.S. spokesman") and no descriptor word of its own capitalised
    at the head of a sentence ("Government spokesman: ..."), in a descriptor that does not
    call its speaker unnamed."""
    before = _NAME_BEFORE.search(text, 0, start)
    if before is None or _UNNAMED.search(text):
        return False
    word = _without_possessive(before.group(1).lower()).rstrip(".")
    return (word not in _FUNCTION and word not in _PLACES
            # (a possessive at a sentence's head owns the word: "Her representative said")
            and word not in _POSSESSIVE_DETERMINERS
            and before.group(1).lower() not in _PLACES
            and (rules.descriptor_scan.fullmatch(word) is None
                 # a body's word that ends a name of several capitalised words ("A Scottish
                 # Borders Council spokesperson", "a Post Office spokeswoman"); not an
                 # office's possessive ("the Prime Minister's official spokesperson")
                 or (_NAME_RUN_BEFORE.search(text, 0, before.start(1)) is not None
                     and _POSSESSIVE.search(before.group(1)) is None)))


def _possessive_before(text: str, start: int) -> bool:
    """Whether the name right before the descriptor word at ``start`` is a possessive
    ("Ana Ruiz's representative", "Acme's spokesman")."""
    before = _NAME_BEFORE.search(text, 0, start)
    return before is not None and _POSSESSIVE.search(before.group(1)) is not None


#: Possessive determiners ("her", "their"): an owner, never a party's name.
_POSSESSIVE_DETERMINERS = frozenset(word_list("possessive_determiners"))


#: A capitalised word (no article) right before another.
_NAME_RUN_BEFORE = re.compile(r"(?<![\w'’.-])(?!(?:A|An|The|One)\s)[A-Z][\w&.'’-]*\s+$")


#: A surname right before a descriptor word: a capitalised word, no possessive ("the Ogden
#: family", "the founding Ito family"; not "Ms Berg's family", not "The family").
_SURNAME_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w-]*)\s+$")


def _surnamed(text: str, hits: _Hits) -> Descriptor | None:
    """A descriptor word of a rule that declares ``surnamed`` right after a surname ("the
    Ogden family"): that rule's kind, the family by its name; None otherwise."""
    for start, _, rule in hits.owners:
        if rule.surnamed is None or not text[start].islower():
            continue
        before = _SURNAME_BEFORE.search(text, 0, start)
        if before is not None and before.group(1).lower() not in _FUNCTION:
            return Descriptor(rule.surnamed, rule.id, person=False, how=rule.role)
    return None


def _person(
    text: str,
    rules: Rules,
    name: tuple[int, int],
    found: list[tuple[Source, int, int]],
    hits: _Hits,
) -> Descriptor:
    names = tuple(_TOKEN.findall(text[name[0] : name[1]]))
    # an office at an independent body the registry knows ("Ipsos senior vice president X")
    # is that body's kind
    independent = next((source for source, _, _ in found if source.speaker == "named"), None)
    for role in _head_first(text, hits):
        if independent is not None and role in _OFFICE_ROLES and role in hits:
            return Descriptor("named", "spk.registry", person=True, names=names,
                              how="registry")
        outside = _outside(hits.get(role), name) if role in hits else []
        if role == "expert":
            # "Sycamore Partners Managing Director X": a body's name; "X, president of Local
            # 12 Smelter Workers": a trade word inside a body's name after the person's is
            # nobody's trade (a firm's word, "at Harbour Partners", still says the firm)
            outside = [h for h in outside if not _ends_body_name(text, rules, h)
                       and not (h[0] > name[1] and _inside_name(text, h[0])
                                and _lower(text[h[0] : h[1]]) not in rules.org_name_words)]
        if outside:
            rule = hits.rules[role]
            kind = rule.with_name
            if rule.former is not None and _FORMER.search(text, max(0, outside[0][0] - 24),
                                                          outside[0][0]):
                kind = rule.former  # "former director Jane Roe" holds no office now
            if kind is not None:
                return hits.desc(role, kind, person=True, names=names)
    for source, _, _ in found:
        return Descriptor(source.speaker, "spk.registry", person=True, names=names,
                          how="registry")
    if _THE_BEFORE.search(text, 0, name[0]) and names[0].lower().rstrip(".") not in _HONORIFICS:
        # "The Harbour Falcons", "the Arcade Lights": a name after "the" that no title
        # describes is no person's but a body's (a team, a band, a company)
        body = rules.names["proper_name"]
        return Descriptor(body.speaker, body.id, person=False, names=names, how="proper_name",
                          reason=body.reason)
    name_rule = rules.names["person"]
    return Descriptor(name_rule.speaker, name_rule.id, person=True, names=names, how="person",
                      reason=name_rule.reason)


#: "the" just before a name (nothing between): the name of a body, not of a person.
_THE_BEFORE = re.compile(r"(?:^|\s)[Tt]he\s+$")
#: Words that open a person's name after "the" ("the Rev. Ana Ruiz", "the Duke of ...").
_HONORIFICS = word_list("male_words") | word_list("female_words") | word_list("honorifics")


#: The trades of firms that watch or advise others from outside (``outside_trades``): an
#: office they qualify is no party's office.
_OUTSIDE_TRADE = re.compile("|".join(f"(?:{w})" for w in sorted(word_list("outside_trades"))))


#: What may stand between a body's word and the office it qualifies ("a hospital vice
#: president", "the club's head of recruitment"): words, no preposition, no comma.
_MODIFIER_GAP = re.compile(r"(?:['’]s)?\s+(?:(?!(?:of|at|for|from|with|in|by|to|and)\b)[\w-]+\s+)*")


def _head_first(text: str, hits: _Hits) -> tuple[str, ...]:
    """The roles in the order they decide a named person's kind: ``_PERSON_ROLES``, except
    that an office the body's word only qualifies ("a hospital vice president", "a club
    spokesman") is the head of the description and decides before the body."""
    bodies = [b for b in hits.get("organisation")
              if _OUTSIDE_TRADE.fullmatch(text[b[0] : b[1]].lower()) is None]
    if not bodies:
        return _PERSON_ROLES
    for role in _OFFICE_ROLES:
        for start, _ in hits.get(role):
            if any(_MODIFIER_GAP.fullmatch(text, end, start) for _, end in bodies if end <= start):
                return (role, *(r for r in _PERSON_ROLES if r != role))
    return _PERSON_ROLES


_GENITIVE = ("'s", "’s")
_OWNER = re.compile(r"\b[A-Z][\w'’-]*['’]s\s+(?:[a-z][\w-]*\s+)?$")
#: One piece of work that is a named one even without its author's name ("a new study");
#: an analysis nobody is named as making is anonymous (guide: "else unnamed").
_ONE_WORK = frozenset({"study", "survey", "paper"})
_NEW = frozenset({"new", "recent", "latest", "this", "that", "these", "those", "our", "its"})
_EARLIER = re.compile(r"(?:previous|earlier|other|some|many|several|past|older|prior)\b")


def _ends_body_name(text: str, rules: Rules, hit: tuple[int, int]) -> bool:
    """Whether a descriptor word is a word that ends a body's name, capitalised after another
    capitalised word, with the capitalised title run going on after it ("Sycamore Partners
    Managing Director Ana Ruiz"): the body qualifies the office, not the trade of the person
    ("a partner at", "head of strategy at Whitcombe Partners in Hong Kong": an outside firm's
    analyst, named)."""
    word = text[hit[0] : hit[1]]
    after = text[hit[1] :].lstrip()
    return (_lower(word) in rules.org_name_words and _inside_name(text, hit[0])
            and after[:1].isupper())


def _inside_name(text: str, start: int) -> bool:
    """Whether a capitalised word continues a proper name ("the Sudan Doctors Network")."""
    before = text[:start].split()
    return text[start].isupper() and bool(before) and before[-1][:1].isupper()


#: Words of a sentence that say its unnamed speaker spoke without a name (``anonymity_words``).
_ANONYMITY = re.compile(
    r"\b(?:" + "|".join(sorted(sorted(word_list("anonymity_words")), key=len, reverse=True))
    + r")\b", re.IGNORECASE)


def kept_anonymous(desc: Descriptor, rules: Rules, after: str) -> Descriptor:
    """A person no name describes (a spokesperson, a lawyer) whose rule declares an
    ``anonymous`` kind, when the words of its sentence ``after`` its own say it spoke only
    without a name ("who asked not to be named", "on condition of anonymity"): that kind;
    else ``desc`` unchanged."""
    if desc.names or not desc.person or _ANONYMITY.search(after) is None:
        return desc
    return _anonymous(desc, rules, "its sentence says it spoke without a name")


def _anonymous(desc: Descriptor, rules: Rules, reason: str = "") -> Descriptor:
    """``desc`` with its rule's ``anonymous`` kind, when the rule declares one and ``desc``
    still has the rule's own speaker kind; else ``desc`` unchanged."""
    rule = next((r for group in rules.descriptors.values() for r in group if r.id == desc.rule),
                None)
    if rule is None or rule.anonymous is None or desc.kind != rule.speaker:
        return desc
    return Descriptor(rule.anonymous, desc.rule, desc.person, desc.names, head=desc.head,
                      how=desc.how, reason=reason)


def _bare(text: str, hit: tuple[int, int]) -> bool:
    """Whether a descriptor holds no word but its descriptor word and function words ("a
    spokeswoman", "the spokesperson"): the voice of the party the article is about."""
    rest = text[: hit[0]] + " " + text[hit[1] :]
    return all(t.lower() in _FUNCTION for t in _TOKEN.findall(rest))


def with_modifiers(desc: Descriptor, rules: Rules, words: str) -> Descriptor:
    """The kind of a back-reference nobody stands for ("the police spokesman"), read from its
    head noun alone (``desc``): for a party's voice (role agent) that has words of its own
    before the head, the rule's ``anonymous`` kind, as those words would give it anywhere;
    else ``desc`` unchanged."""
    tokens = [t.lower() for t in _TOKEN.findall(words)]
    if desc.how != "agent" or all(t in _FUNCTION for t in tokens[:-1]):
        return desc
    return _anonymous(desc, rules)


#: A plural word of a party's voice ("representatives", "spokesmen", "spokespeople").
_PLURAL_VOICE = re.compile(r"(?:s|men|women|people)$", re.IGNORECASE)


def _no_name(
    text: str,
    rules: Rules,
    found: list[tuple[Source, int, int]],
    hits: _Hits,
) -> Descriptor | None:
    owned = _owned(text, rules, hits, nameless=True) or _surnamed(text, hits)
    if owned is not None:
        return owned
    role_hits = hits.get("role")
    agent = hits.get("agent")
    # a spokesperson with no name speaks like any anonymous office-holder
    role_name = "agent" if agent and (not role_hits or agent[0][0] < role_hits[0][0]) else "role"
    role = sorted(role_hits + agent)
    expert = hits.get("expert")
    # a title in the possessive modifies the head ("the prime minister's spokesperson")
    office = [h for h in hits.get("title") if text[h[1] : h[1] + 2] not in _GENITIVE]
    indefinite = bool(_INDEFINITE.match(text))
    if office and not indefinite and (not role or office[0][0] < role[0][0]):
        return hits.desc("title", person=True)
    if role and (not expert or role[0][0] <= expert[0][0]):
        rule = hits.rules[role_name]
        if rule.anonymous is not None and (
                _UNNAMED.search(text) or _PLURAL_VOICE.search(text[role[0][0] : role[0][1]])
                or not _bare(text, role[0])):
            # "an unnamed spokesman", "representatives of the group", "a company spokesman":
            # words that keep the party's voice anonymous, several of its people nobody
            # names, or a party named by a common noun only
            return hits.desc(role_name, rule.anonymous, person=True)
        return hits.desc(role_name, person=True)
    if expert:
        return _expert(text, expert[0], found, hits)
    if office:
        rule = hits.rules["title"]
        kind = (rule.anonymous or rule.speaker) if indefinite else rule.speaker
        return hits.desc("title", kind, person=True)
    # a registry name decides over the common nouns around or inside it ("the Centers for
    # Disease Control", "LSEG data", "ship-tracking data from MarineTraffic")
    for source, _, _ in found:
        return Descriptor(source.speaker, "spk.registry", person=False, names=(source.id,),
                          how="registry")
    # the body word that heads the phrase (the last one) decides: "the University Hospitals
    # Dorset trust" is a trust, "the Centre Party's parliamentary group" the party's
    bodies = [(hits.get(body)[-1][1], body) for body in ("organisation", "institution")
              if body in hits]
    if bodies:
        body = max(bodies)[1]
        head = hits.get(body)[-1]
        rule = hits.at[head]
        if _UNNAMED.match(text) or _UNNAMED_BODY.match(text):
            # "an unidentified law firm": a body the words keep anonymous (guide 2, unnamed)
            return Descriptor("unnamed", rule.id, person=False, how=body)
        if rule.indefinite is not None and _nameless_body(text):
            # "a cybersecurity firm": one body of its trade, nobody's name (rule.indefinite)
            return Descriptor(rule.indefinite, rule.id, person=False, how=body)
        if rule.anonymous is not None and not _publisher_named(text, hits, head):
            # "according to court documents", "the data": nothing says whose (spk.records)
            return Descriptor(rule.anonymous, rule.id, person=False, how=body)
        if hits.rules[body].anonymous is not None and rule.anonymous is None:
            # "documents filed at the Harbour Court": the body that heads them, not the records
            return Descriptor(rule.speaker, rule.id, person=False, how=body)
        return hits.desc(body, person=False)
    return None


#: A word naming the state as a record's publisher ("official statistics").
_RECORD_PUBLISHER = re.compile(
    r"\b(?:" + "|".join(sorted(sorted(word_list("record_publishers")), key=len, reverse=True))
    + r")\b", re.IGNORECASE)
#: A capitalised word not opening the words and not a place after its preposition ("based in
#: Oslo"): the name of a body ("a research firm, Harbour Data").
_BODY_NAME = re.compile(r"(?<!\bin\s)(?<!\bfrom\s)(?<!\bnear\s)(?<!\bat\s)(?<=\s)[A-Z]")


def _nameless_body(text: str) -> bool:
    """Whether a body's words open with an indefinite article and hold no name of it ("a
    cybersecurity firm", "a research group based in Oslo"; not "a research firm, Harbour
    Data")."""
    return bool(re.match(r"(?:an?|one)\s", text, re.IGNORECASE)) and not _BODY_NAME.search(text)


#: A capitalised word: a name, unless it only opens the words ("Leaked documents").
_CAPITALISED = re.compile(r"(?<![\w'’-])(?:[A-Z][\w'’&.-]*)")
#: A possessive ending: a capitalised first word that owns the work names its publisher.
_POSSESSIVE = re.compile(r"['’]s?$")
#: An owner before the work, by its noun ("the nobles' letter", "the firm's e-mail"): it names
#: its publisher (a possessive determiner does not: "his family" is nobody in particular).
_OWNER = re.compile(r"\w['’]s?\s")


def _publisher_named(text: str, hits: _Hits, head: tuple[int, int]) -> bool:
    """Whether words besides the work's own (``head``) say who published it: another body
    word ("police records", "government data"), a ``record_publishers`` word ("official
    statistics"), an owner ("the nobles' letter") or a capitalised name
    ("Harbour Bank data"; a capitalised first word only when it is all capitals, "ONS
    figures", or a possessive, "Acme's filing")."""
    if any(span != head for role in ("organisation", "institution") for span in hits.get(role)):
        return True
    if _RECORD_PUBLISHER.search(text, 0, head[0]) or _OWNER.search(text, 0, head[0]):
        return True
    for token in _CAPITALISED.finditer(text):
        if head[0] <= token.start() < head[1]:
            continue
        word = token.group()
        if token.start() > 0 or (len(word) > 1 and word.isupper()) or _POSSESSIVE.search(word):
            return True
    return False


#: "the" and a proper name of capitalised words right before a word ("The Tampa Harbour
#: Bucks quarterback"): the one person of that team, firm or place, as good as named.
_DEFINITE_PROPER = re.compile(r"(?:^|\s)[Tt]he\s+(?:[A-Z][\w.'’&-]*\s+)+$")
#: A group's own name right after its word ("the hacking group Harbourbit", "a campaign group
#: called Harbour Action"): the capitalised word that names it.
_GROUP_NAMED = re.compile(r"\s+(?:(?:named|called|known\s+as)\s+)?([A-Z][\w'’&.-]*)")


def _expert(
    text: str, at: tuple[int, int], found: list[tuple[Source, int, int]], hits: _Hits
) -> Descriptor:
    """An expert is named with an organisation's name ("an analyst at Citi"), else anonymous."""
    proper = (
        _PROPER_AFTER_PREP.search(text[at[1] :])
        or _inside_name(text, at[0])
        # one person the words single out by a proper name ("The Harbour United striker")
        or (_DEFINITE_PROPER.search(text, 0, at[0]) is not None
            and not text[at[0] : at[1]].endswith("s"))
        or _OWNER.search(text, 0, at[0])  # "Ms Clarke's family"
        or any(not text[b : at[0]].strip() for _, _, b in found)  # "Citi analysts"
        or _group_named(text, at)  # "the hacking group Harbourbit"
    )
    if _lower(text[at[0] : at[1]]) in _INSIDER_TRADES and not _PROPER_AFTER_PREP.search(
            text[at[1] :]):
        proper = False  # "CDC employees": a party's insiders, anonymous
    if _UNNAMED.search(text):
        proper = False  # "an unnamed player from Team India": the words say it is anonymous
    rule = hits.rules["expert"]
    kind = rule.speaker if proper else (rule.anonymous or rule.speaker)
    return hits.desc("expert", kind, person=True)


def _group_named(text: str, at: tuple[int, int]) -> bool:
    """Whether a group's word is followed by the group's own name ("the hacking group
    Harbourbit", "a ransomware gang called Harbourhunters"); not a person's trade before a
    date or an adverb ("an activist Monday")."""
    if not _lower(text[at[0] : at[1]]).endswith(_GROUP_HEADS):
        return False
    named = _GROUP_NAMED.match(text, at[1])
    return named is not None and named.group(1).lower() not in _NOT_A_NAME


#: The heads of the groups a name may follow (the expert words that name a group).
_GROUP_HEADS = ("group", "groups", "gang", "gangs", "collective", "collectives", "crew",
                "crews", "outfit", "outfits")


#: A body's own staff by their trade (``insider_trades``).
_INSIDER_TRADES = word_list("insider_trades")
