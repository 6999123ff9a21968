"""The source key ingest gives every attribution of a labelled corpus, and how keys changed.

    .venv/bin/python bench/source_keys.py --corpus /work/realcorpus/tune --out keys.jsonl
    .venv/bin/python bench/source_keys.py --corpus /work/realcorpus/tune --against old.jsonl

Each text is analysed as ingest analyses it (``verifier.ingest.pipeline.analyse_article``,
the outlet found as ingest finds it: dateline or wire credit, else none) and its
attributions are keyed as ingest keys them (``verifier.store.sources``: the registry
matched, the article's parties resolved in reading order). Analyses are cached by text
(``--cache``), so a change to the keying alone is measured on the same readings.

Prints, with ``--summary``, the keys that pool descriptions across articles (a key with no
capital in its words used in more than one article: "the company" in two articles is two
parties), the source spans one article keys two ways (an attribution carried to a later
sentence keyed apart from its first use) and the one-word names kept as persons; with
``--against FILE`` (an earlier ``--out``), every attribution whose key, kind or name
changed, counted by the words' class.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from verifier.analysis.analyse import default_registry
from verifier.ingest.metadata import found_outlet
from verifier.ingest.pipeline import analyse_article, default_analyser
from verifier.store.rows import ArticleRows
from verifier.store.sources import RegistryMatch, SourceResolver, article_lookups


def texts(corpus: Path) -> list[Path]:
    return sorted(p for d in sorted(corpus.glob("set?")) for p in d.glob("*.txt"))


def analysed(path: Path, cache: Path, registry: Any) -> ArticleRows:
    text = path.read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    cached = cache / f"{digest}.pickle"
    if cached.exists():
        rows: ArticleRows = pickle.loads(cached.read_bytes())
        return rows
    found = analyse_article(default_analyser, registry, text, str(path), None, digest,
                            with_terms=False)
    if isinstance(found, str):
        raise SystemExit(found)
    cached.write_bytes(pickle.dumps(found))
    return found


def keyed(corpus: Path, cache: Path) -> list[dict[str, Any]]:
    registry = default_registry()
    cache.mkdir(parents=True, exist_ok=True)
    resolver = SourceResolver(registry, {entry.id: n for n, entry in enumerate(registry, 1)})
    match = RegistryMatch(registry)
    out: list[dict[str, Any]] = []
    for path in texts(corpus):
        rows = analysed(path, cache, registry)
        found = found_outlet(rows.text, registry)
        outlet = found.source if found is not None else None
        parties = rows.attribution_parties()
        starts = rows.source_starts()
        lookups = article_lookups(match, resolver.known, parties, rows.text, starts)
        article = resolver.for_article(outlet, rows.sha256, path.name)
        for n, ((speaker, words, stance), (l_speaker, l_words)) in enumerate(
                zip(parties, lookups, strict=True)):
            key = article.key(l_speaker, l_words)
            if key is None:
                k, kind, name = None, None, None
            elif isinstance(key, str):
                k, kind, name = key, "registry", registry.get(key).name  # type: ignore[union-attr]
            else:
                k, kind, name = key.key, key.kind, key.name
            out.append({"doc": f"{path.parent.name}/{path.stem}", "n": n, "speaker": speaker,
                        "stance": stance, "words": words, "start": starts[n],
                        "lookup": l_words, "key": k, "kind": kind, "name": name})
    return out


def summary(rows: list[dict[str, Any]]) -> None:
    docs: dict[str, set[str]] = defaultdict(set)
    words: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        if r["key"] and r["key"].startswith("name:"):
            docs[r["key"]].add(r["doc"])
            words[r["key"]][r["words"]] += 1
    pooled = {k: d for k, d in docs.items() if len(d) > 1 and not any(
        any(t[:1].isupper() for t in w.split()[1:]) or (w[:1].isupper() and " " not in w)
        for w in words[k])}
    total = sum(sum(words[k].values()) for k in pooled)
    print(f"descriptions keyed across articles: {len(pooled)} keys, {total} attributions")
    for k in sorted(pooled, key=lambda k: -sum(words[k].values())):
        print(f"  {k}: {sum(words[k].values())} in {len(pooled[k])} articles "
              f"{dict(words[k].most_common(4))}")
    spans: dict[tuple[str, int, str], set[str | None]] = defaultdict(set)
    for r in rows:
        spans[(r["doc"], r["start"], r["words"])].add(r["key"])
    twice = [k for k, keys in spans.items() if len(keys) > 1]
    print(f"source spans keyed two ways in one article: {len(twice)}")
    for doc, start, said in twice:
        print(f"  {doc} @{start} {said!r}: {sorted(map(str, spans[(doc, start, said)]))}")
    persons = Counter(r["key"] for r in rows if r["kind"] == "person"
                      and len(r["key"].removeprefix("name:").split("@")[0].split()) == 1)
    print(f"one-word persons: {len(persons)} keys, {sum(persons.values())} attributions")
    for k, c in persons.most_common():
        print(f"  {k}: {c}")


def against(rows: list[dict[str, Any]], old_file: Path, show: int) -> None:
    old = {(r["doc"], r["n"]): r for r in map(json.loads, old_file.read_text().splitlines())}
    changed = [(old[(r["doc"], r["n"])], r) for r in rows
               if (o := old.get((r["doc"], r["n"]))) is not None
               and (o["key"], o["kind"], o["name"]) != (r["key"], r["kind"], r["name"])]
    print(f"{len(changed)} of {len(rows)} attributions changed key, kind or name")
    what = Counter((o["kind"], r["kind"], o["key"] == r["key"]) for o, r in changed)
    for (a, b, same), c in what.most_common():
        print(f"  {a} -> {b}{' (same key)' if same else ''}: {c}")
    for o, r in changed[:show]:
        print(f"{r['doc']} #{r['n']} {r['speaker']}/{r['stance']} {r['words']!r}: "
              f"{o['key']} ({o['kind']}) -> {r['key']} ({r['kind']}) {r['name']!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/work/realcorpus/tune"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/source-keys-cache"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--against", type=Path)
    parser.add_argument("--summary", action="store_true")
    parser.add_argument("--show", type=int, default=400)
    args = parser.parse_args(argv)
    rows = keyed(args.corpus, args.cache)
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(f"{len(rows)} attributions in {len({r['doc'] for r in rows})} texts")
    if args.summary:
        summary(rows)
    if args.against:
        against(rows, args.against, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
