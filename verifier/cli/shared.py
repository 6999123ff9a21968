"""What the command modules share that needs no Typer: consoles, JSON and plain output,
the scoring weights and scores a read needs first. ``verifier.cli.reads`` (the read commands
run without Typer) and the Typer commands import them from here."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from rich.console import Console
    from rich.segment import Segment

    from verifier.scoring.weights import Weights

_T = TypeVar("_T")


def make_console(**options: Any) -> Console:
    """A Rich console that cannot be steered by the text it prints: Rich markup and emoji
    codes in strings are off (an article's ``:warning:`` stays those characters), and every
    segment of text (not Rich's own styling codes) passes through
    ``verifier.textsafe.printable``, so an article's escape sequences never reach the
    terminal. Every console of the CLI is made here."""
    from rich.console import Console
    from rich.segment import Segment

    from verifier.textsafe import printable

    def safe(segment: Segment) -> Segment:
        if segment.control:
            return segment
        text = printable(segment.text)
        # a new segment only when a character goes (most have none: a table's thousands)
        return segment if text == segment.text else Segment(text, segment.style, None)

    class SafeConsole(Console):
        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(map(safe, buffer))

    options.setdefault("highlight", False)
    options.setdefault("markup", False)
    options.setdefault("emoji", False)
    options.setdefault("_environ", _sizes_rich_reads())
    return SafeConsole(**options)


def _sizes_rich_reads() -> dict[str, str] | None:
    """The environment without a ``$COLUMNS`` or ``$LINES`` that is no positive number: Rich
    takes any digit for one ("²" is a digit to ``str.isdigit``) and ``int()`` then raised
    out of every command, and a width of 0 printed tables as nothing at all. None (the
    process's own environment) when both are fine."""
    import os

    bad = [name for name in ("COLUMNS", "LINES")
           if (value := os.environ.get(name)) is not None
           and not (value.isascii() and value.strip().isdigit() and int(value) > 0)]
    if not bad:
        return None
    return {k: v for k, v in os.environ.items() if k not in bad}


@cache
def console() -> Console:
    """The stdout console (imported lazily; Rich is not needed for ``--help``)."""
    return make_console()


@cache
def err_console() -> Console:
    return make_console(stderr=True)


def print_json(data: object) -> None:
    """JSON to stdout, UTF-8, stable key order as given; C1 controls and invisible
    reordering characters as ``\\u`` escapes (the same data: nothing acts on a terminal)."""
    import json

    from verifier.textsafe import inert_json

    echo(inert_json(json.dumps(data, ensure_ascii=False, indent=2)))


def echo(text: str) -> None:
    """A line to stdout, flushed (what ``typer.echo`` writes for text without styles)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def safe(text: str) -> str:
    """``text`` fit for the terminal: control characters (but newline and tab) removed."""
    from verifier.textsafe import printable

    return printable(text)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 claim``, ``2 claims`` (``many`` for an irregular plural: ``1 story``, ``2 stories``)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


#: Say so on stderr when a command rescores at least this many stories first.
NOTE_FROM = 500


def weights_for(scoring: str | None) -> Weights:
    """The scoring weights of ``--scoring`` (default: the packaged scoring.yaml), kept
    between runs while their files and code are unchanged (``verifier.scoring.weights_cache``)."""
    from verifier.scoring.weights_cache import load_weights_for

    return load_weights_for(scoring)


def ensure_scores(db: str | None, weights: Weights) -> None:
    """Before listing stories: score the unscored ones (new or changed stories, or all after
    the weights changed). Stories awaiting a rescore after a track-record change are listed
    with their previous score."""
    from verifier.scoring.weights import weights_digest

    _ensure(db, weights_digest(weights), lambda: weights)


def ensure_scores_for(db: str | None, scoring: str | None) -> None:
    """``ensure_scores`` with the weights of ``--scoring``, read only when some story needs
    scoring: the digest that says so is remembered between runs
    (``verifier.scoring.weights_cache``)."""
    from verifier.scoring.weights_cache import weights_digest_for

    _ensure(db, weights_digest_for(scoring), lambda: weights_for(scoring))


def _ensure(db: str | None, digest: str, weights: Callable[[], Weights]) -> None:
    from verifier.store.reading import open_reader
    from verifier.store.stories import has_unscored

    with open_reader(db) as rows:
        unscored = has_unscored(rows, digest)
    if unscored:
        from verifier.store.database import open_database
        from verifier.stories.scores import refresh

        def started(count: int) -> None:
            if count >= NOTE_FROM:
                err_console().print(f"scoring {count} stories first ...", markup=False)

        with open_database(db, create=False) as database:
            refresh(database, weights(), unscored_only=True, on_start=started)


def option_value(read: Callable[[], _T]) -> _T:
    """``read()`` (an option's value read: a date, an outlet the registry must know) with
    its refusal turned into a usage error: a bad option value exits 2 on every command, as
    Click's own bad values do (an unknown *id* given as an argument stays 6)."""
    from verifier.errors import InputError, NotFoundError, UsageError

    try:
        return read()
    except (InputError, NotFoundError) as error:
        raise UsageError(str(error)) from None
