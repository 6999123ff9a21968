"""Compiled patterns kept between runs (verifier.rules.patterncache): the same patterns."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from verifier.rules import patterncache, regex_gate

_fresh = itertools.count()


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    """A cache folder of this test's own, installed; the process's cache put back after."""
    before = os.environ.get("VERIFIER_CACHE")
    patterncache.uninstall()
    os.environ["VERIFIER_CACHE"] = str(tmp_path)
    patterncache.install()
    try:
        yield tmp_path
    finally:
        patterncache.uninstall()
        if before is None:
            del os.environ["VERIFIER_CACHE"]
        else:
            os.environ["VERIFIER_CACHE"] = before
        patterncache.install()


def _unique(body: str) -> str:
    """A pattern no test compiled before (``re``'s own cache would answer otherwise)."""
    return f"(?:{body})|zz{next(_fresh)}qq{os.getpid()}"


def _restart() -> None:
    """What the next process does: the kept file written, then read afresh."""
    store = patterncache._store
    assert store is not None
    store.save()
    patterncache.uninstall()
    patterncache.install()
    re.purge()


def _refuse(*_: Any) -> Any:
    raise AssertionError("compiled again")


def test_a_pattern_compiled_before_is_built_from_the_kept_code(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _unique(r"(?P<who>[A-Z]\w+) (?:said|says)(?=,)|(?i:the ministry)\b")
    first = re.compile(source, re.MULTILINE)
    _restart()
    assert list(cache.glob("patterns-*.bin"))
    monkeypatch.setattr(patterncache, "_ORIGINAL", _refuse)
    kept = re.compile(source, re.MULTILINE)
    assert kept == first and kept is not first
    assert (kept.pattern, kept.flags, kept.groups) == (first.pattern, first.flags, first.groups)
    assert dict(kept.groupindex) == dict(first.groupindex) == {"who": 1}
    text = "Then Anna said, and THE MINISTRY\nsaid nothing"
    assert [m.span() for m in kept.finditer(text)] == [m.span() for m in first.finditer(text)]
    assert kept.search(text) is not None and kept.search(text)["who"] == "Anna"  # type: ignore[index]


def test_a_bad_pattern_raises_as_always_and_is_not_kept(cache: Path) -> None:
    source = _unique("(unclosed")
    with pytest.raises(re.error):
        re.compile(source)
    _restart()
    with pytest.raises(re.error):
        re.compile(source)
    store = patterncache._store
    assert store is not None
    assert (source, 0) not in store.load()


def test_a_kept_entry_the_engine_refuses_is_dropped_and_compiled_again(cache: Path) -> None:
    source = _unique(r"\bwent (?:on|off)\b")
    first = re.compile(source)
    _restart()
    store = patterncache._store
    assert store is not None
    flags, code, groups, names = store.load()[(source, 0)]
    store.load()[(source, 0)] = (flags, code[: len(code) // 2], groups, names)  # cut short
    again = re.compile(source)
    assert again == first
    assert store.load()[(source, 0)][1] == code  # kept again, whole


def test_a_file_of_another_python_or_corrupt_is_ignored(cache: Path) -> None:
    source = _unique(r"denied (?:it|that)")
    first = re.compile(source)
    _restart()
    (path,) = cache.glob("patterns-*.bin")
    path.write_bytes(b"not marshal at all")
    patterncache.uninstall()
    patterncache.install()
    re.purge()
    assert re.compile(source) == first


def test_off_installs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    patterncache.uninstall()
    monkeypatch.setenv("VERIFIER_CACHE", "off")
    try:
        patterncache.install()
        assert patterncache._store is None
        assert patterncache._compiler.compile is patterncache._ORIGINAL
    finally:
        monkeypatch.undo()
        patterncache.install()


def test_gates_prefixes_and_first_characters_are_kept_the_same(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [_unique(r"(?:told|tells) reporters"), _unique(r"sa(?:id|ys|y)\b"),
               _unique(r"(?i:according) to")]
    compiled = [re.compile(s) for s in sources]
    found = [(regex_gate.gate(p), regex_gate.prefixes(p), regex_gate.first_class(p.pattern))
             for p in compiled]
    assert found[0][0].words is not None
    _restart()
    monkeypatch.setattr(regex_gate, "_parse", _refuse)
    assert [(regex_gate.gate(p), regex_gate.prefixes(p), regex_gate.first_class(p.pattern))
            for p in compiled] == found


def test_a_file_others_can_write_is_not_read(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _unique(r"(?:refused|declined) to comment")
    first = re.compile(source)
    _restart()
    (path,) = cache.glob("patterns-*.bin")
    path.chmod(0o666)
    patterncache.uninstall()
    patterncache.install()
    re.purge()
    store = patterncache._store
    assert store is not None
    assert store.load() == {}
    assert re.compile(source) == first


def test_a_process_with_another_hash_seed_compiles_nothing_new(tmp_path: Path) -> None:
    # a pattern built from a set's order would differ from process to process: kept by one,
    # missed by the next, and the kept file would grow with every run
    import subprocess
    import sys

    script = (
        "from verifier.analysis.analyse import analyse_text\n"
        "from verifier.rules import patterncache\n"
        "analyse_text('Harbour plan approved\\nThe council approved the plan on Tuesday, "
        "council member Dana Ortiz said. \"It will start in May,\" she told reporters.')\n"
        "store = patterncache._store\n"
        "print('added' if store is not None and store.added else 'nothing new')\n"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "VERIFIER_CACHE": str(tmp_path), "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, check=True)
        outputs.append(done.stdout.strip())
    assert outputs == ["added", "nothing new"]


def test_a_fact_kept_by_a_changed_computation_is_computed_again(
        cache: Path, tmp_path: Path) -> None:
    """Facts are kept under the digest of the file that computes them: an upgraded
    computation never reads what the older one kept."""
    module = tmp_path / "facts_of_patterns.py"
    calls: list[str] = []

    def load(answer: str) -> Any:
        module.write_text(f"def compute():\n    return {answer!r}\n", encoding="utf-8")
        namespace: dict[str, Any] = {"__file__": str(module)}
        exec(compile(module.read_text(encoding="utf-8"), str(module), "exec"), namespace)
        patterncache._digests.pop(str(module), None)  # a new process reads the file again
        compute = namespace["compute"]

        def counted() -> Any:
            calls.append(answer)
            return compute()

        counted.__code__ = counted.__code__.replace(co_filename=str(module))
        return counted

    source = _unique("kept facts")
    assert patterncache.remembered("fact", source, 0, load("old")) == "old"
    _restart()
    assert patterncache.remembered("fact", source, 0, load("old")) == "old"
    assert calls == ["old"]  # the same file: the kept fact, not computed again
    _restart()
    assert patterncache.remembered("fact", source, 0, load("new")) == "new"
    assert calls == ["old", "new"]


def _kept_keys(cache: Path) -> list[str]:
    import marshal

    (path,) = cache.glob("patterns-*.bin")
    _, patterns, _ = marshal.loads(path.read_bytes())
    return [pattern for pattern, _ in patterns]


def test_the_kept_file_drops_what_no_run_used_for_longest_first(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b, c, d = (_unique(body) for body in (r"told \w+", r"said \w+", r"denied \w+", "wrote"))
    for source in (a, b, c):
        re.compile(source)
    _restart()
    assert _kept_keys(cache) == [a, b, c]
    monkeypatch.setattr(patterncache, "MAX_ENTRIES", 3)
    re.compile(c)  # built from the kept code: used by this run, as is ``a``
    re.compile(a)
    re.compile(d)  # new: the file is written, ``b`` (used by no run since) dropped first
    _restart()
    assert _kept_keys(cache) == [c, a, d]
    re.compile(b)  # compiled again and kept; the oldest, ``c``, dropped
    _restart()
    assert _kept_keys(cache) == [a, d, b]


def test_the_kept_file_holds_at_most_max_bytes_of_patterns(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [_unique("|".join(f"word{n}x{i}" for i in range(40))) for n in range(4)]
    compiled = [re.compile(s) for s in sources]
    store = patterncache._store
    assert store is not None
    sizes = [patterncache._size((s, 0), store.load()[(s, 0)]) for s in sources]
    monkeypatch.setattr(patterncache, "MAX_BYTES", sizes[2] + sizes[3] + sizes[3] // 2)
    _restart()
    assert _kept_keys(cache) == sources[2:]
    monkeypatch.setattr(patterncache, "_ORIGINAL", _refuse)
    assert re.compile(sources[3]) == compiled[3]  # kept ones are still built, not compiled


def test_a_writer_s_stale_temporary_file_is_removed(cache: Path) -> None:
    stale, fresh = cache / ".patterns-stopped.tmp", cache / ".patterns-writing.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"half a file")
    old = stale.stat().st_mtime - 2 * patterncache.STALE_SECONDS
    os.utime(stale, (old, old))
    re.compile(_unique("stopped writing"))
    _restart()
    assert not stale.exists() and fresh.exists()


def test_only_a_process_that_loads_the_lexicons_reads_the_kept_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = (
        "import re, sys\n"
        "import verifier.rules.regex_gate, verifier.scoring.terms, verifier.stories.view\n"
        "from verifier.rules import patterncache\n"
        "re.compile('read commands compile a few patterns')\n"
        "print(patterncache._store is None)\n"
        "import verifier.rules.lexicon\n"
        "print(patterncache._store is not None)\n"
    )
    env = {**os.environ, "VERIFIER_CACHE": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, check=True)
    assert done.stdout.split() == ["True", "True"]


def test_a_file_over_the_bounds_is_pruned_by_the_next_run_that_reads_it(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [_unique(f"over{n}") for n in range(3)]
    for source in sources:
        re.compile(source)
    _restart()
    monkeypatch.setattr(patterncache, "MAX_ENTRIES", 2)
    re.compile(sources[0])  # used, nothing added
    store = patterncache._store
    assert store is not None and not store.added
    _restart()
    assert _kept_keys(cache) == [sources[2], sources[0]]
