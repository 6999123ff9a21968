"""A fact-checker's first day with verifier: the defects session 18 found by working through
the README's workflows on real articles, each reproduced here with sentences written for the
test (the Velm bridge)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli_helpers import claim_id, ingest_text
from tests.desk_texts import REVIEW
from verifier.cli import app


def _import_review(runner: CliRunner, db: str, tmp_path: Path) -> None:
    path = tmp_path / "review.json"
    path.write_text(json.dumps(REVIEW), encoding="utf-8")
    result = runner.invoke(app, ["factchecks", "import", str(path), "--db", db])
    assert result.exit_code == 0, result.output


def _flat(text: str) -> str:
    """Output with its line wrapping undone."""
    return " ".join(text.split())


def _verdicts(runner: CliRunner, db: str, claim: int) -> list[dict[str, object]]:
    result = runner.invoke(app, ["claims", "show", str(claim), "--db", db, "--json"])
    return list(json.loads(result.output)["verdicts"])


def test_adopting_for_a_denial_gives_it_the_opposite_verdict(tmp_path: Path) -> None:
    """A party denying what a fact-check found false said something true: adopting the
    fact-check's 'refuted' must mark the denial confirmed (as a story verdict marks its
    denials), and a refusal, neither true nor false, adopts nothing."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ingest_text(db, tmp_path / "denial.txt",
                "Council denies bridge closure\nThe council denied that the Velm bridge will "
                "close for two years from May for repairs.\nThe harbour office declined to "
                "comment on whether the Velm bridge will close for two years from May for "
                "repairs.\n")
    _import_review(runner, db, tmp_path)
    denial = claim_id(db, "The council denied")
    refusal = claim_id(db, "declined to comment")
    shown = _flat(runner.invoke(app, ["claims", "show", str(denial), "--db", db]).output)
    assert "fact-check:1" in shown
    assert "adopting marks it confirmed" in shown, shown
    result = runner.invoke(app, ["claims", "adopt", str(denial), "--by", "Lena", "--db", db])
    assert result.exit_code == 0, result.output
    assert "marked confirmed" in result.output, result.output
    verdict = _verdicts(runner, db, denial)[-1]
    assert verdict["status"] == "confirmed"
    assert "denies" in str(verdict["evidence"])
    result = runner.invoke(app, ["claims", "adopt", str(refusal), "--from", "fact-check:1",
                                 "--by", "Lena", "--db", db])
    assert result.exit_code != 0
    assert "neither true nor false" in result.output
    assert _verdicts(runner, db, refusal) == []


def test_the_desk_queue_shows_the_earlier_verdict_a_claim_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Matching a new claim against earlier verdicts is what fact-checkers ask for most: the
    desk's queue says which claims match one (and what adopting gives), not only each
    claim's own page."""
    from tests.test_web import client_for
    from tests.web_helpers import build_db

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    runner = CliRunner()
    db = build_db(tmp_path)
    ingest_text(db, tmp_path / "denial.txt",
                "Council denies bridge closure\nThe council denied that the Velm bridge will "
                "close for two years from May for repairs.\nThe Velm bridge will close for two "
                "years from May for repairs, a council engineer said.\n")
    _import_review(runner, db, tmp_path)
    denial = claim_id(db, "The council denied")
    claim = claim_id(db, "a council engineer said")
    page = client_for(db, "reviewer").get("/queue?search=Velm").text
    row = page.split(f'href="/claims/{claim}"', 1)[1].split("</tr>", 1)[0]
    assert "fact-check:1" in row and "refuted" in row, row
    row = page.split(f'href="/claims/{denial}"', 1)[1].split("</tr>", 1)[0]
    assert "fact-check:1" in row and "adopting marks it confirmed" in row, row


def test_an_unknown_outlet_says_how_to_add_it_and_what_was_meant(tmp_path: Path) -> None:
    """151 of the first day's 170 articles named an outlet the packaged registry does not
    know: the refusal gives the command that adds it (and a near name when there is one)."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    path = tmp_path / "a.txt"
    path.write_text("The Velm bridge will close in May, the council said.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", db, "--outlet",
                                 "The Velm Courier"])
    assert result.exit_code != 0
    out = _flat(result.output)
    assert ("verifier sources add velm-courier --name 'The Velm Courier' --kind newspaper"
            in out), out
    result = runner.invoke(app, ["ingest", str(path), "--db", db, "--outlet", "Reuter"])
    assert "did you mean 'Reuters' (reuters)?" in _flat(result.output), result.output


LONG_URL = "https://checkers.example/2026/03/velm-bridge-closure-repairs-council-minutes"


def test_evidence_links_print_whole_so_they_can_be_opened(tmp_path: Path) -> None:
    """A verdict's link and a fact-check's url were folded inside a table cell
    ('https://www.bbc.c' / 'om/news/...') or cut ('https://fact…'): neither could be opened
    or copied from the terminal."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ingest_text(db, tmp_path / "a.txt",
                "The Velm bridge will close for two years from May for repairs, the council "
                "said.\n")
    claim = claim_id(db, "council said")
    result = runner.invoke(app, ["claims", "mark", str(claim), "refuted", "--evidence",
                                 "council minutes of 3 March say the bridge stays open",
                                 "--url", LONG_URL, "--by", "Lena", "--db", db])
    assert result.exit_code == 0, result.output
    review = dict(REVIEW, url=LONG_URL)
    path = tmp_path / "review.json"
    path.write_text(json.dumps(review), encoding="utf-8")
    assert runner.invoke(app, ["factchecks", "import", str(path), "--db", db]).exit_code == 0
    for args in (["claims", "show", str(claim)], ["factchecks", "list"]):
        result = runner.invoke(app, [*args, "--db", db], env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        lines = [line.strip() for line in result.output.splitlines()]
        assert LONG_URL in lines, result.output
        assert all(len(line) <= 80 for line in result.output.splitlines()
                   if LONG_URL not in line), result.output


def test_a_reason_resting_on_a_whole_sentence_quotes_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report's own voice rests on whole sentences: the score's reasons printed each twice
    ('“The Velm bridge will close ...” in: The Velm bridge will close ...'), in stories show,
    the reports and the desk's story page."""
    from tests.test_web import client_for
    from tests.web_helpers import build_db

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    runner = CliRunner()
    db = build_db(tmp_path)
    sentence = "The Velm bridge will close for two years from May for repairs."
    ingest_text(db, tmp_path / "e.txt", f"Velm bridge to close in May\n{sentence}\nThe "
                "council said the Velm bridge will close in May for repairs.\n")
    story = json.loads(runner.invoke(app, ["stories", "list", "--db", db, "--json",
                                           "--search", "Velm"]).output)[0]["id"]
    shown = _flat(runner.invoke(app, ["stories", "show", str(story), "--db", db]).output)
    assert f"“{sentence}”" in shown, shown
    assert shown.count(sentence) == 2, shown  # once in the reasons, once among the claims
    md = _flat(runner.invoke(app, ["report", "--story", str(story), "--format", "md",
                                   "--db", db]).output)
    assert f"“{sentence}”" in md and f"“{sentence}” in" not in md, md
    html = _flat(runner.invoke(app, ["report", "--story", str(story), "--format", "html",
                                     "--db", db]).output)
    page = client_for(db, "reviewer").get(f"/stories/{story}").text
    for out in (html, page):
        assert f"“{sentence}”" in out and f"<q>{sentence}</q>" not in out, out


def test_split_and_rename_take_the_reviewer_as_every_other_edit_does(tmp_path: Path) -> None:
    """`stories split 1 11 --by "Ann"` was 'No such option: --by' (merge, move, mark and
    retract all take it), and the split was logged under the login name."""
    from sqlalchemy import select

    from tests.test_web import query
    from verifier.store.models import AuditEntry

    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ingest_text(db, tmp_path / "a.txt",
                "Velm bridge to close in May\nThe Velm bridge will close for two years from May "
                "for repairs, the council said.\nThe ferry to Dorn will run twice a day in summer, "
                "the council said.\n")
    story = json.loads(runner.invoke(app, ["stories", "list", "--db", db, "--json",
                                           "--min-claims", "1"]).output)[0]["id"]
    claim = claim_id(db, "ferry to Dorn")
    result = runner.invoke(app, ["stories", "split", str(story), str(claim), "--by", "Ann",
                                 "--db", db])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["stories", "rename", str(story), "Velm bridge closure",
                                 "--by", "Ann", "--db", db])
    assert result.exit_code == 0, result.output
    rows = query(db, select(AuditEntry.actor, AuditEntry.action))
    assert ("Ann", "story-split") in rows and ("Ann", "story-rename") in rows, rows


def test_a_confirmed_claims_page_does_not_call_it_unconfirmed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk's claim page headed the score of a confirmed claim 'Score 0.46
    (unconfirmed)': the evidence's open status, unnamed, read as a second verdict."""
    from tests.test_web import client_for
    from tests.web_helpers import build_db

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    runner = CliRunner()
    db = build_db(tmp_path)
    ingest_text(db, tmp_path / "a.txt",
                "The Velm bridge will close for two years from May, a source said.\n")
    claim = claim_id(db, "a source said")
    result = runner.invoke(app, ["claims", "mark", str(claim), "confirmed", "--evidence",
                                 "council minutes", "--by", "Lena", "--db", db])
    assert result.exit_code == 0, result.output
    page = client_for(db, "reviewer").get(f"/claims/{claim}").text
    assert "(unconfirmed)</h2>" not in page
    assert "open status unconfirmed" in page, page


def test_counts_of_one_read_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'Stored 1 articles', '1 one-claim stories hidden', '1 articles published', '1 reviewed
    stories'; and an outlet added with `sources add` kept saying 'Added on the desk: no track
    record yet' beside its track record."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    result = runner.invoke(app, ["sources", "add", "velm-courier", "--name", "Velm Courier",
                                 "--kind", "newspaper"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "a.txt"
    path.write_text("Velm bridge to close in May\nThe Velm bridge will close for two years "
                    "from May for repairs, the council said.\nThe ferry to Dorn will run twice "
                    "a day in summer, its operator said.\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", db, "--outlet", "velm-courier"])
    assert "Stored 1 article (" in _flat(result.output), result.output
    other = tmp_path / "b.txt"
    other.write_text("The Dorn zoo opened a penguin house on Friday.\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(other), "--db", db]).exit_code == 0
    listed = _flat(runner.invoke(app, ["stories", "list", "--db", db]).output)
    assert "1 one-claim story hidden" in listed, listed
    story = json.loads(runner.invoke(app, ["stories", "list", "--db", db, "--json"]).output)
    result = runner.invoke(app, ["stories", "mark", str(story[0]["id"]), "confirmed",
                                 "--evidence", "council minutes", "--by", "Lena", "--db", db])
    assert result.exit_code == 0, result.output
    shown = _flat(runner.invoke(app, ["sources", "show", "velm-courier", "--db", db]).output)
    assert "published 1 stored article;" in shown and "no track record yet" not in shown, shown
    calibrated = _flat(runner.invoke(app, ["calibrate", "--db", db]).output)
    assert "1 reviewed story;" in calibrated, calibrated


def test_the_desks_report_of_everything_says_what_it_covers_and_takes_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk's Reports page offered 'everything', which was the reviewed stories only (an
    empty report on a first day); `report --since/--until` had no counterpart there."""
    from tests.test_web import client_for
    from tests.web_helpers import build_db

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = build_db(tmp_path)
    ingest_text(db, tmp_path / "a.txt",
                "Velm bridge to close in May\nThe Velm bridge will close for two years from May "
                "for repairs, the council said.\n", "--published", "2031-04-02")
    client = client_for(db, "viewer")
    page = client.get("/reports").text
    assert ">everything<" not in page and "reviewed stories" in page
    assert 'name="since"' in page and 'name="until"' in page
    got = client.get("/reports/download?scope=all&format=json&since=2031-04-01"
                     "&until=2031-04-30")
    assert got.status_code == 200, got.text
    titles = [s["title"] for s in json.loads(got.text)["stories"]]
    assert "Velm bridge to close in May" in titles, got.text
    got = client.get("/reports/download?scope=all&format=json&since=2031-05-01")
    assert "Velm bridge to close in May" not in got.text
    got = client.get("/reports/download?scope=all&format=json&since=May")
    assert got.status_code == 400 and "is not a date" in got.text


def test_marking_a_story_says_what_it_did_to_its_claims(tmp_path: Path) -> None:
    """`stories mark` said only 'story 1 marked confirmed (score at review 0.90)': not that
    its denials were marked the other way and its refusals left alone (the retraction says
    how many claims it took back)."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ingest_text(db, tmp_path / "a.txt",
                "Velm bridge to close in May\nThe Velm bridge will close for two years from May "
                "for repairs, the council said.\nThe harbour office denied that the Velm bridge "
                "will close in May.\nThe ferry company declined to comment on the Velm bridge "
                "closure.\n")
    stories = json.loads(runner.invoke(app, ["stories", "list", "--db", db, "--json",
                                             "--min-claims", "1"]).output)
    story = max(stories, key=lambda s: s["claims"])
    assert story["claims"] == 4, stories
    result = runner.invoke(app, ["stories", "mark", str(story["id"]), "confirmed",
                                 "--evidence", "council minutes", "--by", "Lena", "--db", db])
    assert result.exit_code == 0, result.output
    out = _flat(result.output)
    assert "2 claims confirmed, 1 refuted (it denies the story), 1 left as it was (refusal: #"\
        in out, out
    help_text = _flat(runner.invoke(app, ["stories", "mark", "--help"]).output)
    assert "What shows it (required)" in help_text, help_text


def test_a_refused_desk_form_leads_back_to_it_and_to_adding_the_outlet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article edit naming an outlet the registry does not know ended on 'Cannot do that'
    with a command-line hint and only 'Back to the queue': the form and what was typed were
    lost, and the desk's own Add an outlet page was not offered."""
    from tests.test_web import client_for
    from tests.web_helpers import build_db, token

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = build_db(tmp_path)
    client = client_for(db, "editor")
    edit = "/articles/1/edit"
    response = client.post(edit, data={"csrf": token(client, edit), "outlet": "Velm Courier",
                                       "title": "", "url": "", "published": ""},
                           headers={"referer": f"http://testserver{edit}"})
    assert response.status_code == 400
    page = response.text
    assert f'href="{edit}"' in page, page
    assert 'href="/sources/new?name=Velm+Courier"' in page, page
    form = client.get("/sources/new?name=Velm+Courier").text
    assert 'value="Velm Courier"' in form
    assert 'value="velm-courier"' in form


def test_analyze_leaves_the_sentence_room_to_be_read(tmp_path: Path) -> None:
    """`verifier analyze` at 80 columns gave each sentence 20 cells beside four label
    columns (a real article's sentence ran to a dozen lines of two or three words)."""
    path = tmp_path / "a.txt"
    sentence = ("The Velm bridge will close for two years from May for repairs, the council "
                "said on Tuesday.")
    path.write_text(f"Velm bridge to close\n{sentence}\nBy Ada Quist\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any("The Velm bridge will close for two years from May" in line for line in lines), (
        result.output)
    assert all(len(line) <= 80 for line in lines), result.output
    flat = _flat(result.output)
    assert "official: the council" in flat and "claims.byline" in flat, flat


def test_a_match_names_the_words_it_shares_not_their_stems(tmp_path: Path) -> None:
    """A match's reason listed stems ('shares hebatullah, coronaviru, died'), which read as
    typos; it names the words as the reviewed claim writes them."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ingest_text(db, tmp_path / "a.txt",
                "The Velm bridge will close for two years from May for repairs, a council engineer "
                "said.\n")
    _import_review(runner, db, tmp_path)
    claim = claim_id(db, "engineer said")
    result = runner.invoke(app, ["claims", "show", str(claim), "--db", db, "--json"])
    reason = json.loads(result.output)["past_verdicts"][0]["reason"]
    assert "repairs" in reason and "repair," not in reason, reason


def test_ingest_registers_the_outlets_its_files_name_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first day's 170 articles named 151 outlets the packaged registry does not know:
    each was refused, one `sources add` per outlet. `ingest --add-outlets` registers them
    (once each, one write) and stores the articles with them; without it the summary says
    how."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    lines = [
        {"text": "The Velm bridge will close in May, the council said.", "outlet": "Velm Courier"},
        {"text": "The Dorn ferry will run twice a day, its operator said.",
         "outlet": "Velm Courier"},
        {"text": "The Orsk terminal will shut in June, the port said.", "outlet": "Orsk Post"},
        {"text": "The harbour will be dredged in July, the council said.", "outlet": "Reuters"},
    ]
    path = tmp_path / "day.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", db])
    assert result.exit_code == 1
    assert "--add-outlets" in _flat(result.output), result.output
    result = runner.invoke(app, ["ingest", str(path), "--db", db, "--add-outlets"])
    assert result.exit_code == 0, result.output
    out = _flat(result.output)
    assert "added 2 outlets" in out and "Velm Courier (velm-courier)" in out, out
    assert "Orsk Post (orsk-post)" in out
    registry = (tmp_path / "sources.yaml").read_text(encoding="utf-8")
    assert registry.count("id: velm-courier") == 1 and "id: orsk-post" in registry
    listed = runner.invoke(app, ["articles", "list", "--db", db, "--json"]).output
    assert {a["outlet"] for a in json.loads(listed)} == {"Velm Courier", "Orsk Post",
                                                          "Reuters"}


def test_a_month_alone_is_refused_with_the_form_a_date_takes(tmp_path: Path) -> None:
    """20 of the 170 real texts are dated by month only ('2020-06'): the refusal read
    '--published: field 'published': '2020-06' is not a date', without the form it wants."""
    path = tmp_path / "a.txt"
    path.write_text("The Velm bridge will close in May, the council said.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "v.db"),
                                      "--published", "2020-06"])
    assert result.exit_code != 0
    out = _flat(result.output)
    assert "--published: '2020-06' is not a date (YYYY-MM-DD" in out, out
    assert "field 'published'" not in out


def test_grouping_edits_say_where_the_stories_stand_after(tmp_path: Path) -> None:
    """`stories merge 1 2 3` said 'merged 2, 3 into story 1' and `split` 'new story 7': the
    reviewer had to run `stories show` to see the merged story's size, status and score."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ingest_text(db, tmp_path / "a.txt",
                "Velm bridge to close in May\nThe Velm bridge will close for two years from May "
                "for repairs, the council said.\n")
    ingest_text(db, tmp_path / "b.txt", "The Dorn zoo opened a penguin house on Friday.\n")
    stories = json.loads(runner.invoke(app, ["stories", "list", "--db", db, "--json",
                                             "--min-claims", "1"]).output)
    assert len(stories) == 2, stories
    target, other = stories[0]["id"], stories[1]["id"]
    result = runner.invoke(app, ["stories", "merge", str(target), str(other), "--by", "Ann",
                                 "--db", db])
    assert result.exit_code == 0, result.output
    out = _flat(result.output)
    assert f"story {target}: 3 claims in 2 articles," in out and "score 0." in out, out
    zoo = claim_id(db, "penguin")
    result = runner.invoke(app, ["stories", "split", str(target), str(zoo), "--by", "Ann",
                                 "--db", db])
    out = _flat(result.output)
    assert f"story {target}: 2 claims in 1 article," in out and ": 1 claim in 1 article," in out, (
        out)


def test_claims_list_matches_sit_under_their_claims(tmp_path: Path) -> None:
    """`claims list --matches` printed every match after the whole table, apart from the
    claims they were about (the desk's queue puts each under its claim)."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ingest_text(db, tmp_path / "a.txt",
                "The Velm bridge will close for two years from May for repairs, a council engineer "
                "said.\nThe Dorn zoo opened a penguin house on Friday, its keeper said.\n")
    _import_review(runner, db, tmp_path)
    out = _flat(runner.invoke(app, ["claims", "list", "--matches", "--db", db,
                                    "--sort", "oldest"]).output)
    assert "engineer said. matches fact-check:1, refuted" in out, out
    assert out.index("fact-check:1") < out.index("penguin"), out


def test_listing_by_an_unknown_outlet_suggests_the_near_name(tmp_path: Path) -> None:
    """`claims list --outlet Reuter` said only "no outlet with id 'Reuter'": like ingest, it
    names the near registry entry; `articles list` alike."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ingest_text(db, tmp_path / "a.txt",
                "The Velm bridge will close in May, the council said.\n", "--outlet", "Reuters")
    for command in (["claims", "list"], ["articles", "list"]):
        result = runner.invoke(app, [*command, "--db", db, "--outlet", "Reuter"])
        assert result.exit_code != 0
        out = _flat(result.output)
        assert "did you mean 'Reuters' (reuters)?" in out, out
        assert "with id" not in out, out
        result = runner.invoke(app, [*command, "--db", db, "--outlet", "Reuters"])
        assert result.exit_code == 0, result.output


LEARNED = ("The library will close for a week in May.\nGovernor Alan Brooks bemoaned the new "
           "jobs figures at a rally in Dayton on Friday.\n")


def test_a_learned_attribution_is_explained_in_words(tmp_path: Path) -> None:
    """`claims show` printed the learned model's raw features to the reviewer ("weighed
    most: sh=x (+46.8), s3=ned (+45.5)"): it says them in words."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    ingest_text(db, tmp_path / "a.txt", LEARNED)
    claim = claim_id(db, "bemoaned")
    out = _flat(runner.invoke(app, ["claims", "show", str(claim), "--db", db]).output)
    assert "the learned model proposed it (score 0." in out, out
    assert "weighed most" not in out and "sh=" not in out and "(+" not in out, out
    assert "going most by its cue:" in out, out


def test_feature_codes_in_words() -> None:
    from verifier.analysis.feature_words import feature_words, plain_reason

    assert feature_words("sh=x") == "a lower-case word"
    assert feature_words("s3=ned") == "ending in “-ned”"
    assert feature_words("w-1=<s>") == "after the sentence's start"
    assert feature_words("rc=said@2") == "the cue “said” 2 words after it"
    assert feature_words("lcx@4-5") == ("a comma, colon or quotation mark between it and the "
                                        "cue before it")
    assert feature_words("w+1=,") == "before “,”"
    assert plain_reason("model score 0.84 >= 0.55; weighed most: w+1=, (+3.0), sh=x (+1.5)") == (
        "the learned model proposed it (score 0.84, 0.55 needed), going most by its cue: "
        "before “,”; a lower-case word")
    assert plain_reason("no office evidence: a person") == "no office evidence: a person"
    assert plain_reason(None) == ""


MAYOR = {
    "reviewed.txt": ("Velm mayor dead\nMayor Ivo Marsh is dead after a long illness, the "
                     "council said.\n"),
    "weak.txt": "Velm mayor ill\nMayor Ivo Marsh is in hospital.\n",
    "strong.txt": ("Velm mourns\nMayor Ivo Marsh is dead after a long illness, his family "
                   "said on Monday.\n"),
    **{f"harbour{i}.txt": (f"Harbour news {i}\nThe harbour in Velm will reopen in June after "
                           "the storm, its son in charge of boats in hospital.\n")
       for i in range(6)},
}


def mayor_desk(runner: CliRunner, db: str, directory: Path) -> tuple[int, int]:
    """A refuted claim that the mayor is dead, then a claim that he is in hospital (sharing
    only his name with it) and one that he is dead after a long illness (sharing what is
    said: two words at least, ``data/adopting.yaml``): their ids."""
    for name, text in MAYOR.items():
        if name != "weak.txt" and name != "strong.txt":
            ingest_text(db, directory / name, text)
    reviewed = claim_id(db, "long illness, the council")
    result = runner.invoke(app, ["claims", "mark", str(reviewed), "refuted", "--evidence",
                                 "He was seen alive on Tuesday", "--by", "Ana", "--db", db])
    assert result.exit_code == 0, result.output
    ingest_text(db, directory / "weak.txt", MAYOR["weak.txt"])
    ingest_text(db, directory / "strong.txt", MAYOR["strong.txt"])
    return claim_id(db, "Marsh is in hospital"), claim_id(db, "his family")


def test_a_match_sharing_only_names_is_possibly_related_not_adopted(tmp_path: Path) -> None:
    """'Taliban leaders contracted coronavirus ... Mullah Omar's son is leading the group'
    was offered 'Mullah Omar is dead' (refuted) for one-step adoption: a match sharing only
    names, nothing of what is said, is shown as possibly related and is not adopted in one
    step (verifier/data/adopting.yaml states the bar)."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    weak, strong = mayor_desk(runner, db, tmp_path)
    shown = _flat(runner.invoke(app, ["claims", "show", str(weak), "--db", db]).output)
    assert "possibly related" in shown, shown
    assert "claims adopt" not in shown, shown
    assert "shares ivo, marsh, mayor)" in shown, shown  # not "mim", initials it never wrote
    listed = _flat(runner.invoke(app, ["claims", "list", "--db", db, "--matches"]).output)
    assert "possibly related" in listed and f"claims adopt {weak}" not in listed, listed
    result = runner.invoke(app, ["claims", "adopt", str(weak), "--by", "Lena", "--db", db])
    assert result.exit_code != 0 and "no earlier verdict to adopt" in _flat(result.output)
    result = runner.invoke(app, ["claims", "adopt", str(weak), "--from", "claim:2", "--by",
                                 "Lena", "--db", db])
    assert result.exit_code != 0
    assert "possibly related" in _flat(result.output), result.output
    assert "claims mark" in _flat(result.output), result.output
    assert _verdicts(runner, db, weak) == []
    data = json.loads(runner.invoke(app, ["claims", "show", str(weak), "--db", db,
                                          "--json"]).output)
    assert data["past_verdicts"][0]["possibly_related"] is True
    # sharing what is said ('dead') passes the bar: adopted in one step
    shown = _flat(runner.invoke(app, ["claims", "show", str(strong), "--db", db]).output)
    assert "possibly related" not in shown and f"claims adopt {strong}" in shown, shown
    result = runner.invoke(app, ["claims", "adopt", str(strong), "--by", "Lena", "--db", db])
    assert result.exit_code == 0, result.output
    assert _verdicts(runner, db, strong)[-1]["status"] == "refuted"


def test_an_adoptable_match_comes_before_a_possibly_related_one(tmp_path: Path) -> None:
    """'Mayor Ivo Marsh is dead' matched the reviewed 'Mayor Ivo Marsh spoke' (names only,
    0.68) above the reviewed long report of his death (0.60): `claims list --matches` showed
    the one it cannot adopt and hid the one it can. Matches that pass the bar come first."""
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    texts = {"long.txt": ("Velm\nMayor Ivo Marsh is dead after a stroke in the harbour office "
                          "on Monday night during a budget meeting.\n"),
             "spoke.txt": "Velm\nMayor Ivo Marsh spoke.\n",
             **{f"harbour{i}.txt": MAYOR[f"harbour{i}.txt"] for i in range(6)}}
    for name, text in texts.items():
        ingest_text(db, tmp_path / name, text)
    for words, status in (("budget meeting", "refuted"), ("spoke", "confirmed")):
        result = runner.invoke(app, ["claims", "mark", str(claim_id(db, words)),
                                    status, "--evidence", "seen", "--by", "Ana", "--db", db])
        assert result.exit_code == 0, result.output
    # (two words of what is said: "Mayor Ivo Marsh is dead." alone is only possibly
    # related to the long report, ``data/adopting.yaml``)
    ingest_text(db, tmp_path / "new.txt", "Velm\nMayor Ivo Marsh is dead after a stroke.\n")
    new = claim_id(db, "dead after a stroke.")
    long = claim_id(db, "budget meeting")
    listed = _flat(runner.invoke(app, ["claims", "list", "--db", db, "--matches"]).output)
    assert f"matches claim:{long}, refuted" in listed, listed
    assert f"claims adopt {new} --from claim:{long}" in listed, listed
    data = json.loads(runner.invoke(app, ["claims", "show", str(new), "--db", db,
                                          "--json"]).output)
    assert [m["possibly_related"] for m in data["past_verdicts"]] == [False, True]
