"""Who a source descriptor names: its speaker kind, from the word classes of the lexicon.

``classify`` reads the words a reporting frame points at ("a senior ministry official",
"Kari Lund, a partner at Oslo law firm Berge Aasen", "Chilean newspaper La Tercera") and
returns a ``Descriptor``: the speaker kind, or ``carried`` for a pronoun or a back-reference
that takes its speaker from an earlier sentence, or ``none`` for the publishing outlet itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from verifier.analysis.attribution.rules import Rules, word_list
from verifier.analysis.attribution.rules import group_name as _group
from verifier.analysis.attribution.rules import lower as _lower
from verifier.registry import Registry, Source

#: A descriptor's kind: a speaker kind, "carried" (resolve from memory) or "none" (no source).
CARRIED = "carried"
NONE = "none"

_TOKEN = re.compile(r"[^\W\d_][\w.'’&-]*")
_FUNCTION = word_list("function_words")
_PLACES = word_list("place_words")
_INDEFINITE = re.compile(
    r"^(?:a|an|one|two|three|four|five|six|several|some|many|multiple|other|another|"
    r"various|numerous|no|neither|\d+)\b",
    re.IGNORECASE,
)
_HEAD_CUT = re.compile(
    r",?\s+(?:who|which|whose|that|speaking|asking|asked|citing|quoting|according|to|about|on|polled|"
    r"surveyed|interviewed|quoted|seen|obtained|reviewed)\b"
    r"|,\s+(?:in|on)\s+(?=a\b|an\b)"
)
_PROPER_AFTER_PREP = re.compile(
    r"\b(?:at|of|from|with|for)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}?[A-Z][\w&'’.-]*"
)
_AFTER_PREPOSITION = re.compile(r"\b(?:for|of|at|from|with|to|in|by|on)\s+(?:the\s+)?$")
_POSSESSIVE = re.compile(r"['’]s?$")
_NAME_FOLLOWER = re.compile(r"(?:,|of\b|who\b|\(|and\b|$)")
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


#: Looks up a bare name ("Bae", "Daejin") introduced earlier; returns its descriptor or None.
NameLookup = Callable[[tuple[str, ...]], "Descriptor | None"]


def _outside(spans: list[tuple[int, int]], name: tuple[int, int] | None) -> list[tuple[int, int]]:
    if name is None:
        return spans
    return [s for s in spans if s[1] <= name[0] or s[0] >= name[1]]


#: A word-level memo of ``rules.titles``: (the rules it holds for, word -> a title?).
_TITLE_WORDS: list[tuple[Rules, dict[str, bool]]] = []


def _is_title(rules: Rules, word: str) -> bool:
    """Whether one word is a title word (``rules.titles`` on the whole word), remembered."""
    if not _TITLE_WORDS or _TITLE_WORDS[0][0] is not rules:
        _TITLE_WORDS[:] = [(rules, {})]
    memo = _TITLE_WORDS[0][1]
    known = memo.get(word)
    if known is None:
        if len(memo) > 50_000:
            memo.clear()
        known = memo[word] = rules.titles.fullmatch(_lower(word)) is not None
    return known


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
    capitals = 0
    for word in np.split():
        if word[0].isupper():
            capitals += 1
            if capitals == 2:
                break
    else:
        return None
    runs: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    for tok in _TOKEN.finditer(np):
        word = tok.group()
        low = word.lower()
        start = tok.start()
        capital = (
            word[0].isupper()
            and low not in _FUNCTION
            and not (registry_spans and any(a <= start < b for a, b in registry_spans))
            and not low.endswith("-based")
            and _without_possessive(low) not in _PLACES
        )
        if capital and (not current or not np[current[-1].end() : start].strip()):
            current.append(tok)
            if word.endswith(("'s", "’s")):
                current.pop()
                runs.append(current)
                current = []
        else:
            if current:
                runs.append(current)
            current = [tok] if capital else []
    if current:
        runs.append(current)
    for run in runs:
        if not run:
            continue
        after = np[run[-1].end() :].lstrip()
        if _AFTER_PREPOSITION.search(np, 0, run[0].start()):
            continue  # "a spokesman for Downing Street": a place or a body, not the speaker
        if after and not _NAME_FOLLOWER.match(after):
            continue
        start = 0
        for i, tok in enumerate(run[:-1]):
            if _is_title(rules, tok.group()):
                start = i + 1
        name = run[start:]
        org_words = rules.org_name_words
        if any([t.group().lower().rstrip(".") in org_words for t in name]):
            continue
        last = name[-1].group() if name else ""
        if last.endswith("s") and _is_title(rules, last):
            continue  # "Conservative MPs", "Pentagon Officials": a group, not a name
        if len(name) >= 2 or (start > 0 and name):
            return name[0].start(), name[-1].end()
    return None


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
    held = _CACHE.get(id(registry))
    if held is None or held[0] is not registry:
        held = (registry, {})
        _CACHE[id(registry)] = held
    table = held[1]
    key = (text, outlet.id if outlet is not None else None)
    if key in table:
        desc = table[key]
    else:
        if len(table) > _CACHE_LIMIT:
            table.clear()
        desc = table[key] = _classify(text, rules, registry, outlet)
    if desc is None or lookup is None or not desc.names:
        return desc
    if desc.bare or desc.rule in ("spk.person", "spk.proper_name"):
        known = lookup(desc.names)
        if known is not None:
            return Descriptor(known.kind, known.rule, desc.person or known.person, desc.names)
    return desc


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
    return key[:-2] if key.endswith("'s") else key  # "CNN's State of the Union"


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
            if word.rstrip(".") in lasts:
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


def _hits(rules: Rules, lower: str) -> dict[str, list[tuple[int, int]]]:
    """The descriptor word classes in lower-cased words, with their spans."""
    found: dict[str, list[tuple[int, int]]] = {}
    for match in rules.descriptor_scan.finditer(lower):
        found.setdefault(match.lastgroup or "", []).append(match.span())
    return found


def _classify(
    text: str, rules: Rules, registry: Registry, outlet: Source | None
) -> Descriptor | None:
    cut = _HEAD_CUT.search(text)
    if cut and cut.start() > 0:
        head = _classify(text[: cut.start()], rules, registry, outlet)
        if head is not None:
            return head
    d = rules.descriptors
    lower = _lower(text)
    if len(text) < 60:
        if d["spk.pronoun"].fullmatch(lower):
            return Descriptor(CARRIED, "spk.pronoun", person=lower in ("he", "she"), head=lower)
        if d["spk.backref"].fullmatch(lower):
            return Descriptor(CARRIED, "spk.backref", person=False, head=lower.split()[-1])
    hits = _hits(rules, lower)
    if "spk_source_noun" in hits:
        return Descriptor("unnamed", "spk.source_noun", person=True)
    if rules.gates.self_reference.admits(lower) and rules.self_reference.search(lower):
        return Descriptor(NONE, "spk.self_reference", person=False)
    found = find_names(registry, text) if _MAYBE_NAME.search(text) else []
    for source, _, _ in found:
        if source.is_media:
            if outlet is not None and source.id == outlet.id:
                return Descriptor(NONE, "spk.self_reference", person=False)
            return Descriptor("media", "spk.registry", person=False, names=(source.id,))
    if "spk_media_noun" in hits or (
        rules.gates.media_name.search(text) and rules.media_name.search(text)
    ):
        return Descriptor("media", "spk.media_noun", person=False)
    words = tuple([w for w in _TOKEN.findall(text) if w.lower() not in _FUNCTION])
    bare = not found and 0 < len(words) <= 3 and all(w[0].isupper() for w in words)
    desc = _by_words(text, rules, found, hits)
    if bare and desc is not None:
        return Descriptor(desc.kind, desc.rule, desc.person, words, desc.head, bare=True)
    if bare:
        return Descriptor("official", "spk.proper_name", person=False, names=words, bare=True)
    return desc


def _by_words(
    text: str,
    rules: Rules,
    found: list[tuple[Source, int, int]],
    hits: dict[str, list[tuple[int, int]]],
) -> Descriptor | None:
    registry_spans = [(a, b) for _, a, b in found]
    name = person_name(text, rules, registry_spans)
    if "spk_study" in hits and name is None and not any(  # "the U.S. Geological Survey"
        a <= hits["spk_study"][0][0] < b for _, a, b in found
    ):
        proper = any(t[0].isupper() for t in text.split()[1:])
        # one study ("a new study", "study suggests") is a named piece of work; "previous
        # studies" or "researchers" with no name are not
        a, b = hits["spk_study"][0]
        single = text[a:b].lower() in _ONE_WORK and not _EARLIER.match(_lower(text))
        kind = "named" if proper or single else "unnamed"
        return Descriptor(kind, "spk.study", person=False)
    if name is not None:
        return _person(text, name, found, hits)
    if "spk_group_unnamed" in hits:
        return Descriptor("unnamed", "spk.group_unnamed", person=True)
    return _no_name(text, found, hits)


#: The word classes that give a named person's kind, in order: (class, its group, kind).
_PERSON_CLASSES = tuple(
    (cls, _group(cls), kind)
    for cls, kind in (
        ("spk.named_org", "named"),
        ("spk.expert", "named"),
        ("spk.office_title", "official"),
        ("spk.role_official", "official"),
        ("spk.institution", "official"),
    )
)


def _person(
    text: str,
    name: tuple[int, int],
    found: list[tuple[Source, int, int]],
    hits: dict[str, list[tuple[int, int]]],
) -> Descriptor:
    names = tuple(_TOKEN.findall(text[name[0] : name[1]]))
    for cls, group, kind in _PERSON_CLASSES:
        if group in hits and _outside(hits[group], name):
            return Descriptor(kind, cls, person=True, names=names)
    for source, _, _ in found:
        return Descriptor(source.speaker, "spk.registry", person=True, names=names)
    return Descriptor("named", "spk.person", person=True, names=names)


_GENITIVE = ("'s", "’s")
_OWNER = re.compile(r"\b[A-Z][\w'’-]*['’]s\s+(?:[a-z][\w-]*\s+)?$")
_ONE_WORK = frozenset({"study", "survey", "paper", "analysis"})
_EARLIER = re.compile(r"(?:previous|earlier|other|some|many|several|past|older|prior)\b")


def _inside_name(text: str, start: int) -> bool:
    """Whether a capitalised word continues a proper name ("the Sudan Doctors Network")."""
    before = text[:start].split()
    return text[start].isupper() and bool(before) and before[-1][:1].isupper()


def _no_name(
    text: str,
    found: list[tuple[Source, int, int]],
    hits: dict[str, list[tuple[int, int]]],
) -> Descriptor | None:
    role = hits.get("spk_role_official")
    expert = hits.get("spk_expert")
    # a title in the possessive modifies the head ("the prime minister's spokesperson")
    office = [h for h in hits.get("spk_office_title", ()) if text[h[1] : h[1] + 2] not in _GENITIVE]
    indefinite = bool(_INDEFINITE.match(text))
    if office and not indefinite and (not role or office[0][0] < role[0][0]):
        return Descriptor("official", "spk.office_title", person=True)
    if role and (not expert or role[0][0] <= expert[0][0]):
        return Descriptor("unnamed_official", "spk.role_official", person=True)
    if expert:
        proper = (
            _PROPER_AFTER_PREP.search(text[expert[0][1] :])
            or _inside_name(text, expert[0][0])
            or _OWNER.search(text, 0, expert[0][0])  # "Ms Clarke's family"
            or any(not text[b : expert[0][0]].strip() for _, _, b in found)  # "Citi analysts"
        )
        kind = "named" if proper else "unnamed"
        return Descriptor(kind, "spk.expert", person=True)
    if office:
        kind = "unnamed_official" if indefinite else "official"
        return Descriptor(kind, "spk.office_title", person=True)
    # a registry name decides over the common nouns around or inside it ("the Centers for
    # Disease Control", "LSEG data", "ship-tracking data from MarineTraffic")
    for source, _, _ in found:
        return Descriptor(source.speaker, "spk.registry", person=False, names=(source.id,))
    if "spk_named_org" in hits:
        return Descriptor("named", "spk.named_org", person=False)
    if "spk_institution" in hits:
        return Descriptor("official", "spk.institution", person=False)
    return None
