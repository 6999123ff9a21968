"""A fact-checker's first week, third round: what the walk through the CLI and the desk found
(each test failed before its fix)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.test_web import client_for
from tests.web_helpers import build_db
from verifier.cli import app

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    return build_db(tmp_path)


def test_the_desk_story_page_shows_its_claims_verdicts(desk: str) -> None:
    """`stories show` and every report said "2 of 4 claims reviewed: 1 refuted, 1
    confirmed" and each claim's verdict; the desk's story page said neither."""
    _run("claims", "mark", "2", "refuted", "--evidence", "Ministry budget note",
         "--by", "Rita Fact", "--db", desk)
    _run("claims", "mark", "3", "confirmed", "--evidence", "Council minutes",
         "--by", "Ann", "--db", desk)
    page = client_for(desk, "viewer").get("/stories/1").text
    assert '<b class="claims-reviewed">2 of 4 claims reviewed: 1 refuted, 1 confirmed</b>' \
        in page
    rows = {int(n): status for n, status in re.findall(
        r'<a href="/claims/(\d+)">#\d+</a></td><td><span class="status st-([a-z]+)">', page)}
    assert rows == {1: "unverified", 2: "refuted", 3: "confirmed", 4: "unverified"}


def _review(rating: object) -> dict[str, object]:
    return {"@context": "https://schema.org", "@type": "ClaimReview",
            "claimReviewed": "The ferry to Lorn Island stops running in May",
            "author": {"@type": "Organization", "name": "Tideline Checks"},
            "reviewRating": rating}


def test_a_review_rating_that_is_no_rating_object_says_so(tmp_path: Path) -> None:
    """A rating given as a bare string was reported as "no 'reviewRating'" (it is there);
    a list holding one Rating (JSON-LD allows several values) was refused the same way."""
    import json

    db = str(tmp_path / "v.db")
    source = tmp_path / "reviews.json"
    source.write_text(json.dumps([_review("False"), _review([{"alternateName": "False"}]),
                                  _review(None)]), encoding="utf-8")
    result = runner.invoke(app, ["factchecks", "import", str(source), "--db", db])
    assert result.exit_code == 1, result.output
    assert "record 1: 'reviewRating' is not a Rating (an object with alternateName or " \
        'ratingValue): "False"; skipped' in result.stderr
    assert "record 2" not in result.stderr
    assert "record 3: no 'reviewRating'; skipped" in result.stderr
    assert "1 fact-check stored" in result.stdout


def test_sources_list_does_not_load_sqlalchemy() -> None:
    """`sources list` reads only the registry, yet imported SQLAlchemy (for one function
    that lives in a module without it): 0.73 s CPU for a page of the registry, 0.30 now."""
    import json
    import subprocess
    import sys

    from tests.test_read_paths import PROBE

    commands = [["sources", "list"], ["sources", "list", "--json", "--kind", "news_agency"]]
    process = subprocess.run([sys.executable, "-c", PROBE, json.dumps(commands)],
                             capture_output=True, text=True, check=True)
    loaded = json.loads(process.stderr.strip().splitlines()[-1])
    assert loaded == {" ".join(c): [] for c in commands}


def test_factchecks_import_reads_a_folder(tmp_path: Path) -> None:
    """`ingest DIR` reads a folder; `factchecks import DIR` refused one ("is a directory,
    not a text file"). Now its .json, .jsonld and .html files are read, subfolders too;
    a folder holding none is one line, exit 3, and no database is made."""
    import json

    folder = tmp_path / "reviews"
    (folder / "older").mkdir(parents=True)
    (folder / "one.json").write_text(json.dumps(_review({"alternateName": "False"})),
                                     encoding="utf-8")
    second = {**_review({"alternateName": "True"}), "claimReviewed": "Lorn Island has a pier"}
    (folder / "older" / "two.jsonld").write_text(json.dumps(second), encoding="utf-8")
    (folder / "notes.txt").write_text("not read", encoding="utf-8")
    db = str(tmp_path / "v.db")
    result = runner.invoke(app, ["factchecks", "import", str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "2 fact-checks stored, 0 already stored, 0 skipped"

    empty = tmp_path / "empty"
    empty.mkdir()
    other = str(tmp_path / "other.db")
    result = runner.invoke(app, ["factchecks", "import", str(empty), "--db", other])
    assert result.exit_code == 3
    assert result.stderr.strip() == (f"verifier: error: {empty}: a folder with no .json, "
                                     ".jsonld, .html, .htm file in it; nothing was stored")
    assert not Path(other).exists()
    one = folder / "one.json"
    result = runner.invoke(app, ["factchecks", "import", str(empty), str(one), "--db", other])
    assert result.exit_code == 1, result.output  # the rest go on, as for a bad file
    assert "a folder with no .json" in result.stderr
    assert result.stdout.startswith("1 fact-check stored")
