"""Bidirectional overrides, zero-width and other invisible characters in what articles and
reviewers write (titles, claim text, source names, evidence, notes) are shown as their code
points ("<U+202E>") on every desk page, in every terminal command and report, so they can
neither reorder the text around them (Trojan Source: "Minister <RLO>deined" reads "denied")
nor hide a difference; JSON keeps the data, written as \\u escapes. One place each: the
templates' ``finalize`` (``verifier.templating.shown``), the terminal's ``printable``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import PASSWORD, sign_in
from verifier.cli import app
from verifier.textsafe import inert_json, printable, reveal
from verifier.web.app import create_app

RLO, LRI, PDI, ZWSP, ZWJ, BOM = "\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff"
#: Every character that must never reach a page or a terminal as itself.
HIDDEN = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
                    "\U000e0000-\U000e007f\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
TITLE = f"Bridge {RLO}deined{PDI} by council"
ARTICLE = (f"---\ntitle: \"{TITLE}\"\npublished: 2026-03-02\n---\n"
           f"Transport Minister Ana{ZWSP} Lind said the {LRI}harbour{PDI} bridge will reopen "
           "on Monday.\n"
           "The bridge could reopen by Friday, a senior official said.\n")
NOTE = f"checked with the {RLO}yrtsinim{PDI}"

runner = CliRunner()


@pytest.mark.parametrize(("text", "shown"), [
    (f"a{RLO}b", "a<U+202E>b"),
    (f"ad{ZWJ}min", "ad<U+200D>min"),            # a joiner hiding a difference in Latin
    (f"x{BOM}y{ZWSP}z", "x<U+FEFF>y<U+200B>z"),
    ("he\u200fbrew", "he<U+200F>brew"),
    ("tag\U000e0041", "tag<U+E0041>"),
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian: its joiner is its spelling
     "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"),
    ("\U0001f468\u200d\U0001f469", "\U0001f468\u200d\U0001f469"),  # an emoji sequence
    ("soft\u00adhyphen", "soft\u00adhyphen"),
    ("plain", "plain"),
])
def test_reveal_shows_each_invisible_character_as_its_code_point(text: str, shown: str) -> None:
    assert reveal(text) == shown
    assert printable(text) == shown


def test_controls_are_dropped_in_a_terminal_and_shown_on_a_page() -> None:
    assert printable("a\x1b[2Jb\x9bc\td\n") == "a[2Jbc\td\n"
    assert reveal("a\x1b[2Jb\x9bc\td\n", controls=True) == "a<U+001B>[2Jb<U+009B>c\td\n"


def test_inert_json_is_the_same_data() -> None:
    value = {"t": f"a{RLO}b\x9b1m{ZWJ}\U000e0041\x7f", "n": 1}
    text = inert_json(json.dumps(value, ensure_ascii=False))
    assert json.loads(text) == value and not HIDDEN.search(text)


def test_every_template_value_is_shown_in_text_and_attributes() -> None:
    from markupsafe import Markup

    from verifier.templating import environment

    page = environment().from_string('<p title="{{ t }}">{{ t }}</p>{{ m }}').render(
        t=f"a{RLO}b\x07", m=Markup("<b>ok</b>"))
    shown = "a&lt;U+202E&gt;b&lt;U+0007&gt;"
    assert page == f'<p title="{shown}">{shown}</p><b>ok</b>'


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    from verifier import passwords

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(passwords, "N", 2**10)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    path = str(tmp_path / "v.db")
    for args, given in (
        (["ingest", str(tmp_path / "a.md"), "--outlet", "none"], None),
        (["claims", "mark", "1", "confirmed", "--evidence", f"the {RLO}yrtsinim said so",
          "--note", NOTE, "--by", f"A{ZWSP}nn"], None),
        (["users", "add", "admin", "--role", "admin", "--password-stdin"], PASSWORD + "\n"),
    ):
        result = runner.invoke(app, [*args, "--db", path], input=given)
        assert result.exit_code == 0, result.output
    return path


def test_no_page_of_the_desk_shows_an_invisible_character_as_itself(db: str) -> None:
    client = sign_in(TestClient(create_app(db)), "admin")
    pages = ["/queue?status=any", "/stories", "/stories/1", "/articles", "/articles/1",
             "/claims/1", "/claims/2", "/audit", "/articles/1/edit",
             "/reports/download?scope=article&id=1&format=html",
             "/reports/download?scope=article&id=1&format=md"]
    seen = ""
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        found = HIDDEN.search(response.text)
        assert found is None, (path, hex(ord(found.group())),
                               response.text[max(0, found.start() - 80):found.end() + 80])
        seen += response.text
    assert "&lt;U+202E&gt;deined&lt;U+2069&gt;" in seen  # the title, on the pages
    assert "\\<U+202E>deined\\<U+2069>" in seen  # the Markdown report (its "<" escaped)
    assert "&lt;U+202E&gt;yrtsinim" in seen  # the evidence and note
    assert "Ana&lt;U+200B&gt; Lind" in seen  # a source's name
    json_report = client.get("/reports/download?scope=article&id=1&format=json").text
    assert not HIDDEN.search(json_report)
    assert TITLE in json.dumps(json.loads(json_report), ensure_ascii=False)


@pytest.mark.parametrize("args", [
    ["claims", "list", "--status", "any"], ["claims", "show", "1"], ["claims", "show", "2"],
    ["stories", "list"], ["stories", "show", "1"], ["articles", "list"],
    ["articles", "show", "1"], ["report", "--article", "1"],
    ["report", "--article", "1", "--format", "md"],
])
def test_no_command_prints_an_invisible_character_as_itself(db: str, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    found = HIDDEN.search(result.output)
    assert found is None, (hex(ord(found.group())), result.output)


@pytest.mark.parametrize("args", [
    ["claims", "show", "1", "--json"], ["stories", "show", "1", "--json"],
    ["articles", "list", "--json"], ["report", "--article", "1", "--format", "json"],
])
def test_json_keeps_the_text_with_its_invisible_characters_escaped(db: str,
                                                                    args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    assert not HIDDEN.search(result.output)
    assert RLO in json.dumps(json.loads(result.output), ensure_ascii=False)  # the same data


@pytest.mark.parametrize("listing", [["stories", "list", "--csv"],
                                     ["claims", "list", "--status", "any", "--csv"]])
def test_csv_for_the_terminal_or_a_spreadsheet_acts_on_neither(db: str,
                                                              listing: list[str]) -> None:
    """`stories list --csv` printed a story title's ``ESC ] 0;...`` (which retitles the
    terminal) as it was; CSV lines now pass through ``printable`` as every other line."""
    title = f"=cmd|' /C calc'!A0 \x1b]0;owned\x07 {RLO}x"
    renamed = runner.invoke(app, ["stories", "rename", "1", title, "--by", "ann", "--db", db])
    assert renamed.exit_code == 0, renamed.output
    result = runner.invoke(app, [*listing, "--db", db])
    assert result.exit_code == 0, result.output
    assert not HIDDEN.search(result.output), result.output
    if listing[0] == "stories":
        assert "'=cmd|' /C calc'!A0 ]0;owned <U+202E>x" in result.output


def test_a_form_field_holds_the_stored_text_as_references() -> None:
    from verifier.templating import environment

    page = environment().from_string(
        '<input value="{{ (t)|field }}"><textarea>{{ (t)|field }}</textarea>').render(
        t=f'a{RLO}"b<{ZWSP}')
    field = 'a&#x202E;&#34;b&lt;&#x200B;'
    assert page == f'<input value="{field}"><textarea>{field}</textarea>'


def test_an_edit_form_saved_unchanged_keeps_the_invisible_characters(db: str) -> None:
    from html.parser import HTMLParser

    class Fields(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.values: dict[str, str] = {}

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            if tag == "input" and found.get("name") and found.get("value") is not None:
                self.values.setdefault(str(found["name"]), str(found["value"]))

    client = sign_in(TestClient(create_app(db)), "admin")
    page = client.get("/articles/1/edit").text
    assert not HIDDEN.search(page)  # the characters are references in the page's source
    fields = Fields()
    fields.feed(page)
    assert fields.values["title"] == TITLE  # and the form holds the title as stored
    story = client.get("/stories/1").text
    fields = Fields()
    fields.feed(story)
    assert not HIDDEN.search(story) and ZWSP in fields.values["title"]  # a claim's text
    assert "<U+200B>" not in fields.values["title"]
