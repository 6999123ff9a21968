"""The weights' digest remembered between runs (``verifier.scoring.digest_cache``): the same
digest as reading the weights, and read again whenever what it came from changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from verifier.scoring import digest_cache
from verifier.scoring.digest_cache import cached_digest, weights_digest_for
from verifier.scoring.weights import SCORING_ENV, load_weights, weights_digest


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("VERIFIER_CACHE", str(folder))
    monkeypatch.delenv(SCORING_ENV, raising=False)
    return folder / "weights-digest"


def test_the_remembered_digest_is_the_weights_digest(cache: Path) -> None:
    assert digest_cache.SCORING_ENV == SCORING_ENV
    expected = weights_digest(load_weights())
    assert cached_digest(None) is None  # nothing remembered yet
    assert weights_digest_for(None) == expected
    assert cache.is_file() and cached_digest(None) == expected
    assert weights_digest_for(None) == expected
    code = [line.split("\t")[1] for line in cache.read_text().splitlines()
            if line.startswith("code\t")]
    assert any(p.endswith(os.path.join("scoring", "terms.py")) for p in code)
    assert any(p.endswith(os.path.join("scoring", "weights.py")) for p in code)


def test_an_edited_scoring_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text("base: -0.5\n", encoding="utf-8")
    first = weights_digest_for(str(mine))
    assert first == weights_digest(load_weights(mine)) != weights_digest(load_weights())
    assert cached_digest(str(mine)) == first
    assert cached_digest(None) is None  # another set of files
    mine.write_text("base: -0.25\n", encoding="utf-8")  # same length, other content
    assert cached_digest(str(mine)) is None
    assert weights_digest_for(str(mine)) == weights_digest(load_weights(mine)) != first


def test_changed_code_or_version_or_a_damaged_file_is_read_again(cache: Path) -> None:
    expected = weights_digest_for(None)
    lines = cache.read_text().splitlines()
    code = next(n for n, line in enumerate(lines) if line.startswith("code\t"))
    kind, path, size, mtime = lines[code].split("\t")
    for changed in ([*lines[:code], f"{kind}\t{path}\t{size}\t{int(mtime) + 1}",
                     *lines[code + 1:]],                       # a source file touched
                    ["verifier 0.0.1 python 3.11", *lines[1:]],  # another version
                    lines[:1], ["garbage"], []):
        cache.write_text("\n".join(changed) + "\n")
        assert cached_digest(None) is None
        assert weights_digest_for(None) == expected
        assert cached_digest(None) == expected  # rewritten
    cache.write_bytes(b"\xff\xfe")
    assert weights_digest_for(None) == expected


def test_off_and_an_unwritable_folder_leave_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VERIFIER_CACHE", "off")
    assert digest_cache.cache_dir() is None
    assert weights_digest_for(None) == weights_digest(load_weights())
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("VERIFIER_CACHE", str(blocker / "cache"))  # under a file: no folder
    assert weights_digest_for(None) == weights_digest(load_weights())
    monkeypatch.delenv("VERIFIER_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert digest_cache.cache_dir() == tmp_path / "xdg" / "verifier"


def test_stories_list_with_a_remembered_digest_reads_no_yaml(cache: Path, tmp_path: Path
                                                            ) -> None:
    from tests.report_helpers import reviewed_db

    db, _ = reviewed_db(tmp_path, "d.db")
    cache.unlink(missing_ok=True)  # the database's build listed stories too
    code = ("import sys\nsys.argv = ['verifier', 'stories', 'list', '--db', sys.argv[1]]\n"
            "from verifier.cli import main\n"
            "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code\n"
            "print('LOADED', [m for m in ('yaml', 'verifier.scoring.terms', 'rich')"
            " if m in sys.modules])")
    runs = [subprocess.run([sys.executable, "-c", code, db], capture_output=True, text=True,
                           check=True, env=dict(os.environ)).stdout for _ in range(2)]
    assert runs[0].splitlines()[-1] == "LOADED ['yaml', 'verifier.scoring.terms']"
    assert runs[1].splitlines()[-1] == "LOADED []"
    assert runs[0].splitlines()[:-1] == runs[1].splitlines()[:-1]
