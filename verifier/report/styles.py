"""Rich styles for labels, shared by every terminal view (reports, analyze, review)."""

from __future__ import annotations

#: Sourcing kinds, strongest support in green, refusals and denials in magenta and red.
KIND_STYLE = {
    "official": "bold green",
    "named": "green",
    "media": "cyan",
    "unnamed_official": "yellow",
    "unnamed": "bold yellow",
    "declined": "magenta",
    "denied": "bold red",
    "unattributed": "dim",
}
CERTAINTY_STYLE = {"certain": "", "probable": "yellow", "possible": "bold yellow"}
#: Reviewers' statuses and the open statuses of stories.
STATUS_STYLE = {
    "unverified": "dim",
    "confirmed": "bold green",
    "corroborated": "green",
    "unconfirmed": "yellow",
    "contested": "bold magenta",
    "disputed": "magenta",
    "refuted": "bold red",
}
