"""The word-class lexicon tests' shared fixture body: a class file read from an edited copy."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
import yaml

from verifier.rules import lexicon


class CachedLoader(Protocol):
    def __call__(self) -> Any: ...
    def cache_clear(self) -> None: ...


def edited_classes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: str,
                   load: CachedLoader) -> Iterator[Callable[[Any], Any]]:
    """``edit(change)``: ``load()`` (a cached loader of the lexicon file ``file``) read from a
    copy of the package's lexicons with ``file`` changed by ``change`` (a function of the
    loaded mapping); the real file is read again after."""
    folder = tmp_path / "lexicons"
    shutil.copytree(Path(lexicon.data_path(lexicon.LEXICON_DIR)), folder)
    monkeypatch.setattr(lexicon, "data_path", lambda name: folder)

    def edit(change: Any) -> Any:
        path = folder / f"{file}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        lexicon.load_data.cache_clear()
        load.cache_clear()
        return load()

    yield edit
    lexicon.load_data.cache_clear()
    load.cache_clear()
