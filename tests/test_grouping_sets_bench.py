"""bench/grouping_sets.py on invented labelled sets: the table, the labelled-pass-1 ceiling,
the gates and leave-one-set-out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import grouping_sets

RUMOUR = [
    ("Zorvak Motors is in talks to buy Plenta Bikes, two people familiar with the matter "
     "said.", "unnamed"),
    ("Zorvak Motors and Plenta Bikes declined to comment on the talks.", "declined"),
    ("Plenta Bikes makes folding bicycles at its Quillford, Dorne, Ashby and Mirel plants.",
     None),
]
OUTCOME = [
    ("Zorvak Motors completed its purchase of Plenta Bikes on Monday, the companies said.",
     "official"),
    ("Zorvak Motors chief Ana Velt said the purchase of Plenta Bikes would add a new range.",
     "named"),
]
#: An article on another matter that shares one name with the rumour only.
OTHER = [
    ("Quillford council approved a new cycle lane on Harrow Street.", "official"),
    ("The Harrow Street lane will open in spring, councillor Mo Brant said.", "named"),
]


def _write(folder: Path, name: str, docs: dict[str, list[tuple[str, str | None]]],
           stories: list[tuple[str, str, list[int]]]) -> Path:
    labels = []
    for doc, sentences in docs.items():
        for i, (text, kind) in enumerate(sentences):
            labels.append({"doc": doc, "i": i, "text": text, "claim": True,
                           "sourcing": [{"kind": kind, "source": "x"}] if kind else [],
                           "certainty": "certain"})
    (folder / f"{name}.labels.jsonl").write_text(
        "\n".join(json.dumps(row) for row in labels) + "\n", encoding="utf-8")
    path = folder / f"{name}.stories.jsonl"
    path.write_text("\n".join(
        json.dumps({"story": story, "doc": doc, "sentences": sentences, "outcome": None})
        for story, doc, sentences in stories) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def sets(tmp_path: Path) -> list[Path]:
    docs = {"a1": RUMOUR, "a2": OUTCOME, "a3": OTHER}
    gold = [("zorvak-buys-plenta", "a1", [0, 1]), ("zorvak-buys-plenta", "a2", [0, 1]),
            ("cycle-lane", "a3", [0, 1])]
    return [_write(tmp_path, "setX", docs, gold), _write(tmp_path, "setY", docs, gold)]


def test_the_table_has_a_row_per_set_and_the_pool(sets: list[Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert grouping_sets.main([str(p) for p in sets] + ["--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["membership"]
    assert [r["set"] for r in rows] == ["X", "Y", "pooled"]
    assert rows[0]["stories"] == 2 and rows[0]["cross"] == 1
    assert rows[0]["macro"] == pytest.approx(1.0)  # the rumour and its outcome joined
    assert rows[0]["not_joined"] == 0


def test_a_change_that_stops_every_join_shows_in_the_table_and_the_gates(
        sets: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    argv = [str(sets[0]), "--set", "merge.merge=0.99", "--set", "merge.strong_merge=0.99",
            "--set", "merge.small=2", "--gates", "--gold-article", "--json"]
    assert grouping_sets.main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["membership"][0]["not_joined"] == 1
    assert out["membership"][0]["cross_r"] < 1.0
    assert out["gold_article"][0]["not_joined"] == 1  # pass 2 it is, not pass 1
    [gate] = out["gates"]["X"]
    assert gate["story"] == "zorvak-buys-plenta"
    assert gate["test"].startswith("cosine") and "< merge 0.99" in gate["test"]
    assert "zorvak" in gate["shared"]
    assert gate["joined"] == []  # the outcome's story stands apart: nothing took it


def test_the_gates_say_what_a_piece_was_grouped_with_instead(
        sets: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    # at a merge threshold no pair reaches, every piece stands apart, with pass 1 predicted
    # or from the labels
    for mode in ([], ["--gold-article"]):
        argv = [str(sets[0]), "--set", "merge.merge=0.99", "--set", "merge.strong_merge=0.99",
                "--set", "merge.small=2", "--gates", *mode]
        assert grouping_sets.main(argv) == 0
        out = capsys.readouterr().out
        assert "zorvak-buys-plenta" in out and "with: -" in out
        assert "grouped with: apart 1" in out
    assert grouping_sets.joined_kind(()) == "apart"
    assert grouping_sets.joined_kind(("background",)) == "background only"
    assert grouping_sets.joined_kind(("background", "cycle-lane")) == "other story"


def test_leave_one_set_out_chooses_on_the_other_sets(
        sets: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    # two-claim stories are small: they join another article's at strong_merge
    argv = [str(p) for p in sets] + ["--loso", "merge.strong_merge=0.99,0.3", "--json"]
    assert grouping_sets.main(argv) == 0
    found = json.loads(capsys.readouterr().out)["loso"]
    assert [r["chosen"] for r in found["sets"]] == [{"merge.strong_merge": 0.3}] * 2
    assert [r["held_out"] for r in found["sets"]] == [pytest.approx(1.0)] * 2
    assert found["pooled_held_out"] == pytest.approx(found["pooled_current"])


@pytest.mark.parametrize(("argv", "message"), [
    (["--set", "merge.lnk=2"], "field 'merge.lnk': unknown"),
    (["--set", "merge.link"], "expected KEY=VALUE"),
    (["--set", "merge.link=high"], "'high' is not a number"),
    (["--set", "merge.merge=-1"], "expected >= 0"),
    (["--loso", "article.joyn=1,2"], "field 'article.joyn': unknown"),
])
def test_bad_settings_are_one_line_errors(sets: list[Path], argv: list[str], message: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert grouping_sets.main([str(sets[0]), *argv]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_missing_file_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert grouping_sets.main([str(tmp_path / "setZ.stories.jsonl")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_the_rules_table_says_how_each_pass1_rule_fared(
        sets: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert grouping_sets.main([str(sets[0]), "--rules", "--json"]) == 0
    rows = {r["rule"]: r for r in json.loads(capsys.readouterr().out)["rules"]}
    # every claim of the set is counted once, under the rule that placed it
    assert sum(r["claims"] for r in rows.values()) == len(RUMOUR) + len(OUTCOME) + len(OTHER)
    for r in rows.values():
        assert r["claims"] == sum(r[o] for o in grouping_sets.OUTCOMES)
    # the first body claim of each article seeds its story's home
    assert rows["first"]["home"] == 3 and rows["first"]["split"] == 0
    # the background sentence about the bicycle maker is not in the rumour's home
    background = sum(r["absorbed"] + r["apart"] for r in rows.values())
    assert background == 1
    assert grouping_sets.main([str(sets[0]), "--rules"]) == 0
    assert "pass-1 rules" in capsys.readouterr().out


def test_fix_mends_one_class_of_pass1_errors_by_the_labels() -> None:
    from verifier.stories.reasons import Why
    from verifier.stories.terms import Group, Item

    texts = ["Zorvak Motors buys Plenta Bikes.", "The purchase closes in May.",
             "Plenta Bikes makes folding bicycles.", "Ana Velt will lead Plenta Bikes.",
             "Zorvak Motors paid $40 million."]
    items = [Item(key=("d", i), doc="d", position=i, text=t) for i, t in enumerate(texts)]
    owner = {("d", 0): "buy", ("d", 1): "buy", ("d", 3): "velt", ("d", 4): "buy"}
    rules = ["first", "main", "back", "main", "new_names.own"]
    reasons = {item.key: Why(rule) for item, rule in zip(items, rules, strict=True)}

    def groups() -> list[Group]:  # pass 1: Velt's story and the background in the main one
        made = [Group(), Group()]
        for item in items:
            made[1 if item.position == 4 else 0].add(item, item.words())
        return made

    def fixed(*fixes: str) -> list[list[int]]:
        found = grouping_sets.fixed_article(items, groups(), reasons, owner,
                                            dict(map(grouping_sets.parse_fix, fixes)))
        return [[k[1] for k in g.members] for g in found]  # type: ignore[index]

    assert fixed() == [[0, 1, 2, 3], [4]]
    assert fixed("stories") == [[0, 1, 2], [4], [3]]
    assert fixed("stories:back") == [[0, 1, 2, 3], [4]]  # Velt's claim came by "main"
    assert fixed("background") == [[0, 1, 3], [4], [2]]
    assert fixed("splits") == [[0, 1, 2, 3, 4]]
    assert fixed("stories", "background", "splits") == [[0, 1, 4], [3], [2]]
    # one class each: the split-off claim joins its home, the merged story leaves it
    assert fixed("members") == [[0, 1, 2, 3, 4]]
    assert fixed("members:main") == [[0, 1, 2, 3], [4]]  # the $40 million came by new_names
    assert fixed("others") == [[0, 1, 2], [4], [3]]
    assert fixed("members", "others") == [[0, 1, 2, 4], [3]]
    assert fixed("members", "others", "background") == [[0, 1, 4], [2], [3]]
    with pytest.raises(grouping_sets.InputError, match="expected one of stories"):
        grouping_sets.parse_fix("merges")


def test_fix_shows_in_the_table(sets: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    argv = [str(sets[0]), "--fix", "background", "--fix", "splits", "--json"]
    assert grouping_sets.main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["fixed"][0]["macro"] >= out["membership"][0]["macro"]
    assert grouping_sets.main([str(sets[0]), "--fix", "nothing"]) == 1
    assert "--fix 'nothing'" in capsys.readouterr().err


def test_merges_name_the_rule_that_let_a_second_story_in() -> None:
    from verifier.stories.reasons import Why
    from verifier.stories.terms import Group, Item

    texts = ["Zorvak Motors buys Plenta Bikes.", "Ana Velt will lead Plenta Bikes.",
             "She starts in June.", "The purchase closes in May.",
             "Quillford council approved a cycle lane."]
    items = [Item(key=("d", i), doc="d", position=i, text=t) for i, t in enumerate(texts)]
    owner = {("d", 0): "buy", ("d", 1): "velt", ("d", 2): "velt", ("d", 3): "buy",
             ("d", 4): "lane"}
    rules = ["first", "main", "back", "main", "new_names.own"]
    reasons = {item.key: Why(rule) for item, rule in zip(items, rules, strict=True)}
    made = [Group(), Group()]
    for item, number in zip(items, [0, 0, 0, 0, 1], strict=True):
        made[number].add(item, item.words())
    # the main story holds two claims of each: the first labelled story to reach most of it
    # is the home (ties: the first counted), the other came in by "main"
    [merge] = grouping_sets.article_merges(items, made, reasons, owner)
    assert (merge.story, merge.home, merge.main, merge.claims, merge.rule) == (
        "velt", "buy", True, 2, "main")
    assert merge.text == texts[1]
    made[0].members.remove(("d", 1))  # Velt's first claim elsewhere: "back" let her in
    [merge] = grouping_sets.article_merges(items, made, reasons, owner)
    assert (merge.claims, merge.rule) == (1, "back")
    made[0].members.remove(("d", 2))
    assert grouping_sets.article_merges(items, made, reasons, owner) == []


def test_merges_show_in_the_output(sets: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert grouping_sets.main([str(sets[0]), "--merges", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["merges"] == {"X": []}  # each article of the invented set holds one story
    assert grouping_sets.main([str(sets[0]), "--merges"]) == 0
    assert "by entry rule:" in capsys.readouterr().out


def test_the_pairs_table_counts_one_story_and_two_by_the_signals_of_pass_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the rumour and its outcome are one story; the outcome article's chief's plans are
    # another story that shares their names
    docs = {"a1": RUMOUR, "a2": OUTCOME, "a3": OTHER}
    gold = [("zorvak-buys-plenta", "a1", [0, 1]), ("zorvak-buys-plenta", "a2", [0]),
            ("velt-new-range", "a2", [1]), ("cycle-lane", "a3", [0, 1])]
    path = _write(tmp_path, "setP", docs, gold)
    pairs = grouping_sets.story_pairs(path)
    # a1's story with each of a2's (the cycle lane shares no name with them)
    assert sorted(p["same"] for p in pairs) == [False, True]
    assert all(p["distinctive"] >= 2 and 0 < p["cosine"] <= 1 for p in pairs)
    assert grouping_sets.main([str(path), "--pairs", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["pairs"]
    assert sum(r["one"] for r in rows) == 1 and sum(r["two"] for r in rows) == 1
    for r in rows:  # at a higher cosine, never more pairs
        counts = [r[f"one_{c}"] for c in grouping_sets.PAIR_COSINES]
        assert counts == sorted(counts, reverse=True) and counts[0] <= r["one"]
    assert grouping_sets.main([str(path), "--pairs"]) == 0
    assert "one story / two stories" in capsys.readouterr().out


def test_members_and_others_each_mend_one_class_as_eval_stories_counts_it() -> None:
    """A claim off its story's home is a split (``members`` moves it home), not a merge:
    ``others`` takes a story out of a pass-1 story only where that is the story's home."""
    from verifier.stories.reasons import Why
    from verifier.stories.terms import Group, Item

    texts = ["Ondra Port will close its east dock.", "The east dock closes on Friday.",
             "Ondra Port's chief Lia Marr resigned.", "Lia Marr left after ten years.",
             "Marr will join Petrel Lines.", "The dock's cranes will be sold."]
    items = [Item(key=("p", i), doc="p", position=i, text=t) for i, t in enumerate(texts)]
    owner = {("p", i): "dock" if i in (0, 1, 5) else "marr" for i in range(6)}
    reasons = {item.key: Why("main") for item in items}

    def fixed(*fixes: str) -> list[list[int]]:
        made = [Group(), Group()]
        for item in items:
            made[0 if item.position in (0, 1, 2) else 1].add(item, item.words())
        found = grouping_sets.fixed_article(items, made, reasons, owner,
                                            dict(map(grouping_sets.parse_fix, fixes)))
        return [[k[1] for k in g.members] for g in found]  # type: ignore[index]

    assert fixed("others") == [[0, 1, 2], [3, 4, 5]]
    assert fixed("members") == [[0, 1, 5], [2, 3, 4]]


def test_adjacent_counts_claims_in_a_row_by_the_labels(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two labelled claims in a row are of one story (kept or split) or of two (merged or
    apart); a background claim makes no pair. The row ``all`` adds up the rules' rows."""
    docs = {"b1": [*OUTCOME, ("Quillford council approved a new cycle lane.", "official"),
                   ("Plenta Bikes makes folding bicycles in Quillford.", None)]}
    path = _write(tmp_path, "setZ", docs, [("zorvak-buys-plenta", "b1", [0, 1]),
                                           ("cycle-lane", "b1", [2])])
    rows = grouping_sets.adjacent_table([path])
    total = rows[-1]
    assert total["rule"] == "all"
    assert total["kept"] + total["split"] == 1  # Velt's words go on with the purchase
    assert total["merged"] + total["apart"] == 1  # the cycle lane follows the purchase
    for outcome in grouping_sets.ADJACENT:
        assert total[outcome] == sum(r[outcome] for r in rows[:-1])
    assert grouping_sets.main([str(path), "--adjacent"]) == 0
    assert "labelled claims in a row" in capsys.readouterr().out


def test_gold_cross_joins_each_articles_home_of_a_story_and_nothing_else(
        sets: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    # with no join pass 2 would make, the labels still join the rumour to its outcome
    argv = [str(sets[0]), "--set", "merge.merge=0.99", "--set", "merge.strong_merge=0.99",
            "--set", "merge.small=2", "--gold-cross", "--json"]
    assert grouping_sets.main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["membership"][0]["not_joined"] == 1
    assert out["gold_cross"][0]["not_joined"] == 0
    assert out["gold_cross"][0]["cross_r"] == pytest.approx(1.0)
    # a pass-1 story holding no labelled claim (the background line) stays alone
    owner = grouping_sets.gold_owner(sets[0])
    groups = grouping_sets.gold_cross_grouper(owner)(grouping_sets.claim_items(sets[0]))
    assert sorted(map(sorted, groups)) == [
        [("a1", 0), ("a1", 1), ("a2", 0), ("a2", 1)], [("a1", 2)], [("a3", 0), ("a3", 1)]]
    assert grouping_sets.main([str(sets[0]), "--gold-cross"]) == 0
    assert "cross-article step from the labels" in capsys.readouterr().out


def test_causes_say_whether_pass_1_or_pass_2_kept_a_story_apart(
        sets: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    # joined as it is: no cause to count, and every sentence of the story is held
    assert grouping_sets.main([str(sets[0]), "--causes", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["causes"]["X"] == []
    [held] = out["recall"]["X"]
    assert held["held"] == pytest.approx(1.0)
    # at a cosine no pair reaches, the labelled pieces fail as the real ones do: pass 2's
    argv = [str(sets[0]), "--set", "merge.merge=0.99", "--set", "merge.strong_merge=0.99",
            "--set", "merge.small=2", "--causes", "--json"]
    assert grouping_sets.main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    [cause] = out["causes"]["X"]
    assert cause["story"] == "zorvak-buys-plenta"
    assert cause["cause"] == "pass 2: under a threshold"
    assert cause["labelled"].startswith("cosine") and not cause["labelled_joined"]
    assert cause["detail"] == "under a threshold: cosine"
    [lost] = out["recall"]["X"]
    assert lost["held"] == pytest.approx(0.5) and lost["home not joined"] == pytest.approx(0.5)
    assert sum(lost.values()) == pytest.approx(1.0)
    assert grouping_sets.main(argv[:-1]) == 0
    printed = capsys.readouterr().out
    assert "pass 2: under a threshold 1" in printed and "home not joined 0.500" in printed
    assert "under a threshold: cosine 1" in printed



def test_lost_sentences_say_where_a_story_s_sentences_went_and_how_they_read(
        sets: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    # joined as it is: all four sentences of the story are held, none lost
    assert grouping_sets.main([str(sets[0]), "--lost", "--json"]) == 0
    lost = json.loads(capsys.readouterr().out)["lost"]
    assert lost["held"]["sentences"] == {"all": 4}
    assert lost["held"]["kinds"]["headline"] == 2  # each article's first claim
    assert lost["held"]["kinds"]["a name the held story uses"] == 4
    assert "home not joined" not in lost or not lost["home not joined"]["sentences"]
    # no join: the later article's two sentences sit in their own home, not joined
    argv = [str(sets[0]), "--set", "merge.merge=0.99", "--set", "merge.strong_merge=0.99",
            "--set", "merge.small=2", "--lost", "--json"]
    assert grouping_sets.main(argv) == 0
    lost = json.loads(capsys.readouterr().out)["lost"]
    place = lost["home not joined"]
    assert place["sentences"] == {"all": 2}
    assert place["with"] == {"own fragment": 2}  # each with the other claim of its story
    assert place["kinds"]["article undated"] == 2  # no manifest beside the set
    assert place["kinds"]["an event word the held story uses"] >= 1  # buy / purchase
    assert grouping_sets.main(argv[:-1]) == 0
    printed = capsys.readouterr().out
    assert "home not joined: 2 sentences" in printed and "with: own fragment 2" in printed


def test_lost_sentences_count_the_story_s_first_article_and_sources_cited_elsewhere(
        sets: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    """The rumour's article is grouped first, so its two sentences are in the held story's
    first article; with every source "x" (no name) no source is shared. Naming the company's
    chief as the source of one sentence in each article makes each of the two a sentence
    whose source the held story cites in the other article."""
    assert grouping_sets.main([str(sets[0]), "--lost", "--json"]) == 0
    kinds = json.loads(capsys.readouterr().out)["lost"]["held"]["kinds"]
    assert kinds["in the held story's first article"] == 2
    assert "a source the held story cites in another article" not in kinds
    labels = grouping_sets.labels_path(sets[0])
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if (row["doc"], row["i"]) in {("a1", 1), ("a2", 1)}:
            row["sourcing"] = [{"kind": "named", "source": "Ana Velt of Zorvak Motors"}]
    labels.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    assert grouping_sets.main([str(sets[0]), "--lost", "--json"]) == 0
    kinds = json.loads(capsys.readouterr().out)["lost"]["held"]["kinds"]
    assert kinds["a source the held story cites in another article"] == 2
    assert grouping_sets.source_names(grouping_sets.claim_items(sets[0])) >= {"N:velt"}


def test_a_name_s_consonants_tell_spellings_of_one_name_apart_from_short_names() -> None:
    assert grouping_sets._consonants("afewerki") == grouping_sets._consonants("afwerki")
    assert grouping_sets._consonants("zaluzhnyi") == grouping_sets._consonants("zaluzhny")
    assert grouping_sets._consonants("kim") == "kim"

def test_a_pass_2_cause_reads_as_a_class() -> None:
    detail = grouping_sets._detail
    assert detail("pass 2: no candidate", "published more than weeks apart", True) == \
        "no candidate: published more than weeks apart"
    assert detail("pass 2: no candidate", "no distinctive name shared", False) == \
        "no candidate: no name shared"
    assert detail("pass 2: no candidate", "no distinctive name shared", True) == \
        "no candidate: only names too many documents use"
    assert detail("pass 2: under a threshold",
                  "one distinctive name, weight 0.80 < link 3", True) == \
        "under a threshold: one distinctive name"
    assert detail("pass 2: under a threshold", "small story, cosine 0.30 < strong_merge 0.45",
                  True) == "under a threshold: small story"
    assert detail("pass 1: split", "OK", True) == "pass 1: split"


def test_a_gate_result_reads_as_a_cause() -> None:
    assert grouping_sets._gate_kind("OK") == "OK"
    assert grouping_sets._gate_kind("no distinctive name shared") == "candidate"
    assert grouping_sets._gate_kind("published more than weeks apart") == "candidate"
    assert grouping_sets._gate_kind("cosine 0.10 < merge 0.2") == "threshold"
