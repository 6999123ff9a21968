"""bench/real/standoff.py on a small set written here: labels packed as offsets and hashes
(no article words in the file), rebuilt byte for byte from the texts, and what happens when a
text is missing or differs, a document is unknown or a file is not JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "real"))

import standoff

ROOT = Path(__file__).resolve().parent.parent

P01 = ("Harbour plan approved\n\n"
       "The Velmora port authority approved the harbour plan on Monday, its chair Inés Doral "
       "said. “Work starts in June,” she added. Rival bidder Kestrel Docks declined to "
       "comment. A local paper reported that the cost had doubled.\n")
P02 = ("“The Quenby bridge will close for a month.” That was the warning from engineer Tomas "
       "Rell on Friday.\n")
LABELS: list[dict[str, Any]] = [
    {"doc": "p01", "i": 0, "text": "Harbour plan approved", "claim": True, "sourcing": [],
     "certainty": "certain"},
    {"doc": "p01", "i": 1, "text": "The Velmora port authority approved the harbour plan on "
     "Monday, its chair Inés Doral said.", "claim": True,
     "sourcing": [{"kind": "official", "source": "its chair Inés Doral"}],
     "certainty": "certain"},
    # the source is named in the sentence before
    {"doc": "p01", "i": 2, "text": "“Work starts in June,” she added.", "claim": True,
     "sourcing": [{"kind": "official", "source": "Inés Doral"}], "certainty": "certain"},
    {"doc": "p01", "i": 3, "text": "Rival bidder Kestrel Docks declined to comment.",
     "claim": True, "sourcing": [{"kind": "declined", "source": "Kestrel Docks"}],
     "certainty": "certain", "note": "a refusal"},
    # the labeller's paraphrase: no such words in the text
    {"doc": "p01", "i": 4, "text": "A local paper reported that the cost had doubled.",
     "claim": True, "sourcing": [{"kind": "media", "source": "a local newspaper"}],
     "certainty": "certain"},
    # the speaker is named in the sentence after
    {"doc": "p02", "i": 0, "text": "“The Quenby bridge will close for a month.”", "claim": True,
     "sourcing": [{"kind": "official", "source": "engineer Tomas Rell"}],
     "certainty": "certain"},
    {"doc": "p02", "i": 1, "text": "That was the warning from engineer Tomas Rell on Friday.",
     "claim": True, "sourcing": [{"kind": "official", "source": "engineer Tomas Rell"}],
     "certainty": "certain"},
]
STORIES: list[dict[str, Any]] = [
    {"story": "harbour", "doc": "p01", "event": "the port approves its harbour scheme",
     "sentences": [0, 1, 2], "outcome": "confirmed", "outcome_note": "minutes say so"},
    {"story": "bridge", "doc": "p02", "event": "a month-long closure", "sentences": [0, 1],
     "outcome": None},
]
MANIFEST = ("set\tdoc\toutlet\turl\tpublished\n"
            "setT\tp01\tVelmora Gazette\thttps://example.org/harbour\t2026-12-01\n"
            "setT\tp02\tQuenby Post\thttps://example.org/bridge\t2026-12-02\n")


def _write_set(corpus: Path, labels: list[dict[str, Any]] | None = None,
               stories: list[dict[str, Any]] | None = None, *, ascii_only: bool = False) -> Path:
    (corpus / "setT").mkdir(parents=True)
    (corpus / "setT" / "p01.txt").write_text(P01, encoding="utf-8")
    (corpus / "setT" / "p02.txt").write_text(P02, encoding="utf-8")
    (corpus / "setT.labels.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=ascii_only) + "\n" for r in labels or LABELS),
        encoding="utf-8")
    (corpus / "setT.stories.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in stories or STORIES),
        encoding="utf-8")
    (corpus / "setT.manifest.tsv").write_text(MANIFEST, encoding="utf-8")
    return corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return _write_set(tmp_path / "corpus")


def _pack(corpus: Path, out: Path) -> Path:
    assert standoff.main(["pack", "--corpus", str(corpus), "--set", "setT",
                          "--out", str(out)]) == 0
    return out


def _script(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(ROOT / "bench" / "real" / "standoff.py"),
                           *args], capture_output=True, text=True, env=env, check=False)


def _docs(path: Path) -> dict[str, dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {r["doc"]: r for r in map(json.loads, lines[1:])}


@pytest.mark.parametrize("ascii_only", [False, True])
def test_round_trip_is_byte_identical(tmp_path: Path, ascii_only: bool) -> None:
    corpus = _write_set(tmp_path / "corpus", ascii_only=ascii_only)
    packed = _pack(corpus, tmp_path / "setT.standoff.jsonl")
    out = tmp_path / "rebuilt"
    assert standoff.main(["unpack", "--standoff", str(packed), "--texts", str(corpus),
                          "--out", str(out)]) == 0
    for name in ("setT.labels.jsonl", "setT.stories.jsonl", "setT.manifest.tsv",
                 "setT/p01.txt", "setT/p02.txt"):
        assert (out / name).read_bytes() == (corpus / name).read_bytes(), name


def test_no_article_words_in_the_file(corpus: Path, tmp_path: Path) -> None:
    content = _pack(corpus, tmp_path / "s.jsonl").read_text(encoding="utf-8")
    texts = {"p01": P01, "p02": P02}
    for row in LABELS:
        assert row["text"] not in content
        assert json.dumps(row["text"])[1:-1] not in content
        for entry in row["sourcing"]:
            if entry["source"] in texts[row["doc"]]:
                assert entry["source"] not in content
                assert json.dumps(entry["source"])[1:-1] not in content
    assert "Harbour" not in content and "Kestrel" not in content


def test_sources_point_into_the_text(corpus: Path, tmp_path: Path) -> None:
    docs = _docs(_pack(corpus, tmp_path / "s.jsonl"))
    p01, p02 = docs["p01"], docs["p02"]
    assert (p01["url"], p01["length"], p01["lines"]) == ("https://example.org/harbour",
                                                         len(P01), [1, 2, 3, 4, 5])
    said, added, refused, paper = p01["sentences"][1:]
    a, b = said["text"]
    assert P01[a:b] == LABELS[1]["text"]
    x, y = said["sourcing"][0]["source"]
    assert P01[x:y] == "its chair Inés Doral" and a <= x < y <= b
    # named in the sentence before: the nearest earlier occurrence
    x, y = added["sourcing"][0]["source"]
    assert P01[x:y] == "Inés Doral" and y <= added["text"][0]
    assert refused["note"] == "a refusal"
    # the labeller's own words stay a string, flagged
    assert paper["sourcing"] == [{"kind": "media", "source": "a local newspaper",
                                  "not_in_text": True}]
    # named only in the sentence after: the nearest later occurrence
    first, second = p02["sentences"]
    x, y = first["sourcing"][0]["source"]
    assert P02[x:y] == "engineer Tomas Rell" and x >= first["text"][1]
    assert second["sourcing"][0]["source"] == [x, y]


def test_a_changed_text_is_one_line_and_the_rest_is_rebuilt(corpus: Path,
                                                             tmp_path: Path) -> None:
    packed = _pack(corpus, tmp_path / "s.jsonl")
    fetched = tmp_path / "fetched"
    shutil.copytree(corpus / "setT", fetched)
    (fetched / "p01.txt").write_text(P01.replace("Monday", "Tuesday"), encoding="utf-8")
    out = tmp_path / "rebuilt"
    done = _script("unpack", "--standoff", str(packed), "--texts", str(fetched),
                   "--out", str(out))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "p01" in done.stderr and "https://example.org/harbour" in done.stderr
    labels = [json.loads(x) for x in (out / "setT.labels.jsonl").read_text("utf-8").splitlines()]
    assert labels == [r for r in LABELS if r["doc"] == "p02"]
    stories = (out / "setT.stories.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(x)["story"] for x in stories] == ["bridge"]
    assert not (out / "setT" / "p01.txt").exists()


def test_wanted_lists_missing_and_changed_texts(corpus: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    packed = _pack(corpus, tmp_path / "s.jsonl")
    capsys.readouterr()
    assert standoff.main(["wanted", "--standoff", str(packed)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert [(r[0], r[1], r[3], r[4]) for r in rows] == [
        ("p01", str(len(P01)), "missing", "https://example.org/harbour"),
        ("p02", str(len(P02)), "missing", "https://example.org/bridge")]
    assert len(rows[0][2]) == 12
    fetched = tmp_path / "fetched"
    fetched.mkdir()
    # fetched again with more of the page than was labelled: accepted, cut at its length
    (fetched / "p02.txt").write_text(P02 + "More of the page.\n", encoding="utf-8")
    assert standoff.main(["wanted", "--standoff", str(packed), "--texts", str(fetched)]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == ["p01"]
    out = tmp_path / "rebuilt"
    assert standoff.main(["unpack", "--standoff", str(packed), "--texts", str(fetched),
                          "--out", str(out)]) == 1
    assert (out / "setT" / "p02.txt").read_text(encoding="utf-8") == P02
    # the page runs on where the labelled text ended in a newline: the newline is put back
    (fetched / "p01.txt").write_text(P01.rstrip() + " Page text goes on.", encoding="utf-8")
    # the partial labels already in the folder are replaced only when asked
    with pytest.raises(standoff.InputError, match=r"setT\.labels\.jsonl, setT\.stories\.jsonl "
                       "already there and different"):
        standoff.main(["unpack", "--standoff", str(packed), "--texts", str(fetched),
                       "--out", str(out)])
    assert standoff.main(["unpack", "--standoff", str(packed), "--texts", str(fetched),
                          "--out", str(out), "--force"]) == 0
    for name in ("setT.labels.jsonl", "setT.stories.jsonl", "setT/p01.txt"):
        assert (out / name).read_bytes() == (corpus / name).read_bytes(), name
    # a rebuild short of a text never overwrites the whole set it would replace
    (fetched / "p02.txt").unlink()
    with pytest.raises(standoff.InputError, match="1 texts missing or different"):
        standoff.main(["unpack", "--standoff", str(packed), "--texts", str(fetched),
                       "--out", str(out)])
    assert (out / "setT.labels.jsonl").read_bytes() == (corpus / "setT.labels.jsonl").read_bytes()


def _one_line_error(done: subprocess.CompletedProcess[str], start: str) -> None:
    assert done.returncode == 3, done.stderr
    assert done.stderr.startswith(f"standoff.py: error: {start}"), done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_an_unknown_document_is_one_line(tmp_path: Path) -> None:
    labels = [*LABELS, {**LABELS[0], "doc": "p09"}]
    corpus = _write_set(tmp_path / "a", labels)
    done = _script("pack", "--corpus", str(corpus), "--set", "setT", "--out",
                   str(tmp_path / "s.jsonl"))
    _one_line_error(done, str(corpus / "setT.labels.jsonl"))
    assert "'p09' is not in setT.manifest.tsv" in done.stderr
    stories = [*STORIES, {**STORIES[1], "doc": "p07"}]
    corpus = _write_set(tmp_path / "b", stories=stories)
    done = _script("pack", "--corpus", str(corpus), "--set", "setT", "--out",
                   str(tmp_path / "s.jsonl"))
    _one_line_error(done, str(corpus / "setT.stories.jsonl"))
    assert "'p07', which has no labels" in done.stderr


def test_bad_json_is_one_line(corpus: Path, tmp_path: Path) -> None:
    with (corpus / "setT.labels.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"doc": "p02", "i": 2,\n')
    done = _script("pack", "--corpus", str(corpus), "--set", "setT", "--out",
                   str(tmp_path / "s.jsonl"))
    _one_line_error(done, f"{corpus / 'setT.labels.jsonl'}: line 8: not JSON")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"format": "verifier-real-standoff", "version": 1\n', encoding="utf-8")
    done = _script("unpack", "--standoff", str(broken), "--texts", str(corpus), "--out",
                   str(tmp_path / "out"))
    _one_line_error(done, f"{broken}: line 1: not JSON")
    done = _script("wanted", "--standoff", str(corpus / "setT.labels.jsonl"))
    _one_line_error(done, f"{corpus / 'setT.labels.jsonl'}: line 1: not a stand-off")


@pytest.mark.parametrize("event", [
    LABELS[1]["text"],  # a labelled sentence
    "In short: " + LABELS[3]["text"],  # one inside the labeller's words
    P01[40:150],  # 100 characters running of a text
])
def test_a_story_copying_the_text_is_refused(tmp_path: Path, event: str) -> None:
    corpus = _write_set(tmp_path / "c", stories=[{**STORIES[0], "event": event}])
    with pytest.raises(standoff.InputError, match="copies an article's text"):
        standoff.pack(corpus, "setT")
    # names and titles repeated in the labeller's own summary are their words
    corpus = _write_set(tmp_path / "d", stories=[
        {**STORIES[0], "event": "The Velmora port authority approved the harbour plan; "
         "its chair Inés Doral confirmed it"}])
    assert standoff.pack(corpus, "setT")[1].docs == 2


def test_offsets_outside_the_text_are_refused(corpus: Path, tmp_path: Path) -> None:
    packed = _pack(corpus, tmp_path / "s.jsonl")
    lines = packed.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[2])
    record["sentences"][0]["text"] = [0, 10_000]
    packed.write_text("\n".join([*lines[:2], json.dumps(record)]) + "\n", encoding="utf-8")
    with pytest.raises(standoff.InputError, match="line 3: a sentence's 'text'"):
        standoff.read_standoff(packed)


@pytest.mark.parametrize("path", sorted((ROOT / "bench" / "real" / "labels").glob(
    "*.standoff.jsonl")), ids=lambda p: p.name)
def test_committed_standoff_files_read(path: Path) -> None:
    """Each committed stand-off file reads, is named after its set, and its documents'
    strings are ids, kinds, certainties and white space: no sentence is kept as text."""
    packed = standoff.read_standoff(path)
    assert path.name == f"{packed.name}.standoff.jsonl"
    for doc in packed.docs:
        for sentence in doc.sentences:
            assert isinstance(sentence["text"], list)
            for entry in sentence.get("sourcing") or []:
                assert isinstance(entry.get("source"), list) or entry.get("not_in_text") \
                    or not entry.get("source")


def test_put_decodes_copied_excerpts_into_texts(corpus: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    packed = _pack(corpus, tmp_path / "s.jsonl")
    excerpts = tmp_path / "excerpts"
    excerpts.mkdir()
    # as the search tool's JSON shows it: escapes kept, the page running on past the label
    (excerpts / "p01.json").write_text(json.dumps(P01 + "More of the page."), encoding="utf-8")
    # a copy with its line breaks written out is still a string literal
    (excerpts / "p02.json").write_text('"' + P02.replace("“", "\\u201c") + '"\n',
                                       encoding="utf-8")
    texts = tmp_path / "texts"
    capsys.readouterr()
    assert standoff.main(["put", "--standoff", str(packed), "--excerpts", str(excerpts),
                          "--texts", str(texts)]) == 0
    assert capsys.readouterr().out.splitlines() == ["p01.json\tok", "p02.json\tok"]
    out = tmp_path / "rebuilt"
    assert standoff.main(["unpack", "--standoff", str(packed), "--texts", str(texts),
                          "--out", str(out)]) == 0
    assert (out / "setT.labels.jsonl").read_bytes() == (corpus / "setT.labels.jsonl").read_bytes()
    capsys.readouterr()
    # a slip in copying, a file that is no literal and a stranger: one line each, exit 1
    (excerpts / "p01.json").write_text(json.dumps(P01.replace("“", '"')), encoding="utf-8")
    (excerpts / "p02.json").write_text("The Quenby bridge", encoding="utf-8")
    (excerpts / "p09.json").write_text('"text"', encoding="utf-8")
    assert standoff.main(["put", "--standoff", str(packed), "--excerpts", str(excerpts),
                          "--texts", str(texts)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"p01.json\tdiffers: length {len(P01)}, sha256 ")
    assert lines[0].endswith(f"(want length {len(P01)}, sha256 "
                             f"{_docs(packed)['p01']['sha256'][:12]})")
    assert lines[1].startswith("p02.json\tnot a JSON string literal (")
    assert lines[2] == "p09.json\tno such document in the stand-off files given"
    # the wrong copy took nothing's place: the right text put before is still there, whole
    assert standoff.wanted(standoff.read_standoff(packed), texts) == []
    assert not list(texts.rglob("*.part"))
