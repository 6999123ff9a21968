"""Ctrl-C or SIGTERM while a transaction is being put away (its rollback, the connection's
return to the pool): the command still says one line and exits 130, with no SQLAlchemy
traceback ("Exception during reset or similar") and no "Exception ignored in" on stderr, no
connection is left checked out, and an ingest stopped twice still says what it kept.

Each case runs ``verifier`` in a process of its own that interrupts itself from inside
SQLAlchemy's ``do_rollback`` (the moment fixed by the process, not guessed with a sleep)."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from verifier.store.database import open_database

#: The rollback's ``which``-th call interrupted by ``how`` (with ``signum``), in the scripts
#: below: formatted into each of them (``_script``).
INJECT = """
real = default.DefaultDialect.do_rollback
calls = [0]

def do_rollback(self, connection):
    calls[0] += 1
    if calls[0] == {which}:
        if {how!r} == "raise":
            raise KeyboardInterrupt
        os.kill(os.getpid(), {signum})
    return real(self, connection)
"""


def _script(template: str, *, which: int, how: str,
            signum: int = int(signal.SIGINT)) -> str:
    return template.format(inject=INJECT.format(which=which, how=how, signum=signum))


#: A process whose ``do_rollback`` is interrupted on its ``{which}``th call: by a signal
#: (``signal``: SIGINT or SIGTERM sent to itself, as a terminal's Ctrl-C arrives) or by
#: ``KeyboardInterrupt`` raised right there (``raise``: the worst moment a signal handler
#: could pick). Ctrl-C is given Python's own handler first, as a terminal's process has
#: it (a suite started in the background passes its children SIGINT ignored).
ROLLBACK = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
import sqlalchemy.engine.default as default

{inject}
default.DefaultDialect.do_rollback = do_rollback
from verifier.cli import main
sys.argv[0] = "verifier"
main()
"""


def _run(code: str, *argv: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True,
                          timeout=600, check=False)


@pytest.fixture
def stored(tmp_path: Path) -> str:
    db = str(tmp_path / "cut.db")
    with open_database(db):
        pass
    return db


@pytest.mark.parametrize("which", [1, 2, 3])
@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM", "raise"])
def test_an_interrupted_rollback_is_one_line_and_exit_130(stored: str, which: int,
                                                          how: str) -> None:
    """A verdict on a claim that is not there rolls its transaction back; the rollback,
    and the pool's reset of the connection after it, are interrupted in turn."""
    signum = int(getattr(signal, how, signal.SIGINT))
    code = _script(ROLLBACK, which=which, how="raise" if how == "raise" else "signal",
                   signum=signum)
    process = _run(code, "claims", "mark", "424242", "confirmed", "--evidence",
                   "the ferry timetable", "--by", "tess", "--db", stored)
    message = process.stderr.decode()
    assert process.returncode == 130, message
    assert message == "verifier: interrupted\n", message


#: ``Database.session_scope`` in a process whose rollback is signalled (with the command
#: line's handler, as ``verifier`` runs): the interrupt comes after the clean-up, the pool
#: has every connection back, and the next transaction starts at once.
IN_PROCESS = """
import os, signal, sys, time
import sqlalchemy.engine.default as default
from sqlalchemy import text
from verifier.interrupts import INTERRUPTS, quiet_interrupts
from verifier.store.database import open_database

signal.signal(signal.SIGINT, INTERRUPTS.handler)
quiet_interrupts()
{inject}
database = open_database(sys.argv[1])
default.DefaultDialect.do_rollback = do_rollback
database.engine.pool._timeout = 2
try:
    with database.session_scope(write=True) as session:
        session.execute(text("SELECT 1"))
        raise LookupError("no such claim")
except KeyboardInterrupt:
    print("interrupted")
except LookupError:
    print("not interrupted")
print("checked out", database.engine.pool.checkedout())
started = time.monotonic()
with database.session_scope(write=False) as session:
    session.connection()
print("next", "at once" if time.monotonic() - started < 1.5 else "waited")
database.close()
"""


@pytest.mark.parametrize("which", [1, 2])
@pytest.mark.parametrize("how", ["signal", "raise"])
def test_no_connection_is_left_checked_out(stored: str, which: int, how: str) -> None:
    process = _run(_script(IN_PROCESS, which=which, how=how), stored)
    assert process.stderr.decode() == ""
    lines = process.stdout.decode().splitlines()
    assert lines == ["interrupted", "checked out 0", "next at once"], lines


#: An ingest interrupted once after its first article (the listener signals), and again
#: while it writes what it kept.
TWICE = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
from verifier.cli import ingest

first = ingest._Listener.__call__

def listened(self, result):
    first(self, result)
    if not getattr(listened, "sent", False):
        listened.sent = True
        os.kill(os.getpid(), signal.SIGINT)

message = ingest.interrupted_message

def said(*args):
    os.kill(os.getpid(), signal.SIGINT)
    return message(*args)

ingest._Listener.__call__ = listened
ingest.interrupted_message = said
from verifier.cli import main
sys.argv[0] = "verifier"
main()
"""


def test_a_second_ctrl_c_while_the_ingest_stops_keeps_its_message(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(6):
        (folder / f"{n}.txt").write_text(
            f"The river ferry will run a night service from June, the port authority said "
            f"on Tuesday.\nTickets will cost four euros, a spokesman said.\nIssue {n}.\n",
            encoding="utf-8")
    db = str(tmp_path / "twice.db")
    process = _run(TWICE, "ingest", str(folder), "--db", db, "--jobs", "1")
    message = process.stderr.decode()
    assert process.returncode == 130, message
    assert "Traceback" not in message and "Exception ignored" not in message
    assert "verifier: interrupted: kept " in message, message
    assert message.count("verifier: interrupted") == 1, message


#: An interrupt raised inside a finaliser (``__del__``, a weakref callback: where the pool
#: returns a connection nobody closed) cannot leave it: Python prints "Exception ignored
#: in ..." and the Ctrl-C is lost. With ``quiet_interrupts`` it is raised again after.
FINALISER = """
import signal, time
signal.signal(signal.SIGINT, signal.default_int_handler)
from verifier.interrupts import quiet_interrupts
quiet_interrupts()

class Finalised:
    def __del__(self):
        raise KeyboardInterrupt

try:
    Finalised()
    for _ in range(300):
        time.sleep(0.01)
    print("lost")
except KeyboardInterrupt:
    print("raised again")
"""


def test_an_interrupt_a_finaliser_could_not_raise_is_raised_again_not_printed() -> None:
    process = _run(FINALISER)
    assert (process.stdout.decode(), process.stderr.decode()) == ("raised again\n", "")
