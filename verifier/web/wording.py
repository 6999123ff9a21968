"""A refusal said in the desk's words: the core library's errors name the command line's
options and commands ("needs evidence (--evidence)", "retract it first (`verifier claims
retract 10`)"), which a reviewer at the desk has no use for. Each pattern is matched in
order; what no pattern matches is shown as it is."""

from __future__ import annotations

import re

#: (pattern, what the desk says instead): the form's own field names and buttons.
DESK_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), words) for pattern, words in (
        (r" \(--evidence\)", ""),
        (r" \(--by\)", ""),
        (r"say which verdict stands with --status, --evidence and --by",
         "say which verdict stands (Which verdict stands, with the evidence for it)"),
        (r"\(`verifier (?:claims|stories) retract \d+[^`]*`(?:, or Retract on the claim "
         r"page)?\)", "(Retract under its verdict history)"),
        (r"\(see `verifier claims show \d+` for its matches\)",
         "(its page lists the earlier verdicts it matches)"),
        (r"`verifier articles orphaned`(?:, the desk's Orphaned page)?", "the Orphaned page"),
        (r"--since is after --until", "From is after To"),
        (r"--search needs at least one word", "Words needs at least one word"),
        (r"--(limit|offset|min-claims) ", r"\1 "),
        # the Score filter's two boxes (their labels: lowest and highest score)
        (r"--min-score is above --max-score", "the lowest score is above the highest"),
        (r"--min-score must be", "the lowest score must be"),
        (r"--max-score must be", "the highest score must be"),
        (r" \(e\.g\. \w+:the finance ministry\)", " (under Source words, beside its kind)"),
        (r"\(`verifier articles set ID --published YYYY-MM-DD --by NAME` dates one; "
         r"`verifier articles list` shows them\)",
         "(an editor gives one its date on the article's page, under “edit or delete”; the "
         "Articles page shows them as undated)"),
    )
)


def desk_words(message: str) -> str:
    """``message`` with the command line's options and commands put as the desk says them."""
    for pattern, words in DESK_WORDS:
        message = pattern.sub(words, message)
    return message
