"""Story grouping (pure) and the stories commands on a temporary database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app
from verifier.errors import InputError
from verifier.stories import cues
from verifier.stories.grouping import Item, corpus_idf, group, group_article
from verifier.stories.params import grouping_params, overriding, with_changes
from verifier.stories.reasons import Why

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

ARTICLE_A = [
    "Norfield Bank agrees to buy Castlebay Mutual for $2 billion",
    "Norfield Bank has agreed to buy rival lender Castlebay Mutual, two people said.",
    "The deal could be announced on Friday, the people said.",
    "Castlebay Mutual declined to comment.",
    "In March, the city of Portwell opened a new ferry terminal.",
]
ARTICLE_B = [
    "Norfield Bank confirms purchase of Castlebay Mutual",
    "Norfield Bank said on Friday it had agreed to buy Castlebay Mutual.",
]


def items() -> list[Item]:
    found = [Item(("a", i), "a", i, t) for i, t in enumerate(ARTICLE_A)]
    found[3] = Item(("a", 3), "a", 3, ARTICLE_A[3], ("declined",))
    return found + [Item(("b", i), "b", i, t) for i, t in enumerate(ARTICLE_B)]


def test_groups_one_event_across_articles_and_keeps_others_apart() -> None:
    stories = group(items())
    bank = next(s for s in stories if ("a", 0) in s)
    assert {("a", 1), ("a", 2), ("a", 3), ("b", 0), ("b", 1)} <= set(bank)
    assert ("a", 4) not in bank


def _article(doc: str, sentences: list[str], kinds: dict[int, tuple[str, ...]] | None = None,
             sources: dict[int, tuple[str, ...]] | None = None) -> list[Item]:
    kinds, sources = kinds or {}, sources or {}
    return [Item((doc, i), doc, i, text, kinds.get(i, ()), sources.get(i, ()))
            for i, text in enumerate(sentences)]


def _story_of(stories: list[list[object]], key: object) -> set[object]:
    return set(next(s for s in stories if key in s))


# An article about one event with a side event, background and a back-reference.
MAYORAL = [
    "Velmont mayor Ada Quist resigns over harbour contract",
    "Velmont mayor Ada Quist resigned on Monday after auditors questioned a harbour "
    "dredging contract, two council members said.",
    "Quist said in a statement that she had done nothing wrong.",
    "She added that she would cooperate with the auditors.",
    "In March, the council had approved a new budget for the city's schools.",
    "The prosecutor's office denied a separate report that it had opened a tax case "
    "against the dredging firm.",
    "Deputy mayor Oren Falk will lead Velmont until an election is held, the council said.",
    "Quist did not respond to requests for comment on the harbour contract.",
]


def test_side_events_background_and_back_references() -> None:
    stories = group(_article("m", MAYORAL, kinds={7: ("declined",)}))
    main = _story_of(stories, ("m", 1))
    assert {("m", 0), ("m", 2), ("m", 3), ("m", 7)} <= main  # headline, quote, "She", refusal
    assert ("m", 4) not in main  # "In March, ..." is another time
    assert ("m", 5) not in main and _story_of(stories, ("m", 5)) == {("m", 5)}  # separate
    assert len(main) < len(MAYORAL)


def test_a_new_subject_with_nothing_else_in_common_starts_a_story() -> None:
    sentences = [
        "Tarn Motors agrees to buy battery maker Orlin Cells",
        "Tarn Motors has agreed to buy battery maker Orlin Cells for $900 million, the "
        "companies said on Tuesday.",
        "The deal still needs approval from regulators in Velland.",
        "Brask, a rival carmaker, is likely to announce job cuts at its Oster plant.",
    ]
    stories = group(_article("t", sentences))
    assert {("t", 0), ("t", 1), ("t", 2)} <= _story_of(stories, ("t", 1))
    assert _story_of(stories, ("t", 3)) == {("t", 3)}


def test_initials_link_a_later_acronym() -> None:
    sentences = [
        "Shares of Quorra Foods fell 9 percent after a rumour of a product recall.",
        "Quorra Foods said the rumour was false.",
        "Separately, the Coastal Markets Authority said it would look into the trading.",
        "A CMA official said investigators would look into the trading records this week.",
    ]
    stories = group(_article("q", sentences))
    assert ("q", 3) in _story_of(stories, ("q", 2))


def test_same_names_but_another_subject_do_not_link_articles() -> None:
    visit = [
        "Envoy Lira Vance is expected to visit Dorvia and meet its leader Pel Arno this week.",
        "Vance would be the first envoy to visit Dorvia in a decade.",
        "Vance's office declined to comment on the visit.",
    ]
    trip = [
        "Dorvian leader Pel Arno arrived in Kessa by train on Monday, officials said.",
        "Arno met Kessan president Ivo Strand for talks on trade.",
        "Arno's train left Kessa on Tuesday morning.",
    ]
    stories = group(_article("v", visit) + _article("k", trip))
    assert _story_of(stories, ("v", 0)).isdisjoint(_story_of(stories, ("k", 0)))


def test_a_rumour_joins_its_outcome_though_their_most_used_names_differ() -> None:
    # the rumour repeats the district, the outcome the cities: the company is a subject of
    # both (used half as often as their most used name), so they are one story
    rumour = [
        "Orvane Retail is in advanced talks to open its second headquarters in Pellmoor, a "
        "riverside district of Kessa, people familiar with the matter said.",
        "The largest landlord in Pellmoor has taken several Pellmoor office towers off the "
        "market, the people said.",
        "Orvane Retail could open the headquarters in Pellmoor next year.",
    ]
    outcome = [
        "Orvane Retail picks Kessa and Drumlin for new headquarters",
        "Orvane Retail said on Tuesday it had chosen Kessa and Drumlin for its new "
        "headquarters.",
        "The company will hire 25,000 people in Kessa and as many in Drumlin over a decade.",
    ]
    other = ["Farmers in Ulvar harvested a record wheat crop, the Ulvar grain board said.",
             "Wheat prices fell in Ulvar on Monday."]
    stories = group(_article("r", rumour) + _article("o", outcome) + _article("u", other))
    assert _story_of(stories, ("r", 0)) == {("r", 0), ("r", 1), ("r", 2),
                                            ("o", 0), ("o", 1), ("o", 2)}


def test_an_epithet_describes_a_party_already_named_and_brings_no_news() -> None:
    # "the Norland striker" is Brenn: Norland is no new name, so the sentence stays
    article = [
        "Kessa United agree fee for Ola Brenn",
        "Kessa United have agreed a fee with Dorvik for striker Ola Brenn, the club said on "
        "Monday.",
        "Brenn is expected to sign a five-year contract at Kessa United this week.",
        "Reports suggested the Norland striker had already undergone a medical at Kessa.",
    ]
    other = ["Farmers in Ulvar harvested a record wheat crop, the Ulvar grain board said.",
             "Wheat prices fell in Ulvar on Monday."]
    # what reports suggested is what the article reports (a media source: no context)
    stories = group(_article("k", article, {3: ("media",)}, {3: ("Reports",)})
                    + _article("u", other))
    assert ("k", 3) in _story_of(stories, ("k", 1))
    assert cues.epithets("The 30-year-old Norland forward signed; the Ulvar giants paid.") == [
        "The 30-year-old Norland forward", "the Ulvar giants"]
    assert cues.epithets("The company said the striker would sign.") == []


def _write_corpus(tmp_path: Path) -> tuple[Path, Path]:
    labels = tmp_path / "mini.labels.jsonl"
    stories = tmp_path / "mini.stories.jsonl"
    rows = [{"doc": "m", "i": i, "text": t, "claim": True, "sourcing": [], "certainty": "certain"}
            for i, t in enumerate(MAYORAL)]
    labels.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    gold = [
        {"story": "quist-resigns", "doc": "m", "event": "", "sentences": [0, 1, 2, 3, 7]},
        {"story": "schools-budget", "doc": "m", "event": "", "sentences": [4]},
        {"story": "tax-case", "doc": "m", "event": "", "sentences": [5]},
    ]
    stories.write_text("\n".join(json.dumps(g) for g in gold) + "\n", encoding="utf-8")
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "m.txt").write_text("\n".join(MAYORAL) + "\n", encoding="utf-8")
    return stories, labels


def test_matching_is_one_to_one_and_counts_unmatched(tmp_path: Path) -> None:
    from verifier.evaluation.stories import evaluate_stories

    stories, labels = _write_corpus(tmp_path)

    def one_story(items: object) -> list[list[object]]:
        return [[("m", i) for i in range(len(MAYORAL))]]

    result = evaluate_stories(stories, labels, grouper=one_story)  # type: ignore[arg-type]
    scores = {s.story: s for s in result.stories}
    assert scores["quist-resigns"].recall == 1.0
    assert scores["quist-resigns"].precision == 5 / 8
    # the one predicted story cannot also be the match of the two small stories
    assert scores["schools-budget"].f1 == 0.0 and scores["tax-case"].f1 == 0.0

    def split(items: object) -> list[list[object]]:
        return [[("m", 0), ("m", 1), ("m", 2)], [("m", 3), ("m", 7)], [("m", 4)], [("m", 5)],
                [("m", 6)]]

    result = evaluate_stories(stories, labels, grouper=split)  # type: ignore[arg-type]
    scores = {s.story: s for s in result.stories}
    assert scores["quist-resigns"].recall == 3 / 5 and scores["tax-case"].f1 == 1.0
    assert (result.unmatched_fragments, result.unmatched_background) == (1, 1)
    assert result.micro()["recall"] == 5 / 7
    # what each story lost (and where it went) and took in (and whose it is)
    lost = scores["quist-resigns"].missing
    assert [(p.doc, p.i, p.other) for p in lost] == [("m", 3, ""), ("m", 7, "")]
    assert lost[0].text == MAYORAL[3] and scores["quist-resigns"].extra == ()
    assert lost[0].why == ""  # no rule is known for another grouper's choices
    assert scores["schools-budget"].missing == () and scores["tax-case"].extra == ()

    def absorbing(items: object) -> list[list[object]]:
        return [[("m", 0), ("m", 1), ("m", 2), ("m", 3), ("m", 4), ("m", 6), ("m", 7)],
                [("m", 5)]]

    result = evaluate_stories(stories, labels, grouper=absorbing)  # type: ignore[arg-type]
    scores = {s.story: s for s in result.stories}
    assert [(p.i, p.other) for p in scores["quist-resigns"].extra] == [(4, "schools-budget"),
                                                                       (6, "")]
    assert [(p.i, p.other) for p in scores["schools-budget"].missing] == [(4, "quist-resigns")]


def test_mismatches_are_counted_by_class() -> None:
    from verifier.evaluation.stories import Mismatches, mismatches

    gold = {
        "deal": {("a", 0), ("a", 1), ("a", 2), ("b", 0), ("b", 1)},  # in two articles
        "denied-price": {("a", 3)},  # refuted, in the article of the confirmed deal
        "other": {("c", 0), ("c", 1)},
    }
    outcomes = {"deal": "confirmed", "denied-price": "refuted", "other": None}
    predicted = [
        {("a", 0), ("a", 1), ("a", 3), ("a", 5)},  # deal's home in a, with the price and
        {("a", 2)},                                # background a5; a2 split off
        {("b", 0), ("b", 1), ("c", 0)},            # the deal's home in b and (a tie, the
        {("c", 1)},                                # lower number) other's home in c
    ]
    found = mismatches(gold, predicted, outcomes)
    # a2 and c1 split off; the deal's homes in a and b differ; #2 joins b and c on no
    # common story
    assert found == Mismatches(split_off=2, background_absorbed=1, stories_merged=1,
                               outcomes_merged=1, cross_not_joined=1, cross_wrong_joins=1)
    assert (found + found).split_off == 4
    # background of another article joined to a story is absorbed, not a wrong join
    joined = [{("a", 0), ("a", 1), ("a", 2), ("b", 0), ("b", 1)}, {("a", 3)},
              {("c", 0), ("c", 1), ("d", 0)}]
    found = mismatches(gold, joined, outcomes)
    assert found == Mismatches(background_absorbed=1)


def test_a_sentence_in_two_predicted_stories_is_refused(tmp_path: Path) -> None:
    from verifier.evaluation.stories import evaluate_stories

    stories, labels = _write_corpus(tmp_path)

    def overlapping(items: object) -> list[list[object]]:
        return [[("m", 0), ("m", 1)], [("m", 1), ("m", 4)]]

    with pytest.raises(InputError, match="two predicted stories"):
        evaluate_stories(stories, labels, grouper=overlapping)  # type: ignore[arg-type]


def test_eval_stories_command(tmp_path: Path) -> None:
    stories, labels = _write_corpus(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["eval-stories", str(stories), "--labels", str(labels),
                                 "--texts", str(tmp_path / "texts"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["gold_stories"] == 3 and set(data["macro"]) == {"precision", "recall", "f1"}
    assert "unmatched_predicted" in data and "split_off" in data["mismatches"]
    # a gold story holding the schools sentence (another time, so grouped apart) loses it
    wider = tmp_path / "wider.stories.jsonl"
    wider.write_text(json.dumps({"story": "quist-resigns", "doc": "m", "event": "",
                                 "sentences": [0, 1, 2, 3, 4, 7]}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval-stories", str(wider), "--labels", str(labels),
                                 "--no-scores", "--errors", "5"])
    assert result.exit_code == 0, result.output
    assert "errors by class" in result.output
    assert "lost  m#4 in a story matching none: In March, the council" in result.output
    # with the rule that placed it (the default grouper's; a grouper passed in gives none)
    assert "why: it opens on another time" in result.output
    (tmp_path / "texts" / "m.txt").write_text("something else\n", encoding="utf-8")
    result = runner.invoke(app, ["eval-stories", str(stories), "--labels", str(labels),
                                 "--texts", str(tmp_path / "texts")])
    assert result.exit_code != 0 and "not found" in result.output


def test_eval_stories_on_the_seed_labels() -> None:
    stories = CORPUS / "seeds.stories.jsonl"
    if not stories.is_file():
        pytest.skip(f"labelled corpus not found at {CORPUS}")
    from verifier.evaluation.stories import evaluate_stories

    result = evaluate_stories(stories)
    ban = next(s for s in result.stories if s.story == "ban-visits-pyongyang")
    kim = next(s for s in result.stories if s.story == "kim-visits-beijing")
    assert ban.f1 > 0.75 and kim.f1 > 0.75
    assert ban.precision > 0.7 and kim.precision > 0.7
    # four stories, one of a single sentence (the April summit, which a side story of the
    # Kim visit takes in since article.join is 2.5: 0.758 -> 0.669, micro 0.806 -> 0.828)
    assert result.macro("f1") > 0.65


@pytest.fixture
def seeded(tmp_path: Path) -> str:
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(ROOT / "examples" / "ban-pyongyang.md"),
                                 str(ROOT / "examples" / "kim-beijing.md"), "--db", db])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["stories", "group", "--db", db]).exit_code == 0
    return db


def _stories(db: str, *extra: str) -> list[dict]:  # type: ignore[type-arg]
    """Every story as ``stories show --json`` gives it (members under "claims")."""
    result = CliRunner().invoke(app, ["stories", "list", "--json", "--min-claims", "1",
                                      "--db", db, *extra])
    assert result.exit_code == 0, result.output
    shown = []
    for row in json.loads(result.output):
        story = CliRunner().invoke(app, ["stories", "show", str(row["id"]), "--json",
                                         "--db", db])
        assert story.exit_code == 0, story.output
        full = json.loads(story.output)
        assert len(full["claims"]) == row["claims"]  # the stored count is current
        assert full["score"] == row["score"] and full["status"] == row["status"]
        shown.append(full)
    return shown


def test_corrections_survive_another_ingest(seeded: str, tmp_path: Path) -> None:
    runner = CliRunner()
    stories = _stories(seeded)
    big = max(stories, key=lambda s: len(s["claims"]))
    moved = big["claims"][-1]["claim_id"]
    other = next(s for s in stories if s["id"] != big["id"])
    assert runner.invoke(app, ["stories", "move", str(moved), "--to", str(other["id"]),
                               "--db", seeded]).exit_code == 0
    assert runner.invoke(app, ["stories", "rename", str(big["id"]), "My title",
                               "--db", seeded]).exit_code == 0
    extra = tmp_path / "more.md"
    extra.write_text("---\ntitle: More\n---\nKim Jong-un met Xi Jinping in Beijing, "
                     "Xinhua said on Wednesday.\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(extra), "--db", seeded]).exit_code == 0
    assert runner.invoke(app, ["stories", "group", "--db", seeded]).exit_code == 0
    after = {s["id"]: s for s in _stories(seeded)}
    assert after[big["id"]]["title"] == "My title"
    assert moved in [c["claim_id"] for c in after[other["id"]]["claims"]]
    assert moved not in [c["claim_id"] for c in after[big["id"]]["claims"]]


def test_split_merge_and_errors(seeded: str) -> None:
    runner = CliRunner()
    big = max(_stories(seeded), key=lambda s: len(s["claims"]))
    ids = [str(c["claim_id"]) for c in big["claims"][:2]]
    result = runner.invoke(app, ["stories", "split", str(big["id"]), *ids, "--db", seeded])
    assert result.exit_code == 0, result.output
    new_id = int(result.output.split()[-1])
    result = runner.invoke(app, ["stories", "merge", str(big["id"]), str(new_id), "--db", seeded])
    assert result.exit_code == 0, result.output
    assert len(next(s for s in _stories(seeded) if s["id"] == big["id"])["claims"]) == len(
        big["claims"])
    result = runner.invoke(app, ["stories", "show", "99999", "--db", seeded])
    assert result.exit_code == 6 and "no story" in result.output
    result = runner.invoke(app, ["stories", "mark", str(big["id"]), "confirmed", "--db", seeded])
    assert result.exit_code != 0 and "evidence" in result.output


def test_a_sentence_dated_before_the_article_is_background() -> None:
    sentences = [
        "Orvane Air grounds its fleet after a runway fire in 2026",
        "Orvane Air grounded all twelve of its jets on Sunday after a runway fire at Tessel "
        "airport in March 2026, the airline said.",
        "Orvane Air engineers will inspect every jet before flights resume, the airline said.",
        "Orvane Air was founded by the Tessel family as a cargo carrier in 1987.",
        "The airline also lost a jet to an engine fault in 2019.",
    ]
    stories = group(_article("o", sentences))
    main = _story_of(stories, ("o", 1))
    assert {("o", 0), ("o", 2)} <= main
    assert ("o", 3) not in main and ("o", 4) not in main  # dated before 2026: background
    # a year alone dates nothing: "the 2026 season" is no other time
    assert cues.dated_years("Voters in the 2020 election said so.") == []
    assert cues.dated_years("It was founded in October 1932 and sold in 1953.") == [1932, 1953]


def test_a_dateline_gives_no_terms() -> None:
    from verifier.stories.terms import words

    for text in ("LONDON, Aug 21 (Reuters) - Tessel airport reopened.",
                 "BERLIN – Tessel airport reopened.", "NEW DELHI: Tessel airport reopened.",
                 "FLUSHING, Queens — Tessel airport reopened.", "(AP) — Tessel airport reopened."):
        assert words(text) == words("Tessel airport reopened."), text
    assert "N:manchester" in words("MANCHESTER CITY HAVE agreed a deal")  # no dateline
    # two wire stories from one city are not one story for it
    first = ["LONDON, May 2 (Reuters) - Quarry Foods recalled its oat bars on Tuesday.",
             "Quarry Foods said the bars might contain glass."]
    second = ["LONDON, May 2 (Reuters) - Brindle Rail cut fares on its northern lines.",
              "Brindle Rail said ticket sales had fallen."]
    stories = group(_article("f", first) + _article("r", second))
    assert ("r", 0) not in _story_of(stories, ("f", 0))


def test_a_definite_description_goes_on_with_the_story_that_introduced_its_noun() -> None:
    sentences = [
        "Kessa port reopens after dockworkers end strike",
        "Dockworkers at Kessa port ended a nine-day strike on Monday, the port authority said.",
        "Separately, a cargo ship ran aground near Tolsen island on Sunday, the coast guard said.",
        "The ship was carrying grain from Orvia and Pellan to Lusk.",
        "The strike had halted most grain exports from Kessa.",
    ]
    stories = group(_article("k", sentences))
    ship = _story_of(stories, ("k", 2))
    assert ("k", 3) in ship  # "The ship": the grounding, though it brings new names
    assert ("k", 4) in _story_of(stories, ("k", 1)) and ("k", 4) not in ship
    assert cues.definite_heads("However, the cookie maker said so.") == ("cookie", "maker")
    assert cues.definite_heads("The Kessa Port Authority said so.") == ()


def test_a_sentence_sharing_nothing_goes_on_with_the_one_before() -> None:
    sentences = [
        "Velmont council approves harbour budget",
        "Velmont council approved a harbour budget of $40 million on Tuesday, members said.",
        "Separately, Tolsen police arrested two men after a bank robbery in Orvia.",
        "Both were later released on bail.",
    ]
    stories = group(_article("v", sentences))
    assert ("v", 3) in _story_of(stories, ("v", 2))


def test_a_definite_source_is_no_event_noun() -> None:
    sentences = [
        "Velmont ministry denies plan to sell harbour to Orvia group",
        "Velmont's transport ministry on Monday denied a report that it would sell the harbour "
        "to a consortium led by Orvia Holdings.",
        "The ministry called the report false and said no sale was being discussed.",
        "The ministry said in a statement that the tender for the Tolsen Bay ferry licence "
        "would stay open to all bidders until Hallmark Day.",
    ]
    kinds = {1: ("denied",), 2: ("denied",), 3: ("official",)}
    sources = {1: ("Velmont's transport ministry",), 2: ("The ministry",),
               3: ("The ministry",)}
    stories = group(_article("m", sentences, kinds, sources))
    # "The ministry" says who speaks, not what happened: the tender is a story of its own
    assert ("m", 3) not in _story_of(stories, ("m", 1))
    assert ("m", 2) in _story_of(stories, ("m", 1))


def test_a_headline_joining_two_events_goes_with_the_clause_of_its_source() -> None:
    sentences = [
        "Deadline day live: Velmont sign Arlo Brandt, Tolsen deny Kemi Osei bid",
        "Velmont have completed the signing of striker Arlo Brandt on a three-year deal.",
        "Brandt will wear the number nine shirt for Velmont, the club said.",
        "Tolsen have denied a report that they bid for midfielder Kemi Osei.",
        "A Tolsen spokesperson called the Osei report false.",
    ]
    kinds = {0: ("denied",), 3: ("denied", "media"), 4: ("denied",)}
    sources = {0: ("Tolsen",), 3: ("Tolsen", "a report"), 4: ("A Tolsen spokesperson",)}
    stories = group(_article("h", sentences, kinds, sources))
    assert ("h", 3) not in _story_of(stories, ("h", 1))
    # Tolsen's denial is about the bid, not the signing: the headline carries it to that story
    assert ("h", 0) in _story_of(stories, ("h", 3))
    assert ("h", 2) in _story_of(stories, ("h", 1))


def test_a_quotation_goes_on_with_its_speaker() -> None:
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf
    from verifier.stories.reasons import QUOTATION

    sentences = [
        "Tolsen coach Mara Vell says her squad is ready for the cup final",
        "Tolsen coach Mara Vell said on Friday that her squad was ready for Sunday's cup final.",
        "“We have trained hard all week.",
        "Brandt and Osei are fit again after their knee injuries in Orvia.",  # inside the quote
        "Nobody at Kessa Park expected us to get this far.”",
    ]
    found = _article("q", sentences, {1: ("official",)}, {1: ("Tolsen coach Mara Vell",)})
    assert _story_of(group(found), ("q", 1)) == {("q", i) for i in range(5)}
    reasons: dict[object, Why] = {}
    group_article(found, corpus_idf(found), reasons)
    assert reasons[("q", 3)].text == reasons[("q", 4)].text == QUOTATION
    assert cues.quotation("He said: “We will win.", False) == (False, True)
    assert cues.quotation("Nobody expected it.”", False) == (True, False)
    assert cues.quotation("Nobody expected it.", True) == (True, True)
    assert cues.quotation('"We will," he said. "We must."', False) == (False, False)
    assert cues.quotation("The club said it was “delighted” with the deal.", False) == (False,
                                                                                         False)


def test_running_names_do_not_tell_an_articles_events_apart() -> None:
    sentences = [
        "Arlo Brandt joins Tolsen from Velmont for $30 million",
        "Arlo Brandt has joined Tolsen from Velmont for a fee of $30 million.",
        "Brandt signed a four-year contract with Tolsen on Monday.",
        "Brandt scored twelve goals for Velmont last season.",
        "Kessa Rovers had offered Velmont $35 million for Brandt, Kessa Rovers said.",
        "Brandt met Kessa Rovers coach Ivo Marr in Pellan to discuss the offer.",
    ]
    found = _article("p", sentences, {4: ("official",)}, {4: ("Kessa Rovers",)})
    stories = group(found)
    # Brandt and Velmont are in most sentences: what sets the rival offer apart is the rest
    assert ("p", 4) not in _story_of(stories, ("p", 1))
    assert ("p", 5) in _story_of(stories, ("p", 4))
    assert ("p", 2) in _story_of(stories, ("p", 1))
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf
    from verifier.stories.reasons import DEPARTS, DEPARTS_SIDE, NEW_NAMES

    reasons: dict[object, Why] = {}
    group_article(found, corpus_idf(found), reasons)  # each move says why
    assert reasons[("p", 4)].text == NEW_NAMES + DEPARTS
    assert reasons[("p", 5)].text == NEW_NAMES + DEPARTS_SIDE


def test_a_claim_that_only_says_who_reported_joins_the_main_story() -> None:
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf
    from verifier.stories.reasons import SOURCING

    sentences = [
        "Kessa port reopens after dockworkers end strike",
        "Dockworkers at Kessa port ended a nine-day strike on Monday.",
        "Separately, a cargo ship ran aground near Tolsen island on Sunday.",
        "The Pellan News Agency first reported on the matter.",
    ]
    found = _article("s", sentences, {3: ("media",)}, {3: ("The Pellan News Agency",)})
    stories = group(found)
    assert ("s", 3) in _story_of(stories, ("s", 1))
    assert ("s", 3) not in _story_of(stories, ("s", 2))
    reasons: dict[object, Why] = {}
    group_article(found, corpus_idf(found), reasons)
    assert reasons[("s", 3)].text == SOURCING


def test_a_claim_sharing_nothing_with_the_main_story_is_not_put_in_it() -> None:
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf
    from verifier.stories.reasons import APART

    sentences = [
        "Velmont council approves harbour budget",
        "Velmont council approved a harbour budget of $40 million on Tuesday.",
        "Separately, Tolsen police arrested two men after a bank robbery in Orvia.",
        "The budget includes new cranes for the harbour.",
        "Bank staff were not hurt.",
    ]
    found = _article("v", sentences)
    stories = group(found)
    # it shares a word with the robbery (too little to join it) and nothing with the budget
    assert ("v", 3) in _story_of(stories, ("v", 1))
    assert ("v", 4) not in _story_of(stories, ("v", 1))
    reasons: dict[object, Why] = {}
    group_article(found, corpus_idf(found), reasons)
    assert reasons[("v", 4)].text == APART


def test_a_refusal_answers_the_claim_before_not_the_main_story() -> None:
    sentences = [
        "Hanmoor Yards buys Pellan shipyard",
        "Hanmoor Yards has agreed to buy the Pellan shipyard for $90 million.",
        "At least two other Kessan shipbuilders, Daeso Marine and Orun Heavy, are studying "
        "bids for yards in Tolsen, people familiar with the matter said.",
        "Daeso Marine and Orun Heavy did not respond to requests for comment.",
    ]
    kinds = {2: ("unnamed",), 3: ("declined",)}
    sources = {2: ("people familiar with the matter",), 3: ("Daeso Marine and Orun Heavy",)}
    stories = group(_article("y", sentences, kinds, sources))
    assert ("y", 3) in _story_of(stories, ("y", 2))
    assert ("y", 3) not in _story_of(stories, ("y", 1))


def test_a_photo_caption_does_not_seed_the_main_story() -> None:
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf

    sentences = [
        "Orvia Steel agrees to buy Tolsen Mills",
        "FILE PHOTO: Workers are pictured outside a Pellan foundry, March 3, 2019.",
        "Orvia Steel has agreed to buy Tolsen Mills for $2 billion, the companies said.",
        "The takeover of Tolsen Mills is expected to close next year.",
        "Tolsen Mills logo is seen at its Kessa plant, which Orvia Steel agreed to buy. "
        "REUTERS/Ana Vell",
    ]
    found = _article("c", sentences)
    stories = group(found)
    # the lead seeds the main story, not the picture before it
    assert _story_of(stories, ("c", 2)) >= {("c", 0), ("c", 3), ("c", 4)}
    assert ("c", 1) not in _story_of(stories, ("c", 2))
    reasons: dict[object, Why] = {}
    group_article(found, corpus_idf(found), reasons)
    assert reasons[("c", 2)].rule == "first"
    assert reasons[("c", 1)].rule == reasons[("c", 4)].rule == "caption"
    assert cues.is_caption("FILE - Ann Cole arrives at the Velmont gala.")
    assert not cues.is_caption("The move is seen as a setback for Orvia Steel.")


def test_a_sentence_describing_a_party_is_background() -> None:
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf

    sentences = [
        "Orvia Steel agrees to buy Tolsen Mills",
        "Orvia Steel has agreed to buy Tolsen Mills for $2 billion, the companies said.",
        "Tolsen Mills is one of the largest paper makers in Kessa.",
        "The takeover of Tolsen Mills is expected to close next year.",
    ]
    found = _article("d", sentences)
    stories = group(found)
    assert ("d", 2) not in _story_of(stories, ("d", 1))
    assert ("d", 3) in _story_of(stories, ("d", 1))
    reasons: dict[object, Why] = {}
    group_article(found, corpus_idf(found), reasons)
    assert reasons[("d", 2)].rule == "description"
    assert not cues.describes("This is a deal that will change Kessa.")


def test_after_the_lead_an_unsourced_claim_repeating_little_is_context() -> None:
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf

    lead = [
        "Kessa United close in on Ola Brenn",
        "Kessa United are close to signing striker Ola Brenn from Dorvik for $20 million, "
        "two people familiar with the talks said.",
        "Brenn would sign a four-year contract at Kessa United, the people said.",
    ]
    context = "Dorvik have lost four of their six league games with Brenn in the side."
    kinds = {1: ("unnamed",), 2: ("unnamed",)}
    sources = {1: ("two people familiar with the talks",), 2: ("the people",)}
    found = _article("k", [*lead, context], kinds, sources)
    reasons: dict[object, Why] = {}
    groups = group_article(found, corpus_idf(found), reasons)
    # no one stands behind it and it repeats little of the signing: background, apart
    assert not any(("k", 3) in g.members and ("k", 1) in g.members for g in groups)
    assert reasons[("k", 3)].rule == "context.own"
    assert [n.name for n in reasons[("k", 3)].numbers] == ["claims before", "cover"]
    # the same words from the people who told of the talks are what the article reports
    told = _article("t", [*lead, context[:-1] + ", the people said."],
                    {**kinds, 3: ("unnamed",)}, {**sources, 3: ("the people",)})
    reasons = {}
    groups = group_article(told, corpus_idf(told), reasons)
    assert any(("t", 3) in g.members and ("t", 1) in g.members for g in groups)
    assert reasons[("t", 3)].rule == "main"
    # within the lead the same claim stays with the story it opens
    early = _article("e", [lead[0], lead[1], context], {1: ("unnamed",)}, {1: sources[1]})
    reasons = {}
    group_article(early, corpus_idf(early), reasons)
    assert reasons[("e", 2)].rule == "main"


def test_far_into_an_article_a_sourced_claim_repeating_little_departs() -> None:
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf

    body = [
        "Orvia Steel in talks to buy Tolsen Mills",
        "Orvia Steel is in advanced talks to buy Tolsen Mills for $2 billion, two people "
        "familiar with the matter said.",
        "A deal could be announced as soon as next week, the people said.",
        "Tolsen Mills shares rose 9% on the news.",
        "Orvia Steel declined to comment on the talks.",
        "Tolsen Mills did not respond to a request for comment.",
        "The purchase would give Orvia Steel four paper plants in Kessa.",
        "Analysts said the price valued Tolsen Mills at eight times its earnings.",
        "Regulators in Kessa would have to approve the purchase.",
        "The talks began in the spring, the people said.",
        "Orvia Steel bought two smaller mills in the north of Kessa last year.",
        "Tolsen Mills employs 3,000 workers in Kessa.",
        "Unions at Tolsen Mills have asked to meet Orvia Steel.",
        "The people said the purchase price could still change.",
    ]
    other = ("Tolsen Mills is also in early talks to sell its shipping arm and two river ports, "
             "the people said.")
    people = ("unnamed",)

    def placed(sentences: list[str]) -> tuple[list[list[object]], dict[object, Why]]:
        kinds = {i: people for i, text in enumerate(sentences) if "the people" in text}
        sources = {i: ("the people",) for i in kinds}
        found = _article("f", sentences, kinds, sources)
        reasons: dict[object, Why] = {}
        groups = group_article(found, corpus_idf(found), reasons)
        return [g.members for g in groups], reasons

    assert len(body) - 1 > grouping_params().article.deep  # body claims before it
    groups, reasons = placed([*body, other])
    last = ("f", len(body))
    # an unnamed source stands behind it, but far into the article a claim that repeats
    # little of the deal is another matter: it departs
    assert reasons[last].rule == "far.own"
    assert [n.name for n in reasons[last].numbers] == ["claims before", "cover"]
    assert "far into the article" in reasons[last].describe()
    assert not any(last in g and ("f", 1) in g for g in groups)
    with overriding(with_changes(grouping_params(), {"article.deep": len(body)})):
        assert placed([*body, other])[1][last].rule == "main"
    # a source on the record beside the people keeps it with the deal
    found = _article("o", [*body, other], {len(body): ("unnamed", "official")},
                     {len(body): ("the people", "Tolsen Mills")})
    reasons = {}
    group_article(found, corpus_idf(found), reasons)
    assert not reasons[("o", len(body))].rule.startswith("far")
    # within the article's first claims the same words stay with the deal
    groups, reasons = placed([*body[:5], other])
    assert reasons[("f", 5)].rule == "main"
    # quoted, they are a speaker's words: they go on with the claim before
    quoted = '"' + other.removesuffix(", the people said.") + '," one of the people said.'
    groups, reasons = placed([*body, quoted])
    assert not reasons[last].rule.startswith("far")
    assert any(last in g and ("f", 1) in g for g in groups)


def test_a_denial_of_the_report_answers_its_story_whatever_names_it_brings() -> None:
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf

    lead = [
        "Orvia Steel in talks to buy Tolsen Mills",
        "Orvia Steel is in advanced talks to buy Tolsen Mills for $2 billion, two people "
        "familiar with the matter said.",
        "A deal could be announced next week, the people said.",
        "The talks were at an advanced stage, the people said.",
    ]
    # after the opening (`opening` body claims), where one new name takes a claim away
    kinds = {1: ("unnamed",), 2: ("unnamed",), 3: ("unnamed",), 4: ("official", "denied")}
    sources = {1: ("two people familiar with the matter",), 2: ("the people",),
               3: ("the people",), 4: ("Harlow Partners", "Harlow Partners")}
    holder = ("Harlow Partners, the Pellan fund that owns a third of Tolsen, said it had not "
              "been approached and denied ")
    found = _article("o", [*lead, holder + "the report of talks."], kinds, sources)
    reasons: dict[object, Why] = {}
    groups = group_article(found, corpus_idf(found), reasons)
    # the fund's denial names the report: it answers the talks story, Pellan is no news
    assert any(("o", 4) in g.members and ("o", 1) in g.members for g in groups)
    assert reasons[("o", 4)].rule == "answer"
    assert [n.name for n in reasons[("o", 4)].numbers] == ["fresh", "main"]
    assert "denies the report" in reasons[("o", 4)].describe()
    # a denial of something else the article has not reported brings its names as news
    other = _article("x", [*lead, holder + "talks to sell its stake."], kinds, sources)
    reasons = {}
    groups = group_article(other, corpus_idf(other), reasons)
    assert not any(("x", 4) in g.members and ("x", 1) in g.members for g in groups)
    assert reasons[("x", 4)].rule == "new_names.own"
    assert cues.names_the_report("The club dismissed these rumours as nonsense.")
    assert cues.names_the_report("She denied the Journal's report.")
    assert not cues.names_the_report("She denied reports of a rift.")


def test_a_back_reference_bringing_new_names_is_news_unless_it_quotes() -> None:
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf

    lead = [
        "Kessa police arrest Dorvik bomb suspect",
        "Kessa police have arrested Ola Brenn, the man suspected of the Dorvik market bombing, "
        "two officials said.",
    ]
    kinds = {1: ("unnamed",)}
    sources = {1: ("two officials",)}
    past = "He was jailed in Tolsen in 2009 for fraud and served four years at Pellan Prison."
    found = _article("b", [*lead, past], kinds, sources)
    reasons: dict[object, Why] = {}
    groups = group_article(found, corpus_idf(found), reasons)
    # "He ..." refers back, but it brings names the article has not used and repeats little
    # of the arrest: what he did before, not more of the claim before
    assert not any(("b", 2) in g.members and ("b", 1) in g.members for g in groups)
    assert reasons[("b", 2)].rule == "back_news.own"
    assert [n.name for n in reasons[("b", 2)].numbers] == ["fresh", "cover"]
    assert "quotes no one" in reasons[("b", 2)].describe()
    # the same words in quotation marks are a speaker's: they go on with the claim before
    quoted = _article("q", [*lead, f'"{past}"'], kinds, sources)
    reasons = {}
    groups = group_article(quoted, corpus_idf(quoted), reasons)
    assert any(("q", 2) in g.members and ("q", 1) in g.members for g in groups)
    assert reasons[("q", 2)].rule == "back"
    # with back_new out of reach it goes on with the claim before as every back-reference
    with overriding(with_changes(grouping_params(), {"article.back_new": 50})):
        reasons = {}
        group_article(found, corpus_idf(found), reasons)
    assert reasons[("b", 2)].rule == "back"
    assert cues.quotes("“We will win,” he said.")
    assert cues.quotes("‘It is over,’ she wrote.")
    assert not cues.quotes("Tulisa’s team said nothing.")


def test_a_headline_naming_the_event_in_other_words_joins_the_main_story() -> None:
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf
    from verifier.stories.reasons import HEADLINE_MAIN

    sentences = [
        "Impending cabinet shake-up",
        "Prime Minister Ann Cole could announce a reshuffle of her cabinet as early as Monday, "
        "according to the newspaper Velmont Daily.",
        "Finance Minister Jon Arlo is expected to be moved, the paper said.",
        "Separately, the Tolsen harbour authority said it would raise port fees in May.",
    ]
    kinds = {1: ("media",), 2: ("media",), 3: ("official",)}
    sources = {1: ("the newspaper Velmont Daily",), 2: ("the paper",),
               3: ("the Tolsen harbour authority",)}
    found = _article("r", sentences, kinds, sources)
    reasons: dict[object, Why] = {}
    groups = group_article(found, corpus_idf(found), reasons)
    # "cabinet" is all it shares with the lead, under `join`: still the article's event
    assert groups[0].members == [("r", 0), ("r", 1), ("r", 2)]
    assert reasons[("r", 0)].rule == "headline_main"
    assert reasons[("r", 0)].describe().startswith(HEADLINE_MAIN)
    # a headline sharing nothing with any story (a page label) stands apart, as before
    label = _article("s", ["Weekend edition", *sentences[1:]], kinds, sources)
    reasons = {}
    groups = group_article(label, corpus_idf(label), reasons)
    assert groups[0].members == [("s", 0)] and reasons[("s", 0)].rule == "headline"


def test_in_the_opening_one_new_name_does_not_take_a_claim_away() -> None:
    from verifier.stories.article import group_article
    from verifier.stories.grouping import corpus_idf

    def placed(second: str) -> tuple[list[list[object]], dict[object, Why]]:
        sentences = [
            "Velmont denies sending negotiators to Arvik",
            "Velmont's foreign ministry on Monday denied a report that it had sent "
            "negotiators to Arvik for talks with the rebels.",
            second,
            "The ministry said the report was false.",
            "The ministry said the report was false.",
            "A convoy of negotiators was seen near Brenholt and Maddock on Sunday, a "
            "witness said.",
        ]
        kinds = {1: ("denied",), 2: ("official",), 3: ("denied",), 4: ("denied",),
                 5: ("unnamed",)}
        sources = {1: ("Velmont's foreign ministry",), 2: ("officials there",),
                   3: ("The ministry",), 4: ("The ministry",), 5: ("a witness",)}
        found = _article("o", sentences, kinds, sources)
        reasons: dict[object, Why] = {}
        groups = group_article(found, corpus_idf(found), reasons)
        return [g.members for g in groups], reasons

    p = grouping_params().article
    # a rare name weighs name_boost at most: one new name weighs `new`, two less than
    # `opening_new`
    assert p.opening == 3 and p.new <= p.name_boost and 2 * p.name_boost < p.opening_new
    # the claim after the lead brings one new name (Brenholt): it tells the same story
    groups, reasons = placed("No such delegation had landed in Brenholt either, officials "
                             "there said.")
    assert ("o", 2) in groups[0]
    # after the opening one new name (Maddock) still takes a claim away
    assert reasons[("o", 5)].rule == "new_names.own"
    assert reasons[("o", 5)].numbers[0].threshold == "new"
    # in the opening, names weighing opening_new (three new names) do
    groups, reasons = placed("No such delegation had landed in Brenholt, Pellard or Sarvik "
                             "either, officials there said.")
    assert ("o", 2) not in groups[0]
    assert reasons[("o", 2)].rule == "new_names.own"
    assert reasons[("o", 2)].numbers[0].threshold == "opening_new"
    # with no opening, the one new name takes it away as anywhere else
    with overriding(with_changes(grouping_params(), {"article.opening": 0}, "test")):
        groups, reasons = placed("No such delegation had landed in Brenholt either, "
                                 "officials there said.")
    assert ("o", 2) not in groups[0] and reasons[("o", 2)].rule == "new_names.own"


# A purchase told by its parties, then one outlet's aside naming a bank once.
PURCHASE = [
    "Norvane Shipping agrees to buy Kestrel Lines",
    "Norvane Shipping has agreed to buy the container carrier Kestrel Lines for $2 billion, "
    "the two companies said on Monday.",
    "The purchase gives Norvane twelve more vessels and routes to the Baltic ports.",
    "Kestrel Lines shareholders will receive cash for each share, the statement said.",
    "The boards of both companies approved the deal on Sunday, the statement said.",
    "The $2 billion price for the container carrier was above what Ostrava Bank had "
    "estimated, the Daltry Times reported.",
    "Regulators have yet to review the deal, the statement said.",
]


def test_a_sourced_claim_naming_a_party_once_stays_with_the_event_it_repeats() -> None:
    def placed(sentences: list[str], new_cover: float, sourced: bool = True
               ) -> tuple[bool, str, float]:
        kinds = {1: ("official",), 3: ("official",), 4: ("official",), 6: ("official",)}
        sources = {1: ("the two companies",), 3: ("the statement",), 4: ("the statement",),
                   6: ("the statement",)}
        if sourced:
            kinds[5], sources[5] = ("media",), ("the Daltry Times",)
        found = _article("k", sentences, kinds, sources)
        reasons: dict[object, Why] = {}
        with overriding(with_changes(grouping_params(), {"article.new_cover": new_cover},
                                     "test")):
            groups = group_article(found, corpus_idf(found), reasons)
        why = reasons[("k", 5)]
        cover = next((n.value for n in why.numbers if n.name == "cover"), 1.0)
        return ("k", 5) in groups[0].members, why.rule, cover

    p = grouping_params().article
    assert p.new_cover < p.cover  # in force
    # off (new_cover at cover): the bank, a name new to the article, takes the claim away
    kept, rule, cover = placed(PURCHASE, p.cover)
    assert not kept and rule == "new_names.own"
    # it repeats the price and the carrier: above new_cover it stays with the purchase
    kept, rule, _ = placed(PURCHASE, cover - 0.05)
    assert kept and rule == "main"
    # ... unless a later claim names the bank again (a thread of its own) ...
    again = [*PURCHASE[:6], "Ostrava Bank declined to say what it had advised, the statement said."]
    kept, rule, _ = placed(again, cover - 0.05)
    assert not kept and rule == "new_names.own"
    # ... or no one is said to have said it (background is stated by no one)
    unsourced = [*PURCHASE[:5], "The $2 billion price for the container carrier was above "
                 "what Ostrava Bank had estimated.", PURCHASE[6]]
    kept, rule, _ = placed(unsourced, cover - 0.05, sourced=False)
    assert not kept


def test_a_denial_naming_a_side_storys_parties_joins_it() -> None:
    # a page of several events: a signing (the main story), then a reported bid, then a
    # third party's denial naming the bid's parties and nothing else of it
    sentences = [
        "Harrow Athletic have signed midfielder Teo Brandt from Velmont on a three-year deal.",
        "The club said in a statement that the fee was not disclosed.",
        "Brandt is expected to train with the club on Thursday, Harrow said.",
        "Kestrel United have denied a report that they offered £20m for Sarvik defender "
        "Oren Pellard.",
        "The report, carried by a Norvane sports paper, said the bid came on Tuesday.",
        "Sarvik chairman Ida Quist said no approach for Pellard had reached him.",
    ]
    kinds = {1: ("official",), 2: ("official",), 3: ("denied", "media"), 4: ("media",),
             5: ("denied",)}
    sources = {1: ("The club",), 2: ("Harrow",), 3: ("Kestrel United", "a report"),
               4: ("a Norvane sports paper",), 5: ("Sarvik chairman Ida Quist",)}
    found = _article("q", sentences, kinds, sources)
    reasons: dict[object, Why] = {}
    groups = [g.members for g in group_article(found, corpus_idf(found), reasons)]
    assert _story_of(groups, ("q", 5)) == _story_of(groups, ("q", 3))
    assert ("q", 5) not in _story_of(groups, ("q", 0))
    why = reasons[("q", 5)]
    assert why.rule == "side" and why.numbers[0].threshold == "quiet_join", why
    # any other claim would need `join`, which two names at name_boost do not reach
    p = grouping_params().article
    assert 2 * p.name_boost < p.join and p.quiet_join <= 2 * p.name_boost
    with overriding(with_changes(grouping_params(), {"article.quiet_join": p.join}, "test")):
        groups = [g.members for g in group_article(found, corpus_idf(found), reasons)]
    assert ("q", 5) not in _story_of(groups, ("q", 3))
