"""Ctrl-C and SIGTERM in a command: one line, exit 130, and nothing half put away.

``INTERRUPTS.handler`` is the command line's handler for both signals (``verifier.cli.main``
installs it; ``ingest`` installs it again around its run). It raises ``KeyboardInterrupt``
at once, except inside ``INTERRUPTS.deferred()``: there the signal waits for the block's
end. The database's transactions end in such a block (``Database.session_scope``: the
rollback, and the session's close that hands its connection back to the pool), so an
interrupt never lands inside SQLAlchemy's own clean-up: one landing in the pool's return
of a connection was logged with its whole traceback by the pool's logger, and one landing
in a garbage-collected connection's finaliser printed "Exception ignored in: ...".

``quiet_interrupts()`` (also installed by ``verifier.cli.main``) covers what still gets
there another way: a pool log record carrying an interrupt is dropped (the command says it
was interrupted, in one line), and an interrupt a finaliser could not raise is delivered
again to the main thread a moment later instead of being printed and lost.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any


class Interrupts:
    """Ctrl-C and SIGTERM (``handler``, installed by the CLI) raise ``KeyboardInterrupt`` at
    once, except inside ``deferred()``: there they wait for its end, so a chunk whose
    transaction committed is always reported as stored (the message says exactly what was
    kept), and a transaction's rollback and close are never cut short. A chunk's write
    lasts a fraction of a second. Only the main thread defers (signal handlers run there;
    the desk's worker threads pass through). A worker process forked from this one keeps
    the handler until its initializer replaces it: there SIGTERM ends the worker as by
    default (no ``KeyboardInterrupt`` traceback, never deferred) and Ctrl-C is the
    parent's to handle."""

    def __init__(self) -> None:
        import os

        self.depth = 0
        self.pending = False
        self.pid = os.getpid()

    def handler(self, signum: int, frame: Any) -> None:
        import os

        if os.getpid() != self.pid:  # a forked worker before ``_start_worker``
            import signal

            if signum == signal.SIGTERM:
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)
            return
        if self.depth:
            self.pending = True
            return
        raise KeyboardInterrupt

    def deferred(self) -> AbstractContextManager[None]:
        """An interrupt inside the block waits for its end, then is raised."""
        return self._held(raise_pending=True)

    def absorbed(self) -> AbstractContextManager[None]:
        """An interrupt inside the block (a second Ctrl-C while the first one's message is
        written) is dropped: the command is already stopping for one."""
        return self._held(raise_pending=False)

    @contextmanager
    def _held(self, *, raise_pending: bool) -> Iterator[None]:
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
            if not self.depth and self.pending:
                self.pending = False
                if raise_pending:
                    raise KeyboardInterrupt


INTERRUPTS = Interrupts()


def _is_interrupt(kind: type[BaseException] | None) -> bool:
    return kind is not None and issubclass(kind, KeyboardInterrupt)


class _PoolLog(logging.Handler):
    """SQLAlchemy's pool records (``sqlalchemy.pool``): one carrying an interrupt is
    dropped; any other is shown as Python shows a record no handler takes (stderr), unless
    the program configured logging of its own (the root logger has a handler: it takes
    them)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and _is_interrupt(record.exc_info[0]):
            return
        if not logging.getLogger().handlers and logging.lastResort is not None:
            logging.lastResort.handle(record)


def _unraisable(hook: Any) -> Any:
    def show(unraisable: Any) -> None:
        if not _is_interrupt(unraisable.exc_type):
            hook(unraisable)
            return
        import _thread
        import signal

        # raised again in the main thread a moment later, once out of the finaliser (not
        # from here: it would be raised inside this hook, and be ignored again)
        later = threading.Timer(0.02, _thread.interrupt_main, (signal.SIGINT,))
        later.daemon = True
        later.start()

    show.verifier_quiet = True  # type: ignore[attr-defined]
    return show


def quiet_interrupts() -> None:
    """Install the pool log handler and the unraisable hook (once per process)."""
    pool = logging.getLogger("sqlalchemy.pool")
    if not any(isinstance(h, _PoolLog) for h in pool.handlers):
        pool.addHandler(_PoolLog())
    if not getattr(sys.unraisablehook, "verifier_quiet", False):
        sys.unraisablehook = _unraisable(sys.unraisablehook)
