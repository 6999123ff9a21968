"""An article's text cut into pieces the article template shades: paragraphs of sentences,
each sentence cut where its source words, cue words and certainty cue begin and end."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from verifier.store.desk import SentenceView
from verifier.vocab import UNATTRIBUTED

#: When spans overlap, the stronger mark wins.
_PRIORITY = {"source": 3, "cue": 2, "certainty": 1}


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    mark: str | None  # "source", "cue", "certainty" or None
    title: str | None  # the rule behind the mark, shown on hover


@dataclass(frozen=True, slots=True)
class ShadedSentence:
    sentence: SentenceView | None  # None for text between sentences
    pieces: tuple[Piece, ...]

    @property
    def css(self) -> str:
        s = self.sentence
        if s is None:
            return ""
        if not s.claim:
            return "nonclaim"
        return f"k-{s.kinds[0] if s.kinds else UNATTRIBUTED}"

    @property
    def label(self) -> str:
        s = self.sentence
        if s is None:
            return ""
        if not s.claim:
            return f"not a claim · rule {s.claim_rule}"
        kinds = "+".join(s.kinds) or UNATTRIBUTED
        rules = ", ".join(dict.fromkeys(a.rule for a in s.attributions)) or s.claim_rule
        return f"{kinds} · {s.certainty or '?'} · rule {rules}"


def shade(text: str, sentences: Sequence[SentenceView], *, start: int = 0,
          end: int | None = None) -> list[list[ShadedSentence]]:
    """Paragraphs (split at line breaks) of shaded sentences and the text between them,
    over ``text[start:end]`` (the whole text by default; a page of a long article's
    sentences: from its first sentence's start to its last one's end)."""
    flat: list[ShadedSentence] = []
    cursor = start
    text = text if end is None else text[:end]
    for s in sorted(sentences, key=lambda x: x.start):
        if s.start < cursor:
            continue
        if s.start > cursor:
            flat.append(ShadedSentence(None, (Piece(text[cursor:s.start], None, None),)))
        flat.append(ShadedSentence(s, _pieces(text, s)))
        cursor = s.end
    if cursor < len(text):
        flat.append(ShadedSentence(None, (Piece(text[cursor:], None, None),)))
    paragraphs: list[list[ShadedSentence]] = [[]]
    for part in flat:
        if part.sentence is None and "\n" in part.pieces[0].text:
            chunks = part.pieces[0].text.split("\n")
            for number, chunk in enumerate(chunks):
                if number:
                    paragraphs.append([])
                if chunk.strip():
                    paragraphs[-1].append(ShadedSentence(None, (Piece(chunk, None, None),)))
        else:
            paragraphs[-1].append(part)
    return [p for p in paragraphs if p]


def _pieces(text: str, s: SentenceView) -> tuple[Piece, ...]:
    marks: list[tuple[int, int, str, str]] = []
    for a in s.attributions:
        if a.source_end > a.source_start:
            marks.append((a.source_start, a.source_end, "source",
                          f"source ({a.kind}, {a.stance}) · rule {a.rule}"))
        if a.cue_end > a.cue_start:
            marks.append((a.cue_start, a.cue_end, "cue", f"cue · rule {a.rule}"))
    if s.certainty_start is not None and s.certainty_end is not None:
        marks.append((s.certainty_start, s.certainty_end, "certainty",
                      f"{s.certainty} · rule {s.certainty_rule}"))
    owner: list[tuple[str, str] | None] = [None] * (s.end - s.start)
    for start, end, mark, title in marks:
        for i in range(max(start, s.start), min(end, s.end)):
            current = owner[i - s.start]
            if current is None or _PRIORITY[mark] > _PRIORITY[current[0]]:
                owner[i - s.start] = (mark, title)
    pieces: list[Piece] = []
    run_start = s.start
    for i in range(s.start, s.end + 1):
        if i == s.end or (i > run_start and owner[i - s.start] != owner[run_start - s.start]):
            found = owner[run_start - s.start]
            pieces.append(Piece(text[run_start:i], found[0] if found else None,
                                found[1] if found else None))
            run_start = i
    return tuple(p for p in pieces if p.text)
