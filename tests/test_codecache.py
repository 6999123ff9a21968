"""The dataclasses' generated methods compiled once and kept between runs of the command
(``verifier.cli.codecache``): the same classes, read only from a private file."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from verifier.cli import codecache


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Nothing kept or installed; ``dataclasses`` as it was afterwards."""
    monkeypatch.setattr(codecache, "_codes", {})
    monkeypatch.setattr(codecache, "_new", {})
    monkeypatch.setattr(codecache, "_where", [])
    monkeypatch.delattr(dataclasses, "exec", raising=False)
    yield
    vars(dataclasses).pop("exec", None)


def _record() -> type:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Record:
        """A record of my own."""

        name: str
        count: int = 0
        tags: tuple[str, ...] = ()

    return Record


def _behaviour(cls: type) -> tuple[object, ...]:
    a, b = cls("x", 2, ("t",)), cls("x", 2, ("t",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.count = 3
    return (repr(a), a == b, hash(a) == hash(b), a != cls("y"),
            [f.name for f in dataclasses.fields(cls)],
            {n: getattr(cls, n).__code__.co_code for n in ("__init__", "__repr__", "__eq__",
                                                             "__hash__", "__setattr__")})


@pytest.mark.usefixtures("fresh")
def test_kept_code_makes_the_same_classes(tmp_path: Path) -> None:
    plain = _behaviour(_record())
    assert codecache.install(tmp_path)
    first = _behaviour(_record())  # compiled, then kept
    assert codecache._new
    codecache.save()
    kept = tmp_path / next(p.name for p in tmp_path.iterdir())
    assert kept.stat().st_mode & 0o777 == 0o600
    codecache._codes.clear()
    vars(dataclasses).pop("exec")
    assert codecache.install(tmp_path) and codecache._codes  # read back
    assert _behaviour(_record()) == first == plain
    assert not codecache._new  # every text was kept
    assert not codecache.install(tmp_path)  # once per process
    assert not codecache.install(None)


@pytest.mark.usefixtures("fresh")
def test_a_file_others_can_write_or_a_corrupt_one_is_not_read(tmp_path: Path) -> None:
    assert codecache.install(tmp_path)
    _record()
    codecache.save()
    (kept,) = tmp_path.iterdir()
    for spoil in ("open", "corrupt"):
        codecache._codes.clear()
        vars(dataclasses).pop("exec")
        if spoil == "open":
            kept.chmod(0o666)
        else:
            kept.chmod(0o600)
            kept.write_bytes(b"\x00not marshal")
        assert codecache.install(tmp_path)
        assert not codecache._codes
        assert _behaviour(_record())  # compiled as without the cache


def test_the_command_keeps_them_and_reads_them_back(tmp_path: Path) -> None:
    """Two runs of ``stories show`` through the console script's ``main``: the same
    output; the second compiles nothing new, so the file is not written again."""
    from tests.report_helpers import reviewed_db

    db, _ = reviewed_db(tmp_path, "codes.db")
    code = ("import sys\n"
            f"sys.argv = ['verifier', 'stories', 'show', '1', '--db', {db!r}]\n"
            "from verifier.cli import main\n"
            "main()")
    cache = tmp_path / "cache"
    env = {**os.environ, "VERIFIER_CACHE": str(cache), "COLUMNS": "80"}

    def run() -> str:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, env=env).stdout

    first = run()
    (kept,) = cache.glob("dataclass-code-*")
    written = kept.stat().st_mtime_ns
    assert run() == first and first.startswith("Story 1: ")
    assert kept.stat().st_mtime_ns == written
    assert not list(cache.glob(".code-*"))  # no temporary file left
    env["VERIFIER_CACHE"] = "off"
    assert run() == first
