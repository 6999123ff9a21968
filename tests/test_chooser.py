"""The learned kind chooser: a found speaker's kind re-decided among the kinds the rules'
kind allows."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from verifier import analyse_text
from verifier.analysis.analyse import default_registry
from verifier.analysis.attribution.chooser import (
    CHOICES,
    RULE_SUFFIX,
    Article,
    Chooser,
    choosable,
    chooser,
    features,
    parse_chooser,
    read_chooser,
    restore_chooser,
    use_chooser,
)
from verifier.analysis.results import Attribution, Sentence, Span
from verifier.config import data_path
from verifier.errors import ConfigError

ALLOWED = {"named": ["named", "official"], "official": ["official", "named"]}
GOOD = {"format": 1, "enabled": True, "margin": 0.2, "allowed": ALLOWED, "meta": {},
        "weights": {"official": {"earlier:office": 3.0, "part:spk.person": 0.5},
                    "named": {"bias": 0.5}}}


@pytest.fixture
def model_in_force() -> Iterator[None]:
    yield
    restore_chooser()


def test_the_packaged_chooser_file_is_valid() -> None:
    model = read_chooser(data_path("models/chooser.yaml"))
    assert set(model.weights) <= set(CHOICES)
    assert all(kind in kinds for kind, kinds in model.allowed.items())
    assert 0 <= model.margin <= 1


@pytest.mark.parametrize(("change", "message"), [
    ({"colour": "red"}, "field 'colour': unknown"),
    ({"margin": -0.1}, "'margin': expected a number in [0, 1]"),
    ({"margin": True}, "'margin': expected a number in [0, 1]"),
    ({"enabled": "yes"}, "'enabled': expected true or false"),
    ({"format": 2}, "'format': expected 1"),
    ({"allowed": {"maybe": ["maybe"]}}, "'allowed.maybe': unknown kind"),
    ({"allowed": {"named": ["official"]}}, "'allowed.named': expected a list of kinds"),
    ({"allowed": {"named": ["named", "denied"]}}, "'allowed.named': expected a list of kinds"),
    ({"weights": {"denied": {}}}, "'weights.denied': unknown kind"),
    ({"requires": {"named>media": ["here:office"]}}, "'requires.named>media': not an allowed"),
    ({"requires": {"named>official": ["word:minister"]}}, "'requires.named>official': expected"),
    ({"requires": {"named>official": []}}, "'requires.named>official': expected a list"),
    ({"weights": {"named": {"word:roe": 1.0}}}, "'weights.named.word:roe': unknown feature"),
    ({"weights": {"named": {"bias": float("inf")}}}, "expected a finite number"),
])
def test_a_bad_chooser_file_is_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_chooser({**GOOD, **change}, "chooser.yaml")


def test_a_missing_field_is_refused() -> None:
    raw = dict(GOOD)
    del raw["allowed"]
    with pytest.raises(ConfigError, match="field 'allowed': missing"):
        parse_chooser(raw, "chooser.yaml")


TEXT = ("Harbour Minister Ana Roe opened the bridge.\n\n"
        "Roe said the crossing would take traffic in May.\n\n"
        "“It is the busiest route we have,” she added.")


def _parts() -> tuple[list[Sentence], list[tuple[Attribution, ...]]]:
    starts = [0, TEXT.index("Roe said"), TEXT.index("“It")]
    ends = [TEXT.index("\n\n"), TEXT.index("\n\n", starts[1]), len(TEXT)]
    sentences = [Sentence(TEXT[s:e], s, e) for s, e in zip(starts, ends, strict=True)]
    roe = Span("Roe", starts[1], starts[1] + 3)
    said = Span("said", starts[1] + 4, starts[1] + 8)
    added = TEXT.index("added")
    own = Attribution("named", "asserts", roe, said, "attr.say+spk.person")
    carried = Attribution("named", "asserts", roe, Span("added", added, added + 5),
                          "attr.pronoun", True)
    return sentences, [(), (own,), (carried,)]


def test_features_read_the_source_and_the_same_name_elsewhere() -> None:
    sentences, found = _parts()
    article = Article(TEXT, sentences, found, default_registry())
    named = features(article, 1, found[1][0])
    assert named["rule:named"] == named["part:spk.person"] == 1.0
    assert named["src:surname_only"] == named["registry:none"] == 1.0
    assert named["earlier:office"] == 1.0  # "Harbour Minister Ana Roe" before it
    assert named["subject:headline"] == named["subject:narrated"] == 1.0
    assert "here:office" not in named and "later:office" not in named


def test_a_changed_kind_says_why_and_the_carried_speaker_follows() -> None:
    sentences, found = _parts()
    model = parse_chooser(GOOD, "chooser.yaml")
    chosen = model.choose(TEXT, sentences, found, default_registry())
    assert [a.speaker for row in chosen for a in row] == ["official", "official"]
    own, carried = chosen[1][0], chosen[2][0]
    assert own.rule == "attr.say+spk.person" + RULE_SUFFIX and carried.carried
    assert "rules said named" in own.reason and "model says official" in own.reason
    assert "earlier:office +3.00" in own.reason
    assert carried.reason == own.reason


def test_below_the_margin_or_outside_the_allowed_kinds_nothing_changes() -> None:
    sentences, found = _parts()
    registry = default_registry()
    wide = parse_chooser({**GOOD, "margin": 1.0}, "chooser.yaml")
    assert wide.choose(TEXT, sentences, found, registry) == found
    alone = parse_chooser({**GOOD, "allowed": {"named": ["named"]}}, "chooser.yaml")
    assert alone.choose(TEXT, sentences, found, registry) == found


def test_a_required_feature_gates_a_change() -> None:
    sentences, found = _parts()
    registry = default_registry()
    office = parse_chooser({**GOOD, "requires": {"named>official": ["earlier:office"]}},
                           "chooser.yaml")
    assert office.choose(TEXT, sentences, found, registry)[1][0].speaker == "official"
    outlet = parse_chooser({**GOOD, "requires": {"named>official": ["registry:media"]}},
                           "chooser.yaml")
    assert outlet.choose(TEXT, sentences, found, registry) == found
    assert outlet.kinds({"rule:named": 1.0}, "named") == ("named",)


def test_a_refusal_keeps_its_label_and_its_quotation_carries_the_speaker_kind() -> None:
    # the party's label is its stance, but its speaker kind is chosen as an assertion's is:
    # the quotation going on from it (asserting) carries the party's kind, not "named"
    sentences, found = _parts()
    refusal = (Attribution("named", "declines", found[1][0].source, found[1][0].cue,
                           "attr.decline"),)
    model = parse_chooser(GOOD, "chooser.yaml")
    chosen = model.choose(TEXT, sentences, [(), refusal, found[2]], default_registry())
    own, carried = chosen[1][0], chosen[2][0]
    assert own.stance == "declines" and own.kind == "declined" and own.speaker == "official"
    assert carried.speaker == carried.kind == "official" and carried.reason == own.reason


def test_the_analyser_uses_the_chooser_in_force(model_in_force: None) -> None:
    text = "Harbour plans\n\nThe council said the bridge would reopen in May."
    use_chooser(None)
    before = analyse_text(text)
    (rules_kind,) = before.sentences[1].attributions
    other = next(k for k in CHOICES if k != rules_kind.speaker)
    restore_chooser()
    use_chooser(Chooser({other: {"bias": 5.0}}, {rules_kind.speaker: (rules_kind.speaker,
                                                                      other)}, {}, True, 0.2))
    (changed,) = analyse_text(text).sentences[1].attributions
    assert changed.speaker == other and changed.rule.endswith(RULE_SUFFIX)
    assert "bias +5.00" in changed.reason


def test_the_packaged_chooser_is_in_force_only_when_enabled() -> None:
    packaged = read_chooser(data_path("models/chooser.yaml"))
    assert (chooser() is not None) == packaged.enabled


def test_article_features_say_how_much_it_is_about_offices_and_whose_kind_fell_back(
        model_in_force: None) -> None:
    # an article dense in offices (minister, council, mayor, ministry ...), and a person it
    # names but never describes: the person rule's fallback kind (named)
    text = ("Minister backs council plan\n\n"
            "The finance minister, the mayor and the council leader met the ministry's "
            "spokesman and the deputy mayor on Monday for a meeting on the new bridge over the "
            "river, the roads around the harbour and the cost of both. The prime minister and "
            "the council chair joined them later in the afternoon, and a letter of support "
            "from the governor was on the table at the start. The talks went on until late "
            "in the evening, and a second round is planned for the end of the month, when the "
            "budget for next year is due to be set by the full council.\n\n"
            "Tom Vale said the plan would pass.")
    use_chooser(None)
    analysis = analyse_text(text)
    index, vale = next((i, a) for i, s in enumerate(analysis.sentences)
                       for a in s.attributions if a.source.text == "Tom Vale")
    assert vale.speaker == "named" and "no office evidence" in vale.reason
    sentences = [Sentence(s.text, s.start, s.end) for s in analysis.sentences]
    found = [tuple(s.attributions) for s in analysis.sentences]
    article = Article(text, sentences, found, default_registry())
    named = features(article, index, vale)
    assert named["doc:offices"] == named["src:fallback"] == named["fallback:offices"] == 1.0
    assert "doc:outside" not in named
    # the same person in an article about a band: no office density, no gated feature
    band = ("Band to tour\n\nThe singer and the drummer met fans at the stadium on Friday, "
            "signed records and played three old songs for the crowd before the evening show "
            "began in the rain. Tickets for the next shows sold out within an hour, and a "
            "second night has been added in the same city. The new album, the first in six "
            "years, comes out in the spring, with a film about the making of it to follow "
            "later in the year. The drummer has written most of the songs on it, and the "
            "singer says it is the best record they have made.\n\n"
            "Tom Vale said the tour would go ahead.")
    analysis = analyse_text(band)
    index, vale = next((i, a) for i, s in enumerate(analysis.sentences)
                       for a in s.attributions if a.source.text == "Tom Vale")
    sentences = [Sentence(s.text, s.start, s.end) for s in analysis.sentences]
    found = [tuple(s.attributions) for s in analysis.sentences]
    named = features(Article(band, sentences, found, default_registry()), index, vale)
    assert named["src:fallback"] == named["doc:outside"] == 1.0
    assert "fallback:offices" not in named and "doc:offices" not in named


def test_an_attribution_the_requirements_rule_out_is_not_weighed() -> None:
    # "fallback:offices" needs the name rule's fallback kind, which only the reason shows
    model = parse_chooser({**GOOD, "allowed": {"named": ["named", "official"]},
                           "requires": {"named>official": ["fallback:offices"]}},
                          "chooser.yaml")
    sentences, found = _parts()
    described = found[1][0]
    assert model.gated_out(described)
    assert model.choose(TEXT, sentences, found, default_registry()) == found
    fallback = Attribution("named", "asserts", described.source, described.cue,
                           described.rule, reason="no office evidence: a person the article "
                           "names but never describes speaks for themselves")
    assert not model.gated_out(fallback)
    # a change with no requirement is always weighed
    assert not parse_chooser(GOOD, "chooser.yaml").gated_out(described)


@pytest.mark.parametrize("margin", [0.0, 0.2, 0.5, 0.9, 0.95])
@pytest.mark.parametrize("office", [3.0, 1.0, 0.2, -1.0])
def test_a_change_ruled_out_early_is_ruled_out_on_all_features(margin: float,
                                                              office: float) -> None:
    # the source words' features first, then the party's mentions, then the density: a
    # change none of the features not yet computed could bring about is not weighed further
    sentences, found = _parts()
    own = found[1][0]
    weights = {"official": {"earlier:office": office, "part:spk.person": 0.5},
               "named": {"bias": 0.5}}
    model = parse_chooser({**GOOD, "margin": margin, "weights": weights}, "chooser.yaml")
    article = Article(TEXT, sentences, found, default_registry())
    full = model.decide(features(article, 1, own), "named")
    early = model.choice(Article(TEXT, sentences, found, default_registry()), 1, own)
    if early is None:
        assert full.kind == "named" or full.p - full.p_rule < margin
    else:
        assert early == full


def test_the_article_density_is_read_only_when_it_could_change_a_kind() -> None:
    sentences, found = _parts()
    own = found[1][0]
    stays = parse_chooser({**GOOD, "weights": {"named": {"bias": 5.0}}}, "chooser.yaml")
    article = Article(TEXT, sentences, found, default_registry())
    assert stays.choice(article, 1, own) is None and article._density is None
    dense = parse_chooser({**GOOD, "weights": {"official": {"doc:offices": 5.0}}},
                          "chooser.yaml")
    article = Article(TEXT, sentences, found, default_registry())
    choice = dense.choice(article, 1, own)
    assert article._density is not None  # read: it decides (a short text: no density)
    assert choice is not None and choice.kind == "named"


def test_an_office_of_a_body_the_article_narrates_is_a_party_feature() -> None:
    # the office of a body the story is about (the trust runs the hospital) against the
    # office of an outside body the article names once (an institute's director)
    text = ("Harbour hospital beds to stay\n\n"
            "Harbour Valley Health Trust runs the community hospital in Harbour.\n\n"
            "Ana Ruiz, area director at Harbour Valley Health Trust, said the plans were early.\n\n"
            "“We want to start from the bottom up,” Ms Ruiz said.\n\n"
            "Tom Vale, director of the Kestrel Institute, said the plan was late.\n")
    analysis = analyse_text(text)
    found = [tuple(s.attributions) for s in analysis.sentences]
    article = Article(text, analysis.sentences, found, default_registry())
    fired = {a.source.text: "party:office_org" in features(article, i, a)
             for i, row in enumerate(found) for a in row if choosable(a)}
    assert any(fired[w] for w in fired if "Harbour Valley" in w), fired
    assert not any(fired[w] for w in fired if "Kestrel" in w), fired


def _fired(text: str) -> dict[str, set[str]]:
    """The party features (``party:``, ``body:``) of each choosable attribution of ``text``,
    by its source words (the rules' kinds: no chooser in force)."""
    use_chooser(None)
    analysis = analyse_text(text)
    found = [tuple(s.attributions) for s in analysis.sentences]
    article = Article(text, analysis.sentences, found, default_registry())
    return {a.source.text: {n for n in features(article, i, a) if n.startswith(("party:", "body:"))}
            for i, row in enumerate(found) for a in row if choosable(a)}


def test_the_body_a_story_is_about_is_read_from_its_construction(model_in_force: None) -> None:
    # a body named again by "the" and its descriptor word, against an outside voice quoted
    # once
    fired = _fired("Harbour Pilots Federation rejects crash report\n\n"
                   "The Harbour Pilots Federation said the report blamed the crew.\n\n"
                   "The association said its members would not fly until May.\n\n"
                   "Tom Vale, an aviation analyst at Kestrel Research, said the dispute "
                   "could last weeks.\n")
    assert fired["The association"] >= {"body:definite"}, fired
    assert not fired["Tom Vale, an aviation analyst at Kestrel Research"], fired


def test_a_name_in_the_headline_of_an_article_of_offices_is_its_party(
        model_in_force: None) -> None:
    offices = ("The finance minister, the mayor and the council leader met the ministry's "
               "spokesman and the deputy mayor on Monday for a meeting on the new bridge over "
               "the river, the roads around the harbour and the cost of both. The prime "
               "minister and the council chair joined them later in the afternoon, and a "
               "letter of support from the governor was on the table at the start. The talks "
               "went on until late in the evening, and a second round is planned for the end "
               "of the month, when the budget for next year is due to be set by the full "
               "council.\n\n")
    fired = _fired(f"Vale backs council plan\n\n{offices}Tom Vale said the plan would pass.\n")
    assert "party:headline_offices" in fired["Tom Vale"], fired
    # the same name the headline does not hold: no party feature
    fired = _fired(f"Council backs plan\n\n{offices}Tom Vale said the plan would pass.\n")
    assert "party:headline_offices" not in fired["Tom Vale"], fired
    # a place the headline holds, of an outside voice's appositive, is not the speaker's name
    fired = _fired(f"Harbour backs council plan\n\n{offices}The plan would pass, said Tom Vale, "
                   "a fellow at the Kestrel Institute in Harbour.\n")
    assert not any("party:headline_offices" in f for f in fired.values()), fired


def test_a_party_feature_may_turn_a_name_official(model_in_force: None) -> None:
    text = ("Charity admits staff failings\n\n"
            "Harbour Aid, a relief charity, has been criticised over its handling of "
            "complaints.\n\n"
            "The charity confirmed that an internal inquiry had found failings.\n")
    model = parse_chooser({**GOOD, "weights": {"official": {"body:definite": 3.0}},
                           "requires": {"named>official": ["body:definite"]}}, "chooser.yaml")
    use_chooser(model)
    changed = [a for s in analyse_text(text).sentences for a in s.attributions
               if a.source.text == "The charity"]
    assert [(a.speaker, a.rule.endswith(RULE_SUFFIX)) for a in changed] == [("official", True)]


def test_a_bare_name_the_lead_holds_is_the_story_s_party(model_in_force: None) -> None:
    # a name nothing describes, in the headline and the lead (the party the story is about),
    # against an undescribed name first met late in the article (an outside voice), and a
    # name with a description the rules could not read ("X, who runs ...")
    text = ("Marlow denies split from band\n\n"
            "Jo Marlow has denied talk that she will quit the Kestrel Five.\n\n"
            "The band was formed in a small town by the coast and has toured for ten years.\n\n"
            "Its last album sold well and a new one is due in the spring, with a tour of "
            "twelve cities to follow in the summer and a film about the making of the record "
            "later in the year. The drummer wrote most of the songs on it, and the two "
            "guitarists recorded their parts in a barn on a farm outside the town over three "
            "weeks in the winter.\n\n"
            "Jo Marlow said the band would record again in June.\n\n"
            "Ana Ruiz said the rumours had started online.\n\n"
            "\u201cThe fans are relieved,\u201d said Tom Vale, who runs a fan club for the band.\n")
    fired = _fired(text)
    assert "party:fallback_subject" in fired["Jo Marlow"], fired
    assert "party:fallback_subject" not in fired["Ana Ruiz"], fired
    assert not any("party:fallback_subject" in f for w, f in fired.items() if "Vale" in w), fired
    # the same name in a short text, where every name is in the lead: no party feature
    fired = _fired("Jo Marlow said the band would record again in June.\n")
    assert "party:fallback_subject" not in fired["Jo Marlow"], fired
