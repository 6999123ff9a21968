"""The ``verifier`` command: a thin Typer layer over the core library.

Each command module parses options, calls one core function and renders the result; the
application is ``verifier.cli.root``'s (``app``, read from here as before). Command modules
import heavy libraries (SQLAlchemy, the analyser) inside the command functions, and this
package imports Typer only when a command runs: ``verifier --help`` is written without it
(``verifier.cli.help``).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from verifier.cli.commands import LAZY as LAZY
    from verifier.cli.root import MAX_INTEGER as MAX_INTEGER
    from verifier.cli.root import LazyGroup as LazyGroup
    from verifier.cli.root import VerifierGroup as VerifierGroup
    from verifier.cli.root import app as app
    from verifier.cli.root import lazy_command as lazy_command
    from verifier.cli.root import lazy_group as lazy_group

#: Names read from ``verifier.cli.root`` when first asked for.
_ROOT = frozenset({"MAX_INTEGER", "LazyGroup", "VerifierGroup", "app", "lazy_command",
                   "lazy_group", "LAZY"})


def __getattr__(name: str) -> Any:
    if name not in _ROOT:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from verifier.cli import root

    value = getattr(root, name)
    globals()[name] = value
    return value


def _terminate(signum: int, frame: Any) -> None:
    """SIGTERM as Ctrl-C: the command stops where it is, says so in one line and exits 130
    (``ingest`` installs its own handler, which lets a chunk being stored finish first)."""
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point: ``verifier --help`` from ``verifier.cli.help``, anything
    else through the Typer application. Ctrl-C or SIGTERM from here on, while the modules
    load or a command runs, ends the process with one line and exit code 130."""
    try:
        if sys.argv[1:] == ["--help"] and os.path.basename(sys.argv[0]) == "verifier" and not any(
                name.startswith("_VERIFIER_COMPLETE") for name in os.environ):
            from verifier.cli.help import root_help

            sys.stdout.write(root_help() + "\n")
            sys.stdout.flush()
            return
        import signal

        if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            signal.signal(signal.SIGTERM, _terminate)
        from verifier.cli.fast import handled

        if handled(sys.argv[1:]):  # a plain quick read: without Typer
            return
        from verifier.interrupts import INTERRUPTS, quiet_interrupts

        # Ctrl-C and SIGTERM wait while a transaction is put away (``verifier.interrupts``)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, INTERRUPTS.handler)
        if signal.getsignal(signal.SIGTERM) is _terminate:
            signal.signal(signal.SIGTERM, INTERRUPTS.handler)
        quiet_interrupts()
        from verifier.cli.root import run

        run()
    except KeyboardInterrupt:
        from verifier.errors import ExitCode

        sys.stderr.write("verifier: interrupted\n")
        sys.exit(int(ExitCode.INTERRUPTED))
