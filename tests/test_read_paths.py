"""The read commands a reviewer runs all day answer from SQLite through the standard
library: SQLAlchemy (half a second to import, more than their whole budget) is never
loaded, also when a claim matches earlier verdicts and fact-checks; nor is the analyser's
attribution package (a stored reason is worded by ``analysis.feature_words``), nor the file of
compiled patterns kept for the analyser (``verifier.rules.patterncache``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tests.cli_helpers import claim_id
from tests.test_factchecks import REVIEW, _ingest
from verifier.cli import app

PROBE = """
import json, sys
from verifier.cli import main
loaded = {}
for args in json.loads(sys.argv[1]):
    sys.argv = ["verifier", *args]
    try:
        main()
    except SystemExit as exit:
        assert not exit.code, (args, exit.code)
    loaded[" ".join(args)] = [m for m in ("sqlalchemy", "alembic", "verifier.analysis.attribution")
                              if m in sys.modules]
    kept = sys.modules.get("verifier.rules.patterncache")
    if kept is not None and kept._store is not None and kept._store.patterns is not None:
        loaded[" ".join(args)].append("the kept patterns' file")
print(json.dumps(loaded), file=sys.stderr)
"""


def test_read_commands_never_load_sqlalchemy(tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "v.db")
    _ingest(tmp_path, db)
    reviews = tmp_path / "reviews.json"
    reviews.write_text(json.dumps([REVIEW]), encoding="utf-8")
    assert runner.invoke(app, ["factchecks", "import", str(reviews), "--db", db]).exit_code == 0
    first = claim_id(db, "council said", "--article", "1")
    result = runner.invoke(app, ["claims", "mark", str(first), "confirmed", "--evidence",
                                 "minutes", "--by", "Ola", "--db", db])
    assert result.exit_code == 0, result.output
    claim = claim_id(db, "Ada Quist said", "--article", "2")
    shown = json.loads(runner.invoke(app, ["claims", "show", str(claim), "--db", db,
                                           "--json"]).output)
    assert {m["kind"] for m in shown["past_verdicts"]} == {"claim", "fact-check"}
    story = json.loads(runner.invoke(app, ["stories", "list", "--db", db, "--json",
                                           "--min-claims", "1"]).output)[0]["id"]
    commands = [
        ["claims", "show", str(claim)], ["claims", "show", str(claim), "--json"],
        ["claims", "list", "--matches"], ["stories", "list"], ["stories", "show", str(story)],
        ["sources", "show", "reuters"], ["report", "--story", str(story)],
        ["report", "--all", "--format", "html", "-o", str(tmp_path / "all.html")],
        ["factchecks", "list"], ["factchecks", "list", "--json", "--offset", "1"],
        ["articles", "show", "2"], ["articles", "show", "1", "--json"],
    ]
    process = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps([[*c, "--db", db] for c in commands])],
        capture_output=True, text=True, check=True)
    loaded = json.loads(process.stderr.strip().splitlines()[-1])
    assert loaded == {" ".join([*c, "--db", db]): [] for c in commands}
    assert "Earlier verdicts it matches" in process.stdout
