"""``sources list`` a page at a time, and the ids ``ingest --add-outlets`` gives the outlets
it registers, through the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.cli_helpers import run
from verifier.cli import app


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_sources_list_pages_and_says_where_it_ends() -> None:
    """`sources list` printed every entry in one table (1,315 rows after --add-outlets had
    read a few hundred texts): now a page, with how many there are and how to see more."""
    code, out, _ = run("sources", "list")
    assert code == 0
    total = int(re.search(r"of (\d+) sources", _flat(out)).group(1))  # type: ignore[union-attr]
    assert total > 100 and "100 of" in _flat(out) and "more with --offset 100" in _flat(out)
    code, out, _ = run("sources", "list", "--json", "--limit", "3", "--offset", "1")
    everything = json.loads(run("sources", "list", "--json", "--limit", str(total))[1])
    assert len(everything) == total
    assert [e["key"] for e in json.loads(out)] == [e["key"] for e in everything[1:4]]
    code, out, _ = run("sources", "list", "--offset", str(total - 1))
    assert code == 0 and f"1 of {total} sources" in _flat(out) and "more with" not in out
    code, out, _ = run("sources", "list", "--offset", str(total + 5))
    assert code == 0 and "the list ends before it" in _flat(out)
    assert json.loads(run("sources", "list", "--json", "--offset", str(total))[1]) == []
    code, out, _ = run("sources", "list", "--kind", "news_agency", "--limit", "2")
    assert code == 0 and "2 of " in _flat(out) and "more with --offset 2" in _flat(out)


@pytest.mark.parametrize("args", [("--limit", "0"), ("--limit", "-1"), ("--offset", "-2")])
def test_sources_list_refuses_a_bad_page_in_one_line(args: tuple[str, str]) -> None:
    code, _, err = run("sources", "list", *args)
    assert code != 0 and args[0] in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def _ingest_named(tmp_path: Path, outlets: list[str]) -> str:
    lines = [{"text": f"The Velm bridge will close in month {n}, the council said.",
              "outlet": outlet} for n, outlet in enumerate(outlets, 1)]
    path = tmp_path / "day.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "v.db"),
                                      "--add-outlets"])
    assert result.exit_code == 0, result.output
    return _flat(result.output)


def test_added_outlets_keep_a_lone_article_and_other_scripts_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'A News' became `news` (the 'A' read as a determiner) and a name in another script
    `outlet`, then `outlet-2`: ids that said nothing of the outlet."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    out = _ingest_named(tmp_path, ["A News", "The Velm Courier", "Вести Велма",
                                   "Ορσκ Νέα", "ヴェルム新聞", "ドルン新聞"])
    assert "A News (a-news)" in out and "The Velm Courier (velm-courier)" in out, out
    assert "Вести Велма (vesti-velma)" in out and "Ορσκ Νέα (orsk-nea)" in out, out
    ids = re.findall(r"新聞 \((outlet-[0-9a-f]{6})\)", out)
    assert len(ids) == 2 and ids[0] != ids[1], out
    listed = json.loads(run("sources", "list", "--json", "--limit", "5000", "--sources",
                            str(tmp_path / "sources.yaml"))[1])
    assert {"a-news", "vesti-velma", "orsk-nea", *ids} <= {e["key"] for e in listed}
    again = tmp_path / "again"
    again.mkdir()
    monkeypatch.chdir(again)  # the same name reads to the same id in another registry
    assert f"ヴェルム新聞 ({ids[0]})" in _ingest_named(again, ["ヴェルム新聞"])


def test_ids_a_registry_has_stay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An outlet an earlier version registered as `news` keeps that id: its name is found,
    nothing is added or renamed."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    code, _, err = run("sources", "add", "news", "--name", "A News", "--kind", "newspaper")
    assert code == 0, err
    before = (tmp_path / "sources.yaml").read_text(encoding="utf-8")
    out = _ingest_named(tmp_path, ["A News"])
    assert "added" not in out, out
    assert (tmp_path / "sources.yaml").read_text(encoding="utf-8") == before
