"""The errors verifier reports to its users.

Every exception here carries a message written for the person at the terminal; the CLI turns
each into one line on stderr and a fixed exit code (see ``ExitCode``). Library code raises these
and never prints.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, fixed so scripts can rely on them."""

    OK = 0
    FAILURE = 1  # some inputs failed, the rest were processed
    USAGE = 2  # bad option or argument (Typer/Click also use 2)
    INPUT = 3  # unreadable or invalid input file
    CONFIG = 4  # invalid sources.yaml, lexicon or scoring file
    DATABASE = 5  # database missing, unreadable, too new, or not a database
    NOT_FOUND = 6  # unknown id
    INTERRUPTED = 130


class VerifierError(Exception):
    """Base class: ``str(error)`` is the one line the user reads."""

    exit_code: ExitCode = ExitCode.FAILURE


class InputError(VerifierError):
    """An input file or text that cannot be read or analysed."""

    exit_code = ExitCode.INPUT


class ConfigError(VerifierError):
    """An invalid registry, lexicon, scoring or configuration file."""

    exit_code = ExitCode.CONFIG


class DatabaseError(VerifierError):
    """The database cannot be opened, migrated or written."""

    exit_code = ExitCode.DATABASE


class NotFoundError(VerifierError):
    """A claim, story, article or source id that does not exist."""

    exit_code = ExitCode.NOT_FOUND


class UsageError(VerifierError):
    """A combination of options or values that makes no sense."""

    exit_code = ExitCode.USAGE


class InputWarning(UserWarning):
    """An input read, but by a guess the user should know of (an HTML page that is not
    UTF-8 and declares no charset, read as Windows-1252): the CLI prints it as one line,
    ``verifier: warning: ...``."""
