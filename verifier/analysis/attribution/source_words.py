"""Where the source words are: the descriptor before or after a reporting cue.

These helpers work on one sentence's text with offsets relative to it. They use punctuation
and a few closed word lists (adverbials between subject and verb, clause openers), not a
parser: news attribution is formulaic enough for that.
"""

from __future__ import annotations

import re

from verifier.analysis.attribution.readings import lead_in, opener
from verifier.analysis.attribution.rules import FRAMES, lower, word_list

#: A quotation: pasted web copy mixes straight and curly marks (`"...”`), so a double mark of
#: either kind closes a quotation opened by either kind.
_QUOTE_PAIR = re.compile(r"[“\"][^”\"“]*(?:[”\"]|$)|‘[^’]*(?:’(?!\w)|$)")
_DOUBLE_QUOTE = re.compile(r"[“\"][^”\"“]*(?:[”\"]|$)")
#: A straight double mark typed for an apostrophe ("the company"s board", "don"t"): not a
#: quotation mark.
_MISTYPED_APOSTROPHE = re.compile(r'(?<=[A-Za-z])"(?=(?:s|t|ll|re|ve|d|m)\b)')
#: An opening single mark typed for an apostrophe right after a word, before a lower-case
#: word or letter ("Debenhams‘ chairman has hit out", "don‘t"): an opening mark follows a space
#: or a bracket, never a letter (session 26, held out on b).
_MISTYPED_OPENING = re.compile(r"(?<=[A-Za-z])‘(?=\s+[a-z]|[a-z])")


#: A double prime that closes a quotation a curly mark opened (a publishing tool's inch mark
#: after a number: "“... the new F-35″ fighters, she said").
_PRIME_CLOSE = re.compile(r"(“[^”“″]*)″")


def apostrophes_mended(text: str) -> str:
    """``text`` with straight double marks typed for apostrophes made apostrophes, and a
    double prime closing a quotation made a closing mark (the same length, so offsets
    hold)."""
    if '"' in text:
        text = _MISTYPED_APOSTROPHE.sub("’", text)
    if "‘" in text:
        text = _MISTYPED_OPENING.sub("’", text)
    if "″" in text and "“" in text:
        text = _PRIME_CLOSE.sub(r"\1”", text)
    return text
#: Hard boundaries a descriptor never crosses, scanning left from a verb.
#: An acronym in brackets ("the Joint Chiefs of Staff (JCS) said") is part of the subject.
_LEFT_STOP = re.compile(
    r"[\"“”;:\[\]]|\((?![A-Z][A-Z0-9.&-]{0,11}\))|(?<![A-Z0-9.&])\)|\s[-–—]{1,2}\s|\s--"
)
#: A dateline ("SEOUL (Yonhap) --"): a stop too, but only at the start of the text.
_DATELINE_STOP = re.compile(r".*?\(\w+\)\s*(?:[-–—]+|(?=[A-Z]))")
#: Adverbials between a subject and its verb ("has repeatedly", "on Thursday", ", however,").
_ADVERB = word_list("adverbs_before_verb", FRAMES)
_TIME_HEAD = word_list("time_heads", FRAMES)
#: Sentence adverbs ("Likewise, ..."): alone before a comma, no part of a descriptor.
_SENTENCE_ADVERB = word_list("sentence_adverbs", FRAMES)
_TIME_TAIL = word_list("time_tails", FRAMES)
_COMMA_ADVERB = word_list("comma_adverbs", FRAMES)
#: ... and the predicates that hand their subject to an infinitive cue ("was forced to").
_ADVERB_PHRASES = tuple(sorted(
    word_list("adverb_phrases", FRAMES) | word_list("control_phrases", FRAMES), key=len,
    reverse=True,
))
_PHRASE_REACH = max(len(p) for p in _ADVERB_PHRASES) + 1

#: A short participle phrase between commas after a subject ("released on Sunday"), an
#: adverbial one ("in releasing the email", "while campaigning in Iowa") or the occasion of
#: the words ("in an interview with the Daily Courier").
_PARTICIPLE_PHRASE = re.compile(
    r"\s*(?:(?:released|published|issued|conducted|compiled|commissioned|carried\s+out)"
    r"|(?:in|while|when|after|before|by|upon|on)\s+[a-z]+ing"
    r"|(?:in|during)\s+(?:an?|his|her|their|its|the)\s+(?:[\w-]+\s+)?(?:interview|statement|"
    r"conversation|appearance|speech|e-?mail|letter|post|tweet)\b(?:\s+[\w.'’-]+)?)"
    r"(?:\s+[\w.'’-]+){0,5}\s*$"
)

def _word_start(text: str, limit: int, end: int) -> int:
    return max(limit, text.rfind(" ", limit, end) + 1)


def _strip_adverbials(text: str, limit: int, end: int) -> int:
    """Where the subject ends, skipping adverbials that sit just before the verb."""
    while True:
        while end > limit and text[end - 1].isspace():
            end -= 1
        if end <= limit:
            return end
        lower = text[max(limit, end - _PHRASE_REACH) : end].lower()
        phrase = None
        if lower.endswith(_ADVERB_PHRASES):  # the longest first; a whole-word phrase only
            phrase = next(p for p in _ADVERB_PHRASES if lower.endswith(p))
            if len(lower) > len(phrase) and lower[-len(phrase) - 1].isalnum():
                phrase = None
        if phrase is not None:
            end -= len(phrase)
            continue
        start = _word_start(text, limit, end)
        word = text[start:end].lower()
        if word.endswith(","):
            # a participle phrase set off by commas ("A count by Ipsos, released Sunday, had"),
            # read whole before its last word ("..., in an interview on Sunday,")
            comma = text.rfind(",", limit, end - 1)
            if comma >= 0 and _PARTICIPLE_PHRASE.match(text, comma + 1, end - 1):
                end = comma
                continue
            if word[:-1] in _COMMA_ADVERB or word[:-1] in _ADVERB:  # "did, however,"
                end = start
                continue
            return end
        elif word in _TIME_TAIL:
            head_start = _word_start(text, limit, start - 1)
            if text[head_start:start].strip().lower() in _TIME_HEAD:
                end = head_start
            elif word in _ADVERB:
                end = start
            else:
                return end
        elif word in _ADVERB:
            end = start
        else:
            return end


_SUBORDINATOR = re.compile(
    r"\b(?:that|after|before|because|since|when|while|if|although|though|whereas|"
    r"(?<!well\s)as(?!\s+well\b)|but|so|"
    r"where|until|unless|than|whether|once|amid|despite|which|who|whom|whose|"
    r"(?:first|last|only|next)\s+time)\b|,\s*and\b",
)
_TIME_PREPOSITIONS = frozenset({"after", "before", "since", "until"})
#: The occasion of the words right before a preposition that also opens clauses ("in a
#: speech after Friday prayers", "at a rally before the vote"): the preposition's, no clause.
_OCCASION = re.compile(
    r"\s(?:in|during|at)\s+(?:an?|his|her|their|its|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:speech|statement|interview|address|sermon|briefing|rally|ceremony|conference|"
    r"meeting|post|tweet|broadcast)\s+$"
)
_APPOSITION = re.compile(r",\s+(?:the|a|an)\s")
#: A relative clause inside a subject: "who"/"which", or a "that" before its verb ("the
#: ministry body that oversees crossings").
_RELATIVE = re.compile(
    r"\s(?:who|which)\s|\s(?<=[a-z] )that\s(?=(?:[a-z]+(?:es|s|ed)|is|was|are|were|has|had|"
    r"have|will|can|runs|owns)\b)"
)
#: Connectives and time phrases that open a sentence before its subject ("Nonetheless, the
#: coach said", "Earlier this week the club denied"): the lexicon's ``leading_words``, and a
#: time head and tail ("on Monday", "earlier this week").
_LEADING = re.compile(
    r"(?:(?:"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+")
               for w in sorted(sorted(word_list("leading_words", FRAMES)), key=len, reverse=True))
    + r"|(?:(?:earlier|later)\s+)?(?:" + "|".join(sorted(_TIME_HEAD)) + r")\s+(?:"
    + "|".join(sorted(_TIME_TAIL)) + r")"
    # the occasion with no comma, up to a time word ("Speaking to the Courier yesterday
    # spokesman Ann Cole said"): the one told is another cue's
    + r"|(?:speaking|talking)\s+(?:to|with)\s+(?:[\w.'’&-]+\s+){1,5}?(?:yesterday|today|"
    r"tonight|last\s+night|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b[\s,]*)+",
    re.IGNORECASE,
)
#: A date or an occasion before the subject with no comma ("In July Ruiz had said", "On 15
#: July the ministry said", "At a Lyon press conference the coach said"): the lexicon's
#: ``month_names`` and ``occasion_nouns``. Only where a capital or a determiner opens what
#: follows, so the rest is a subject ("In May alone ..." is no such opener).
_MONTHS = "|".join(sorted(sorted(word_list("month_names", FRAMES)), key=len, reverse=True))
_DATE_OR_OCCASION = re.compile(
    r"(?:(?:in|during|since|by|until)\s+(?:(?:early|late|mid)[\s-]+)?(?:" + _MONTHS + r")"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?"
    r"|on\s+(?:(?:" + _MONTHS + r")\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:"
    + _MONTHS + r"))(?:,?\s+\d{4})?"
    r"|in\s+\d{4}"
    r"|(?:in|at|during)\s+(?:an?|the|his|her|its|their)\s+(?:[\w'’-]+\s+){0,3}?(?:"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+")
               for w in sorted(sorted(word_list("occasion_nouns", FRAMES)), key=len, reverse=True))
    + r")(?:\s+(?:yesterday|today|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day))?)"
    r"\s+(?=(?-i:[A-Z])|(?:the|a|an|his|her|its|their)\s)",
    re.IGNORECASE,
)
#: Words that open a parenthetical between a subject and its verb (", speaking on ...,").
_PARENTHETICAL = re.compile(
    r"^(?:who|which|whose|speaking|asked|asking|citing|quoting|according|when|in\s+a|in\s+an|"
    r"while\s+[a-z]+ing\b|"
    r"however|meanwhile|though|too|also|for\s+(?:his|her|its|their)\s+part|\d{1,3}$|"
    r"pressed|responding|writing|reached|contacted|not\s+to\s+be|like|unlike|"
    # a participle with its preposition ("X, reacting to the report, said", "X, commenting
    # on the row, said"): what the speaker did as they spoke, no part of them
    r"[a-z]{3,}ing\s+(?:to|on|about|at|from|with|after|over|during|before)\s|"
    r"(?:first\s+)?[a-z]+ed\s+(?:by|in|on|at|to|from|with)|based\s+in|first\s+[a-z]+ed|"
    r"of\s+(?-i:[A-Z])\w*)\b",
    re.IGNORECASE,
)
#: A segment that opens the sentence as an adverbial, not as a subject ("In May, ...").
_OPENER = re.compile(
    r"^(?:in|on|at|when|after|before|asked|pressed|however|meanwhile|but|and|if|as|since|"
    r"speaking|writing|responding|citing|according|quoted|interviewed|addressing|talking|"
    r"visiting|commenting|reacting|announcing|briefing|testifying|"
    r"while|for|with|by|last|this|earlier|later|separately|still|yet|also|additionally|"
    r"although|though|despite|during|under|over|from|to|until|unless|once|because|"
    r"so|then|now|today|yesterday|here|there|it|that|these|those)\b",
    re.IGNORECASE,
)
_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|will|would|could|can|may|might|must|"
    r"shall|should|do|does|did|said|says|told|reported)\b",
    re.IGNORECASE,
)
#: A full stop that ends a sentence, not an abbreviation ("U.S.", "Sen.", "Dr.", "Ms.").
_PERIOD = (
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bDr)(?<!\bSen)(?<!\bRep)(?<!\bGen)(?<!\bJr)(?<!\bSt)"
    r"(?<!\bMs)(?<!\bMrs)(?<!\bProf)(?<!\bGov)"
    r"\.(?=\s|$)"
)
_RIGHT_STOP = re.compile(
    r"[,;:\"“”()]|" + _PERIOD + r"|\bas\b(?!\s+well)|\s[-–—]{1,2}\s|"
    r"\b(?:that|on|last|earlier|in\s+(?!the\b|a\b)"
    r"|in\s+(?=(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|\d))|as\s+saying|as\s+telling|who|which|about|after|before|because|"
    r"while|to\s+(?:say|discuss|confirm)|this\s+(?:week|month|year)|said|says|reported|"
    r"published|(?-i:yesterday|today|tonight)|they|he|she|we|it|i|there|citing|quoting)\b",
    re.IGNORECASE,
)
#: (a time word stops a descriptor in lower case only: capitalised inside it, it is a name's
#: word, "according to Harbour Today writer Bob Vale", "told BBC Radio 4's Today")
_RIGHT_STOP_ACCORDING = re.compile(
    r"[;:\"“”()]|" + _PERIOD + r"|,(?!\s+(?:a|an|the)\s)|\s[-–—]{1,2}\s|"
    # a pronoun takes no appositive ("according to him, the mayor and the union agreed")
    r"(?:(?<=\bhim)|(?<=\bher)|(?<=\bthem)|(?<=\bus)|(?<=\bme))\s*,|\b(?:that|on|last|"
    r"published|released|issued|citing|quoting|"
    r"earlier|as\s+saying|in\s+(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december|\d{4}))\b",
    re.IGNORECASE,
)
_WORDISH = re.compile(r"\w")
_RELATIVE_CUT = re.compile(r",?\s+(?:who|which|whose)\b")
_INFINITIVE = re.compile(r"\bto\s+[a-z]+\b|['’]s\s+[a-z]+ly\b")
_CLAUSE_CUT = re.compile(r"[,;]")
#: A second predicate of the speaker after a tag's descriptor ("... and added that"): the
#: descriptor ends before it.
_SECOND_PREDICATE = re.compile(
    r",?\s+(?:and|but)\s+(?:then\s+|also\s+|later\s+)?(?:[a-z]+ed|said|says|told|tells|adds|"
    r"notes|went|goes)\b")
#: A time adverb or a subordinate clause after a tag's descriptor ("said Ana Ruiz yesterday
#: when asked whether ..."): the descriptor ends before it (lower case: no name's word).
_ADJUNCT_CUT = re.compile(
    r",?\s+(?:yesterday|today|tonight|last\s+(?:night|week|month|year)|earlier|later|when|while|"
    r"after|before|because|since|adding|noting)\b")
#: A clause coordinated after a tag's descriptor ("..., said the report, and the search is
#: continuing"): the descriptor ends before it, when a verb follows.
_COORDINATED_CLAUSE = re.compile(r"\s*[,;]\s+(?:and|but|while|whereas)\s+")
_OPENING_QUOTES = ("“", '"', "‘")
_QUOTE_MARKS = ("“", "”", '"', "‘", "’")
_AND_DESCRIPTOR = re.compile(r"\s+and\s+(?=(?:a|an|the|two|three|several|some|other)\b)")
_AS_WELL_AS = re.compile(r",?\s+as\s+well\s+as\s+")
_AND = re.compile(r"\s+and\s+")
#: (not after "The", nor "Both": "Both Ruiz and Ortega declined" is one party, as "both
#: Ruiz and Ortega" within the sentence is)
_SHORT_NAME = re.compile(r"(?!The\b|Both\b)(?:[A-Z][\w.&-]*\s+){0,2}[A-Z][\w.&-]*")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted passages (an unclosed quote runs to the end)."""
    text = apostrophes_mended(text)
    if '"' not in text and "“" not in text and "‘" not in text and "”" not in text:
        return []
    close = closing_mark(text)  # the end of a quotation opened in an earlier sentence
    spans = [(0, close + 1)] if close > 0 else []
    spans.extend(m.span() for m in _QUOTE_PAIR.finditer(text, close + 1)
                 if m.end() - m.start() > 2)
    return spans


def closing_mark(text: str) -> int:
    """Where a sentence closes a quotation it did not open ("...,” the minister said"), or
    -1: its first double quotation mark is a closing one (a straight one after punctuation
    and before a space)."""
    text = apostrophes_mended(text)
    doubles = [at for at in (text.find("”"), text.find("“"), text.find('"')) if at >= 0]
    first = min(doubles) if doubles else -1
    if "'" in text or "’" in text:
        single = _SINGLE_CLOSE.search(text)
        if (single is not None and not _SINGLE_OPEN.match(text)
                and _SINGLE_OPENING.search(text, 0, single.start()) is None
                and (first < 0 or single.end() <= first)):
            return single.end() - 1
    if first < 0:
        return -1
    char = text[first]
    if char == "”":
        return first
    if char == "“":
        return -1
    after = text[first + 1 : first + 2]
    closes = first > 0 and (
        (text[first - 1] in ".,!?;:—-" and (not after or after.isspace()))
        # a quotation inside the quotation closed with it ('... She said, ‘Why?’" Roe said')
        or (first > 1 and text[first - 1] in "’'" and text[first - 2] in ".,!?;"
            and (not after or after.isspace()))
        # a mark between a word and a comma ('... every day", Twum said'): the words
        # before it are the quotation's
        or (text[first - 1].isalnum() and after in ",;" and after != "")
        # a mark between a word and its tag, the comma left out ('... take action" said the
        # Minister'): a letter before it, a space and a lower-case word after (session 25)
        or (text[first - 1].isalpha() and after == " "
            and _LOWER_WORD.match(text, first + 2) is not None)
    )
    return first if closes else -1


#: A lower-case word (after a straight closing mark with no comma: its tag).
_LOWER_WORD = re.compile(r"[a-z]+\b")
#: A straight single quotation mark that closes a quotation ("..., 'We will win,' she said"):
#: after punctuation, before a space or the end (an apostrophe sits inside a word).
_SINGLE_CLOSE = re.compile(r"[.,!?;]['’](?=\s|$)")
_SINGLE_OPEN = re.compile(r"^\s*['‘](?=[A-Z\d])")
#: A single mark that opens a quotation inside the sentence ("they say, ‘Third time lucky,’
#: so ..."): the single mark closing after it is that quotation's, not an earlier one's.
_SINGLE_OPENING = re.compile(r"(?:^|(?<=[\s(\[—–-]))['‘](?=[A-Z\d])")
#: A curly single mark that opens a quotation after a colon or a comma ("said: ‘We can
#: confirm ...", "he said, ‘I think ..."): British copy's first quotation mark.
_CURLY_SINGLE_OPENING = re.compile(r"(?<=[:,]\s)‘(?=[A-Z])")


def ends_quote(before: str) -> bool:
    """Whether words end with a closing quotation mark (double, or single after
    punctuation)."""
    return before.endswith(('"', "”", "’", "''")) or (
        before.endswith("'") and _SINGLE_CLOSE.search(before[-2:]) is not None
    )


def open_quote(text: str) -> bool:
    """Whether a sentence leaves a double quotation open (it runs to the sentence end)."""
    text = apostrophes_mended(text)
    found = _DOUBLE_QUOTE.findall(text)
    if not found:  # a single quotation opened and not closed ("'He does not know.", "the
        # spokesman said: ‘We will consider it.")
        if _SINGLE_OPEN.match(text) is not None:
            return _SINGLE_CLOSE.search(text) is None
        opened = _CURLY_SINGLE_OPENING.search(text)
        return opened is not None and _SINGLE_CLOSE.search(text, opened.end()) is None
    quoted = found[-1]
    return len(quoted) == 1 or quoted[-1] not in "”\""


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a < pos < b for a, b in spans)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not _WORDISH.match(text[start]) and text[start] not in "'’":
        start += 1
    while end > start and (text[end - 1] in " ,.;:\"“”’'‘)" or text[end - 1].isspace()):
        end -= 1
    return start, end


def left_descriptor(text: str, limit: int, cue_start: int) -> tuple[int, int] | None:
    """The subject of a verb at ``cue_start``, searched no further left than ``limit``."""
    first_cue = limit == 0  # no earlier cue of the sentence ends where this one may look
    limit = max(limit, cue_start - 300)
    end = _subject_end(text, limit, cue_start)
    start = _subject_start(text, limit, end)
    set_off = _SET_OFF_RELATIVE.search(text, start, end)
    if set_off is not None and set_off.start() > start:
        # "the striker, who drew interest from Ajax, Porto and Lyon, dismissed": a relative
        # clause set off by commas up to the verb, whatever commas it holds; the subject is
        # before it
        end = set_off.start()
    bounds = _segment(text, start, end)
    if bounds is None:
        return None
    start, end = _clause_cut(text, *bounds)
    start, end = _trim(text, start, end)
    lead = _LEADING.match(text, start, end)
    if lead:
        start, end = _trim(text, lead.end(), end)
    dated = _DATE_OR_OCCASION.match(text, start, end)
    if dated:
        start, end = _trim(text, dated.end(), end)
    if first_cue and _AND_AT_END.search(text, start, end):
        # "Pollsters at Ipsos questioned 900 people and said": the verb is the second of two;
        # the subject ends before the first (when the first is a cue too, "X stressed ... and
        # said", the words after it are left as they were: one speaker, two cues)
        first = _first_verb(text, start, end)
        if first is None:
            return None
        start, end = _trim(text, start, _strip_adverbials(text, start, first))
    reached = _REACHED_BY.search(text, start, end)
    if reached is not None and reached.start() > start:
        # "A spokesman contacted by the BBC said": the medium is another cue's object
        end = reached.start()
    if end <= start or len(text[start:end].split()) > 25:
        return None
    return start, without_contraction(text, start, end)


def _subject_end(text: str, limit: int, cue_start: int) -> int:
    """Where the words before a verb at ``cue_start`` that may be its subject end: before
    the adverbials next to the verb, an alias ("President Joko Widodo (Jokowi) has denied":
    the name's) and a parenthesis between dashes ("Ruiz – for the second time this week –
    has denied": the subject stands before the first dash)."""
    end = _strip_adverbials(text, limit, cue_start)
    alias = _ALIAS.search(text, limit, end)
    if alias is not None:
        end = _strip_adverbials(text, limit, alias.start())
    closing = _CLOSING_DASH.search(text, limit, end)
    if closing is not None:
        opening = None
        for dash in _OPENING_DASH.finditer(text, limit, closing.start()):
            opening = dash
        if opening is not None:
            end = _strip_adverbials(text, limit, opening.start())
    return end


def _subject_start(text: str, limit: int, end: int) -> int:
    """Where the subject's words may start: after the last stop before ``end`` (and after
    the sentence's dateline)."""
    start = scan = limit
    if limit == 0 and _LEFT_STOP.match(text, 0, end) is None:
        dateline = _DATELINE_STOP.match(text, 0, end)
        if dateline is not None:
            start = scan = dateline.end()
    # (a dash set off by spaces right before ``end`` is a stop too: "HARBOUR CITY — Reports
    # that ...": the dateline is no subject)
    for stop in _LEFT_STOP.finditer(text, scan, min(len(text), end + 1)):
        start = stop.end()
    return start


def _clause_cut(text: str, start: int, end: int) -> tuple[int, int]:
    """The subject's part of the words: those before a relative pronoun ("the officials who
    ..."), else those after the last subordinator ("after X left, Y said")."""
    low = lower(text)
    sub_text = low[start:end]
    relative = _relative_pronoun(text, start, sub_text)
    if relative and relative.start() > 0 and not _SUBORDINATOR.search(sub_text[: relative.start()]):
        return start, start + relative.start()
    last = None
    # a subordinator inside an appositive ("X, the first to score since Y, said") is the
    # appositive's own: look for one only before it
    appositive = _APPOSITION.search(low, start, end)
    until = appositive.start() if appositive is not None else end
    for match in _SUBORDINATOR.finditer(low, start, until):
        if match.group() in _TIME_PREPOSITIONS and _OCCASION.search(low, start, match.start()):
            continue  # the time of the occasion ("X in a speech after Friday prayers said")
        if not _shouted(text, match.start(), match.end()):
            last = match
    return (last.end() if last is not None else start), end


def _relative_pronoun(text: str, start: int, sub_text: str) -> re.Match[str] | None:
    """The relative pronoun in the words (``sub_text``, lower-cased, at ``start``): not an
    acronym ("the WHO said"), and "that" only in an appositive ("X, the body that")."""
    relative = _RELATIVE.search(sub_text)
    if relative is None or _shouted(text, start + relative.start(), start + relative.end()):
        return None
    if "that" in relative.group() and not _APPOSITION.search(sub_text, 0, relative.start()):
        return None
    return relative


#: A pronoun with a verb contracted onto it ("She’s said", "they're"): the verb is no part of
#: the speaker's words.
_CONTRACTED_PRONOUN = re.compile(
    r"(?:he|she|it|they|we|i|you|who)(?=['’](?:s|re|ll|ve|d|m)$)", re.IGNORECASE
)


def without_contraction(text: str, start: int, end: int) -> int:
    """The end of a source span without a verb contracted onto a pronoun ("She’s" -> "She")."""
    pronoun = _CONTRACTED_PRONOUN.match(text, start, end)
    return pronoun.end() if pronoun is not None else end


#: The medium that reached a subject ("a spokesman contacted by the BBC"): no part of it.
_REACHED_BY = re.compile(r",?\s+(?:contacted|reached|interviewed|approached)\s+by\s")
#: A relative clause set off by commas that runs to the verb ("X, who ..., said").
_SET_OFF_RELATIVE = re.compile(r",\s+(?:who|which|whose)\s[^;:\"“”()]*,\s*$")
#: A dash that closes a parenthesis just before the verb, and one that may open it.
_CLOSING_DASH = re.compile(r"\s[-–—]{1,2}$")
#: A short parenthesis ending the subject: a one-word name or alias ("Joko Widodo (Jokowi)"),
#: a full name ("the ruling party (the Patriotic Front)"), a picture's pointer ("(pictured)",
#: "(right)") or a party and state ("(R-Texas)").
_ALIAS = re.compile(r"(?<=[\w.’'])\s+\((?=[\w$])[^()\n]{1,40}(?<=[\w.])\)$")
_OPENING_DASH = re.compile(r"\s[-–—]{1,2}\s")
#: A descriptor that ends with "and": the words before the cue are a first predicate.
_AND_AT_END = re.compile(r"\sand$")
_AUXILIARIES = word_list("auxiliaries", FRAMES)
_VERB_WORD = re.compile(r"[\w'’-]+")
_DETERMINERS = frozenset({"a", "an", "the", "its", "his", "her", "their", "this", "that"})


def _first_verb(text: str, start: int, end: int) -> int | None:
    """Where the first verb of a subject and its predicate starts: an auxiliary ("has",
    "aren't") or a past form in -ed not after a determiner ("questioned", not "a detailed
    report"), after the first word; None when there is none."""
    previous = ""
    for number, token in enumerate(_VERB_WORD.finditer(text, start, end)):
        word = token.group()
        low = word.lower()
        if number and word[0].islower() and (
                low in _AUXILIARIES or (low.endswith("ed") and previous not in _DETERMINERS)):
            return token.start()
        previous = low
    return None


_AND_CLAUSE = re.compile(r",?\s+and\s+")


def joined_clause(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject of a clause "and" joins to a clause before it, in the words before a verb
    ("there were no charges and the mayor" before "added"): the words after the last "and"
    whose words before it hold a verb; None when no "and" follows a clause."""
    for match in reversed(list(_AND_CLAUSE.finditer(text, start, end))):
        if match.end() < end and _first_verb(text, start, match.start()) is not None:
            return match.end(), end
    return None


def _shouted(text: str, start: int, end: int) -> bool:
    """Whether a word is written in capitals ("WHO", the health agency)."""
    word = text[start:end].strip(" ,")
    return len(word) > 1 and word.isupper()


_COMMA = re.compile(r",(?!\d)")


def _segment(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Walk back over commas: skip enclosed parentheticals, keep appositives and name lists."""
    trailing_comma = text[start:end].rstrip().endswith(",")
    if trailing_comma:
        end = start + len(text[start:end].rstrip()) - 1
    cuts = [m.start() for m in _COMMA.finditer(text, start, end)]
    if not cuts:
        return start, end
    segments = []
    seg_a = start
    for cut in cuts:
        segments.append((seg_a, cut))
        seg_a = cut + 1
    segments.append((seg_a, end))
    i = len(segments) - 1
    keep_end = end
    enclosed = trailing_comma
    while i > 0:
        seg = text[segments[i][0] : segments[i][1]].strip()
        prev = text[segments[i - 1][0] : segments[i - 1][1]].strip()
        if enclosed and (not seg or _PARENTHETICAL.match(seg)):
            i -= 1
            keep_end = segments[i][1]
            enclosed = True
            continue
        if seg and _PORTFOLIO_TAIL.fullmatch(seg) and _PORTFOLIO_HEAD.search(prev):
            # "Harbouria's environment, water and climate minister": a comma list of an
            # office's fields is one office, not two descriptors (session 28)
            segments[i - 1] = (segments[i - 1][0], segments[i][1])
            del segments[i]
            i -= 1
            continue
        if seg and _appositive(prev, seg, enclosed=enclosed):
            i -= 1
            enclosed = True
            continue
        if seg and i > 1 and _AGE.match(prev):
            # "Ana Roe, 63, an independent voter, said": an age between a name and its
            # appositive belongs to the name
            name = text[segments[i - 2][0] : segments[i - 2][1]].strip()
            if _appositive(name, seg, enclosed=enclosed):
                i -= 2
                enclosed = True
                continue
        break
    return segments[i][0], keep_end


#: The last of an office's fields listed with commas, and the office ("water and climate
#: minister", "trade and industry secretary"): lower-case words, "and", a title word.
_PORTFOLIO_TAIL = re.compile(
    r"(?:[a-z][\w-]*\s+){0,3}(?:and|&)\s+(?:[a-z][\w-]*\s+){1,3}?"
    r"(?:minister|secretary|commissioner|spokes(?:man|woman|person)|director|chief|head)")
#: The first of those fields, after a possessive or a title's owner ("Harbouria's
#: environment", "the country's health"): one lower-case word ending the segment.
_PORTFOLIO_HEAD = re.compile(r"(?:['’]s|\bthe)\s+(?:[a-z][\w-]*\s+)?[a-z][\w-]*$")


#: An age set off by commas after a name ("Ana Roe, 63,").
_AGE = re.compile(r"\d{1,3}$")


_ROLE_END = re.compile(
    r"(?:official|spokes\w+|minister|secretary|director|chief|head|agent|father|mother|wife|"
    r"husband|son|daughter|lawyer|manager|coach|president|chairman|ceo|founder|owner|analyst|"
    r"ministry|office|department|company|firm|club|government|team|agency|authority|source|"
    r"sources|representative|executive|envoy|ambassador|governor|mayor|senator|lawmaker)$",
    re.IGNORECASE,
)


_ROLE_START = re.compile(
    r"(?:head|chief|director|president|chairman|chairwoman|chair|co-chair|founder|co-founder|"
    r"partner|professor|member|leader|secretary|general\s+secretary|treasurer|coordinator|"
    r"spokes\w+|senior|managing|executive|deputy|vice)\b"
)


#: A descriptor led by a role noun, which a name in the next segment completes.
_ROLE_HEAD = re.compile(
    r"(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:spokes\w+|official|minister|secretary|director|"
    r"chief|head|lawyer|attorney|agent|manager|coach|president|chairman|chairwoman|ceo|founder|"
    r"owner|analyst|representative|executive|envoy|ambassador|governor|mayor|senator|lawmaker|"
    r"adviser|advisor|aide)\s+(?:for|of|at|to)\b",
    re.IGNORECASE,
)


#: A name's word that opens with a particle joined to it ("al-Amiri", "el-Sayed", "bin-Talal").
_JOINED_NAME = re.compile(r"(?:al|el|ul|bin|ibn|abu|ben|de|di|da|van|von)-[A-Z]")


#: Words a name may hold between its capitalised words ("Bank of England").
_NAME_JOINTS = frozenset({"of", "and", "&", "for", "de", "la", "van", "von", "al", "bin"})


def _name_like(word: str) -> bool:
    """Whether a word may be a personal name's: capitalised or joined to its particle."""
    return word[:1].isupper() or _JOINED_NAME.match(word) is not None


def _appositive(prev: str, seg: str, *, enclosed: bool = True) -> bool:
    """Whether ``prev, seg`` is one descriptor ("Kang's agent, Choi Byung-ho of ...").
    ``enclosed``: a comma closes ``seg`` too ("Ana Ruiz, the mayor, said"); an appositive
    a determiner opens with no comma after it is the verb's own subject unless every word
    before it is a name's ("The bridge reopened on Tuesday, the ministry said": the
    ministry)."""
    if not prev or _OPENER.match(prev) or len(prev.split()) > 10 or _CLAUSE_VERB.search(prev):
        return False
    if _PARENTHETICAL.match(prev):
        return False  # "..., too, and the Daily Mail reported": "too" names nobody
    if prev.lower() in _SENTENCE_ADVERB:
        return False  # "Likewise, the mayor said": the adverb opens the sentence
    if _INFINITIVE.search(prev):
        return False  # "talks to resume in Jeddah, Saudi Arabia says": a clause, not a name
    if "(" in prev or "--" in prev or ":" in prev:
        return False
    words = prev.split()
    seg_lower = seg.lower()
    if seg_lower.startswith(("as well as ", "and ")):
        return True
    if seg_lower.startswith(("a ", "an ", "the ", "one ")):
        name = _name_like(words[0]) and all(
            _name_like(w) or (enclosed is False and w in _NAME_JOINTS)
            for w in (words[-2:] if enclosed else words))
        # "X, a lawmaker of the Harbour Party, the largest party,": an appositive of the
        # appositive's body (the walk goes on to X)
        body = enclosed and prev.lower().startswith(("a ", "an ", "the ")) and (
            words[-1][:1].isupper())
        return name or body or bool(_ROLE_END.search(words[-1]))
    if _ROLE_START.match(seg) and words[0][0].isupper() and words[-1][0].isupper():
        return True
    if seg[0].isupper() and _ROLE_HEAD.match(prev):  # "A spokeswoman for the airline, Ana Ruiz"
        return True
    if not seg[0].isupper():
        return False
    if "'s " in prev or "’s " in prev:
        return True
    if all(w[0].isupper() or w in ("of", "and", "&", "for") for w in words):
        return True
    return bool(_ROLE_END.search(words[-1]))


def right_descriptor(text: str, cue_end: int, *, according: bool = False) -> tuple[int, int] | None:
    """The descriptor that follows a cue ("according to X", "citing X", "told X")."""
    stop = (_RIGHT_STOP_ACCORDING if according else _RIGHT_STOP).search(text, cue_end)
    end = stop.start() if stop else len(text)
    if stop and stop.start() == cue_end:
        return None
    start, end = _trim(text, cue_end, end)
    if end <= start or len(text[start:end].split()) > 16:
        return None
    return start, end


def inverted_descriptor(text: str, cue_end: int) -> tuple[int, int] | None:
    """The speaker after a quote tag (``"...," said X, a Y at Z.``), to the sentence end."""
    start, end = _trim(text, cue_end, len(text))
    if end <= start:
        return None
    head = _RELATIVE_CUT.split(text[start:end], maxsplit=1)[0]
    second = _SECOND_PREDICATE.search(head)
    if second is not None:  # '"...," explained the minister and added that ...'
        head = head[: second.start()]
        end = start + len(head)
    adjunct = _ADJUNCT_CUT.search(head)
    if adjunct is not None and adjunct.start() > 0:  # "said X yesterday when asked ..."
        head = head[: adjunct.start()]
        end = start + len(head)
    joined = _COORDINATED_CLAUSE.search(head)
    if joined is not None and joined.start() > 0 and _CLAUSE_VERB.search(head, joined.end()):
        head = head[: joined.start()]  # "said the report, and the search is continuing"
        end = start + len(head)
    if _CLAUSE_VERB.search(head):
        return None
    first = text[start:end].split()[0].lower()
    if first in ("in", "on", "at", "that", "only", "it", "they", "he", "she", "there", "this",
                 "last", "earlier", "when", "after", "before", "to", "of", "by", "with", "was",
                 "is", "would", "will", "as", "what", "how", "whether", "if", "so", "not",
                 "yesterday", "today", "late"):
        return None
    return start, end


def clause_like(text: str) -> bool:
    """Whether words read as a clause rather than a descriptor (a verb, an infinitive)."""
    return bool(_CLAUSE_VERB.search(text) or _INFINITIVE.search(text))


def is_tag(text: str, limit: int, start: int, cue_end: int) -> bool:
    """Whether "X said" tags the words before it (after a closing quote or a comma)."""
    before = text[limit:start].rstrip()
    if ends_quote(before):
        return True
    if not before.endswith(","):
        return False
    if lead_in().match(before) and not any(mark in before for mark in _QUOTE_MARKS):
        return False  # "When asked about the claims, the spokesman said ...": a lead-in
    after = text[cue_end:].lstrip()
    if after.startswith((":", "that")):
        return False
    if _opener(before):
        return False  # "On Monday, the minister said the claims were baseless": an opener
    if after.lstrip(", ").startswith(_OPENING_QUOTES) and len(before.split()) <= 2:
        # "Similarly, a spokesperson said, “...”": an opener, then the words after the cue
        return False
    opening = min((i for i in map(after.find, _OPENING_QUOTES) if i >= 0), default=-1)
    if (opening >= 0 and len(after[:opening].split()) <= 5
            and not any(mark in before for mark in _QUOTE_MARKS)):
        # "Asked whether the report was true, she said in a text message, “No.”": a lead-in
        # with no quotation in it; the speaker's words are the quotation after the cue
        return False
    head = _CLAUSE_CUT.split(after, maxsplit=1)[0]
    # (or where it was said, to the sentence's end: "..., the company revealed in a statement
    # posted on its website on Tuesday.")
    return len(head.split()) <= 4 or _WHERE_SAID.fullmatch(head.rstrip()) is not None


#: The most openers that may stand one after another before a speaker ("Still, in a
#: letter on Friday,").
_OPENERS_IN_A_ROW = 3


def _opener(before: str) -> bool:
    """Whether the words before a speaker are adverbial openers ("On Monday,", "However,",
    "In a letter on Friday,"), or a few of them one after another, each set off by its
    comma ("Still, in a letter on Friday,"): each an opener's word first, no verb,
    quote or comma of its own, short. A noun phrase before the speaker's apposition ("Two
    senators, A and B, said") opens with no such word."""
    parts = before[:-1].split(",")
    return len(parts) <= _OPENERS_IN_A_ROW and all(map(_one_opener, parts))


def _one_opener(words: str) -> bool:
    """Whether words (no comma among them) are one adverbial opener."""
    if (len(words.split()) > 8 or _CLAUSE_CUT.search(words) or clause_like(words)
            or any(mark in words for mark in _QUOTE_MARKS)):
        return False
    return opener().match(words.lstrip(" \"“‘'(-–—•*·")) is not None


#: Where and when a tag's words were said, ending the sentence ("in a statement posted on
#: its website on Tuesday", "in an interview with the paper last week").
_WHERE_SAID = re.compile(
    r"(?:in|on|at|during|via|through)\s+(?:an?|the|its|his|her|their)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:statement|interview|post|release|briefing|conference|message|e-?mail|letter|tweet)s?"
    r"(?:\s+(?:posted|published|issued|released|sent|given|with|to)\s+(?:[\w'’-]+\s+){0,3}?"
    r"[\w'’-]+)?(?:\s+(?:on|last|this|late|early)\s+[\w'’-]+)?[.!?]?[\"”’']?"
)


def case_ok(text: str, start: int) -> bool:
    """A capitalised cue only counts at the start of a sentence, a list item ("- It was
    revealed ...") or a quotation, or in a headline written in title case ("Officials Say",
    "Is Said to Explore")."""
    if not text[start].isupper():
        return True
    if text[start] == "I" and not text[start + 1 : start + 2].isalpha():
        return True  # the pronoun "I" is written so anywhere ("..., said: “I have been told")
    before = text[:start]
    if not before.strip(" \"“‘'(-–—•*·") or before.rstrip().endswith((":", "--", "—")):
        return True
    return _title_case(text)


def _title_case(text: str) -> bool:
    """Whether nearly every word of four or more letters is capitalised."""
    words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def coordinated(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Split "two U.S. officials and a Gulf diplomat" into its coordinated descriptors."""
    words = text[span[0] : span[1]]
    match = _AND_DESCRIPTOR.search(words)
    if match is None:
        return [span]
    return [(span[0], span[0] + match.start()), (span[0] + match.end(), span[1])]


#: "X in newspaper Y", "X, writing in the Daily Courier": a writer and where the words ran.
_IN_PUBLICATION = re.compile(
    r",?\s+(?:writing\s+|in\s+(?:an?\s+)?(?:column|op-?ed|opinion\s+piece|commentary|"
    r"editorial|essay|article|piece)\s+)?(?:in|for)\s+(?=(?:the\s+)?(?:[A-Z]|(?:[\w-]+\s+)?"
    r"(?:newspaper|daily|weekly|magazine|paper|tabloid|journal|website)\b))"
)


def writer_and_publication(text: str, span: tuple[int, int]) -> tuple[tuple[int, int],
                                                                        tuple[int, int]] | None:
    """A descriptor that names a writer and the publication the words ran in ("political
    commentator Ana Ruiz in newspaper Harbourposten", "Ana Ruiz, writing in the Daily
    Courier"): the writer's words and the publication's, or None. Whether the second is a
    news organisation is the caller's to check (guide 2: a commentator writing in a
    newspaper is the commentator's kind and media)."""
    match = _IN_PUBLICATION.search(text, span[0], span[1])
    if match is None or match.start() == span[0] or match.end() >= span[1]:
        return None
    return (span[0], match.start()), (match.end(), span[1])


def parties(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Split "X, as well as Y" and "Daesung Marine and Goryeo Shipbuilding" into parties."""
    words = text[span[0] : span[1]]
    match = _AS_WELL_AS.search(words)
    if match is None:
        match = _AND.search(words)
        if match is None or not (
            _SHORT_NAME.fullmatch(words[: match.start()])
            and _SHORT_NAME.fullmatch(words[match.end() :])
        ):
            return [span]
    return [(span[0], span[0] + match.start()), (span[0] + match.end(), span[1])]
