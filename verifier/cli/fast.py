"""The desk's quick reads run without Typer: ``articles list|orphaned``, ``claims show|list``,
``stories show|list``, ``sources show``, ``users list`` and ``report``, when their command
line is plain (known options with plain values, ids as digits). Typer's import is ~0.1 s
CPU, a third of such a read; these call the same functions the Typer commands call
(``verifier.cli.reads``) with the same arguments. Anything else (``--help``, an unknown or
misspelt option, an id that is not digits, a missing value, shell completion) is left to
Typer, which answers it as before: ``handled`` returns None for it before doing anything. A
test compares every option here with the Typer command's (name, flag, type, default,
environment variable) and the output of both ways on the same command lines."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from typing import Any

#: Environment variables the Typer options read when the option is not given.
DB_ENV, SOURCES_ENV, SCORING_ENV = "VERIFIER_DB", "VERIFIER_SOURCES", "VERIFIER_SCORING"
#: The root's options before the command (``verifier --db X claims show 1``): they set the
#: variable the command's option reads, as the root's callback does.
ROOT = {"--db": DB_ENV, "--sources": SOURCES_ENV}
_ID = re.compile(r"[0-9]{1,18}")
_DECIMAL = re.compile(r"[0-9]{1,6}(?:\.[0-9]{0,12})?|\.[0-9]{1,12}")


class Id(int):
    """The kind of an id (an argument or option declared ``min=1`` on the Typer command): a
    value below 1 is left to Typer, which refuses it as bad usage."""


@dataclass(frozen=True)
class Read:
    """One read command: the ``verifier.cli.reads`` function, its arguments (parameter,
    type) in order, its options (flag -> parameter, type: ``bool`` for a flag) and the
    environment variable each parameter falls back to."""

    function: str
    arguments: tuple[tuple[str, type], ...]
    options: dict[str, tuple[str, type]]
    env: dict[str, str]


_DB = {"--db": ("db", str)}
#: Options naming a file or database: empty, they are left to Typer, which refuses them.
_FILES = ("--db", "--sources", "--scoring")
_JSON = {"--json": ("json_output", bool)}
READS: dict[tuple[str, ...], Read] = {
    ("articles", "list"): Read("articles_list", (), {
        "--outlet": ("outlet", str), "--limit": ("limit", int), "--offset": ("offset", int),
        **_DB, **_JSON,
    }, {"db": DB_ENV}),
    ("claims", "show"): Read("claims_show", (("claim_id", Id),), {**_DB, **_JSON},
                             {"db": DB_ENV}),
    ("claims", "list"): Read("claims_list", (), {
        "--status": ("status", str), "--sourcing": ("sourcing", str),
        "--certainty": ("certainty", str), "--outlet": ("outlet", str),
        "--article": ("article", Id), "--story": ("story", Id), "--since": ("since", str),
        "--until": ("until", str), "--search": ("search", str), "--sort": ("sort", str),
        "--limit": ("limit", int), "--offset": ("offset", int), **_DB, **_JSON,
        "--csv": ("csv_output", bool), "--matches": ("matches", bool),
        "--min-score": ("min_score", float), "--max-score": ("max_score", float),
    }, {"db": DB_ENV}),
    ("stories", "show"): Read("stories_show", (("story_id", Id),), {
        **_DB, "--scoring": ("scoring", str), **_JSON,
        "--limit": ("limit", int), "--offset": ("offset", int),
    }, {"db": DB_ENV, "scoring": SCORING_ENV}),
    ("stories", "list"): Read("stories_list", (), {
        "--min-claims": ("min_claims", int), "--status": ("status", str),
        "--article": ("article", Id), "--since": ("since", str), "--until": ("until", str),
        "--search": ("search", str), "--min-score": ("min_score", float),
        "--max-score": ("max_score", float),
        "--sort": ("sort", str), "--limit": ("limit", int), "--offset": ("offset", int),
        **_DB, "--scoring": ("scoring", str), **_JSON, "--csv": ("csv_output", bool),
    }, {"db": DB_ENV, "scoring": SCORING_ENV}),
    ("sources", "show"): Read("sources_show", (("source", str),), {
        "--sources": ("sources", str), **_DB, **_JSON,
    }, {"sources": SOURCES_ENV, "db": DB_ENV}),
    ("users", "list"): Read("users_list", (), {**_DB, **_JSON}, {"db": DB_ENV}),
    ("articles", "orphaned"): Read("articles_orphaned", (), {
        "--limit": ("limit", int), **_DB, **_JSON,
    }, {"db": DB_ENV}),
    # one article, story or source, in a format, to stdout (a file, the selections and
    # ClaimReview's publisher: Typer)
    ("report",): Read("report", (), {
        "--article": ("article", Id), "--story": ("story", Id), "--source": ("source", str),
        "--format": ("fmt", str), **_DB, "--scoring": ("scoring", str),
    }, {"db": DB_ENV, "scoring": SCORING_ENV, "publisher_url": "VERIFIER_PUBLISHER_URL",
        "org": "VERIFIER_ORG"}),
}


def _value(text: str, kind: type) -> Any:
    """``text`` as ``kind``, or None when Typer should read it (an id not plain digits)."""
    if kind is Id:  # 0 (or 00): Typer's "0 is not an id"
        return int(text) if _ID.fullmatch(text) and int(text) >= 1 else None
    if kind is int:
        return int(text) if _ID.fullmatch(text) else None
    if kind is float:  # a plain decimal ("0.4", ".4", "1"); else Typer reads it
        return float(text) if _DECIMAL.fullmatch(text) else None
    return text


def parse(argv: list[str]) -> tuple[Read, dict[str, Any], dict[str, str]] | None:
    """The read, its keyword arguments and the root's options (as the environment variables
    they set) for a plain command line, else None."""
    if any(name.startswith("_VERIFIER_COMPLETE") for name in os.environ):
        return None
    found = _root_options(list(argv))
    if found is None:
        return None
    root, args = found
    words = next((w for w in READS if tuple(args[:len(w)]) == w), None)
    if words is None:
        return None
    read = READS[words]
    given = _given(read, args[len(words):])
    if given is None:
        return None
    for parameter, variable in read.env.items():
        if parameter not in given:
            fallback = root.get(variable) or os.environ.get(variable)
            if fallback:
                given[parameter] = fallback
    return read, given, root


def _root_options(args: list[str]) -> tuple[dict[str, str], list[str]] | None:
    """The root's options before the command (as the environment variables they set) and
    the words after them; None when one has no value (Typer says so)."""
    root: dict[str, str] = {}
    while args and args[0].split("=", 1)[0] in ROOT:
        flag, eq, inline = args[0].partition("=")
        if eq:
            value, args = inline, args[1:]
        elif len(args) > 1 and not args[1].startswith("-"):
            value, args = args[1], args[2:]
        else:
            return None
        if not value:  # `--db ""`: Typer says it names nothing
            return None
        root[ROOT[flag]] = value
    return root, args


def _given(read: Read, rest: list[str]) -> dict[str, Any] | None:
    """The read's keyword arguments from the words after the command: its options, then its
    arguments in order; None for anything Typer should answer (an unknown option, a missing
    or unplain value, a wrong number of arguments)."""
    given: dict[str, Any] = {}
    positional: list[str] = []
    i = 0
    while i < len(rest):
        word = rest[i]
        if not word.startswith("-"):
            positional.append(word)
            i += 1
            continue
        option = _option(read, rest, i)
        if option is None:
            return None
        parameter, value, i = option
        given[parameter] = value
    if len(positional) != len(read.arguments):
        return None
    for (parameter, kind), text in zip(read.arguments, positional, strict=True):
        value = _value(text, kind)
        if value is None:
            return None
        given[parameter] = value
    return given


def _option(read: Read, rest: list[str], i: int) -> tuple[str, Any, int] | None:
    """The option at ``rest[i]``: its parameter, its value and where the next word is; None
    for --help, -h, --, an unknown or misspelt option, a negative id, a flag given a value,
    a missing or unplain value, an empty file name."""
    flag, eq, inline = rest[i].partition("=")
    option = read.options.get(flag)
    if option is None:
        return None
    parameter, kind = option
    if kind is bool:
        return None if eq else (parameter, True, i + 1)
    if eq:
        text, i = inline, i + 1
    elif i + 1 < len(rest) and not rest[i + 1].startswith("-"):
        text, i = rest[i + 1], i + 2
    else:
        return None
    value = _value(text, kind)
    if value is None or (value == "" and flag in _FILES):
        return None
    return parameter, value, i


def handled(argv: list[str]) -> bool:
    """Run ``argv`` here if it is a plain read (True), else leave it to Typer (False).
    Errors as the Typer application gives them: one line and the error's exit code."""
    found = parse(argv)
    if found is None:
        return False
    read, arguments, root = found
    os.environ.update(root)  # as the root's callback does: the registry reads use it too
    from verifier.cli import reads
    from verifier.errors import ExitCode, VerifierError
    from verifier.textsafe import one_line

    try:
        getattr(reads, read.function)(**arguments)
        sys.stdout.flush()
    except VerifierError as error:
        sys.stderr.write(one_line(f"verifier: error: {error}") + "\n")
        sys.exit(int(error.exit_code))
    except OverflowError:  # as ``VerifierGroup.invoke`` says it
        from verifier.cli.commands import TOO_LARGE

        sys.stderr.write(TOO_LARGE + "\n")
        sys.exit(int(ExitCode.USAGE))
    except BrokenPipeError:  # a reader that stopped early (``| head``): quiet, exit 1
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    return True
