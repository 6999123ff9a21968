"""The plain terminal writer of the list pages and the story view (``verifier.cli.plain``)."""

from __future__ import annotations

import io
import re

import pytest

from verifier.cli.plain import (
    SGR,
    Column,
    Terminal,
    cell_len,
    inline,
    markdown,
    paragraph,
    table,
    terminal_width,
    wrap,
)
from verifier.report.styles import CERTAINTY_STYLE, KIND_STYLE, STATUS_STYLE

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _lines(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in wrap(text, width)]


def test_wrap_breaks_between_words_and_never_inside_one() -> None:
    """A word wider than the line (a rule id, a key) runs over on a line of its own, whole:
    "attr.say+spk.source_no" / "un" read as two ids and could not be copied."""
    assert _lines("the minister said on Monday", 12) == ["the minister", "said on", "Monday"]
    assert _lines("a Donaudampfschifffahrt b", 8) == ["a", "Donaudampfschifffahrt", "b"]
    assert _lines("attr.say+spk.source_noun", 10) == ["attr.say+spk.source_noun"]
    assert _lines("x attr.say+spk.source_noun", 10) == ["x", "attr.say+spk.source_noun"]
    assert _lines("one\ntwo three", 20) == ["one", "two three"]
    assert _lines("", 5) == [""]
    assert _lines("a\n\nb", 5) == ["a", "", "b"]


def test_wide_and_combining_characters_take_their_cells() -> None:
    assert cell_len("abc") == 3
    assert cell_len("東京") == 4
    assert cell_len("e\u0301") == 1  # e and a combining acute accent
    assert _lines("東京都 大阪", 6) == ["東京都", "大阪"]
    assert _lines("東京都庁舎", 4) == ["東京都庁舎"]
    assert _lines("a 東京都庁舎 b", 4) == ["a", "東京都庁舎", "b"]


def test_a_table_column_is_never_narrower_than_its_longest_word() -> None:
    """``claims show``'s rule column was capped at 32 cells and shrunk for the flex column:
    a rule id came out as "attr.say+spk.source_no" over "un". A column now keeps its widest
    word whole (its cap and its least width give way to it); prose still wraps at spaces."""
    columns = (Column("kind"), Column("text", wrap=True, flex=True, min_width=14),
               Column("rule", wrap=True, min_width=10, max_width=12))
    rule = "attr.say+spk.source_noun+extra.long.part"
    rows = [["unnamed", "unnamed sources in a long title of some article here", rule]]
    for width in (80, 60, 40):
        lines = table(Terminal(width=width, styled=False), columns, rows)
        assert any(rule in line for line in lines), (width, lines)
    composite = (Column("kind"), Column("rule", wrap=True, max_width=12, breaks="+"))
    lines = table(Terminal(width=24, styled=False), composite,
                  [["unnamed", "attr.say+spk.registry+attr.content.refusal"]])
    assert [line.split()[-1] for line in lines[2:]] == [
        "attr.say+", "spk.registry+", "attr.content.refusal"]


def test_width_follows_columns_then_terminal_then_80() -> None:
    assert terminal_width({"COLUMNS": "123"}) == 123
    assert terminal_width({"COLUMNS": "wide"}) in range(1, 10_000)


COLUMNS = (Column("id", right=True), Column("status"),
           Column("text", wrap=True, flex=True, min_width=30))
ROWS = [["7", [("confirmed", "bold green")],
         "The minister said on Monday that the new bridge would open in the spring."],
        ["12", "unverified", "Short."]]


def test_a_wide_terminal_gets_the_text_beside_its_row() -> None:
    out = table(Terminal(width=60, styled=False), COLUMNS, ROWS, "2 rows")
    assert out[0] == "2 rows"
    assert out[1].split() == ["id", "status", "text"]
    assert set(out[2]) == {"─"}
    assert out[3].startswith(" 7  confirmed   The minister said")
    assert all(len(line) <= 60 for line in out)
    assert " ".join(" ".join(out[3:-1]).split()).endswith("would open in the spring.")
    assert out[-1].split() == ["12", "unverified", "Short."]


def test_a_narrow_terminal_gets_the_text_under_its_row() -> None:
    out = table(Terminal(width=40, styled=False), COLUMNS, ROWS)
    assert out[0].split() == ["id", "status"] and out[1].strip() == "text"
    assert out[3].split() == ["7", "confirmed"]
    assert out[4].startswith("    The minister")  # under the status column
    assert all(len(line) <= 40 for line in out)
    words = " ".join(line.strip() for line in out[4:-2])
    assert words == ROWS[0][2]  # nothing cropped


def test_styles_only_on_a_terminal_and_colours_not_with_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    plain = Terminal(io.StringIO(), width=60)
    assert not plain.styled  # a StringIO is no terminal
    assert not any(ANSI.search(line) for line in table(plain, COLUMNS, ROWS))
    styled = Terminal(width=60, styled=True)
    out = table(styled, COLUMNS, ROWS)
    assert "\x1b[1;32mconfirmed\x1b[0m" in out[2]
    assert out[0].startswith("\x1b[1m")  # the header in bold
    assert [ANSI.sub("", line) for line in out] == table(Terminal(width=60, styled=False),
                                                         COLUMNS, ROWS)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert Terminal(io.StringIO()).styled
    monkeypatch.setenv("NO_COLOR", "1")
    assert Terminal(width=60, styled=True).paint("x", "bold green") == "\x1b[1mx\x1b[0m"
    monkeypatch.setenv("TERM", "dumb")
    assert not Terminal(io.StringIO()).styled


def test_every_style_of_the_views_is_known() -> None:
    for style in (*KIND_STYLE.values(), *STATUS_STYLE.values(), *CERTAINTY_STYLE.values()):
        assert all(word in SGR for word in style.split()), style


def test_control_characters_never_reach_the_terminal() -> None:
    rows = [["1", "x", "evil \x1b[2J title\x07 with\ttab"]]
    out = "\n".join(table(Terminal(width=80, styled=True), COLUMNS, rows))
    assert "\x1b[2J" not in out and "\x07" not in out and "\t" not in out
    assert "evil [2J title with tab" in ANSI.sub("", out)
    assert paragraph(Terminal(width=80, styled=False), [("a\x1b]0;x\x07b", "")]) == ["a]0;xb"]


def test_paragraph_hangs_its_lines_under_the_first() -> None:
    out = paragraph(Terminal(width=20, styled=False),
                    [("+1.20 ", ""), ("sourcing", "bold"),
                     (": strongest sourcing is official", "")],
                    " • ")
    assert out == [" • +1.20 sourcing:", "   strongest", "   sourcing is", "   official"]


@pytest.fixture(scope="module")
def desk_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tests.report_helpers import reviewed_db

    db, _ = reviewed_db(tmp_path_factory.mktemp("plain"), "plain.db")
    return db


def _cli(args: list[str], columns: int) -> tuple[str, list[str]]:
    """The output of ``verifier ARGS`` as its own process, and the heavy modules it loaded."""
    loaded, (lines,) = _cli_runs([args], columns)
    return loaded, lines


#: Printed between two commands' outputs by ``_cli_runs`` (no command prints it).
_NEXT = "--- next command ---"


def _cli_runs(runs: list[list[str]], columns: int) -> tuple[str, list[list[str]]]:
    """The outputs of ``verifier ARGS`` for each of ``runs``, one after another in one new
    process (a process each would cost a start-up each), and the heavy modules any of them
    loaded."""
    import os
    import subprocess
    import sys

    code = ("import sys\n"
            "from verifier.cli import main\n"
            f"for args in {runs!r}:\n"
            "    sys.argv = ['verifier', *args]\n"
            "    try:\n        main()\n    except SystemExit as e:\n"
            "        assert not e.code, (args, e.code)\n"
            f"    print({_NEXT!r}, flush=True)\n"
            "print('LOADED', [m for m in ('rich', 'sqlalchemy') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "COLUMNS": str(columns)}).stdout
    *outputs, loaded = out.rstrip("\n").split(_NEXT + "\n")
    assert len(outputs) == len(runs), out
    return loaded.strip(), [output.rstrip("\n").split("\n") for output in outputs]


@pytest.mark.parametrize("columns", [80, 150])
def test_list_pages_fit_the_terminal_crop_nothing_and_load_no_rich(
    desk_db: str, columns: int,
) -> None:
    import json

    for command, text_key, header in (
        (["stories", "list", "--min-claims", "1"], "title", "story"),
        (["claims", "list", "--status", "any"], "text", "claim"),
        # articles list drew a Rich box where the other lists draw plain tables
        (["articles", "list"], "title", "title"),
    ):
        loaded, lines = _cli([*command, "--db", desk_db], columns)
        assert loaded == "LOADED []", command
        assert all(cell_len(line) <= columns for line in lines)
        rule = next(n for n, line in enumerate(lines) if line.startswith("─"))
        heading = lines[rule - 1]
        beside = heading.strip() != header  # else under its row's other cells, indented
        assert beside == (columns == 150) or command[0] == "articles"  # narrow columns
        start = heading.rindex(header)
        shown = " ".join(" ".join(line[start:] for line in lines[rule + 1:]).split())
        _, rows = _cli([*command, "--json", "--db", desk_db], columns)
        for row in json.loads("\n".join(rows)):
            assert " ".join((row[text_key] or "").split()) in shown  # every word, in order
        assert not any(set(line) & set("┏┃│┡━") for line in lines), lines  # no box


def test_articles_list_pages_as_the_other_lists(desk_db: str) -> None:
    """--limit/--offset as claims list and stories list take them; the title says which
    page and how to see the next; no Rich loaded."""
    import json

    _, rows = _cli(["articles", "list", "--json", "--db", desk_db], 120)
    ids = [row["id"] for row in json.loads("\n".join(rows))]
    assert len(ids) >= 2
    loaded, lines = _cli(["articles", "list", "--limit", "1", "--offset", "1", "--db",
                          desk_db], 120)
    assert loaded == "LOADED []"
    assert lines[0].startswith(f"1 of {len(ids)} articles (newest ingested first")
    if len(ids) > 2:
        assert "more with --offset 2" in lines[0]
    rule = next(n for n, line in enumerate(lines) if line.startswith("─"))
    assert [line.split()[0] for line in lines[rule + 1:] if line[:4].strip()] == [str(ids[1])]


def test_inline_markdown_styles_escapes_and_links() -> None:
    merged: list[tuple[str, str]] = []
    for text, style in inline(r"**own\_voice**: a \*b\* *grouped:* <https://x.org/a> `x`"):
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    assert merged == [("own_voice", "bold"), (": a *b* ", ""), ("grouped:", "italic"),
                      (" https://x.org/a ", ""), ("x", "bold")]


def _rich(text: str, width: int) -> list[str]:
    from rich.console import Console
    from rich.markdown import Markdown

    out = io.StringIO()
    Console(file=out, width=width, color_system=None, force_terminal=False).print(
        Markdown(text))
    return [line.rstrip() for line in out.getvalue().rstrip("\n").split("\n")]


@pytest.mark.parametrize("width", [80, 52])
def test_a_story_reads_as_rich_showed_its_markdown(desk_db: str, width: int) -> None:
    """Every story of the demo, with its verdicts and reasons, laid out line for line as
    Rich's Markdown did (the terminal view before this writer)."""
    from verifier.report.markdown import story_lines
    from verifier.scoring.weights import load_weights
    from verifier.store.reading import open_reader
    from verifier.stories.view import get_story, membership_reasons

    with open_reader(desk_db) as rows:
        ids = [r[0] for r in rows.all("SELECT id FROM stories ORDER BY id")]
        assert len(ids) >= 3
        for story_id in ids:
            view = get_story(rows, story_id, load_weights())
            text = "\n".join(story_lines(view, membership_reasons(rows, story_id)))
            assert markdown(Terminal(width=width, styled=False), text) == _rich(text, width)


def test_markdown_nests_items_and_separates_blocks() -> None:
    text = "### Title *x*\n\npara one\ncontinued\n\n- a\n  - b\n- c\n\n\n**Verdict** done"
    assert markdown(Terminal(width=40, styled=False), text) == [
        "Title x", "", "para one continued", "", " • a", "    • b", " • c", "",
        "Verdict done"]


def test_story_show_loads_no_rich(desk_db: str) -> None:
    loaded, lines = _cli(["stories", "show", "1", "--db", desk_db], 80)
    assert loaded == "LOADED []" and lines[0].startswith("Story 1: ")


def test_the_ascii_wrap_is_the_general_one() -> None:
    import random

    from verifier.cli.plain import wrap_ascii, wrap_cells

    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(["a", "bb", "ccccccccc", " ", "  ", "x" * 14])
                       for _ in range(rng.randrange(0, 12)))
        width = rng.randrange(1, 20)
        assert wrap_ascii(text, width) == wrap_cells(text, width, range(len(text) + 1)), (
            text, width)


def test_short_texts_and_an_empty_page_stay_beside() -> None:
    narrow = Terminal(width=30, styled=False)
    out = table(narrow, COLUMNS, [["1", "x", "Short."]])
    assert out == ["id  status  text", "─" * 18, " 1  x       Short."]
    assert table(narrow, COLUMNS, []) == ["id  status  text", "─" * 16]


def _column(lines: list[str], start: int, end: int | None = None) -> str:
    """The words of the lines' characters ``start:end``, one space apart."""
    return " ".join(" ".join(line[start:end] for line in lines).split())


@pytest.mark.parametrize("columns", [80, 150])
def test_the_text_report_wraps_everything_and_loads_no_rich(desk_db: str, columns: int
                                                            ) -> None:
    """``report --all-stories`` as text: every reason, title, unconfirmed claim and source
    of the JSON report is on the page, in lines as wide as the terminal; no Rich."""
    import json

    from verifier.cli.report_render import REASONS, UNCONFIRMED

    args = ["report", "--all-stories", "--min-claims", "1", "--db", desk_db]
    loaded, lines = _cli(args, columns)
    assert loaded == "LOADED []"
    assert all(cell_len(line) <= columns for line in lines)
    _, out = _cli([*args, "--format", "json"], columns)
    data = json.loads("\n".join(out))
    assert len(data["stories"]) >= 3 and data["sources"]
    rule = lines.index(next(line for line in lines if line.startswith("─")))
    end = next(n for n, line in enumerate(lines) if line.startswith("Article "))
    header = next(line for line in lines[:rule] if "why" in line)
    why = _column(lines[rule + 1:end], header.index("why"))
    story = _column(lines[rule + 1:end], header.index("story"), header.index("status"))
    for s in data["stories"]:
        assert " ".join(s["title"].split()) in story
        shown = s["contributions"][:REASONS]
        assert shown and all(" ".join(f"{c['delta']:+.2f} {c['reason']}".split()) in why
                             for c in shown)
    text = " ".join(" ".join(lines).split())
    for article in data["articles"]:
        for claim in article["unconfirmed_claims"][:UNCONFIRMED]:
            assert " ".join(f"#{claim['claim_id']} (score {claim['score']:.2f}) {claim['text']}"
                            .split()) in text
    # each source in the track records' table, its name wrapped in its own column
    top = next(n for n, line in enumerate(lines) if line.split()[:3] == ["id", "source", "prior"])
    bottom = next((n for n in range(top + 2, len(lines)) if not lines[n].strip()), len(lines))
    names = _column(lines[top + 2:bottom], lines[top].index("source"),
                    lines[top].index("prior"))
    assert all(" ".join(s["name"].split()) in names for s in data["sources"])


def _solid(text: str) -> str:
    return "".join(text.split())


def _table(lines: list[str], title: str, names: list[str], until: tuple[str, ...]
           ) -> dict[str, str]:
    """The text of each column (named by the first word of its header, in order) of the
    table under ``title`` (up to a line starting with one of ``until``), without spaces (a
    wrapped or folded cell's pieces joined)."""
    top = lines.index(title) + 1
    rule = next(n for n in range(top, len(lines)) if lines[n].startswith("─"))
    end = next((n for n in range(rule, len(lines)) if lines[n].startswith(until)), len(lines))
    starts = [lines[top].index(name) for name in names]
    return {name: _solid("".join(line[a:b] for line in lines[rule + 1:end]))
            for name, a, b in zip(names, starts, [*starts[1:], None], strict=True)}


def test_claims_show_wraps_its_tables_and_loads_no_rich(desk_db: str) -> None:
    """``claims show`` of every claim with sources, at 80 columns: every source's words,
    resolved key and rule in their columns (wrapped or folded, never cropped), every
    verdict and earlier verdict it matches; no Rich."""
    import json

    _, out = _cli(["claims", "list", "--status", "any", "--json", "--limit", "500",
                   "--db", desk_db], 80)
    ids = [str(claim["id"]) for claim in json.loads("\n".join(out))]
    _, outs = _cli_runs([["claims", "show", i, "--json", "--db", desk_db] for i in ids], 80)
    details = [data for data in (json.loads("\n".join(out)) for out in outs)
               if data["attributions"]]
    loaded, shows = _cli_runs(
        [["claims", "show", str(data["id"]), "--db", desk_db] for data in details], 80)
    assert loaded == "LOADED []"
    for data, lines in zip(details, shows, strict=True):
        assert all(cell_len(line) <= 80 for line in lines  # a link is never folded
                   if not line.strip().startswith(("http://", "https://")))
        header = lines[lines.index("Sourcing") + 1]
        # the resolved source goes under its row when the columns that may not break a
        # word leave it too little room
        beside = "resolved" in header
        names = ["kind", "source", "cue", *(["resolved"] if beside else []), "prior", "rule"]
        sourcing = _table(lines, "Sourcing", names, ("why ", "Verdict history", "verdicts:"))
        if not beside:
            sourcing["resolved"] = _solid(" ".join(lines[lines.index("Sourcing"):]))
        for a in data["attributions"]:
            assert a["kind"] in sourcing["kind"]
            assert _solid(a["source"]["text"]) in sourcing["source"]
            assert _solid(a["rule"]) in sourcing["rule"]
            for part in a["rule"].replace("+", "+ ").split():  # each id whole, on one line
                assert any(part in line.replace("+", "+ ").split() for line in lines)
            key = (a["resolved_source"] or {}).get("key")
            if key is not None and key.startswith("unnamed-via:unknown:"):  # internal: named
                assert _solid(a["resolved_source"]["name"]) in sourcing["resolved"]
                assert _solid(key) not in sourcing["resolved"]
                continue
            assert key is None or _solid(key) in sourcing["resolved"]
        text = " ".join(" ".join(lines).split())
        assert " ".join(data["text"].split()) in text
        if data["verdicts"]:  # a list: each verdict's number, status, reviewer, evidence
            history = lines[lines.index("Verdict history (oldest first):"):]
            solid = _solid(" ".join(history))
            assert all(f"#{v['id']}" in solid and _solid(v["evidence"]) in solid
                       and _solid(v["reviewer"]) in solid for v in data["verdicts"])
            assert all((v["url"] or "") in [line.strip() for line in history]
                       for v in data["verdicts"] if v["url"])
        assert all(f"{m['kind']}:{m['id']}" in text for m in data["past_verdicts"])
    assert len(details) >= 3


def test_sources_show_has_every_field_and_loads_no_rich(desk_db: str) -> None:
    import json

    for source in ("yonhap", "reuters"):
        loaded, lines = _cli(["sources", "show", source, "--db", desk_db], 80)
        assert loaded == "LOADED []" and all(cell_len(line) <= 80 for line in lines)
        _, out = _cli(["sources", "show", source, "--json", "--db", desk_db], 80)
        data = json.loads("\n".join(out))
        text = " ".join(" ".join(lines).split())
        for key in ("name", "key", "kind", "speaker", "country", "url", "prior_note"):
            assert " ".join(str(data[key]).split()) in text, key
        assert all(alias in text for alias in data["aliases"])
        assert lines[1] == f"{'kind':>10}: {data['kind']}"
