"""A fact-checker's first hour with pasted text, as they meet it on the command line and on
the desk: titles that read as titles (no dateline, list marker, quoted sentence or skip
link), undated articles said to be undated, and date filters that say what they passed over.
Every text is written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.test_web import client_for
from tests.test_web_browser import CHROMIUM, DRIVER, _sign_in, _until, browser, server  # noqa: F401
from tests.web_helpers import build_db
from verifier.cli import app

runner = CliRunner()
#: A dateline's sentence as long as a wire story's first paragraph (not a short stamp line).
FERRY = ("The Velm ferry will stop running from December to March, the operator said on "
         "Tuesday, because the winter crossings lost money every year.\n\nIt lost money.\n")

WIRE = ("HARBOURTON (AP) - The port of Harbourton will raise its fees by a tenth next year, "
        "the port authority said on Monday.\n\n"
        "The port authority said the new fees would pay for a second quay.\n\n"
        "Shipping firms said the rise would cost them about 4 million euros a year.\n")
PASTED = ('Press "Enter" to skip to content\n'
          "Velm ferry to stop running in winter\n"
          "VELM — The Velm ferry will stop running from December to March, the operator said "
          "on Tuesday.\n\n"
          "The operator said the winter crossings lost money every year.\n\n"
          "Islanders said they would ask the council to pay for a winter service.\n")
BULLETS = ("- Shares in Velm Port rose 8% after the board confirmed talks with a buyer\n"
           "“The board confirms that it is in early talks about a possible sale.”\n"
           "Velm Port said on Friday it was in early talks about a possible sale, and that no "
           "offer had been made.\n\n"
           "The talks could take months, the company said.\n")


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def pasted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    folder = tmp_path / "pasted"
    folder.mkdir()
    for name, text in (("wire.txt", WIRE), ("ferry.txt", PASTED), ("port.txt", BULLETS)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder, str(tmp_path / "day.db")


def test_titles_read_as_titles(pasted: tuple[Path, str]) -> None:
    folder, db = pasted
    run("ingest", str(folder), "--db", db)
    articles = {Path(a["path"]).name: a for a in json.loads(
        run("articles", "list", "--json", "--db", db))}
    # the headline after a skip link; no title from a list item or a quoted sentence
    assert articles["ferry.txt"]["title"] == "Velm ferry to stop running in winter"
    assert articles["port.txt"]["title"] is None
    assert articles["wire.txt"]["title"] is None
    titles = [s["title"] for s in json.loads(
        run("stories", "list", "--json", "--min-claims", "1", "--db", db))]
    assert any(t.startswith("The port of Harbourton will raise its fees") for t in titles)
    assert any(t.startswith("Shares in Velm Port rose 8%") for t in titles)
    assert not [t for t in titles if t.startswith(("HARBOURTON", "VELM", "- "))]
    # reports name an untitled article by its file, as `articles list` does
    wire = str(articles["wire.txt"]["id"])
    assert "Article " + wire + ": (untitled) wire.txt" in run("report", "--article", wire,
                                                               "--db", db)
    tmp_report = folder / "r.html"
    run("report", "--article", wire, "--format", "html", "-o", str(tmp_report), "--db", db)
    assert ": (untitled) wire.txt</h3>" in tmp_report.read_text(encoding="utf-8")
    data = json.loads(run("report", "--article", wire, "--format", "json", "--db", db))
    assert data["articles"][0]["title"] is None  # the JSON keeps the stored title


def test_undated_articles_are_said_to_be_undated(pasted: tuple[Path, str]) -> None:
    folder, db = pasted
    out = run("ingest", str(folder), "--db", db)
    assert "3 of the 3 articles stored have no publication date" in out
    assert "verifier articles set ID --published YYYY-MM-DD --by NAME" in out
    listed = run("stories", "list", "--min-claims", "1", "--db", db)
    assert "undated" in listed and "no article of the story has a publication date" in listed
    out = run("claims", "list", "--since", "2026-01-01", "--db", db)
    assert "0 unverified claims" in out
    assert "3 of 3 articles have no publication date, so the date filter leaves" in out
    wire = next(a["id"] for a in json.loads(run("articles", "list", "--json", "--db", db))
                if Path(a["path"]).name == "wire.txt")
    run("articles", "set", str(wire), "--published", "2026-05-04", "--by", "Ann", "--db", db)
    out = run("claims", "list", "--since", "2026-05-01", "--db", db)
    assert "port of Harbourton will raise its fees" in out
    assert "2 of 3 articles have no publication date" in out
    out = run("stories", "list", "--since", "2026-05-01", "--json", "--db", db)
    assert "2 of 3 articles have no publication date" in out  # on stderr: the JSON stays whole
    assert json.loads(out[:out.rindex("]") + 1])
    assert "2 of 3 articles" in run("report", "--since", "2026-05-01", "--db", db)
    # dated on ingest: nothing to say
    again = folder.parent / "later"
    again.mkdir()
    (again / "later.txt").write_text(WIRE.replace("Monday", "Friday"), encoding="utf-8")
    out = run("ingest", str(again), "--published", "2026-05-08", "--db", db)
    assert "no publication date" not in out


def test_the_desk_says_what_a_date_filter_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = build_db(tmp_path)  # three dated articles
    client = client_for(db, "viewer")
    page = client.get("/stories", params={"since": "2026-01-01", "min_claims": "1"}).text
    assert "no publication date" not in page
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    run("ingest", str(tmp_path / "wire.txt"), "--db", db)
    page = client.get("/stories", params={"min_claims": "1"}).text
    assert ">undated</td>" in page
    assert '<td class="date">undated</td>' in client.get("/queue").text
    for path, params in (("/stories", {"min_claims": "1"}), ("/queue", {})):
        page = client.get(path, params={"since": "2026-01-01", **params}).text
        assert "1 of 4 articles has no publication date, so the date filter leaves its" in page
    reports = client.get("/reports").text
    assert "1 of 4 articles has no publication date" in reports
    # the desk says how to date one at the desk, not on the command line
    assert "verifier articles set" not in reports and "under “edit or delete”" in reports
    # an untitled text is known by its file's name, as `articles list` shows it
    page = client.get("/articles").text
    assert "(untitled) wire.txt</a>" in page and ">undated</td>" in page
    wire = page[:page.index("(untitled) wire.txt")].rsplit('href="/articles/', 1)[1]
    page = client.get("/articles/" + wire.split('"')[0]).text
    assert "<h1>(untitled) wire.txt</h1>" in page
    claim = page.split('href="/claims/', 1)[1].split('"')[0]
    page = client.get("/claims/" + claim).text
    assert ">(untitled) wire.txt</a>" in page
    story = page.split('href="/stories/', 1)[1].split('"')[0]
    assert ">(untitled) wire.txt</a>" in client.get("/stories/" + story).text


def test_ingest_says_when_a_text_credit_wins_over_outlet(pasted: tuple[Path, str]) -> None:
    """A pasted wire story keeps the wire's credit as its outlet; --outlet does not silently
    lose: ingest says which article went the other way and how to set the one given."""
    folder, db = pasted
    out = run("ingest", str(folder), "--outlet", "guardian", "--db", db)
    assert "wire.txt: stored as The Associated Press, which its credit 'HARBOURTON (AP) -' " \
        "names, not --outlet guardian" in out
    assert "ferry.txt: stored as" not in out
    outlets = {Path(a["path"]).name: a["outlet"] for a in json.loads(
        run("articles", "list", "--json", "--db", db))}
    assert outlets == {"wire.txt": "The Associated Press", "ferry.txt": "The Guardian",
                       "port.txt": "The Guardian"}


@pytest.mark.parametrize(("text", "day"), [
    ("Velm ferry to stop in winter\nMay 9, 2026 at 3:43 PM\nThe ferry will stop.\n",
     "2026-05-09"),
    ("5 February, 2026\nThe ferry will stop running in winter, the operator said.\n",
     "2026-02-05"),
    ("Velm, Jan 9, 2026, 10:45 GMT — Morning session\nThe ferry will stop.\n", "2026-01-09"),
    ("The ferry will stop running in winter, the operator said.\n\nIt lost money.\n"
     "Publish Date : 01 July 2026 20:31 PM\n", "2026-07-01"),
    # a date inside a sentence is what the story is about, not when it was published
    ("The ferry will stop running on May 9, 2026, the operator said on Monday in Velm.\n",
     None),
    ("Velm ferry to stop in winter\nThe ferry stops on December 1.\n", None),
    # a publishing word inside a sentence is no label
    ("Velm ferry to stop\nThe operator said on Friday that by a notice posted in the "
     "May 2, 2026 gazette the ferry stops.\n", None),
    ("Velm ferry to stop\nBy Ana Lind | Posted: May 2, 2026\nThe ferry stops.\n",
     "2026-05-02"),
    # a dateline's full date, month first or day first, opening a paragraph of any length
    (f"VELM (AFP) March 22, 2026 - {FERRY}", "2026-03-22"),
    (f"Velm, 4 June 2026 (Xinhua) -- {FERRY}", "2026-06-04"),
    (f"Ferry to stop in winter\nHARBOURTON, Ark., June 4, 2026 (AP) — {FERRY}", "2026-06-04"),
    (f"VELM, March 4, 2026. /TASS/. {FERRY}", "2026-03-04"),
    (f"VELM, APRIL 30, 2026, ARMENPRESS. {FERRY}", "2026-04-30"),
    (f"LONDON, 22 March 2026 -\n{FERRY}", "2026-03-22"),
    # never a date that is not in the dateline: one after its dash is what the story tells
    ("VELM (AFP) - The ferry stopped on March 22, 2026, the operator said on Monday in "
     "Velm.\n", None),
    ("VELM — On March 22, 2026 the ferry stopped.\nIt lost money.\n", None),
    (f"VELM (AFP) March 22 - {FERRY} It ran since 2001.\n", None),
    # a headline in title case is no place
    ("Velm Ferry Stops On March 22, 2026 - Operator Says\nThe ferry stopped.\n", None),
])
def test_the_date_a_pasted_page_shows(text: str, day: str | None) -> None:
    from verifier.ingest.metadata import shown_date

    found = shown_date(text)
    assert (found.day if found else None) == day


def test_ingest_offers_the_date_a_text_shows(pasted: tuple[Path, str]) -> None:
    """Never stored unasked (a saved page may show the day it was saved), but offered as
    the command that stores it."""
    folder, db = pasted
    (folder / "dated.txt").write_text("Velm ferry fares to rise\nMay 9, 2026 at 3:43 PM\n"
                                      "Ferry fares will rise by a tenth in June, the operator "
                                      "said.\n", encoding="utf-8")
    out = run("ingest", str(folder), "--db", db)
    assert "dated.txt: its text shows the date 'May 9, 2026 at 3:43 PM'" in out
    assert "--published 2026-05-09 --by NAME` stores it" in out
    assert "ferry.txt: its text shows" not in out
    dates = {Path(a["path"]).name: a["published_at"] for a in json.loads(
        run("articles", "list", "--json", "--db", db))}
    assert dates["dated.txt"] is None


def test_ingest_offers_a_datelines_full_date(pasted: tuple[Path, str]) -> None:
    """A wire story's dateline with its year ("VELM (AFP) March 22, 2026 -", "Velm, 4 June
    2026 (Xinhua) --") is offered as its date, as the other dated lines are, quoting the
    dateline alone; a date after the dateline's dash is not."""
    folder, db = pasted
    (folder / "afp.txt").write_text(f"VELM (AFP) March 22, 2026 - {FERRY}", encoding="utf-8")
    (folder / "xinhua.md").write_text(
        "---\ntitle: Velm ferry to stop in winter\n---\nVelm, 4 June 2026 (Xinhua) -- The "
        "Velm port will raise its fees by a tenth next year, the port authority said on "
        "Monday in a statement.\n", encoding="utf-8")
    (folder / "later.txt").write_text(
        "VELM (AFP) - The Velm bridge closed on March 22, 2026, for repairs that will take "
        "a year, the council said.\n", encoding="utf-8")
    out = run("ingest", str(folder), "--db", db)
    assert "afp.txt: its text shows the date 'VELM (AFP) March 22, 2026 -'" in out
    assert "xinhua.md: its text shows the date 'Velm, 4 June 2026 (Xinhua) --'" in out
    ids = {Path(a["path"]).name: a["id"] for a in json.loads(
        run("articles", "list", "--json", "--db", db))}
    assert f"`verifier articles set {ids['afp.txt']} --published 2026-03-22 --by NAME` " \
        "stores it" in out
    assert f"`verifier articles set {ids['xinhua.md']} --published 2026-06-04 --by NAME` " \
        "stores it" in out
    assert "later.txt: its text shows" not in out
    dates = {Path(a["path"]).name: a["published_at"] for a in json.loads(
        run("articles", "list", "--json", "--db", db))}
    assert dates["afp.txt"] is None and dates["xinhua.md"] is None  # offered, not stored


@pytest.mark.skipif(CHROMIUM is None or DRIVER is None, reason="Chromium/chromedriver not "
                    "installed (apt-get install chromium chromium-driver)")
def test_a_pasted_undated_text_in_the_browser(request: pytest.FixtureRequest) -> None:
    """In Chromium: a pasted text with no title and no date is ingested next to dated ones;
    the reviewer finds it by its file's name, sees its stories as undated, and a From date
    says what it passed over."""
    from selenium.webdriver.common.by import By

    base, db = request.getfixturevalue("server")  # test_web_browser's desk and Chromium
    d = request.getfixturevalue("browser")
    folder = Path(db).parent / "pasted"
    folder.mkdir()
    (folder / "harbour-wire.txt").write_text(WIRE, encoding="utf-8")
    run("ingest", str(folder), "--db", db)
    find = d.find_element  # type: ignore[attr-defined]
    _sign_in(d, base, "viewer")
    find(By.LINK_TEXT, "Articles").click()
    _until(lambda: "/articles" in d.current_url, "the articles")  # type: ignore[attr-defined]
    find(By.PARTIAL_LINK_TEXT, "(untitled) harbour-wire.txt").click()
    _until(lambda: "(untitled) harbour-wire.txt" in find(By.TAG_NAME, "h1").text, "the article")
    d.get(f"{base}/stories?min_claims=1")  # type: ignore[attr-defined]
    assert "undated" in find(By.CSS_SELECTOR, "table").text
    find(By.NAME, "since").send_keys("03012026")  # the date field, typed as a person does
    find(By.CSS_SELECTOR, "form.filters button").click()
    _until(lambda: "since=2026-03-01" in d.current_url, "the filtered stories")  # type: ignore[attr-defined]
    assert "1 of 4 articles has no publication date" in find(By.CSS_SELECTOR, "p.hint").text


@pytest.mark.parametrize(("claims", "title"), [
    (["LOS ANGELES (AP) - The council will close the Velm bridge in May."],
     "The council will close the Velm bridge in May."),
    (["Lima, August 6 (VNA)-- The council will close the bridge."],
     "The council will close the bridge."),
    (["- Shares in Velm Port rose 8% on Friday."], "Shares in Velm Port rose 8% on Friday."),
    (["3/ We have major challenges in Velm."], "We have major challenges in Velm."),
    (["She also leads the Velm harbour board.", "Ana Lind will chair the Velm council."],
     "Ana Lind will chair the Velm council."),
    (["She also leads the Velm harbour board."], "She also leads the Velm harbour board."),
    (["UN: Ceasefire holds along the Velm border"], "UN: Ceasefire holds along the Velm border"),
    # a photo caption, credit and all, is no lead: the first claim telling the event is
    (["A ferry thought to carry the Velm delegation crosses the bay on Monday. / Harbour Wire",
      "The Velm delegation sailed for Tolsen on Monday."],
     "The Velm delegation sailed for Tolsen on Monday."),
    (["Crowds wait on the Velm quay on Sunday. (AP Photo/Ana Lind)",
      "She said the Velm quay would reopen."], "She said the Velm quay would reopen."),
    (["Crowds wait on the Velm quay on Sunday. (AP Photo/Ana Lind)"],
     "Crowds wait on the Velm quay on Sunday. (AP Photo/Ana Lind)"),
    (["Mayor Ana Lind (D) - she said no more"], "Mayor Ana Lind (D) - she said no more"),
    # a long claim is cut at a word's end, never inside a word
    (["The Velm harbour board is expected to approve the sale of the old ferry terminal to a "
      "Tolsen developer, a board member said, this week for a sum it did not disclose."],
     "The Velm harbour board is expected to approve the sale of the old ferry terminal to a "
     "Tolsen developer, a board member…"),
])
def test_a_story_title_is_what_happened(claims: list[str], title: str) -> None:
    from verifier.stories.update import story_title

    assert story_title(*claims) == title
