"""A score term's evidence as a reader checks it: one line per sentence. Two parties that
refuse in one sentence ("The mayor refused to talk, and the union refused to talk as well")
are two pieces of evidence of the same sentence; shown one per piece, the sentence came twice
under the term, word for word. Each sentence is given once, with every distinct set of words
the term rests on in it, in the order they are in the sentence; the term's reason names the
parties. (The evidence itself, as JSON gives it, keeps one entry per piece.)"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verifier.scoring.evidence import Words

#: What may end a sentence after the words that are all of it.
CLOSING = ".!?”\"’ "


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    """One sentence of a term's evidence and the words of it the term rests on."""

    words: tuple[str, ...]
    sentence: str

    @property
    def whole(self) -> bool:
        """The words are the whole sentence (a report's own voice): quoted once."""
        return len(self.words) == 1 and \
            self.words[0].strip().rstrip(CLOSING) == self.sentence.strip().rstrip(CLOSING)


def by_sentence(evidence: Sequence[Words]) -> list[EvidenceLine]:
    """``evidence`` one line per sentence (of one article), in the order the sentences
    first come; the words of a sentence in their order in it, each distinct text once."""
    order: list[tuple[int, int]] = []
    pieces: dict[tuple[int, int], list[Words]] = {}
    for w in evidence:
        key = (w.article_id, w.sentence_start)
        if key not in pieces:
            order.append(key)
            pieces[key] = []
        pieces[key].append(w)
    lines = []
    for key in order:
        words: list[str] = []
        for w in sorted(pieces[key], key=lambda w: (w.start, w.end)):
            if w.words not in words:
                words.append(w.words)
        lines.append(EvidenceLine(tuple(words), pieces[key][0].sentence))
    return lines
