"""News reports named in a denial the sentence does not tag itself (pure, no DB).

A sentence planner names the report a party denies when the denial's tag is in the sentence
("'This report is false,' the minister said": ``media`` besides the denial, the rule
``report_object``). A quotation that goes on untagged ("Reports of a deal are flat out
wrong. This report is false," the minister said, its first sentence) carries its denial
from the speaker only after the whole article is attributed, so the report its words name
is found here, by the same ``report_object`` rule: the guide's "a news report that carries
the claim is media, also when it is the thing being denied" holds in every sentence of the
denial.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from verifier.analysis.attribution.rules import Rules
from verifier.analysis.results import Attribution, Sentence, Span

#: News at large ("this news is baseless", "Kyodo News"): a verdict's word or an outlet's
#: name as often as a report, so a denial carried from elsewhere names no report by it.
_NEWS = re.compile(r"\bnews$", re.I)
#: "That story", "those reports": the account an earlier sentence told, which the denial's
#: own words point back at, as often as a news report.
_POINTED_BACK = re.compile(r"\b(?:that|those)\s+$", re.I)
#: A party's own document ("said in a preliminary report"): no news report.
_OWN_REPORT = re.compile(r"\bin\s+(?:a|an|its|their|his|her)\s+(?:[\w-]+\s+){0,2}$", re.I)


def name_reports_in_carried_denials(
    sentences: Sequence[Sentence],
    result: list[tuple[Attribution, ...]],
    lexicon: Rules,
) -> None:
    """A news report named in a sentence whose every denial is carried from a speaker tagged
    elsewhere (an untagged quotation going on) is ``media`` besides the denial; none when the
    sentence already names a report or hearsay, or the words are a source's (``result``
    changed in place)."""
    rule = lexicon.report_object
    for index, found in enumerate(result):
        denials = [a for a in found if a.stance == "denies"]
        if not denials or not all(a.carried for a in denials) or any(
                a.speaker in ("media", "unnamed") for a in found):
            continue
        sentence = sentences[index]
        if not rule.gate.admits(sentence.text):
            continue
        for match in rule.pattern.finditer(sentence.text):
            before = sentence.text[max(0, match.start() - 40):match.start()]
            if _NEWS.search(match.group()) or _OWN_REPORT.search(before) or (
                    _POINTED_BACK.search(before)):
                continue
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(not a.carried and a.source.start < end and start < a.source.end
                   for a in found):
                continue
            words = Span(match.group(), start, end)
            report = Attribution("media", "asserts", words, words, rule.id)
            at = next((n for n, a in enumerate(found) if a.cue.start > start), len(found))
            result[index] = (*found[:at], report, *found[at:])
            break
