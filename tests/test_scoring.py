"""Scoring: contributions, their direction, status rules, weights validation."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.config_helpers import set_at
from verifier.errors import ConfigError
from verifier.scoring.evidence import AttributionEvidence, ClaimEvidence
from verifier.scoring.score import assess
from verifier.scoring.terms import OwnVoiceParams, SourcingParams
from verifier.scoring.weights import Weights, load_weights, parse_weights

W = load_weights()


def attribution(text: str, words: str, speaker: str, stance: str = "asserts",
                key: str | None = None, cue: str | None = None) -> AttributionEvidence:
    """``words`` of ``text`` as a source; its speaker cue ``cue`` (a word of ``text``), or a
    "said" standing nowhere in it."""
    start = text.index(words)
    at = 0 if cue is None else text.index(cue)
    cue = "said" if cue is None else cue
    return AttributionEvidence(speaker, stance, words, start, start + len(words), cue,
                               at, at + len(cue), source_key=key)


def claim(cid: int, text: str, *attrs: AttributionEvidence, certainty: str = "certain",
          cue: str | None = None, carrier: str = "paper") -> ClaimEvidence:
    start = text.index(cue) if cue else None
    return ClaimEvidence(cid, 1, text, 0, len(text), certainty, cue, start,
                         None if start is None else start + len(cue or ""), attrs,
                         carrier, carrier.title())


def test_official_confirmation_beats_unnamed_hedged_report() -> None:
    t1 = "The ministry said the minister will visit Lima on Monday."
    t2 = "The minister is expected to visit Lima, a diplomatic source said."
    official = assess([claim(1, t1, attribution(t1, "The ministry", "official", key="m"))], W)
    rumour = assess([claim(2, t2, attribution(t2, "a diplomatic source", "unnamed"),
                           certainty="probable", cue="is expected to")], W)
    assert official.score > rumour.score
    assert official.status == "corroborated"
    assert rumour.status == "unconfirmed"
    factors = [c.factor for c in rumour.contributions]
    assert "hedging" in factors
    hedge = next(c for c in rumour.contributions if c.factor == "hedging")
    assert hedge.delta < 0 and hedge.evidence[0].words == "is expected to"


def test_denial_makes_contested_and_lowers_score() -> None:
    t1 = "Reuters reported the deal was signed."
    t2 = "Voltaro denied the report."
    base = [claim(1, t1, attribution(t1, "Reuters", "media", key="reuters"))]
    denied = [*base, claim(2, t2, attribution(t2, "Voltaro", "official", "denies"))]
    assert assess(denied, W).status == "contested"
    assert assess(denied, W).score < assess(base, W).score
    reason = next(c for c in assess(denied, W).contributions if c.factor == "denials")
    assert reason.evidence[0].sentence == t2


def test_a_denial_nobody_can_identify_weighs_less_and_contests_nothing() -> None:
    t1 = "Voltaro said the deal was signed."
    t2 = "A person close to the talks denied the report."
    t3 = "Brunel Corp denied the report."
    base = [claim(1, t1, attribution(t1, "Voltaro", "official", key="voltaro"))]
    anonymous = [*base, claim(2, t2, attribution(t2, "A person close to the talks",
                                                 "unnamed", "denies"))]
    named = [*base, claim(3, t3, attribution(t3, "Brunel Corp", "official", "denies"))]
    assert assess(anonymous, W).status == "corroborated"
    assert assess(named, W).status == "contested"
    assert assess(named, W).score < assess(anonymous, W).score < assess(base, W).score
    reason = next(c for c in assess(anonymous, W).contributions if c.factor == "denials")
    assert "not identifiable" in reason.reason
    assert reason.delta == pytest.approx(W.sections["denials"].per_party
                                         * W.sections["denials"].unidentified_weight)


def test_contributions_are_ordered_by_strength_and_sum_to_score() -> None:
    import math

    t = "Cheong Wa Dae said the summit could take place in May."
    result = assess([claim(1, t, attribution(t, "Cheong Wa Dae", "official", key="cwd"),
                           certainty="possible", cue="could")], W)
    deltas = [abs(c.delta) for c in result.contributions]
    assert deltas == sorted(deltas, reverse=True)
    total = W.base + sum(c.delta for c in result.contributions)
    assert result.score == pytest.approx(1 / (1 + math.exp(-total)))
    assert 0.0 <= result.score <= 1.0


def test_corroboration_counts_origins_not_reports() -> None:
    t = "Yonhap reported that the talks ended."
    one_outlet_twice = [
        claim(1, t, attribution(t, "Yonhap", "media", key="yonhap"), carrier="a"),
        claim(2, t, attribution(t, "Yonhap", "media", key="yonhap"), carrier="b"),
    ]
    result = assess(one_outlet_twice, W)
    assert [o.key for o in result.origins] == ["yonhap"]
    t2 = "Kyodo reported that the talks ended."
    two = [*one_outlet_twice[:1], claim(3, t2, attribution(t2, "Kyodo", "media", key="kyodo"))]
    assert len(assess(two, W).origins) == 2
    assert assess(two, W).status == "corroborated"


def test_weights_errors_name_the_field() -> None:
    with pytest.raises(ConfigError, match=r"sourcing\.official"):
        parse_weights({"base": 0, "sourcing": {}}, "w.yaml")


def _raw() -> dict[str, object]:
    import copy

    from verifier.config import data_path
    from verifier.yamlio import read_yaml

    raw = read_yaml(data_path("scoring.yaml"), "scoring file")
    assert isinstance(raw, dict)
    return copy.deepcopy(raw)


def weights_with(path: tuple[str, ...], value: object) -> Weights:
    """The packaged weights with the value at ``path`` (``set_at``) changed to ``value``."""
    raw = _raw()
    set_at(raw, path, value)
    return parse_weights(raw, "test")


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("base",), float("nan"), r"'base': expected a finite number"),
        (("base",), -1000, r"'base': expected a finite number between"),
        (("denials", "per_party"), float("inf"), r"'denials\.per_party'"),
        (("hedging", "probable"), "high", r"'hedging\.probable'"),
        (("refusals", "max_parties"), -1, r"'refusals\.max_parties': expected a whole"),
        (("reliability", "default_prior", "named"), [1, float("nan")],
         r"'reliability\.default_prior\.named'"),
        (("on_record", "speakers"), ["official", "bloggers"], r"'on_record\.speakers'"),
        (("sourcing", "officail"), 1.0, r"'sourcing\.officail': unknown"),
        (("denials", "stanse"), "denies", r"'denials\.stanse': unknown"),
        (("weights",), {}, r"unknown section 'weights'"),
        (("own_voice", "min_statements"), 1.5, r"'own_voice\.min_statements': expected a whole"),
        (("own_voice", "max_hedged_share"), "half", r"'own_voice\.max_hedged_share'"),
        (("identity", "nameless_words"), ["Officials"], r"'identity\.nameless_words'"),
        (("identity", "nameles_words"), [], r"'identity\.nameles_words': unknown"),
        (("denials", "outcome_words"), ["Did not happen"], r"'denials\.outcome_words'"),
        (("sourcing", "negated_speakers"), ["denied"], r"'sourcing\.negated_speakers'"),
    ],
)
def test_every_number_and_key_is_validated(
    path: tuple[str, ...], value: object, message: str
) -> None:
    raw = _raw()
    set_at(raw, path, value)
    with pytest.raises(ConfigError, match=message):
        parse_weights(raw, "scoring.yaml")


def test_every_registered_term_has_a_section_and_sourcing_covers_every_label() -> None:
    from dataclasses import fields

    from verifier.scoring.terms import TERMS, SourcingParams
    from verifier.scoring.weights import SOURCING_KEYS

    assert set(_raw()) == {"base", "status", "identity", *(t.name for t in TERMS)}
    # a weight for every label, the speakers whose negated statements are set aside, and
    # those whose denial sets aside what else they say
    assert tuple(f.name for f in fields(SourcingParams)) == (
        *SOURCING_KEYS, "negated_speakers", "denying_speakers")


def test_logistic_never_overflows() -> None:
    from verifier.scoring.score import logistic

    assert logistic(-1000.0) == pytest.approx(0.0)
    assert logistic(1000.0) == pytest.approx(1.0)


def test_assessment_names_its_strongest_source_and_shows_a_prior_as_a_prior() -> None:
    t = "The ministry said the minister will visit Lima on Monday."
    result = assess([claim(1, t, attribution(t, "The ministry", "official", key="m"))], W)
    assert result.strongest is not None
    assert (result.strongest.kind, result.strongest.name) == ("official", "The ministry")
    record = next(c for c in result.contributions if c.factor == "reliability")
    assert "prior only, no verdicts yet" in record.reason
    assert "confirmed" not in record.reason


def test_words_that_name_nobody_are_no_origin() -> None:
    t1 = "Kyodo reported that the two ministers would meet in Hanoi."
    t2 = "A report surfaced that the two ministers would meet in Hanoi."
    t3 = "Formal genetic analysis showed the ministers would meet in Hanoi."
    claims = [
        claim(1, t1, attribution(t1, "Kyodo", "media", key="kyodo")),
        claim(2, t2, attribution(t2, "A report surfaced", "media", key="name:a report surfaced")),
        claim(3, t3, attribution(t3, "Formal genetic analysis", "official",
                                 key="name:formal genetic analysis")),
    ]
    result = assess(claims, W)
    assert [o.label for o in result.origins] == ["Kyodo"]
    assert result.status == "unconfirmed"


def test_the_words_that_name_nobody_are_data() -> None:
    t1 = "Officials said the two ministers would meet in Hanoi."
    t2 = "Kyodo reported that the two ministers would meet in Hanoi."
    claims = [claim(1, t1, attribution(t1, "Officials", "official", key="name:officials")),
              claim(2, t2, attribution(t2, "Kyodo", "media", key="kyodo"))]
    assert [o.label for o in assess(claims, W).origins] == ["Kyodo"]
    raw = _raw()
    raw["identity"] = {"nameless_words": ["the"], "institution_heads": [],
                       "indefinite_words": [], "heading_letters": 0, "offices": {},
                       "document_words": [], "state_heads": [], "countries": {},
                       "name_titles": [], "record_words": [], "issued_words": [],
                       "name_connectors": [],
                       "tail_openers": [], "leading_offices": []}
    plain = parse_weights(raw, "scoring.yaml")
    assert [o.label for o in assess(claims, plain).origins] == ["Officials", "Kyodo"]
    assert assess(claims, plain).status == "corroborated"


def test_a_definite_public_institution_is_identifiable() -> None:
    t1 = "Exports from Velmont fell 4 percent in June, the trade ministry said."
    t2 = "Exports from Velmont fell 4 percent in June, the company said."
    ministry = [claim(1, t1, attribution(t1, "the trade ministry", "official",
                                         key="name:the trade ministry"))]
    company = [claim(2, t2, attribution(t2, "the company", "official",
                                        key="name:the company"))]
    assert assess(ministry, W).status == "corroborated"
    assert assess(company, W).status == "unconfirmed"
    raw = _raw()
    identity = raw["identity"]
    assert isinstance(identity, dict)
    identity["institution_heads"] = ["council"]
    assert assess(ministry, parse_weights(raw, "scoring.yaml")).status == "unconfirmed"
    identity["institution_heads"] = ["trade ministry"]  # a phrase: the words end on it
    assert assess(ministry, parse_weights(raw, "scoring.yaml")).status == "corroborated"


def test_someone_described_with_an_indefinite_article_is_left_unnamed() -> None:
    t1 = "Velmont will slide into recession by spring, a senior analyst at a Lisbon bank said."
    t2 = "Velmont will slide into recession by spring, the Lisbon analyst Rita Sarmento said."
    described = assess([claim(1, t1, attribution(
        t1, "a senior analyst at a Lisbon bank", "named",
        key="name:a senior analyst at a lisbon bank"))], W)
    named = assess([claim(2, t2, attribution(t2, "the Lisbon analyst Rita Sarmento", "named",
                                             key="name:rita sarmento"))], W)
    assert described.status == "unconfirmed" and described.origins == ()
    assert named.status == "corroborated"
    raw = _raw()
    identity = raw["identity"]
    assert isinstance(identity, dict)
    identity["indefinite_words"] = []
    assert assess([claim(1, t1, attribution(
        t1, "a senior analyst at a Lisbon bank", "named",
        key="name:a senior analyst at a lisbon bank"))],
        parse_weights(raw, "scoring.yaml")).status == "corroborated"


def test_an_outlet_relaying_another_is_one_origin_with_it() -> None:
    relay = "Bloomberg reported the merger talks, citing the Swiss magazine Bilanz."
    both = "The Times and the Daily Mail reported that the talks had ended."
    relayed = assess([claim(1, relay, attribution(relay, "Bloomberg", "media", key="bloomberg"),
                            attribution(relay, "the Swiss magazine Bilanz", "media",
                                        key="bilanz"))], W)
    assert [o.key for o in relayed.origins] == ["bilanz"]
    assert relayed.status == "unconfirmed"
    # the relaying outlet's record does not stand behind what it only passes on
    assert relayed.strongest is not None and relayed.strongest.name == "the Swiss magazine Bilanz"
    independent = assess([claim(2, both, attribution(both, "The Times", "media", key="times"),
                                attribution(both, "the Daily Mail", "media", key="mail"))], W)
    assert [o.key for o in independent.origins] == ["times", "mail"]
    # an outlet citing anonymous sources relays them: no origin of its own, and its record
    # does not make them the strongest source
    scoop = "Norpress reported, citing people familiar with the matter, that the deal is done."
    anonymous = assess([claim(3, scoop, attribution(scoop, "Norpress", "media", key="norpress"),
                              attribution(scoop, "people familiar with the matter",
                                          "unnamed"))], W)
    assert anonymous.origins == ()
    assert anonymous.strongest is not None and anonymous.strongest.kind == "unnamed"
    assert anonymous.status == "unconfirmed"


def test_a_story_its_own_reports_call_a_rumour_scores_lower() -> None:
    plain = "Posts said the general had been arrested in the capital."
    rumour = "Online rumours said the general had been arrested in the capital."
    posts = attribution(plain, "Posts", "unnamed")
    base = assess([claim(1, plain, posts)], W)
    rumoured = assess([claim(1, plain, posts),
                       claim(2, rumour, attribution(rumour, "Online rumours", "unnamed"))], W)
    term = next(c for c in rumoured.contributions if c.factor == "rumour")
    assert term.delta < 0 and rumoured.score < base.score
    assert term.evidence[0].words == "rumours"
    assert "1 supporting statement calls it a rumour" in term.reason
    # a refusal that speaks of rumours is the party's word, not the reports'
    refusal = "The ministry declined to comment on market rumours."
    declined = assess([claim(1, plain, posts), claim(3, refusal, attribution(
        refusal, "The ministry", "official", "declines"))], W)
    assert all(c.factor != "rumour" for c in declined.contributions)
    # whole words only: "rumoured" is listed, "rumourmonger" is not
    monger = "A rumourmonger said the general had been arrested."
    assert all(c.factor != "rumour" for c in assess([claim(4, monger, attribution(
        monger, "A rumourmonger", "unnamed"))], W).contributions)
    # a speaker speculating now calls it speculation; told afterwards, it is no rumour
    speculates = "The Herald speculates that the general has been arrested in the capital."
    found = assess([claim(5, speculates, attribution(speculates, "The Herald", "media"))], W)
    assert next(c for c in found.contributions if c.factor == "rumour").evidence[
        0].words == "speculates"
    told = "The general was arrested in the capital, as the Herald had speculated."
    assert all(c.factor != "rumour" for c in assess([claim(6, told)], W).contributions)


def test_a_statement_calling_the_event_fake_stands_behind_nothing() -> None:
    # the report's own words call the event fake: no own voice, a rumour statement
    fake = "Shoppers are warned about fake vouchers for the Harwick store's anniversary."
    plain = "Shoppers can claim vouchers for the Harwick store's anniversary."
    called = assess([claim(1, fake, carrier="gazette")], W)
    stated = assess([claim(1, plain, carrier="gazette")], W)
    term = next(c for c in called.contributions if c.factor == "rumour")
    assert term.evidence[0].words == "fake"
    assert all(c.factor != "own_voice" for c in called.contributions)
    assert called.score < stated.score and called.status == "unconfirmed"
    assert stated.status == "corroborated"
    news = "The vouchers spread online after the false news broke on Monday."
    assert next(c for c in assess([claim(2, news)], W).contributions
                if c.factor == "rumour").evidence[0].words == "false news"
    # whole words: "fakery" is not "fake"
    fakery = "Shoppers can claim vouchers, a stunt its critics call fakery."
    assert all(c.factor != "rumour" for c in assess([claim(3, fakery)], W).contributions)


def test_a_rumour_told_as_come_true_is_no_rumour() -> None:
    came_true = ("The singer confirmed the split on Friday, ending weeks of speculation "
                 "about the couple.")
    rumour = "Speculation is mounting about the couple's split."
    found = assess([claim(1, came_true, carrier="gazette")], W)
    assert all(c.factor != "rumour" for c in found.contributions)
    assert any(c.factor == "own_voice" for c in found.contributions)
    assert found.status == "corroborated"
    assert any(c.factor == "rumour" for c in assess([claim(2, rumour)], W).contributions)
    # the words are data
    raw = _raw()
    set_at(raw, ("rumour", "confirmed_words"), [])
    off = assess([claim(1, came_true, carrier="gazette")], parse_weights(raw, "test"))
    assert any(c.factor == "rumour" for c in off.contributions)
    assert all(c.factor != "own_voice" for c in off.contributions)


@pytest.mark.parametrize("value", [["Citing"], "citing", [""], ["x" * 81], [3]])
def test_phrase_lists_are_validated(value: object) -> None:
    raw = _raw()
    section = raw["corroboration"]
    assert isinstance(section, dict)
    section["relay_cues"] = value
    with pytest.raises(ConfigError, match=r"'corroboration\.relay_cues': expected a list of"):
        parse_weights(raw, "scoring.yaml")


def _anonymous_reports() -> Weights:
    """The weights with ``corroboration.anonymous_reports`` 1: a report telling the story
    through its own anonymous sources is an origin of its own."""
    raw = _raw()
    set_at(raw, ("corroboration", "anonymous_reports"), 1)
    return parse_weights(raw, "test")


def test_reports_that_call_it_a_rumour_are_no_independent_origins() -> None:
    t1 = "The general has been placed under house arrest, posts claimed."
    t2 = "Online rumours say the general is under house arrest."
    t3 = "The general was seen under guard at his home on Sunday."
    posts = [claim(1, t1, attribution(t1, "posts", "unnamed"), carrier="blog"),
             claim(2, t2, carrier="wire"), claim(3, t3, carrier="wire")]
    weights = _anonymous_reports()  # the blog's anonymous posts make it an origin
    result = assess(posts, weights)
    # the wire's own statements call it a rumour: it passes the rumour on
    assert [o.key for o in result.origins] == ["blog"]
    assert result.status == "unconfirmed"
    plain = assess([posts[0], posts[2]], weights)
    assert {o.key for o in plain.origins} == {"blog", "wire"}
    assert plain.status == "corroborated"


def test_a_report_telling_it_only_through_anonymous_sources_is_no_origin() -> None:
    t1 = "Norfield Bank is in talks to buy Castlebay Mutual, people familiar said."
    t2 = "Norfield Bank is close to buying Castlebay, sources close to the bank said."
    t3 = "Norfield Bank is buying Castlebay Mutual for $2 billion."
    courier = claim(1, t1, attribution(t1, "people familiar", "unnamed"), carrier="courier")
    herald = claim(2, t2, attribution(t2, "sources close to the bank", "unnamed"),
                   carrier="herald")
    # a reader cannot tell one outlet's anonymous sources from another's
    assert assess([courier, herald], W).origins == ()
    # a report stating it in its own voice is an origin of its own
    gazette = claim(3, t3, carrier="gazette")
    assert [o.key for o in assess([courier, herald, gazette], W).origins] == ["gazette"]
    # the setting is data (corroboration.anonymous_reports)
    assert {o.key for o in assess([courier, herald], _anonymous_reports()).origins} == {
        "courier", "herald"}


def test_a_party_that_asserts_it_and_declines_details_is_no_refusal() -> None:
    t1 = "Harlow Rail said it would close the Brent line in May."
    t2 = "Harlow Rail declined to say how many jobs would go."
    t3 = "The transport ministry declined to comment."
    rail = attribution(t1, "Harlow Rail", "official", key="name:harlow rail")
    declines = attribution(t2, "Harlow Rail", "official", "declines", key="name:harlow rail")
    ministry = attribution(t3, "The transport ministry", "official", "declines",
                           key="name:transport ministry")
    result = assess([claim(1, t1, rail), claim(2, t2, declines), claim(3, t3, ministry)], W)
    refusal = next(c for c in result.contributions if c.factor == "refusals")
    assert "1 party declined" in refusal.reason and "transport ministry" in refusal.reason
    assert [w.sentence for w in refusal.evidence] == [t3]


def test_a_report_stating_it_as_fact_in_its_own_voice_corroborates_it() -> None:
    fact = "The Orlan ferry line resumed its crossings to Vessby on Tuesday."
    hedge = "The ferry line is expected to add a second boat, which could double crossings."
    aside = "Vessby officials said the line might add a third boat."
    stated = assess([claim(1, fact, carrier="gazette")], W)
    assert stated.status == "corroborated"
    assert "Gazette states it as fact in its own voice in 1 statement" in stated.status_reason
    assert stated.to_dict()["status_reason"] == stated.status_reason
    assert stated.status_rule == stated.to_dict()["status_rule"] == "own_voice"
    # a report that mostly hedges what it says of the event does not stand behind it
    mostly_hedged = assess([claim(1, fact, carrier="gazette"),
                            claim(2, hedge, certainty="possible", cue="could",
                                  carrier="gazette"),
                            claim(3, aside, attribution(aside, "Vessby officials", "unnamed"),
                                  certainty="possible", cue="might",
                                  carrier="gazette")], W)
    assert mostly_hedged.status == "unconfirmed"
    assert "no report stating it as fact" in mostly_hedged.status_reason
    # what the report expects in its own words it stands behind ("probable" is no hedge of
    # its own voice: own_voice.hedges)
    expected = "The Orlan ferry line is expected to resume its crossings on Tuesday."
    expects = assess([claim(1, expected, certainty="probable", cue="is expected to",
                            carrier="gazette")], W)
    assert expects.status == "corroborated" and expects.status_rule == "own_voice"
    raw = _raw()
    set_at(raw, ("own_voice", "hedges"), ["probable", "possible"])
    assert assess([claim(1, expected, certainty="probable", cue="is expected to",
                         carrier="gazette")], parse_weights(raw, "test")).status == "unconfirmed"
    # nor does a report that calls the event a rumour, whatever else it states flatly
    rumour = "Rumours of the resumption spread on Monday."
    rumoured = assess([claim(1, fact, carrier="gazette"),
                       claim(2, rumour, carrier="gazette")], W)
    assert rumoured.status == "unconfirmed"
    # attributed statements are the sources', not the outlet's own word
    said = "The ferry line resumed crossings, a source said."
    sourced = assess([claim(1, said, attribution(said, "a source", "unnamed"))], W)
    assert sourced.status == "unconfirmed"
    raw = _raw()
    section = raw["own_voice"]
    assert isinstance(section, dict)
    section["min_statements"] = 0  # the rule turned off
    off = parse_weights(raw, "scoring.yaml")
    assert assess([claim(1, fact, carrier="gazette")], off).status == "unconfirmed"
    # a denial still makes it contested, and says who denied it
    denial = "Orlan Ferries denied that crossings had resumed."
    denied = assess([claim(1, fact, carrier="gazette"), claim(
        2, denial, attribution(denial, "Orlan Ferries", "official", "denies"))], W)
    assert denied.status == "contested" and "Orlan Ferries" in denied.status_reason


def test_the_outlets_own_voice_raises_the_score_and_says_why() -> None:
    fact = "The Orlan ferry line resumed its crossings to Vessby on Tuesday."
    said = "The Orlan ferry line resumed its crossings, a source said."
    stated = assess([claim(1, fact, carrier="gazette")], W)
    sourced = assess([claim(1, said, attribution(said, "a source", "unnamed"))], W)
    term = next(c for c in stated.contributions if c.factor == "own_voice")
    assert term.delta == W.term("own_voice", OwnVoiceParams).weight > 0
    assert term.evidence[0].sentence == fact
    assert "at least 1, under 50%" in term.reason
    assert all(c.factor != "own_voice" for c in sourced.contributions)
    assert stated.score > sourced.score
    # a fragment (a list number, a photo credit) states nothing
    fragments = assess([claim(1, "2."), claim(2, "Photo: Orlan Ferries")], W)
    assert all(c.factor != "own_voice" for c in fragments.contributions)
    assert fragments.status == "unconfirmed"


def test_a_source_with_a_good_record_stating_it_unhedged_corroborates_it() -> None:
    from verifier.scoring.evidence import Reliability

    def wire(text: str, mean_confirmed: float) -> AttributionEvidence:
        start = text.index("Norpress")
        return AttributionEvidence("media", "asserts", "Norpress", start, start + 8,
                                   "reported", 0, 4, source_key="norpress",
                                   reliability=Reliability(mean_confirmed,
                                                           10 - mean_confirmed, "Norpress"))

    fact = "The Vessby bridge reopened on Monday, Norpress reported."
    good = assess([claim(1, fact, wire(fact, 8))], W)
    assert good.status == "corroborated"
    assert "Norpress states it unhedged, with reliability 0.80" in good.status_reason
    # ... quoting the statement it rests on
    assert good.status_reason.endswith(f"in Paper (no date): '{fact}'")
    # an outlet with an even record does not, on its own
    assert assess([claim(1, fact, wire(fact, 5))], W).status == "unconfirmed"
    # nor does a report crediting the outlet and hedging what it says of the event
    credit = "The report comes from Norpress."
    hedged = [claim(1, credit, wire(credit, 8)),
              claim(2, "The bridge is expected to reopen on Monday.", certainty="probable",
                    cue="is expected to"),
              claim(3, "It could reopen to lorries later.", certainty="possible", cue="could")]
    # (what the outlet and the report expect they stand behind: own_voice.hedges)
    assert assess(hedged, W).status_rule == "reliable"
    hedged[1] = claim(2, "The bridge may reopen on Monday.", certainty="possible", cue="may")
    assert assess(hedged, W).status == "unconfirmed"
    # the threshold is data
    raw = _raw()
    status = raw["status"]
    assert isinstance(status, dict)
    status["corroborated_min_reliability"] = 0.9
    assert assess([claim(1, fact, wire(fact, 8))],
                  parse_weights(raw, "scoring.yaml")).status == "unconfirmed"


def _no_own_voice(*texts: str) -> None:
    """Each text, a report's only statement in its own voice, leaves the story unconfirmed
    and gives no own-voice contribution."""
    for text in texts:
        own = assess([claim(1, text, carrier="gazette")], W)
        assert own.status == "unconfirmed"
        assert all(c.factor != "own_voice" for c in own.contributions)


def test_a_flat_statement_of_denial_or_doubt_is_no_own_voice() -> None:
    fact = "The Orlan ferry line resumed its crossings to Vessby on Tuesday."
    doubt = "It wasn’t immediately clear when the Orlan ferry line would resume crossings."
    denial = "The ferry line has taken the unusual step of publicly denying the reports."
    conflicting = "Conflicting reports about the Orlan ferry line resuming its crossings."
    assert assess([claim(1, fact, carrier="gazette")], W).status == "corroborated"
    _no_own_voice(doubt, conflicting)
    # the denial is no own voice either, and it tells of a dispute (status.dispute_*):
    # contested (test_scoring_disputes)
    denied = assess([claim(1, denial, carrier="gazette")], W)
    assert denied.status == "contested"
    assert all(c.factor != "own_voice" for c in denied.contributions)
    # the words are data
    raw = _raw()
    section = raw["own_voice"]
    assert isinstance(section, dict)
    section["doubt_words"] = []
    set_at(raw, ("status", "dispute_verbs"), [])
    assert assess([claim(1, denial, carrier="gazette")],
                  parse_weights(raw, "scoring.yaml")).status == "corroborated"


def test_a_negated_statement_is_no_own_voice() -> None:
    fact = "The Orlan ferry line and Vessby Shipping are merging their crossings."
    negated = "The Orlan ferry line and Vessby Shipping are not merging their crossings."
    assert assess([claim(1, fact, carrier="gazette")], W).status == "corroborated"
    _no_own_voice(negated)
    # the words are data, apart from the status rule's
    raw = _raw()
    set_at(raw, ("own_voice", "negation_words"), [])
    weights = parse_weights(raw, "test")
    assert weights.status.negation_words == W.status.negation_words
    found = assess([claim(1, negated, carrier="gazette")], weights)
    assert found.status == "corroborated"
    assert any(c.factor == "own_voice" for c in found.contributions)
    # a negation word in an affirming phrase negates nothing of the event
    twice = "The Orlan ferry line has merged its crossings not once, but twice."
    assert assess([claim(1, twice, carrier="gazette")], W).status == "corroborated"
    set_at(raw, ("own_voice", "affirming_phrases"), [])
    set_at(raw, ("own_voice", "negation_words"), ["not"])
    assert assess([claim(1, twice, carrier="gazette")],
                  parse_weights(raw, "test")).status == "unconfirmed"


def test_a_report_saying_the_event_did_not_come_about_denies_it() -> None:
    t1 = "Voltaro will open a plant in Kessel next year, the company said."
    t2 = "The plant in Kessel did not materialise, and Voltaro built in Arno instead."
    base = [claim(1, t1, attribution(t1, "the company", "official", key="voltaro"))]
    later = [*base, replace(claim(2, t2, carrier="gazette"), article_id=2)]
    before, after = assess(base, W), assess(later, W)
    assert before.status == "corroborated"
    assert after.status == "contested" and "did not materialise" in after.status_reason
    assert after.score < before.score
    reason = next(c for c in after.contributions if c.factor == "denials")
    assert reason.evidence[0].words == "did not materialise"
    assert reason.delta == pytest.approx(W.sections["denials"].per_party)
    # the contrary statement stands behind nothing: no own voice, no second origin
    assert "own_voice" not in [c.factor for c in after.contributions]
    assert [o.key for o in after.origins] == [o.key for o in before.origins]


def test_a_hedge_inside_a_certain_statement_is_no_own_voice() -> None:
    fact = "Mira Holt is the new head of the Vessby port authority."
    possible = "Some expect Mira Holt to be a possible new head of the Vessby port authority."
    potential = "Mira Holt is a potential new head of the Vessby port authority."
    conditional = "Mira Holt heading the Vessby port authority is, if correct, a surprise."
    assert assess([claim(1, fact, carrier="gazette")], W).status == "corroborated"
    _no_own_voice(possible, potential, conditional)
    # it counts in the report's hedged share too: one plain statement beside it is half
    both = [claim(1, fact, carrier="gazette"), claim(2, potential, carrier="gazette")]
    assert assess(both, W).status == "unconfirmed"
    # the words are data
    raw = _raw()
    set_at(raw, ("own_voice", "hedge_words"), [])
    assert assess([claim(1, potential, carrier="gazette")],
                  parse_weights(raw, "test")).status == "corroborated"


def test_an_event_that_never_happened_before_is_new_not_undone() -> None:
    t1 = "The Vessby mayor will run for president, the mayor Ada Pell said."
    t2 = "Such a run has never happened before in Norland, the Gazette notes."
    base = [claim(1, t1, attribution(t1, "the mayor Ada Pell", "named"))]
    found = assess([*base, replace(claim(2, t2, carrier="gazette"), article_id=2)], W)
    assert found.status == "corroborated"
    assert all(c.factor != "denials" for c in found.contributions)
    raw = _raw()
    set_at(raw, ("denials", "outcome_exceptions"), [])
    assert assess([*base, replace(claim(2, t2, carrier="gazette"), article_id=2)],
                  parse_weights(raw, "test")).status == "contested"
    # nor is a party's statement of it a denial, whatever the analyser read in those words
    t3 = "This has never happened before in Norland, the historian Ivo Brask said."
    said = [*base, replace(claim(3, t3, attribution(t3, "the historian Ivo Brask", "named",
                                                    "denies")), article_id=3)]
    found = assess(said, W)
    assert found.status == "corroborated"
    term = next(c for c in found.contributions if c.factor == "denials")
    assert term.delta == 0 and "not counted: the historian Ivo Brask" in term.reason
    assert term.evidence[0].words == "has never happened before"
    assert assess(said, parse_weights(raw, "test")).status == "contested"
    # and its negation negates nothing of the event: on the record, it corroborates
    alone = assess(said[1:], W)
    assert (alone.status, alone.status_rule) == ("corroborated", "on_record")


@pytest.mark.parametrize(("t1", "who", "kind", "t2", "words"), [
    ("Posts claim the Vessby mayor has fled to Norland, a local doctor said.",
     "a local doctor", "named",
     "The claim was debunked by the Norland consul, who said no such request exists.",
     "debunked"),
    ("A man was robbed at knifepoint on Vessby high street, a post on Facebook said.",
     "a post on Facebook", "unnamed",
     "False reports are wasting police time, officers in Vessby warned.", "False reports"),
])
def test_a_report_calling_the_claim_debunked_or_false_denies_it(
        t1: str, who: str, kind: str, t2: str, words: str) -> None:
    base = [claim(1, t1, attribution(t1, who, kind))]
    found = assess([*base, replace(claim(2, t2, carrier="gazette"), article_id=2)], W)
    assert found.status == "contested" and f"'{words}'" in found.status_reason
    assert found.score < assess(base, W).score


def test_a_report_contradicting_the_reports_in_its_own_voice_denies_them() -> None:
    t1 = "Vessby are weighing a move for the Norland midfielder Ivo Marsh, reports say."
    t2 = "Contrary to reports in the national press, Vessby are not chasing Ivo Marsh."
    t3 = "The 24-year-old is a holding midfielder who impressed against Vessby."
    base = [claim(1, t1, attribution(t1, "reports", "unnamed"))]
    report = [replace(claim(n, t, carrier="gazette"), article_id=2)
              for n, t in ((2, t2), (3, t3))]
    found = assess([*base, *report], W)
    assert found.status == "contested" and "'Contrary to reports'" in found.status_reason
    # the report's own statements about the player are its account, not support
    assert found.score < assess([*base, report[1]], W).score


def test_a_public_record_stands_on_the_record() -> None:
    t1 = ("Norland has replaced its central bank governor with his deputy, a presidential "
          "decree published in the official gazette said.")
    words = "a presidential decree published in the official gazette"
    found = assess([claim(1, t1, attribution(t1, words, "official"))], W)
    assert (found.status, found.status_rule) == ("corroborated", "on_record")
    assert not any(c.factor == "secondhand" for c in found.contributions)
    raw = _raw()
    set_at(raw, ("identity", "record_words"), [])
    off = assess([claim(1, t1, attribution(t1, words, "official"))], parse_weights(raw, "t"))
    assert off.status == "unconfirmed" and off.score < found.score


def test_a_report_saying_the_event_did_not_come_about_supports_none_of_it() -> None:
    t1 = "Voltaro will open a plant in Kessel next year, the company said."
    t2 = "The plant in Kessel did not materialise."
    t3 = "Voltaro had planned a plant in Kessel with 400 jobs, the mayor Ada Pell said."
    base = claim(1, t1, attribution(t1, "the company", "official", key="voltaro"))
    later = [replace(claim(2, t2, carrier="gazette"), article_id=2),
             replace(claim(3, t3, attribution(t3, "the mayor Ada Pell", "named"),
                           carrier="gazette"), article_id=2)]
    found = assess([base, *later], W)
    assert [o.key for o in found.origins] == [o.key for o in assess([base], W).origins]
    corroboration = next(c for c in found.contributions if c.factor == "corroboration")
    assert "not counted: Gazette (says the event did not come about" in corroboration.reason
    # 0: only the statement saying so supports nothing
    raw = _raw()
    set_at(raw, ("denials", "outcome_voids_report"), 0)
    weights = parse_weights(raw, "test")
    assert len(assess([base, *later], weights).origins) == 2
    assert assess([base, *later], weights).score > found.score


def test_a_report_telling_of_a_denial_as_overtaken_answers_it() -> None:
    from datetime import datetime

    t1 = "Voltaro denied on Monday that it will close the plant in Kessel."
    t2 = "Voltaro initially denied the closure of the plant in Kessel."
    t3 = "The plant in Kessel closes in June, chief executive Ada Pell announced."
    denial = replace(claim(1, t1, attribution(t1, "Voltaro", "official", "denies",
                                              key="voltaro")),
                     published=datetime(2031, 3, 2))
    later = [replace(claim(2, t2, attribution(t2, "Voltaro", "official", "denies",
                                              key="voltaro"), carrier="gazette"),
                     article_id=2, published=datetime(2031, 4, 2)),
             replace(claim(3, t3, attribution(t3, "chief executive Ada Pell", "named"),
                           carrier="gazette"), article_id=2, published=datetime(2031, 4, 2))]
    found = assess([denial, *later], W)
    assert found.status == "corroborated"
    assert "tells of a denial as overtaken ('initially denied')" in found.status_reason
    assert "then asserted on the record by chief executive Ada Pell" in found.status_reason
    # the words are data
    raw = _raw()
    set_at(raw, ("status", "overtaken_words"), [])
    assert assess([denial, *later], parse_weights(raw, "test")).status == "contested"


def test_the_on_record_reason_quotes_the_statement_it_rests_on() -> None:
    # a reader sees whether the statement asserts the event ("discussed the possibility
    # of ...") without opening the report, as the settled and answered reasons quote theirs
    t1 = ("Prime Minister Ola Vesk said they also discussed the possibility of the Velm "
          "party joining the coalition.")
    said = attribution(t1, "Prime Minister Ola Vesk", "official", key="vesk")
    found = assess([claim(1, t1, said)], W)
    assert (found.status, found.status_rule) == ("corroborated", "on_record")
    assert found.status_reason == (
        f"on the record: Prime Minister Ola Vesk asserts it in Paper (no date): '{t1}'")


def test_a_story_scoring_under_the_least_score_is_not_corroborated() -> None:
    t1 = "Voltaro will open a plant in Kessel next year, the company said."
    on_record = claim(1, t1, attribution(t1, "the company", "official", key="voltaro"))
    hedged = [on_record, claim(2, "Voltaro could also open a plant in Arno.",
                               certainty="possible", cue="could")]
    plain = assess([on_record], W)
    assert plain.status == "corroborated" and plain.score > W.status.corroborated_min_score
    assert plain.status_rule == "on_record"
    raw = _raw()
    set_at(raw, ("hedging", "possible"), -9.0)
    low = assess(hedged, parse_weights(raw, "test"))
    assert low.score < W.status.corroborated_min_score
    assert (low.status, low.status_rule) == ("unconfirmed", "min_score")
    assert "under 0.20" in low.status_reason and "on the record" in low.status_reason
    # 0 turns it off
    set_at(raw, ("status", "corroborated_min_score"), 0.0)
    assert assess(hedged, parse_weights(raw, "test")).status == "corroborated"


def test_without_outcome_words_a_contrary_statement_is_no_denial() -> None:
    t1 = "Voltaro will open a plant in Kessel next year, the company said."
    t2 = "The plant in Kessel did not materialise."
    raw = _raw()
    set_at(raw, ("denials", "outcome_words"), [])
    weights = parse_weights(raw, "test")
    found = assess([claim(1, t1, attribution(t1, "the company", "official", key="voltaro")),
                    claim(2, t2, carrier="gazette")], weights)
    assert found.status == "corroborated"


def test_words_told_after_the_rumour_tell_its_outcome() -> None:
    from datetime import datetime

    t1 = "Voltaro is in advanced talks to buy Kessel Freight, two people familiar said."
    t2 = "Voltaro and Kessel Freight say their merger talks came to nothing."
    rumour = replace(claim(1, t1, attribution(t1, "two people familiar", "unnamed")),
                     published=datetime(2031, 3, 2))
    outcome = replace(claim(2, t2, carrier="gazette"), article_id=2,
                      published=datetime(2031, 3, 20))
    found = assess([rumour, outcome], W)
    assert found.status == "contested" and "came to nothing" in found.status_reason
    reason = next(c for c in found.contributions if c.factor == "denials")
    assert reason.evidence[0].words == "came to nothing"
    assert "own_voice" not in [c.factor for c in found.contributions]
    # the same day, or with no date to order the reports by, it tells no outcome
    for published in (datetime(2031, 3, 2), None):
        same = assess([rumour, replace(outcome, published=published)], W)
        assert all(c.factor != "denials" for c in same.contributions)
    # an event that is itself an ending says so from its first report on: no outcome
    t0 = "Voltaro's talks with Kessel Freight came to nothing, a Voltaro source said."
    first = replace(claim(1, t0, attribution(t0, "a Voltaro source", "unnamed")),
                    published=datetime(2031, 3, 2))
    assert all(c.factor != "denials" for c in assess([first, outcome], W).contributions)
    # the words are data
    raw = _raw()
    set_at(raw, ("denials", "later_outcome_words"), [])
    off = assess([rumour, outcome], parse_weights(raw, "test"))
    assert all(c.factor != "denials" for c in off.contributions)


def test_a_picture_credit_vouches_for_nothing_the_caption_says() -> None:
    t1 = "Voltaro's chief leaves the plant in Kessel. (Picture: Brightlens)"
    t2 = "Voltaro will close the plant in Kessel. Photograph: Jo Bloggs/Brightlens"
    t3 = "Voltaro will close the plant in Kessel, Brightlens reported."
    credit = attribution(t1, "Brightlens", "media", key="brightlens")
    slash = attribution(t2, "Jo Bloggs/Brightlens", "media")
    report = attribution(t3, "Brightlens", "media", key="brightlens")
    t4 = "A motorcade crosses the square in Kessel on Tuesday. / Brightlens"
    caption = attribution(t4, "Brightlens", "media", key="brightlens")
    for text, a in ((t1, credit), (t2, slash), (t4, caption)):
        found = assess([claim(1, text, a)], W)
        assert found.origins == ()
        assert found.strongest is not None and found.strongest.attribution is None
    reported = assess([claim(3, t3, report)], W)
    assert [o.key for o in reported.origins] == ["brightlens"]


def test_bare_plural_sources_name_nobody_whatever_place_qualifies_them() -> None:
    t1 = "Reports in Spain claimed the club had agreed a fee."
    t2 = "El Diario in Spain claimed the club had agreed a fee."
    bare = assess([claim(1, t1, attribution(t1, "Reports in Spain", "media"))], W)
    named = assess([claim(2, t2, attribution(t2, "El Diario in Spain", "media"))], W)
    assert bare.origins == () and len(named.origins) == 1


def test_an_outlet_that_only_received_a_statement_is_no_origin_of_its_own() -> None:
    t1 = "Voltaro will close the plant in Kessel, sources told Brightlens."
    t2 = "Voltaro will close the plant in Kessel, Brightlens reported."
    told = claim(1, t1, attribution(t1, "sources", "unnamed"),
                 replace(attribution(t1, "Brightlens", "media", key="brightlens"),
                         cue_text="told"))
    reported = claim(2, t2, replace(attribution(t2, "Brightlens", "media", key="brightlens"),
                                    cue_text="reported"))
    assert assess([told], W).origins == ()
    assert assess([told], W).strongest.kind == "unnamed"  # type: ignore[union-attr]
    assert [o.key for o in assess([reported], W).origins] == ["brightlens"]


def test_an_anonymous_source_named_after_its_outlet_or_title_names_nobody() -> None:
    t1 = "Voltaro said the deal was signed."
    t2 = "The reports are untrue, an aide said."
    aide = replace(attribution(t2, "an aide", "unnamed", "denies",
                               key="unnamed-via:title:Voltaro and Brunel deny the deal"),
                   source_name="unnamed sources via an unknown outlet (Voltaro and Brunel "
                               "deny the deal)")
    found = assess([claim(1, t1, attribution(t1, "Voltaro", "official", key="voltaro")),
                    claim(2, t2, aide)], W)
    assert found.status == "corroborated"
    reason = next(c for c in found.contributions if c.factor == "denials")
    assert "not identifiable" in reason.reason


def test_a_heading_or_dateline_in_capitals_is_no_speaker() -> None:
    t1 = "UPDATE: The plant in Kessel will close."
    t2 = "KESSEL - The plant will close, Voltaro said."
    t3 = "UEFA: The final will move to Kessel."
    heading = assess([claim(1, t1, attribution(t1, "UPDATE", "official"))], W)
    dateline = assess([claim(2, t2, attribution(t2, "KESSEL", "official", "denies"),
                             attribution(t2, "Voltaro", "official", key="voltaro"))], W)
    acronym = assess([claim(3, t3, attribution(t3, "UEFA", "official"))], W)
    assert heading.origins == () and heading.status == "unconfirmed"
    assert dateline.status == "corroborated"
    assert [o.label for o in acronym.origins] == ["UEFA"]


def test_reports_that_only_quote_one_party_are_one_origin() -> None:
    t1 = "Voltaro will close the plant in Kessel, chief executive Ann Lee said."
    t2 = "Ann Lee said the plant in Kessel would close."
    t3 = "The plant in Kessel will close at the end of the year."
    chief = [claim(1, t1, attribution(t1, "Ann Lee", "official", key="name:ann lee")),
             claim(2, t2, attribution(t2, "Ann Lee", "official", key="name:ann lee"),
                   carrier="gazette")]
    quoted = assess(chief, W)
    assert [o.key for o in quoted.origins] == ["name:ann lee"]
    reported = assess([*chief, claim(3, t3, carrier="courier")], W)
    assert [o.key for o in reported.origins] == ["name:ann lee", "courier"]


def test_the_explanation_names_the_outlets_set_aside_and_why() -> None:
    t1 = "Voltaro will close the plant in Kessel. (Picture: Brightlens)"
    t2 = "Voltaro will close the plant, sources told Radio Kessel."
    found = assess([claim(1, t1, attribution(t1, "Brightlens", "media", key="brightlens")),
                    claim(2, t2, attribution(t2, "sources", "unnamed"),
                          replace(attribution(t2, "Radio Kessel", "media"), cue_text="told"))],
                   W)
    reason = next(c.reason for c in found.contributions if c.factor == "corroboration")
    assert "not counted: Brightlens (credits a picture), Radio Kessel (received a statement)" \
        in reason


def test_a_date_taken_for_a_speaker_names_nobody() -> None:
    t = "The plant will close, according to a statement from the company Tuesday."
    found = assess([claim(1, t, attribution(t, "Tuesday", "official", key="name:tuesday"))], W)
    assert found.origins == () and found.status == "unconfirmed"


def test_a_quotation_continued_untagged_is_not_the_reports_own_voice() -> None:
    t1 = "Voltaro's chief said the plant would stay open."
    quoted = ["“The plant in Kessel stays open, whatever you read.",
              "I’m keeping the plant in Kessel open for good.",
              "We will keep the plant in Kessel open for good."]
    head = claim(1, t1, attribution(t1, "Voltaro's chief", "official", key="voltaro"))
    for number, text in enumerate(quoted, start=2):
        found = assess([head, claim(number, text)], W)
        assert "own_voice" not in [c.factor for c in found.contributions], text
    plain = "The plant in Kessel stays open for good."
    found = assess([head, claim(9, plain)], W)
    assert "own_voice" in [c.factor for c in found.contributions]


def test_copies_of_one_report_call_it_a_rumour_once() -> None:
    t = "Online rumours say Voltaro will close the plant in Kessel."
    one = assess([claim(1, t)], W)
    copies = assess([claim(1, t), replace(claim(2, t), article_id=2)], W)
    other = assess([claim(1, t), claim(3, t, carrier="courier")], W)
    delta = {name: next(c.delta for c in found.contributions if c.factor == "rumour")
             for name, found in (("one", one), ("copies", copies), ("other", other))}
    assert delta["one"] == delta["copies"] > delta["other"]


def test_a_second_on_record_party_counts_once() -> None:
    t1 = "Voltaro will close the plant in Kessel, chief executive Ann Lee said."
    t2 = "Mayor Piet Brandt said the plant in Kessel would close."
    claims = [claim(1, t1, attribution(t1, "Ann Lee", "official", key="name:ann lee")),
              claim(2, t2, attribution(t2, "Mayor Piet Brandt", "official",
                                       key="name:piet brandt"))]
    found = assess(claims, W)
    assert [o.key for o in found.origins] == ["name:ann lee", "name:piet brandt"]
    assert "on_record" not in [c.factor for c in found.contributions]
    raw = _raw()
    set_at(raw, ("on_record", "per_source"), 0.3)
    both = assess(claims, parse_weights(raw, "test"))
    extra = next(c for c in both.contributions if c.factor == "on_record")
    assert extra.delta == pytest.approx(0.3) and "Mayor Piet Brandt" in extra.reason


def test_the_sourcing_mix_weighs_support_resting_only_on_sources_off_the_record() -> None:
    t1 = "The port authority said the terminal will close in June."
    t2 = "The terminal will close in June, people familiar with the plan said."
    t3 = "The Harbour Gazette reported that the terminal will close."
    t4 = "The terminal will close in June."
    t5 = "Dock manager Ines Varga said the terminal will close."
    on_record = claim(1, t1, attribution(t1, "The port authority", "official", key="port"))
    anonymous = claim(2, t2, attribution(t2, "people familiar with the plan", "unnamed"))
    relayed = claim(3, t3, attribution(t3, "The Harbour Gazette", "media", key="gazette"))
    own = claim(4, t4)
    named = claim(5, t5, attribution(t5, "Ines Varga", "named", key="varga"))

    def mix(claims: list[ClaimEvidence]) -> float:
        return sum(c.delta for c in assess(claims, W).contributions if c.factor == "secondhand")

    weight = W.sections["secondhand"].weight
    assert weight < 0
    # the strongest source is the same official in all three; the mix is not
    assert mix([on_record, own, named]) == 0
    assert mix([on_record, anonymous, relayed, own]) == pytest.approx(weight * 2 / 4)
    assert mix([on_record, anonymous]) == pytest.approx(weight / 2)
    told = assess([on_record, anonymous, relayed, own], W)
    reason = next(c for c in told.contributions if c.factor == "secondhand")
    assert reason.reason.startswith("2 of 4 supporting statements rest only on sources not on")
    assert reason.reason.endswith(f": {weight:g} x 2/4")
    assert [w.words for w in reason.evidence] == ["people familiar with the plan",
                                                   "The Harbour Gazette"]
    assert told.score < assess([on_record, own, named], W).score
    raw = _raw()
    set_at(raw, ("secondhand", "firsthand"), ["official", "named", "media"])
    assert sum(c.delta for c in assess([on_record, anonymous, relayed, own],
                                       parse_weights(raw, "test")).contributions
               if c.factor == "secondhand") == pytest.approx(weight / 4)


def _report(cid: int, text: str, *attrs: AttributionEvidence, article: int, carrier: str,
            day: int | None) -> ClaimEvidence:
    from datetime import UTC, datetime

    return replace(claim(cid, text, *attrs, carrier=carrier), article_id=article,
                   article_title=f"{carrier.title()} on the depot",
                   published=None if day is None else datetime(2024, 3, day, tzinfo=UTC))


def _depot(confirmed_day: int | None, *, denial_day: int | None = 4,
           on_record: bool = True) -> list[ClaimEvidence]:
    """A denial in one report, then another outlet stating the event in its own voice."""
    denial = "Harwick Rail denied that it plans to close its Tolmead depot."
    fact = "Harwick Rail will close its Tolmead depot in June."
    more = "The closure of the Tolmead depot will cost 300 jobs."
    said = "Chief executive Mara Olsen announced the closure of the Tolmead depot."
    later = [_report(2, fact, article=2, carrier="courier", day=confirmed_day),
             _report(3, more, article=2, carrier="courier", day=confirmed_day)]
    if on_record:
        later.append(_report(4, said, attribution(said, "Chief executive Mara Olsen", "named"),
                             article=2, carrier="courier", day=confirmed_day))
    return [_report(1, denial, attribution(denial, "Harwick Rail", "official", "denies"),
                    article=1, carrier="gazette", day=denial_day), *later]


def test_a_denial_answered_by_a_later_report_in_its_own_voice_no_longer_contests() -> None:
    answered = assess(_depot(12), W)
    assert answered.status == "corroborated"
    reason = answered.status_reason
    assert "denied by Harwick Rail in Gazette (2024-03-04, 'Gazette on the depot')" in reason
    assert "then stated as fact in its own voice by Courier (2024-03-12" in reason
    assert "'Harwick Rail will close its Tolmead depot in June.'" in reason
    # the denials term names the answered denial, which weighs denials.answered_weight
    # (test_a_denial_a_later_report_answers_weighs_its_share)
    assert any(c.factor == "denials" for c in answered.contributions)
    # the confirming report came first: the denial stands
    before = assess(_depot(2), W)
    assert (before.status, before.status_rule) == ("contested", "denied")
    assert "not at least 1 day after the denial in Gazette (2024-03-04, 'Gazette on the " \
        "depot') nor the same day" in before.status_reason
    # the same day answers it, and the reason says the order within the day is unknown
    same = assess(_depot(4), W)
    assert (same.status, same.status_rule) == ("corroborated", "answered")
    assert ("in Gazette (2024-03-04, 'Gazette on the depot'), and the same day (which came "
            "first is unknown) stated as fact in its own voice by Courier (2024-03-04") in \
        same.status_reason
    # without answered_same_day the same day is not later: the denial stands
    raw = _raw()
    set_at(raw, ("status", "answered_same_day"), 0)
    for day in (4, 2):
        before = assess(_depot(day), parse_weights(raw, "test"))
        assert before.status == "contested"
        assert "not at least 1 day after the denial in Gazette (2024-03-04" in \
            before.status_reason
    # a later denial (after the confirmation) stands too
    again = "Harwick Rail again denied any plan to close the Tolmead depot."
    redenied = [*_depot(12), _report(9, again, attribution(again, "Harwick Rail", "official",
                                                           "denies"),
                                     article=3, carrier="herald", day=20)]
    assert assess(redenied, W).status == "contested"


def _denials(claims: list[ClaimEvidence], weights: Weights = W) -> tuple[float, str, list[str]]:
    found = [c for c in assess(claims, weights).contributions if c.factor == "denials"]
    assert len(found) == 1
    return found[0].delta, found[0].reason, [w.words for w in found[0].evidence]


def test_a_denial_a_later_report_answers_weighs_its_share() -> None:
    # denied, then another outlet's later report states the event (in its own voice: a
    # party's announcement there would settle it, test_scoring_settled): the denial is answered
    # and weighs denials.answered_weight (0.5 in the packaged file) of per_party (-1.159);
    # the line names the denial, its report and the answering report's words
    delta, reason, evidence = _denials(_depot(12, on_record=False))
    assert delta == pytest.approx(-0.5795)
    assert reason == (
        "no denial stands in full; answered by a later report (weighs 0.5): Harwick Rail "
        "denied it in Gazette (2024-03-04), then Courier (2024-03-12) reported it: 'Harwick "
        "Rail will close its Tolmead depot in June.'")
    # the denial's cue (the test attribution's "said"), then the answer
    assert evidence == ["said", "Harwick Rail will close its Tolmead depot in June."]
    assert assess(_depot(12, on_record=False), W).score > \
        assess(_depot(2, on_record=False), W).score
    # the confirming report came first: nothing answers the denial, which weighs in full
    delta, reason, _ = _denials(_depot(2, on_record=False))
    assert delta == pytest.approx(-1.159)
    assert reason == "1 party denied it: Harwick Rail"
    # without dates the order is unknown: the denial stands
    assert _denials(_depot(None, on_record=False))[0] == pytest.approx(-1.159)
    # a party that denies it again after the answer stands, its earlier denial with it
    again = "Harwick Rail again denied any plan to close the Tolmead depot."
    redenied = [*_depot(12, on_record=False),
                _report(9, again, attribution(again, "Harwick Rail", "official", "denies"),
                        article=3, carrier="herald", day=20)]
    delta, reason, _ = _denials(redenied)
    assert delta == pytest.approx(-1.159)
    assert "answered" not in reason
    # the share is data: 1 weighs an answered denial in full (as before session 24)
    for share, weight in ((1.0, -1.159), (0.0, 0.0)):
        raw = _raw()
        set_at(raw, ("denials", "answered_weight"), share)
        delta, reason, _ = _denials(_depot(12, on_record=False), parse_weights(raw, "test"))
        assert delta == pytest.approx(weight)
        assert ("answered by a later report" in reason) == (share < 1)


def test_the_denying_parties_are_piled_once_each_under_their_identified_denial() -> None:
    from verifier.scoring.score import gather
    from verifier.scoring.terms import DenialsParams, _denying_parties

    # Harwick Rail's denial is answered by the Courier's later report; a party denying it
    # after that stands, first in words a reader cannot identify it by, then named
    vague = "Sources close to the board denied the depot would close."
    named = "Board member Ada Lind denied the depot would close."
    claims = [*_depot(12, on_record=False),
              _report(7, vague, attribution(vague, "Sources close to the board", "unnamed",
                                            "denies", key="name:board"),
                      article=3, carrier="herald", day=20),
              _report(8, named, attribution(named, "Ada Lind", "named", "denies",
                                            key="name:board"),
                      article=3, carrier="herald", day=20)]
    ev = gather(claims, W)
    found, overtaken, answered, answer_of = _denying_parties(
        ev, W.term("denials", DenialsParams))
    # one key for both: the named denial stands, showing the other words taken for it
    assert [(name, known) for name, _, known in found.values()] == [
        ("Ada Lind (as 'Sources close to the board')", True)]
    assert overtaken == {}
    assert [name for name, _, _ in answered.values()] == ["Harwick Rail"]
    [(denial, answer)] = answer_of.values()
    assert (denial.claim_id, answer.claim_id) == (1, 2)
    # with answered_weight 1 an answered denial stands with the others
    raw = _raw()
    set_at(raw, ("denials", "answered_weight"), 1.0)
    found, _, answered, _ = _denying_parties(
        ev, parse_weights(raw, "test").term("denials", DenialsParams))
    assert [name for name, _, _ in found.values()] == [
        "Harwick Rail", "Ada Lind (as 'Sources close to the board')"]
    assert answered == {}


def test_without_dates_the_order_is_unknown_and_the_denial_stands() -> None:
    for depot in (_depot(None), _depot(12, denial_day=None)):
        unknown = assess(depot, W)
        assert unknown.status == "contested"
        # the contested reason quotes the denial it rests on, then why it stands
        assert unknown.status_reason.startswith("denied by Harwick Rail in Gazette (")
        assert ("'Harwick Rail denied that it plans to close its Tolmead depot.'; whether "
                "Courier") in unknown.status_reason
        assert "is unknown (no publication date for" in unknown.status_reason
    # an undated report does not hide a dated one that came later
    fact = "Harwick Rail will shut the Tolmead depot this summer."
    said = "Mara Olsen, the chief executive, confirmed the depot will shut."
    undated = [_report(7, fact, article=3, carrier="herald", day=None),
               _report(8, said, attribution(said, "Mara Olsen", "named"), article=3,
                       carrier="herald", day=None)]
    assert assess([*undated, *_depot(12)], W).status == "corroborated"


def test_a_later_report_standing_behind_it_answers_a_denial_whoever_it_names() -> None:
    # own voice alone, with nobody on the record: the later report of the outcome answers
    # the denial (status.answered_on_record is empty in the packaged file) ...
    alone = assess(_depot(12, on_record=False), W)
    assert (alone.status, alone.status_rule) == ("corroborated", "answered")
    assert "then stated as fact in its own voice by Courier (2024-03-12" in alone.status_reason
    # ... and with answered_on_record it needs an on-record party asserting it
    raw = _raw()
    set_at(raw, ("status", "answered_on_record"), ["official", "named"])
    assert assess(_depot(12, on_record=False), parse_weights(raw, "test")).status == \
        "contested"
    # a refutation in the later report's own words stands behind nothing: no answer
    flat = "Harwick Rail will not close its Tolmead depot after all."
    refuted = [*_depot(12, on_record=False)[:1],
               _report(2, flat, article=2, carrier="courier", day=12)]
    assert assess(refuted, W).status == "contested"
    # a later report that carries the denial itself is no answer to it
    denial = "Harwick Rail denied the closure of the depot."
    carried = [*_depot(12), _report(5, denial, attribution(denial, "Harwick Rail", "official",
                                                           "denies"),
                                    article=2, carrier="courier", day=12)]
    assert assess(carried, W).status == "contested"
    # the same outlet answering its own report's denial is no answer either (the chief
    # executive's later announcement settles it: test_scoring_settled)
    same = [replace(c, carrier="gazette", carrier_name="Gazette") for c in _depot(12)]
    assert assess(same, W).status_rule == "settled"
    raw = _raw()
    set_at(raw, ("status", "settled_after_days"), 0)
    assert assess(same, parse_weights(raw, "test")).status == "contested"


@pytest.mark.parametrize(("key", "value", "status"), [
    ("answered_after_days", 0, "contested"),   # answering turned off
    ("answered_after_days", 9, "contested"),   # 8 days is not enough
    ("answered_after_days", 8, "corroborated"),
    ("answered_on_record", [], "corroborated"),  # its own voice suffices
    ("answered_on_record", ["official", "named"], "contested"),  # nobody on the record
])
def test_answering_a_denial_is_data(key: str, value: object, status: str) -> None:
    raw = _raw()
    section = raw["status"]
    assert isinstance(section, dict)
    section[key] = value
    section["settled_after_days"] = 0  # the announcement would settle it (test_scoring_settled)
    weights = parse_weights(raw, "scoring.yaml")
    assert assess(_depot(12, on_record=key != "answered_on_record"), weights).status == status


def test_an_on_record_statement_that_negates_or_calls_it_a_rumour_corroborates_nothing() -> None:
    plain = "Talks on a merger with Castlebay have ended, Norfield Bank announced."
    negated = "Talks with Castlebay did not lead to an agreement, Norfield Bank announced."
    rumoured = "The police said they were aware of speculation about the Castlebay merger."
    assert assess([claim(1, plain, attribution(plain, "Norfield Bank", "official"))],
                  W).status == "corroborated"
    # the negation words are data, off in the packaged file (status.on_record_negation_words):
    # the analyser's stance decides, and an event told in the negative corroborates
    withdrawn = "Mayor Ilse Varga asked the council not to put her name forward again."
    assert assess([claim(1, withdrawn, attribution(withdrawn, "Mayor Ilse Varga", "official"))],
                  W).status == "corroborated"
    raw = _raw()
    set_at(raw, ("status", "on_record_negation_words"), ["not"])
    negating = parse_weights(raw, "test")
    denial = assess([claim(1, negated, attribution(negated, "Norfield Bank", "official"))],
                    negating)
    assert denial.status == "unconfirmed"
    assert "set aside: Norfield Bank's statement holds a negation ('not')" in \
        denial.status_reason
    rumour = assess([claim(2, rumoured, attribution(rumoured, "The police", "official"))], W)
    assert rumour.status == "unconfirmed"
    assert "The police's statement calls it a rumour ('speculation')" in rumour.status_reason
    # a plain on-record statement beside the negated one still corroborates
    both = [claim(1, negated, attribution(negated, "Norfield Bank", "official")),
            claim(2, plain, attribution(plain, "Norfield Bank", "official"))]
    assert assess(both, negating).status == "corroborated"
    # without the words the negated statement corroborates again
    assert assess([claim(1, negated, attribution(negated, "Norfield Bank", "official"))],
                  W).status == "corroborated"


def test_an_on_record_statement_of_what_could_happen_corroborates_nothing() -> None:
    could = "The merger with Castlebay could be agreed this month, Norfield Bank said."
    expected = "The merger with Castlebay is expected this month, Norfield Bank said."
    bank = attribution(could, "Norfield Bank", "official")
    found = assess([claim(1, could, bank, certainty="possible", cue="could")], W)
    assert (found.status, found.status_rule) == ("unconfirmed", "nothing")
    assert "set aside: Norfield Bank's statement is hedged as possible ('could')" in \
        found.status_reason
    # what is expected is stated firmly enough: it corroborates
    probable = assess([claim(1, expected, attribution(expected, "Norfield Bank", "official"),
                             certainty="probable", cue="is expected")], W)
    assert probable.status == "corroborated"
    # the certainties are data: [] lets the possible statement corroborate again
    raw = _raw()
    set_at(raw, ("status", "on_record_hedges"), [])
    assert assess([claim(1, could, bank, certainty="possible", cue="could")],
                  parse_weights(raw, "test")).status == "corroborated"
    set_at(raw, ("status", "on_record_hedges"), ["maybe"])
    with pytest.raises(ConfigError, match="on_record_hedges': expected a list of certain, "
                                          "probable, possible"):
        parse_weights(raw, "test")


def test_an_on_record_partys_negated_statement_is_no_strongest_source() -> None:
    negated = "But no, we have not signed him, the Harbury Rovers chairman Ilsa Moen said."
    rumour = "Harbury Rovers have signed the striker, a source close to the club said."
    moen = attribution(negated, "Ilsa Moen", "named", key="name:ilsa moen")
    claims = [claim(1, negated, moen),
              claim(2, rumour, attribution(rumour, "a source close to the club", "unnamed"),
                    carrier="daily")]
    found = assess(claims, W)
    assert found.strongest is not None and found.strongest.kind == "unnamed"
    sourcing = next(c for c in found.contributions if c.factor == "sourcing")
    assert sourcing.delta == W.term("sourcing", SourcingParams).unnamed
    assert "not counted: Ilsa Moen ('no')" in sourcing.reason
    # the party alone: no strongest source, and the explanation still says why
    alone = assess(claims[:1], W)
    assert alone.strongest is None
    line = next(c for c in alone.contributions if c.factor == "sourcing")
    assert line.delta == 0.0 and "Ilsa Moen ('no')" in line.reason
    # a negation word inside an affirming phrase negates nothing of the event
    plain = "Harbury Rovers have signed the striker not once, but twice, Ilsa Moen said."
    affirmed = assess([claim(3, plain, attribution(plain, "Ilsa Moen", "named"))], W)
    assert affirmed.strongest is not None and affirmed.strongest.kind == "named"
    # the speakers are data: [] reads the negated statement as the party's assertion again
    raw = _raw()
    set_at(raw, ("sourcing", "negated_speakers"), [])
    again = assess(claims, parse_weights(raw, "test"))
    assert again.strongest is not None and again.strongest.kind == "named"
    assert all("not counted" not in c.reason for c in again.contributions)


def _announced(text: str, party: str, *, day: int = 12) -> list[ClaimEvidence]:
    """The depot denial, then another outlet where the company announces the closure and
    the report says nothing of it in its own voice."""
    denial, *_ = _depot(12)
    return [denial, _report(6, text, attribution(text, party, "official"), article=4,
                            carrier="herald", day=day)]


def test_a_denial_answered_by_the_partys_own_announcement_no_longer_contests() -> None:
    said = "Harwick Rail announced on Tuesday that the Tolmead depot will close in June."
    answered = assess(_announced(said, "Harwick Rail"), W)
    assert answered.status == "corroborated"
    assert ("denied by Harwick Rail in Gazette (2024-03-04, 'Gazette on the depot'), then "
            "asserted on the record by Harwick Rail in Herald (2024-03-12, 'Herald on the "
            f"depot'): '{said}'") in answered.status_reason
    # the same day answers it too, the order within the day unknown
    same_day = assess(_announced(said, "Harwick Rail", day=4), W)
    assert same_day.status == "corroborated"
    assert "and the same day (which came first is unknown) asserted on the record by " \
        "Harwick Rail in Herald (2024-03-04" in same_day.status_reason
    # the day before, the denial stands, and the reason says why
    before = assess(_announced(said, "Harwick Rail", day=3), W)
    assert before.status == "contested"
    assert "Herald (2024-03-03, 'Herald on the depot') has Harwick Rail assert it on the " \
        "record, but not at least 1 day after the denial" in before.status_reason
    # a negated announcement answers nothing: it may be the denial repeated
    negated = "Harwick Rail said the Tolmead depot will not close this year."
    assert assess(_announced(negated, "Harwick Rail"), W).status == "contested"
    # turned off, only a report in its own voice answers
    raw = _raw()
    set_at(raw, ("status", "answered_by_party"), [])
    set_at(raw, ("status", "settled_after_days"), 0)  # else the announcement settles it
    assert assess(_announced(said, "Harwick Rail"),
                  parse_weights(raw, "test")).status == "contested"


def test_a_later_report_telling_of_a_denial_answers_nothing() -> None:
    told = "The closure of the depot was announced weeks after the company's denial."
    depot = _depot(12)
    assert assess(depot, W).status == "corroborated"
    assert assess([*depot, _report(5, told, article=2, carrier="courier", day=12)],
                  W).status == "contested"


def test_a_report_telling_of_a_denial_is_no_origin_of_its_own() -> None:
    wire = "Castlebay Mutual has agreed to be bought by Norfield Bank, the wire reported."
    fact = "Norfield Bank is buying Castlebay Mutual for $2 billion."
    doubt = "Norfield Bank later denied any such agreement with Castlebay."
    gazette = [claim(1, fact, carrier="gazette"), claim(2, "Castlebay shares rose 9% on the "
                                                           "news of the purchase.",
                                                        carrier="gazette")]
    base = [claim(3, wire, attribution(wire, "the wire", "unnamed"), carrier="courier"),
            *gazette]
    weights = _anonymous_reports()  # the courier's anonymous wire makes it an origin
    counted = assess(base, weights)
    assert {o.key for o in counted.origins} == {"courier", "gazette"}
    # the gazette tells of a denial (whoever denies): its own reporting vouches for nothing
    told = assess([*base, claim(4, doubt, carrier="gazette")], weights)
    assert {o.key for o in told.origins} == {"courier"}
    reason = next(c.reason for c in told.contributions if c.factor == "corroboration")
    assert "not counted: Gazette (tells of a denial or of what is not known: 'denied')" in reason
    # the words are data (own_voice.doubt_words)
    raw = _raw()
    set_at(raw, ("corroboration", "anonymous_reports"), 1)
    set_at(raw, ("own_voice", "doubt_words"), [])
    assert len(assess([*base, claim(4, doubt, carrier="gazette")],
                      parse_weights(raw, "test")).origins) == 2


@pytest.mark.parametrize("countries", [{"Pakistan": ["pak"]}, {"pakistan": "pak"},
                                       {"pakistan": ["Pak"]}, ["pakistan"]])
def test_a_partys_other_names_are_validated(countries: object) -> None:
    raw = _raw()
    identity = raw["identity"]
    assert isinstance(identity, dict)
    identity["countries"] = countries
    with pytest.raises(ConfigError, match=r"identity\.countries"):
        parse_weights(raw, "scoring.yaml")


def test_own_voice_weighs_its_share_of_the_story_s_statements() -> None:
    # the report states one of the story's four supporting statements in its own voice (a
    # background sentence); the three others are quoted from the ministry
    fact = "The Orlan ferry line has run since 1962."
    quoted = ["The Orlan ferry line will resume its crossings, the ministry said.",
              "Crossings restart on Tuesday, the ministry said.",
              "Two ships will sail each day, the ministry said."]
    story = [claim(1, fact, carrier="gazette"),
             *(claim(2 + n, t, attribution(t, "the ministry", "official", key="ministry"),
                     carrier="gazette") for n, t in enumerate(quoted))]
    weight = W.term("own_voice", OwnVoiceParams).weight
    term = next(c for c in assess(story, W).contributions if c.factor == "own_voice")
    assert term.delta == pytest.approx(weight / 4)
    assert "1 of the story's 4 supporting statements are stated so" in term.reason
    # grouping leaving the background sentence out moves the score by its share only
    without = assess(story[1:], W)
    assert all(c.factor != "own_voice" for c in without.contributions)
    # by_share 0: the whole weight for any one statement in a report's own voice
    raw = _raw()
    section = raw["own_voice"]
    assert isinstance(section, dict)
    section["by_share"] = 0
    whole = assess(story, parse_weights(raw, "scoring.yaml"))
    term = next(c for c in whole.contributions if c.factor == "own_voice")
    assert term.delta == weight


@pytest.mark.parametrize(("text", "affirms"), [
    ("The two leaders are no longer together, their office said.", True),
    ("She is no longer with the club, the club said.", True),
    ("Norvale is no longer in talks with Dessa, the company said.", False),
    ("Norvale is no longer actively considering an offer for Dessa, the company said.", False),
    ("Norvale is not only in talks with Dessa, the company said.", True),
])
def test_no_longer_before_a_pursuit_negates(text: str, affirms: bool) -> None:
    from verifier.scoring.terms import affirming_pattern, ended_pursuit

    p = W.term("own_voice", OwnVoiceParams)
    affirming = affirming_pattern(p)
    ended = ended_pursuit(p)
    assert affirming is not None and ended is not None
    assert (affirming.search(text) is not None) == affirms
    assert (ended.search(text) is None) == affirms


def test_a_state_of_pursuit_matches_a_typographic_apostrophe() -> None:
    """The pursuit words are read as ``phrase_pattern`` reads phrases: an apostrophe in one
    matches a typographic one too."""
    from verifier.scoring.terms import _ended_pursuit

    ended = _ended_pursuit(("no longer",), ("in the buyers' race",))
    assert ended.search("Norvale is no longer in the buyers’ race, it said.") is not None
    assert ended.search("Norvale is no longer in the buyers' race, it said.") is not None


def test_an_on_record_party_ending_its_pursuit_corroborates_nothing() -> None:
    ended = "Norvale has confirmed that it is no longer in discussions with Dessa on a merger."
    found = assess([claim(1, ended, attribution(ended, "Norvale", "official",
                                                key="name:norvale"))], W)
    assert found.status == "unconfirmed"
    assert "the pursuit it tells of has ended ('no longer in discussions')" in (
        found.status_reason)
    split = "Norvale has confirmed that the two partners are no longer together."
    found = assess([claim(1, split, attribution(split, "Norvale", "official",
                                                key="name:norvale"))], W)
    assert found.status == "corroborated"
