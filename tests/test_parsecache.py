"""Parsed YAML kept between runs (``verifier.parsecache``): a hit gives exactly what parsing
gives, a changed, corrupt or unwritable entry falls back to parsing, and errors are those of
an uncached read."""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier import parsecache
from verifier.errors import ConfigError
from verifier.parsecache import read_yaml_cached
from verifier.yamlio import load_yaml, read_yaml

REGISTRY = """sources:
- id: harbour-post
  name: Harbour Post
  kind: newspaper
  aliases: [The Harbour Post]
  prior: {confirmed: 3, refuted: 1.5, note: Invented for a test.}
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(parsecache.CACHE_ENV, str(folder))
    return folder


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> object:
        raise AssertionError("parsed again")

    monkeypatch.setattr(parsecache, "load_yaml", refuse)


def test_a_second_read_comes_from_the_cache_and_equals_the_parse(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    first = read_yaml_cached(path, "source registry")
    assert first == read_yaml(path, "source registry")
    assert len(list(cache.glob("yaml-*.json"))) == 1
    _no_parsing(monkeypatch)
    again = read_yaml_cached(path, "source registry")
    assert again == first
    assert type(again["sources"][0]["prior"]["confirmed"]) is int  # 3 stays an int
    assert type(again["sources"][0]["prior"]["refuted"]) is float


def test_a_changed_file_is_parsed_again_and_replaces_its_entry(
    cache: Path, tmp_path: Path
) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    read_yaml_cached(path, "source registry")
    path.write_text(REGISTRY.replace("Harbour Post", "Quay Herald"), encoding="utf-8")
    found = read_yaml_cached(path, "source registry")
    assert found["sources"][0]["name"] == "Quay Herald"
    assert len(list(cache.glob("yaml-*.json"))) == 1


def test_a_corrupt_or_foreign_entry_is_a_miss(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    read_yaml_cached(path, "source registry")
    (entry,) = cache.glob("yaml-*.json")
    for text in ("{not json", '{"format": 1, "sha256": "0", "data": {"sources": []}}', "[]"):
        entry.write_text(text, encoding="utf-8")
        assert read_yaml_cached(path, "source registry") == read_yaml(path, "source registry")


def test_errors_are_those_of_an_uncached_read_and_nothing_is_kept(
    cache: Path, tmp_path: Path
) -> None:
    twice = tmp_path / "twice.yaml"
    twice.write_text("sources: []\nsources: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="is given twice"):
        read_yaml_cached(twice, "source registry")
    with pytest.raises(ConfigError, match="not found"):
        read_yaml_cached(tmp_path / "missing.yaml", "source registry")
    dated = tmp_path / "dated.yaml"  # a date is not JSON: parsed every time, never kept
    dated.write_text("when: 2024-03-01\n", encoding="utf-8")
    assert read_yaml_cached(dated, "x") == read_yaml(dated, "x")
    assert not list(cache.glob("yaml-*.json"))


def test_an_unwritable_cache_or_off_still_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(parsecache.CACHE_ENV, str(blocker / "cache"))  # cannot be a folder
    assert read_yaml_cached(path, "source registry") == read_yaml(path, "source registry")
    monkeypatch.setenv(parsecache.CACHE_ENV, "off")
    assert parsecache.cache_dir() is None
    assert read_yaml_cached(path, "source registry") == read_yaml(path, "source registry")


def test_the_packaged_registry_loads_the_same_from_the_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verifier.config import data_path
    from verifier.registry import parse_registry

    path = data_path("sources.yaml")
    parsed = parse_registry(read_yaml(path, "source registry"), str(path))
    read_yaml_cached(path, "source registry")
    _no_parsing(monkeypatch)
    kept = parse_registry(read_yaml_cached(path, "source registry"), str(path))
    assert list(kept) == list(parsed)


def test_packaged_files_are_where_importlib_resources_finds_them() -> None:
    from importlib import resources

    from verifier.config import data_path

    for name in ("story_words.yaml", "scoring.yaml"):
        assert data_path(name) == Path(str(resources.files("verifier") / "data" / name))
        assert data_path(name).is_file()


def test_the_cache_keeps_at_most_its_bound_the_oldest_written_removed_first(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import time

    monkeypatch.setattr(parsecache, "MAX_ENTRIES", 3)
    files: list[Path] = []
    for n in range(5):
        path = tmp_path / f"checkout{n}" / "sources.yaml"
        path.parent.mkdir()
        path.write_text(REGISTRY, encoding="utf-8")
        read_yaml_cached(path, "source registry")
        files.append(path)
        kept = sorted(cache.glob("yaml-*.json"), key=lambda e: e.stat().st_mtime)
        for age, entry in enumerate(reversed(kept)):  # written a second apart, newest last
            os.utime(entry, (time.time() - age, time.time() - age))
    assert len(list(cache.glob("yaml-*.json"))) == 3
    # the newest three are hits; the oldest two were removed and are parsed again
    parsed: list[str] = []

    def counted(text: str) -> object:
        parsed.append(text)
        return load_yaml(text)

    monkeypatch.setattr(parsecache, "load_yaml", counted)
    for path in files[2:]:
        assert read_yaml_cached(path, "source registry") == read_yaml(path, "source registry")
    assert parsed == []
    read_yaml_cached(files[0], "source registry")
    assert len(parsed) == 1
    # a writer's temporary file left an hour ago is removed at the next write, a fresh one kept
    stale, fresh = cache / ".yaml-stale.tmp", cache / ".yaml-fresh.tmp"
    stale.write_text("{", encoding="utf-8")
    fresh.write_text("{", encoding="utf-8")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    monkeypatch.undo()
    monkeypatch.setenv(parsecache.CACHE_ENV, str(cache))
    read_yaml_cached(files[1], "source registry")
    assert not stale.exists() and fresh.exists()
