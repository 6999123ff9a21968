"""A public body's clerk, registrar or coroner holds an office (session 35): "Town Clerk
Ana Ruiz" was a private person ("no office evidence") and "the town clerk said" no
source at all."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_helpers import cli


def test_a_town_clerk_speaks_on_the_record(tmp_path: Path) -> None:
    path = tmp_path / "polls.txt"
    path.write_text("Town Clerk Ana Ruiz said the polls in Velmora would open at seven.\n\n"
                    "The town clerk said the count would start at nine.\n\n"
                    "A shop clerk said the queue outside had been long.\n", encoding="utf-8")
    found = json.loads(cli("analyze", "--json", str(path)))[0]
    kinds = [[a["kind"] for a in s["attributions"]] for s in found["sentences"]]
    assert kinds[:2] == [["official"], ["official"]]
    assert kinds[2] == ["unnamed"]  # a shop's clerk holds no office
