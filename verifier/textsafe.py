"""Text made safe for a terminal: control characters removed.

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
