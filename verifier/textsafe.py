"""Text made safe for a terminal: control characters removed; urls that show as written.

Article text, titles, reviewers' notes and urls come from outside; printed raw, an escape
sequence in them (``ESC [2J`` clears the screen, ``ESC ] 0;...`` retitles the window,
``ESC ] 8;;url`` plants a hyperlink) acts on the reader's terminal. ``printable`` keeps
newline and tab and drops every other C0 and C1 control character (ESC, BEL, CSI...) and DEL,
so what remains of a sequence is shown as plain text. Every terminal path (Rich or
``typer.echo``) passes what it prints through this one function.

May import: nothing of verifier.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters other than newline and tab."""
    return _CONTROL.sub("", text)


def plain_url(url: str) -> bool:
    """Whether every character of ``url`` is one a link shows as it is: no control
    character, no white space and no format character (Unicode's Cf: the bidirectional
    overrides and isolates, zero-width characters). An address holding one shows other
    than where it leads: "https://evil.example/\u202egro.sretuer.www//:sptth" reads as
    "https://evil.example/https://www.reuters.org" in a browser or a bidi terminal. A url
    needing such a character percent-encodes it."""
    import unicodedata

    return not any(ord(c) < 0x20 or c.isspace() or unicodedata.category(c) in ("Cc", "Cf")
                   for c in url)
