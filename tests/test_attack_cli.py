"""The command line fed hostile input beyond tests/test_hostile_cli.py and
test_input_limits.py: JSON nested past Python's recursion limit in every JSON reader, and a
folder ingest cannot list. Each: one line on stderr naming the file, a non-zero exit, no
traceback, and a database `db verify` passes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app

ARTICLE = "Harbour bridge\nThe harbour bridge will close on Monday, the council said.\n"


def _invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception))
    return result.exit_code, result.output


def _verified(db: str) -> None:
    code, output = _invoke(["db", "verify", "--db", db, "--json"])
    assert code == 0, output
    assert json.loads(output)["ok"] is True


def _deep(depth: int = 100_000) -> str:
    return "[" * depth + "]" * depth


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    database = str(tmp_path / "v.db")
    code, output = _invoke(["ingest", str(path), "--db", database])
    assert code == 0, output
    return database


def _one_error(output: str, name: str) -> str:
    errors = [line for line in output.splitlines() if line.startswith("verifier: error:")]
    assert errors and name in errors[0], output
    assert "Traceback" not in output and "RecursionError" not in output
    return errors[0]


def test_fact_checks_nested_past_the_recursion_limit_are_refused(tmp_path: Path,
                                                                 db: str) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text(_deep(), encoding="utf-8")
    deep_object = tmp_path / "object.json"
    deep_object.write_text('{"a":' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(f'<html><script type="application/ld+json">{_deep()}</script></html>',
                    encoding="utf-8")
    for path in (deep, deep_object, page):
        code, output = _invoke(["factchecks", "import", str(path), "--db", db])
        assert code == 3, output  # its only input: nothing stored
        assert "nested too deeply" in _one_error(output, path.name)
    _verified(db)


def test_an_article_line_nested_past_the_recursion_limit_is_one_failure(tmp_path: Path,
                                                                        db: str) -> None:
    lines = tmp_path / "articles.jsonl"
    lines.write_text(json.dumps({"text": ARTICLE.replace("Monday", "Friday")}) + "\n"
                     + '{"text": "x", "extra": ' + _deep() + "}\n", encoding="utf-8")
    code, output = _invoke(["ingest", str(lines), "--db", db])
    assert code == 1, output
    assert "nested too deeply" in _one_error(output, "articles.jsonl:2")
    assert "Stored 1 article" in output  # the good line
    _verified(db)
    code, output = _invoke(["ingest", str(lines), "--db", db])
    assert code == 1 and "Stored 0 articles" in output and "skipped 1" in output  # a no-op


def test_label_and_story_files_nested_past_the_recursion_limit_are_refused(
    tmp_path: Path
) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text(_deep() + "\n", encoding="utf-8")
    (tmp_path / "texts").mkdir()
    code, output = _invoke(["eval", str(labels), "--texts", str(tmp_path / "texts")])
    assert code != 0
    assert "nested too deeply" in _one_error(output, "labels.jsonl")
    stories = tmp_path / "set.stories.jsonl"
    stories.write_text(_deep() + "\n", encoding="utf-8")
    code, output = _invoke(["eval-stories", str(stories)])
    assert code != 0
    assert "nested too deeply" in _one_error(output, "set.stories.jsonl")


def test_a_folder_ingest_cannot_list_is_a_failure_not_silence(
    tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "desk"
    (folder / "locked").mkdir(parents=True)
    (folder / "open.txt").write_text(ARTICLE.replace("Monday", "Tuesday"), encoding="utf-8")
    (folder / "locked" / "hidden.txt").write_text(ARTICLE.replace("Monday", "Sunday"),
                                                  encoding="utf-8")
    real = os.scandir

    def scandir(path: object = ".") -> object:  # as for a folder without read permission
        if Path(str(path)).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    code, output = _invoke(["ingest", str(folder), "--db", db])
    assert code == 1, output  # some inputs failed
    line = _one_error(output, "locked")
    assert "cannot read the folder" in line and "Permission denied" in line
    monkeypatch.setattr(os, "scandir", real)
    _verified(db)
    code, output = _invoke(["ingest", str(folder), "--db", db])
    assert code == 0, output  # open.txt was stored before: now only hidden.txt is new


def _bomb(levels: int = 10) -> str:
    """Aliases nine wide and ``levels`` deep: a few hundred bytes, 9**levels values."""
    lines = ['l0: &l0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_yaml_whose_aliases_expand_to_billions_is_refused(
    tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from verifier.config import data_path
    from verifier.yamlio import load_yaml

    for strict in (True, False):
        with pytest.raises(yaml.YAMLError, match="aliases expand to more than"):
            load_yaml(_bomb(), strict=strict)
    assert load_yaml(_bomb(5))["l4"][0][0][0][0] == ["x"] * 9  # 59,049 values: read
    packaged = data_path("lexicons/certainty.yaml").read_text(encoding="utf-8")
    assert load_yaml(packaged)  # anchors and aliases of the packaged files still read
    registry = tmp_path / "sources.yaml"
    registry.write_text(_bomb() + "sources:\n  - id: bomb\n    name: Bomb\n"
                        "    kind: newspaper\n    aliases: *l9\n", encoding="utf-8")
    code, output = _invoke(["sources", "check", "--sources", str(registry)])
    assert code == 4 and "aliases expand" in _one_error(output, "sources.yaml")
    monkeypatch.setenv("VERIFIER_SCORING", str(registry))
    code, output = _invoke(["scoring", "show"])
    assert code == 4 and "aliases expand" in _one_error(output, "sources.yaml")
    monkeypatch.delenv("VERIFIER_SCORING")
    article = tmp_path / "bomb.md"
    article.write_text("---\n" + _bomb() + "title: *l9\n---\nThe harbour bridge will close "
                       "on Wednesday, the council said.\n", encoding="utf-8")
    code, output = _invoke(["ingest", str(article), "--db", db])
    assert code == 3 and "front matter is not valid YAML" in _one_error(output, "bomb.md")
    _verified(db)


def test_an_article_url_with_a_bidi_override_is_refused_at_ingest(tmp_path: Path) -> None:
    """A JSON Lines record's or a front matter's url holding a bidi override (shown as
    another address than it leads to) is refused with the record named, the rest stored;
    --url likewise."""
    spoof = "https://evil.example/\u202egro.sretuer.www//:sptth"
    records = tmp_path / "feed.jsonl"
    records.write_text(json.dumps({"text": "The mayor said the bridge will close.",
                                   "url": spoof}) + "\n" + json.dumps(
        {"text": "The council said the ferry will stop."}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(records), "--outlet", "none", "--db",
                                      str(tmp_path / "v.db")])
    assert result.exit_code == 1, result.output
    assert f"{records}:1: field 'url': " in result.stderr
    assert "is not an http(s) url" in result.stderr
    assert result.stdout.startswith("Stored 1 article")
    given = CliRunner().invoke(app, ["ingest", str(records), "--url", spoof, "--db",
                                     str(tmp_path / "w.db")])
    assert given.exit_code == 2 and "is not an http(s) url" in given.stderr


def test_yaml_whose_alias_holds_itself_is_refused_not_a_memory_exhaustion(
    tmp_path: Path,
) -> None:
    """`title: &a [*a]` (an alias inside the list it names) in a Markdown file's front
    matter grew the alias count's stack until the machine's memory ran out (22 GB before
    it was stopped); a registry likewise. Each is refused in one line now. Run in a
    process held to 1 GB, so a regression fails instead of taking the machine."""
    import subprocess
    import sys

    article = tmp_path / "self.md"
    article.write_text("---\ntitle: &a [*a]\n---\nThe harbour bridge will close on "
                       "Wednesday, the council said.\n", encoding="utf-8")
    registry = tmp_path / "sources.yaml"
    registry.write_text("sources:\n  - &e\n    id: echo\n    name: Echo\n    kind: newspaper"
                        "\n    aliases: [*e]\n", encoding="utf-8")
    held = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)); "
            "sys.argv[0] = 'verifier'; from verifier.cli import main; main()")
    for args, code, said in (
            (["ingest", str(article), "--outlet", "none", "--db", str(tmp_path / "v.db")], 3,
             "self.md: front matter is not valid YAML"),
            (["sources", "check", "--sources", str(registry)], 4,
             "an alias refers to the value that holds it")):
        done = subprocess.run([sys.executable, "-c", held, *args], capture_output=True,
                              text=True, timeout=300, check=False)
        assert done.returncode == code, done.stderr[-2000:]
        assert "Traceback" not in done.stderr and said in done.stderr.splitlines()[0]
    assert not list(tmp_path.glob("v.db*"))
