"""Articles with no publication date, which every date filter leaves out.

Pasted text rarely says when it was published; such an article's claims and stories are
listed without a date, and ``--since``/``--until`` (the desk's From and To) pass them over.
The lists say so, with the command that dates one, rather than answer "0 claims".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verifier.store.reading import Rows

#: What a list shows for a story none of whose articles is dated.
UNDATED = "undated"
#: The command that gives a stored article its date.
DATE_COMMAND = "verifier articles set ID --published YYYY-MM-DD --by NAME"


def undated_articles(source: Session | Rows) -> tuple[int, int]:
    """How many stored articles have no publication date, and how many there are."""
    from verifier.store.article_reads import undated_counts

    return undated_counts(source)


def left_out_note(undated: int, total: int) -> str | None:
    """The sentence a date-filtered list adds when undated articles were passed over."""
    if not undated:
        return None
    many = undated != 1
    return (f"{undated} of {total} articles {'have' if many else 'has'} no publication date, "
            f"so the date filter leaves {'their' if many else 'its'} claims and stories out "
            f"(`{DATE_COMMAND}` dates one; `verifier articles list` shows them)")


def date_filter_note(source: Session | Rows, filtered: object) -> str | None:
    """With a date filter (``--since``/``--until``, the desk's From and To), the note saying
    how many undated articles it passed over."""
    if not filtered:
        return None
    return left_out_note(*undated_articles(source))
