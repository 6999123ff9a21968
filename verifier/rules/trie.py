"""Many literal phrases as one fast regular expression (a character trie).

Python's ``re`` tries the alternatives of ``a|b|c`` one by one at every position; written as a
trie (``c(?:an|ould)|m(?:ay|ight)``) each position costs a step or two, so a few hundred
phrases scan a megabyte of text in a few tens of milliseconds. Phrases are matched on whole
words, white space inside a phrase matches any run of white space, and ``'`` matches ``’``.
A phrase may carry a lookahead that must hold after it; where it fails, the match falls back
to a shorter phrase at the same position.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # trie key marking the end of a phrase


def normalise(phrase: str) -> str:
    """The key a phrase or a matched text is looked up by: one space, straight apostrophes."""
    return " ".join(phrase.replace("’", "'").split())


def _char(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "'":
        return "['’]"
    return re.escape(ch)


#: The word-start test: no word character or apostrophe before. The ASCII form is the same
#: test on ASCII text, and faster (a plain character set instead of a Unicode category).
_START = r"(?<![\w'’])"
_ASCII_START = r"(?<![a-zA-Z0-9_'’])"


def trie_regex(phrases: Iterable[tuple[str, str | None]], *, ascii_text: bool = False) -> str:
    """A regex source for ``(phrase, lookahead or None)`` pairs, on word boundaries.

    Phrases are normalised (see ``normalise``); match them against lower-cased text when they
    are lower case. Longer phrases win over their prefixes. ``ascii_text``: for use on ASCII
    text only (it matches there exactly what the general form matches, a little faster).
    """
    root: dict[str, object] = {}
    for phrase, lookahead in phrases:
        node = root
        for ch in normalise(phrase):
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        ends = node.setdefault(_END, set())
        assert isinstance(ends, set)
        ends.add(lookahead or "")

    def emit(node: dict[str, object]) -> str:
        alts = [_char(ch) + emit(child) for ch, child in sorted(node.items())
                if ch != _END and isinstance(child, dict)]
        ends = node.get(_END)
        if isinstance(ends, set):
            tails = sorted(ends)
            if "" in tails:
                if not alts:
                    return ""
                body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
                return f"(?:{body})?"
            alts.extend(f"(?={t})" for t in tails)
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    if not root:
        return "(?!)"
    return (_ASCII_START if ascii_text else _START) + "(?:" + emit(root) + r")(?!\w)"


def substring_trie(words: Iterable[str]) -> str:
    """A regex source that finds any of ``words`` as a plain substring (no word boundaries).

    Written as a trie, so a search costs a step or two per position however many words there
    are; a word that another word starts with makes the longer one redundant (only presence
    is tested).
    """
    root: dict[str, dict[str, object]] = {}
    for word in words:
        node: dict[str, object] = root  # type: ignore[assignment]
        for ch in word:
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[_END] = {}

    def emit(node: dict[str, object]) -> str:
        if _END in node:
            return ""
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())
                if isinstance(child, dict)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root) if root else "(?!)"  # type: ignore[arg-type]


def compile_phrases(
    phrases: Iterable[tuple[str, str | None]], *, ascii_text: bool = False
) -> re.Pattern[str]:
    """``trie_regex`` compiled."""
    return re.compile(trie_regex(phrases, ascii_text=ascii_text))

