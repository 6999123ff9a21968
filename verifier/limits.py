"""How long the text a person types may be: one table for the desk's forms, the command line
and the library alike.

Each limit is at most the column the value is stored in (``STORED_IN``; a test checks it
against the models), so nothing a reviewer types is cut when stored: an over-long value is
refused whole with a one-line error (``UsageError``: exit 2 on the command line, the form's
error page on the desk) before anything is written. The desk's inputs carry the same
numbers as ``maxlength``.
"""

from __future__ import annotations

from verifier.errors import UsageError

#: what is typed -> the most characters it may have (after its outer spaces are dropped).
LIMITS: dict[str, int] = {
    "evidence": 10_000,          # a verdict's or a correction's evidence
    "note": 10_000,              # a verdict's note
    "reason": 10_000,            # why a verdict is retracted or an article deleted
    "reviewer name": 200,        # --by, the desk's user: verdicts, corrections, audit
    "user name": 100,            # a desk account
    "title": 1000,               # an article's title
    "story title": 500,          # a story's title (rename, split)
    "registry id": 100,          # a registry entry's id
    "outlet name": 300,          # a registry entry's name
    "alias": 300,                # one more name of a registry entry
    "registry url": 500,         # a registry entry's home page
    "country": 10,               # a registry entry's country code
    "prior note": 2000,          # why a registry entry has its prior
    "source words": 1000,        # a correction's source, as the article writes it
    "link": 2000,                # an evidence link, an article's url
}

#: Where each value lands (table, column) when that column has a length; the others are
#: ``Text`` (evidence, notes, reasons) or live in the registry file.
STORED_IN: dict[str, tuple[tuple[str, str], ...]] = {
    "reviewer name": (("verdicts", "reviewer"), ("corrections", "reviewer"),
                      ("audit_log", "actor"), ("deleted_articles", "deleted_by")),
    "user name": (("users", "name"),),
    "title": (("articles", "title"), ("deleted_articles", "title")),
    "story title": (("stories", "title"),),
    "outlet name": (("sources", "name"), ("articles", "outlet")),
    "registry id": (("sources", "key"),),
    "registry url": (("sources", "url"),),
    "country": (("sources", "country"),),
    "source words": (("attributions", "source_text"),),
    "link": (("verdicts", "url"), ("articles", "url")),
}


#: The sign-in throttle (the desk's ``/login``): this many failed sign-ins for one account
#: name, or from one client address, within ``SIGN_IN_WINDOW_S`` seconds refuse further
#: attempts for that name or from that address (without checking the password) until the
#: oldest of them is older than the window; each failure is in the audit log.
SIGN_IN_FAILURES = 5
SIGN_IN_WINDOW_S = 15 * 60


def check_length(what: str, value: str | None) -> None:
    """``UsageError``, one line, if ``value`` (its outer spaces dropped) is longer than
    ``what`` may be."""
    limit = LIMITS[what]
    length = len((value or "").strip())
    if length > limit:
        raise UsageError(f"the {what} is {length:,} characters long: at most {limit:,} "
                         "(nothing was saved)")


def check_lengths(**values: str | None) -> None:
    """``check_length`` for each keyword (its name with ``_`` for spaces)."""
    for name, value in values.items():
        check_length(name.replace("_", " "), value)


def page_notes(offset: int, shown: int, more_from: int | None) -> list[str]:
    """What a list's title says of its page: where it starts, that an offset past the end
    lists none, and the ``--offset`` that shows the next rows (``more_from``; None: none)."""
    return ([f"from {offset + 1}"] * bool(offset)
            + ["the list ends before it"] * bool(offset and not shown)
            + [f"more with --offset {more_from}"] * (more_from is not None))


def check_page(limit: int, offset: int, *, most: int) -> None:
    """``UsageError``, one line, unless a page of a list asks for 1 to ``most`` rows from a
    row that exists (0 on): the same words on the command line (``--limit``, ``--offset``)
    and on the desk (its ``limit`` and ``offset`` fields, said without the dashes)."""
    if not 1 <= limit <= most:
        raise UsageError(f"--limit must be between 1 and {most}")
    if offset < 0:
        raise UsageError("--offset must not be negative")
