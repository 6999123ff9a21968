"""A desk's scoring.yaml is a layered override: it states only what it changes, merged key by
key over the packaged defaults; ``verifier scoring show`` prints the values in force and the
file that set each. Everything through the command line."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.cli import app
from verifier.errors import ExitCode

ARTICLE = ("---\ntitle: Ferry timetable\npublished: 2024-05-06\n---\n"
           "The harbour authority said the night ferry to Lindholm will resume on Friday.\n")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}")
    return result.exit_code, result.output


def show(*args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    code, output = run("scoring", "show", "--json", *args, env=env)
    assert code == 0, output
    found = json.loads(output)
    assert isinstance(found, dict)
    return found


def values(found: dict[str, object]) -> dict[str, tuple[object, str]]:
    rows = found["values"]
    assert isinstance(rows, list)
    return {row["key"]: (row["value"], row["set_by"]) for row in rows}


def one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("verifier: error: "), output
    return lines[0]


def test_a_file_of_two_keys_changes_those_and_keeps_every_default(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("sourcing:\n  named: 0.9\nreliability:\n  default_prior:\n"
                    "    unnamed: [1, 4]\n", encoding="utf-8")
    everything = values(show())
    assert {by for _, by in everything.values()} == {"default"}
    found = values(show("--scoring", str(mine)))
    assert found.keys() == everything.keys()
    assert found["sourcing.named"] == (0.9, str(mine))
    assert found["reliability.default_prior.unnamed"] == ([1, 4], str(mine))
    changed = {key for key, (_, by) in found.items() if by != "default"}
    assert changed == {"sourcing.named", "reliability.default_prior.unnamed"}
    assert all(found[key] == everything[key] for key in found.keys() - changed)
    only = show("--scoring", str(mine), "--changed")
    assert only["overrides"] == str(mine)
    assert values(only).keys() == changed
    code, text = run("scoring", "show", "--scoring", str(mine), "--changed")
    assert code == 0
    assert text.splitlines()[0].startswith(f"scoring: {mine} (2 values changed)")
    assert "[1, 4]" in text and f"[{mine}]" in text


def test_a_list_replaces_the_default_list_whole(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("rumour:\n  words: [hoax, canard]\n", encoding="utf-8")
    assert values(show("--scoring", str(mine)))["rumour.words"] == (["hoax", "canard"],
                                                                    str(mine))


def test_the_override_changes_the_score_a_story_shows(tmp_path: Path) -> None:
    article = tmp_path / "ferry.md"
    article.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "v.db")
    assert run("ingest", str(article), "--db", db)[0] == 0
    code, output = run("stories", "list", "--json", "--min-claims", "0", "--db", db)
    assert code == 0, output
    story = str(json.loads(output)[0]["id"])

    def score(*scoring: str) -> dict[str, object]:
        code, output = run("stories", "show", story, "--json", "--db", db, *scoring)
        assert code == 0, output
        found = json.loads(output)
        assert isinstance(found, dict)
        return found

    before = score()
    mine = tmp_path / "mine.yaml"
    mine.write_text("base: 0.943\n", encoding="utf-8")  # the default's -0.057, plus 1
    after = score("--scoring", str(mine))
    logit = [math.log(float(s["score"]) / (1 - float(s["score"]))) for s in (before, after)]
    assert logit[1] - logit[0] == pytest.approx(1.0, abs=1e-3)
    assert after["contributions"] == before["contributions"]


def test_an_old_full_copy_lacking_a_newer_key_takes_its_default(tmp_path: Path) -> None:
    from verifier.config import data_path

    text = data_path("scoring.yaml").read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith("  heading_letters:")]
    assert len(kept) == len(text.splitlines()) - 1
    old = tmp_path / "old.yaml"
    old.write_text("\n".join(kept).replace("\nbase: -0.057", "\nbase: -0.5", 1) + "\n",
                   encoding="utf-8")
    found = values(show("--scoring", str(old)))
    assert found["identity.heading_letters"] == (6, "default")
    assert found["base"] == (-0.5, str(old))


def test_the_environment_variable_names_the_override(tmp_path: Path) -> None:
    mine = tmp_path / "env.yaml"
    mine.write_text("hedging:\n  possible: -2\n", encoding="utf-8")
    found = values(show(env={"VERIFIER_SCORING": str(mine)}))
    assert found["hedging.possible"] == (-2, str(mine))
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing changed yet\n", encoding="utf-8")
    assert {by for _, by in values(show("--scoring", str(empty))).values()} == {"default"}


@pytest.mark.parametrize(("text", "message"), [
    ("wieghts:\n  base: 1\n", "unknown section 'wieghts'"),
    ("sourcing:\n  offical: 1\n", "field 'sourcing.offical': unknown (expected one of"),
    ("reliability:\n  default_prior:\n    bloggers: [1, 1]\n",
     "field 'reliability.default_prior.bloggers': unknown"),
    ("denials:\n  per_party: lots\n", "field 'denials.per_party': expected a finite number"),
    ("reliability:\n  default_prior:\n    named: [1, .nan]\n",
     "field 'reliability.default_prior.named': expected [confirmed, refuted]"),
    ("sourcing: 1\n", "field 'sourcing': expected a mapping"),
    ("- base\n", "expected a mapping of weights"),
    ("identity:\n  nameless_words: [Officials]\n", "field 'identity.nameless_words'"),
])
def test_a_bad_key_or_value_names_the_file_and_the_key(
        tmp_path: Path, text: str, message: str) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(text, encoding="utf-8")
    for command in (["scoring", "show"], ["stories", "list", "--db", str(tmp_path / "v.db")]):
        code, output = run(*command, "--scoring", str(mine))
        assert code == ExitCode.CONFIG
        line = one_error_line(output)
        assert line.startswith(f"verifier: error: {mine}: ") and message in line, line
    assert not (tmp_path / "v.db").exists()
