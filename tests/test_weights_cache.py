"""The weights kept between runs (``verifier.scoring.weights_cache``): the same weights and
digest as reading the files, read again whenever what they came from changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from verifier.cachedir import cache_dir
from verifier.errors import ConfigError
from verifier.scoring import weights_cache
from verifier.scoring.weights import SCORING_ENV, load_weights, weights_digest
from verifier.scoring.weights_cache import cached_digest, load_weights_for, weights_digest_for


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("VERIFIER_CACHE", str(folder))
    monkeypatch.delenv(SCORING_ENV, raising=False)
    return folder / weights_cache.FILE_NAME


def test_the_kept_weights_are_the_files_weights(cache: Path) -> None:
    assert weights_cache.SCORING_ENV == SCORING_ENV
    expected = load_weights()
    assert cached_digest(None) is None  # nothing kept yet
    assert weights_digest_for(None) == weights_digest(expected)
    assert cache.is_file() and cached_digest(None) == weights_digest(expected)
    assert load_weights_for(None) == expected  # validated from the kept mapping
    code = [c[0] for c in json.loads(cache.read_text())["code"]]
    assert any(p.endswith(os.path.join("scoring", "terms.py")) for p in code)
    assert any(p.endswith(os.path.join("scoring", "weights.py")) for p in code)


def test_an_edited_scoring_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("base: -0.5\n", encoding="utf-8")
    first = weights_digest_for(str(mine))
    assert first == weights_digest(load_weights(mine)) != weights_digest(load_weights())
    assert cached_digest(str(mine)) == first and load_weights_for(str(mine)) == load_weights(
        mine)
    assert cached_digest(None) is None  # another set of files
    mine.write_text("base: -0.25\n", encoding="utf-8")  # same length, other content
    assert cached_digest(str(mine)) is None
    assert weights_digest_for(str(mine)) == weights_digest(load_weights(mine)) != first


def test_a_kept_override_still_names_its_file_in_errors(cache: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("base: -0.5\n", encoding="utf-8")
    load_weights_for(str(mine))
    entry = json.loads(cache.read_text())
    entry["raw"]["base"] = "high"  # as if the file had said so
    cache.write_text(json.dumps(entry))
    with pytest.raises(ConfigError, match=r"mine\.yaml: field 'base'"):
        load_weights_for(str(mine))


def test_changed_code_or_version_or_a_damaged_file_is_read_again(cache: Path) -> None:
    expected = weights_digest_for(None)
    entry = json.loads(cache.read_text())
    touched = json.loads(json.dumps(entry))
    touched["code"][0][2] += 1  # a source file's modification time
    older = {**entry, "head": "verifier 0.0.1 python 3.11"}
    for text in (json.dumps(touched), json.dumps(older), json.dumps({**entry, "raw": None}),
                 "garbage", "", "[]", "\udcff"):
        cache.write_text(text, errors="surrogateescape")
        assert cached_digest(None) is None
        assert weights_digest_for(None) == expected
        assert cached_digest(None) == expected  # rewritten


def test_off_and_an_unwritable_folder_leave_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VERIFIER_CACHE", "off")
    assert cache_dir() is None
    assert weights_digest_for(None) == weights_digest(load_weights())
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("VERIFIER_CACHE", str(blocker / "cache"))  # under a file: no folder
    assert weights_digest_for(None) == weights_digest(load_weights())
    monkeypatch.delenv("VERIFIER_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "verifier"


def test_stories_list_with_kept_weights_reads_no_yaml(cache: Path, tmp_path: Path) -> None:
    from tests.report_helpers import reviewed_db

    db, _ = reviewed_db(tmp_path, "d.db")
    cache.unlink(missing_ok=True)  # the database's build listed stories too
    code = ("import sys\nsys.argv = ['verifier', 'stories', sys.argv[2], sys.argv[3], '--db',"
            " sys.argv[1]]\n"
            "from verifier.cli import main\n"
            "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code\n"
            "print('LOADED', [m for m in ('yaml', 'verifier.scoring.terms', 'rich')"
            " if m in sys.modules])")

    def run(*args: str) -> list[str]:
        return subprocess.run([sys.executable, "-c", code, db, *args], capture_output=True,
                              text=True, check=True, env=dict(os.environ)).stdout.splitlines()

    first, second = run("list", "--min-claims=1"), run("list", "--min-claims=1")
    assert first[-1] == "LOADED ['yaml', 'verifier.scoring.terms']"
    assert second[-1] == "LOADED []"  # the digest alone, kept
    assert first[:-1] == second[:-1]
    assert run("show", "1")[-1] == "LOADED ['verifier.scoring.terms']"  # no YAML parsed
