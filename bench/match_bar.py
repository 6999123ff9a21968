"""The one-step adoption bar (``verifier/data/adopting.yaml``) measured on labelled stories.

    .venv/bin/python bench/match_bar.py [/work/realcorpus/tune] [--list]

Every labelled claim is matched against every labelled claim of another article as
``verifier.stories.matching`` offers them (cosine of IDF-weighted terms, articles as
documents; the sentences' own source words are not blanked as the desk does, a close
approximation). Of the pairs offered, it prints how many share a labelled story (a proxy for
"the same claim": the same event) by similarity band, by shared words that are not names,
and for a few bars; ``--list`` prints the offered pairs sharing no story.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from verifier.stories.matching import content, is_match, similarity, terms_of
from verifier.stories.terms import idf

Pair = tuple[float, int, bool, tuple[str, int], tuple[str, int]]


def offered(corpus: Path) -> tuple[list[Pair], dict[tuple[str, int], str]]:
    texts: dict[tuple[str, int], str] = {}
    stories: defaultdict[tuple[str, int], set[str]] = defaultdict(set)
    for path in sorted(corpus.glob("set?.labels.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["claim"]:
                texts[(row["doc"], row["i"])] = row["text"]
    for path in sorted(corpus.glob("set?.stories.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            story = json.loads(line)
            for i in story["sentences"]:
                stories[(story["doc"], i)].add(story["story"])
    terms = {key: terms_of(content(text)) for key, text in texts.items()}
    used: defaultdict[str, set[str]] = defaultdict(set)
    for (doc, _), counted in terms.items():
        used[doc].update(t[2:] for t in counted)
    df = Counter(stem for stems in used.values() for stem in stems)
    weights = {t: idf(df[t[2:]], len(used)) for counted in terms.values() for t in counted}
    pairs: list[Pair] = []
    keys = sorted(terms)
    for a in keys:
        names = {t[2:] for t in terms[a] if t.startswith("N:")}
        if not names:
            continue
        for b in keys:
            if b[0] == a[0]:
                continue
            score, shared = similarity(terms[a], terms[b], weights)
            if is_match(score, shared, terms[a], names):
                words = sum(1 for s in shared if s not in names)
                pairs.append((score, words, bool(stories[a] & stories[b]), a, b))
    return pairs, texts


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0] if args else "/work/realcorpus/tune")
    pairs, texts = offered(corpus)
    same_all = sum(p[2] for p in pairs)

    def line(name: str, chosen: list[Pair]) -> None:
        same = sum(p[2] for p in chosen)
        print(f"{name:28s} n={len(chosen):4d}  same story {same / max(len(chosen), 1):.3f}")

    print(f"{len(pairs)} offered pairs, {same_all} sharing a labelled story")
    for lo, hi in ((0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 1.01)):
        line(f"similarity [{lo}, {hi})", [p for p in pairs if lo <= p[0] < hi])
    for words in range(3):
        line(f"words beside names == {words}", [p for p in pairs if p[1] == words])
    line("words beside names >= 3", [p for p in pairs if p[1] >= 3])
    for lo in (0.5, 0.6, 0.7):
        for words in (1, 2):
            strong = [p for p in pairs if p[0] >= lo and p[1] >= words]
            line(f"bar {lo} and {words} word(s)", strong)
    if "--list" in argv:
        for p in sorted(pairs, key=lambda p: -p[0]):
            if not p[2]:
                print(f"{p[0]:.3f} {p[1]}  {texts[p[3]][:80]}  ||  {texts[p[4]][:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
