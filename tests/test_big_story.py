"""A story of thousands of claims (a pasted transcript's 60,000 made one 21 MB story page in
24 s, and `stories show` printed every claim with every sentence under each reason): the
desk's story page shows its claims 200 at a time as an article's page shows its sentences
(a link to one of its claims opens the page holding it), and `stories show` prints 200 with
what it leaves out and how to see it; `--json` lists every one."""

from __future__ import annotations

import html
import json
import re

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from tests.web_helpers import PASSWORD, sign_in
from verifier.cli import app
from verifier.web.app import create_app
from verifier.web.views import STORY_CLAIMS, STORY_EVIDENCE

runner = CliRunner()
N = STORY_CLAIMS * 2 + 50


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int, list[int]]:
    """A database holding one story of N claims: (its --db, the story, its claims in order)."""
    from verifier import passwords

    folder = tmp_path_factory.mktemp("big")
    lines = [f"Councillor Ivo Marsh said the levy could raise {n} thousand crowns."
             for n in range(N)]
    (folder / "levy.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(folder / "v.db")
    run("ingest", str(folder / "levy.txt"), "--outlet", "none", "--db", db)
    cost, passwords.N = passwords.N, 2**10
    try:
        result = runner.invoke(app, ["users", "add", "ann", "--role", "reviewer",
                                     "--password-stdin", "--db", db], input=PASSWORD + "\n")
        assert result.exit_code == 0, result.output
    finally:
        passwords.N = cost
    shown = json.loads(run("stories", "list", "--json", "--limit", "1", "--db", db))
    story = shown["stories"][0]["id"] if isinstance(shown, dict) else shown[0]["id"]
    claims = [c["claim_id"] for c in json.loads(
        run("stories", "show", str(story), "--json", "--db", db))["claims"]]
    assert len(claims) == N, f"the story holds {len(claims)} of the {N} sentences"
    return db, story, claims


def _rows(page: str) -> list[int]:
    return [int(x) for x in re.findall(r'<tr id="c(\d+)">', page)]


def test_the_story_page_shows_its_claims_a_page_at_a_time(
        big: tuple[str, int, list[int]]) -> None:
    db, story, claims = big
    client = sign_in(TestClient(create_app(db)), "ann")
    path = f"/stories/{story}"
    first = client.get(path)
    assert first.status_code == 200
    assert _rows(first.text) == claims[:STORY_CLAIMS]
    assert f"Claims 1–{STORY_CLAIMS} of {N}" in first.text
    assert f"{N} claims in 1 article" in first.text  # the story's size, not the page's
    assert f'href="{path}?offset={STORY_CLAIMS}#claims" rel="next"' in first.text
    # the sentences under each reason are bounded too, the rest counted (hedging: every
    # statement says "could")
    listed = re.findall(r"<details><summary>([^<]*)</summary><ul>(.*?)</ul></details>",
                        first.text, flags=re.S)
    assert listed and all(items.count("<li>") <= STORY_EVIDENCE for _, items in listed)
    assert (f"{N - 3} more", f"and {N - STORY_EVIDENCE} more sentences") in [
        (summary, re.sub(r".*<li class=\"hint\">(and \d+ more sentences).*", r"\1", items,
                         flags=re.S)) for summary, items in listed]
    assert len(first.text) < 400_000
    last = client.get(f"{path}?offset={2 * STORY_CLAIMS}")
    assert _rows(last.text) == claims[2 * STORY_CLAIMS:]
    assert f"Claims {2 * STORY_CLAIMS + 1}–{N} of {N}" in last.text
    assert 'rel="next"' not in last.text
    assert f'href="{path}?offset={STORY_CLAIMS}#claims" rel="prev"' in last.text


def test_a_link_to_a_claim_opens_the_story_page_holding_it(
        big: tuple[str, int, list[int]]) -> None:
    db, story, claims = big
    client = sign_in(TestClient(create_app(db)), "ann")
    wanted = claims[2 * STORY_CLAIMS + 7]
    link = f"/stories/{story}?claim={wanted}#c{wanted}"
    assert f'href="{link}"' in client.get(f"/claims/{wanted}").text
    queue = client.get(f"/queue?status=any&story={story}&sort=article&offset={N - 50}"
                       "&limit=50").text
    assert f'href="{link}"' in queue
    held = client.get(f"/stories/{story}?claim={wanted}")
    assert wanted in _rows(held.text) and f"Claims {2 * STORY_CLAIMS + 1}–" in held.text


@pytest.mark.parametrize(("query", "says"), [
    (f"offset={N}", f"offset {N} is past the story's last claim (it has {N}; the first is "
                    "at offset 0)"),
    ("offset=-1", "offset must be at least 0"),
    ("claim=999999", "claim 999999 is not in story"),
    ("page=2", "unknown field 'page' in the address"),
])
def test_a_story_page_address_it_cannot_read_is_a_400(
        big: tuple[str, int, list[int]], query: str, says: str) -> None:
    db, story, _ = big
    client = sign_in(TestClient(create_app(db)), "ann")
    refused = client.get(f"/stories/{story}?{query}")
    assert refused.status_code == 400
    assert says in html.unescape(refused.text)


def test_stories_show_prints_a_page_of_claims_and_says_what_it_leaves_out(
        big: tuple[str, int, list[int]]) -> None:
    db, story, claims = big
    out = run("stories", "show", str(story), "--db", db)
    printed = [int(x) for x in re.findall(r"^\s*[-•*]?\s*#(\d+) ", out, flags=re.M)]
    assert printed == claims[:STORY_CLAIMS]
    flat = " ".join(out.split())
    assert f"Claims 1–{STORY_CLAIMS} of {N} shown; --offset {STORY_CLAIMS} the next " \
           f"{STORY_CLAIMS}; --json lists every one." in flat.replace("`", ""), flat[-2000:]
    assert f"more (verifier stories show {story} --json lists every one)" in flat.replace(
        "`", "")  # under a reason
    page = run("stories", "show", str(story), "--offset", str(2 * STORY_CLAIMS), "--db", db)
    assert [int(x) for x in re.findall(r"^\s*[-•*]?\s*#(\d+) ", page, flags=re.M)] \
        == claims[2 * STORY_CLAIMS:]
    small = run("stories", "show", str(story), "--limit", "5", "--db", db)
    assert len(re.findall(r"^\s*[-•*]?\s*#(\d+) ", small, flags=re.M)) == 5
    said = run("stories", "show", str(story), "--offset", str(N), "--db", db, code=2)
    assert f"--offset {N} is past the story's last claim" in said
