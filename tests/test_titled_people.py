"""``store.sources._titled_people`` (the people an article names after a title) reads the
text split once into words and gaps: the same people, at the same offsets, as reading it a
word at a time (the plain definition below)."""

from __future__ import annotations

import random

from verifier.store import sources
from verifier.store.sources import _Titled


def _plain(text: str) -> list[_Titled]:
    """The definition: every word with its offsets, looked at one after another."""
    words = [(m.start(), m.end(), m.group(0).replace("’", "'"))
             for m in sources._TEXT_WORD.finditer(text)]
    found: list[_Titled] = []

    def joined(at: int) -> bool:
        gap = text[words[at - 1][1]:words[at][0]]
        return not gap.strip() and "\n" not in gap

    n = 0
    while n < len(words):
        low = words[n][2].lower().rstrip(".")
        if (low not in sources._OFFICES and low not in sources._TITLE_WORDS) or (
                not words[n][2][:1].isalpha()):
            n += 1
            continue
        end = n
        while (end < len(words) and words[end][2].lower().rstrip(".") in sources._TITLE_WORDS
               and not words[end][2].endswith("'s") and (end == n or joined(end))):
            end += 1
        title = tuple(w[2].lower().rstrip(".") for w in words[n:end])
        name: list[str] = []
        at = end
        if at < len(words) and at > n and text[words[at - 1][1]:words[at][0]].strip() not in (
                "", ","):
            at = len(words)
        while at < len(words) and len(name) < 4 and (not name or joined(at)):
            bare = words[at][2].rstrip(".")
            if not (bare[:1].isupper() and bare.replace("-", "").replace("'", "").isalpha()) or (
                    bare.lower() in sources._TITLE_WORDS or sources._is_body_word(bare.lower())):
                break
            name.append(bare)
            at += 1
            if words[at - 1][2].endswith(".") and len(bare) > 1:
                break
        place = sources._place_of(words[n - 1][2]) if n and joined(n) else ""
        if len(name) >= 2 and any(w in sources._OFFICES for w in title) and not (
                sources._headline(text, words[end][0])):
            found.append(_Titled(words[end][0], " ".join(name), title, place))
            n = at
        else:
            n = max(end, n + 1)
    return found


SENTENCES = (
    "Prime Minister Gaston Browne said the port would open.",
    "The deal was signed, said finance minister Dana Ortiz on Monday.",
    "The president, Joe Biden, spoke first; Vice President Kamala Harris did not.",
    "Chile’s Foreign Minister Alberto van Klaveren met Mayor O’Neil of Cork.",
    "Senate Leader Calls Vote\nSenator Ana Lind of the Harbour Board said no.",
    "British Health Secretary Wes Streeting and Dr. Ada Quist (the minister’s aide) spoke.",
)
PIECES = ("Prime", "Minister", "prime", "minister", "Dana", "Ortiz", "O’Neil", "Mr.", "Dr.",
          ",", "\n", "the", "president", "President", "Joe", "Biden", "said", "Finance",
          "’s", "'s", "U.S.", "Vice", "Mayor", "(", ")", ".", "-", "Ki-moon", "Senator", "of")


def test_the_people_titled_are_those_a_word_at_a_time_reading_finds() -> None:
    rng = random.Random(24)
    texts = [*SENTENCES, " ".join(SENTENCES), "", "   ", "Minister"]
    texts += ["".join(rng.choice(PIECES) + rng.choice(("", " ", " ", ", ", "\n", ". "))
                      for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    found = 0
    for text in texts:
        people = sources._titled_people(text)
        assert people == _plain(text), text
        found += len(people)
    assert found > 50
    assert sources._titled_people(SENTENCES[0]) == [
        _Titled(15, "Gaston Browne", ("prime", "minister"), "")]
