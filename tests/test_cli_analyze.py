"""``verifier analyze`` and ``verifier eval`` through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from verifier.cli import app
from verifier.errors import ExitCode

runner = CliRunner()
ARTICLE = "Minister resigns\nThe minister is expected to resign on Friday.\nBy Ann Lee\n"


def test_json_output(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data[0]["file"] == str(path)
    sentences = data[0]["sentences"]
    assert [s["claim"] for s in sentences] == [True, True, False]
    assert sentences[1]["certainty"] == "probable"
    assert sentences[1]["certainty_evidence"]["cue"]["text"] == "is expected"
    for s in sentences:
        assert ARTICLE[s["start"] : s["end"]] == s["text"]


def test_rich_view(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--outlet", "Yonhap"])
    assert result.exit_code == 0, result.output
    assert "probable" in result.stdout
    assert "claims.byline" in result.stdout
    assert "yonhap" in result.stdout


def test_bad_inputs_are_reported_and_others_still_analysed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    binary = tmp_path / "bin.dat"
    binary.write_bytes(b"\x00\x01\x02abc")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    missing = tmp_path / "missing.txt"
    args = ["analyze", str(missing), str(tmp_path), str(binary), str(latin), str(empty),
            str(big), str(good), "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.INPUT
    data = json.loads(result.stdout)
    assert [d["file"] for d in data] == [str(good)]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 6
    for line, path in zip(errors, [missing, tmp_path, binary, latin, empty, big], strict=True):
        assert line.startswith("verifier: error: ")
        assert str(path) in line
    assert "Traceback" not in result.output


def test_eval_command(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Rates may rise.\nBy Ann Lee\n", encoding="utf-8")
    labels = tmp_path / "l.jsonl"
    rows = [
        {"doc": "a", "i": 0, "text": "Rates may rise.", "claim": True, "sourcing": [],
         "certainty": "probable"},
        {"doc": "a", "i": 1, "text": "By Ann Lee", "claim": False, "sourcing": [],
         "certainty": None},
    ]
    labels.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(labels), "--texts", str(texts), "--json", "--errors"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["claim"]["f1"] == 1.0
    assert data["certainty"]["accuracy"] == 0.0
    assert data["errors"][0]["field"] == "certainty"
    table = runner.invoke(app, ["eval", str(labels), "--texts", str(texts), "--errors"])
    assert table.exit_code == 0
    assert "Rates may rise." in table.stdout
    missing = runner.invoke(app, ["eval", str(labels), "--texts", str(tmp_path / "none")])
    assert missing.exit_code == ExitCode.INPUT
    assert "verifier: error:" in missing.stderr


def test_markdown_front_matter_is_metadata_not_text(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(
        "---\ntitle: Port strike ends\noutlet: yonhap\n---\n"
        "The dockworkers' union said the strike ended on Friday.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["analyze", "--json", str(path)])
    assert result.exit_code == 0, result.stderr
    (article,) = json.loads(result.stdout)
    assert article["outlet"] == "yonhap"
    assert [s["text"] for s in article["sentences"]] == [
        "The dockworkers' union said the strike ended on Friday."
    ]


def test_jsonl_gives_one_result_per_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [{"text": "The mayor opened the bridge."}, {"text": "Rain is likely on Sunday."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--json", str(path)])
    assert result.exit_code == 0, result.stderr
    files = [a["file"] for a in json.loads(result.stdout)]
    assert files == [f"{path}:1", f"{path}:2"]
