"""The Sources page shows the registry a page at a time, found by words (in an entry's id,
name or alias) and kind, instead of drawing all ~900 entries on every load."""

from __future__ import annotations

import re

from tests.test_web import client_for
from tests.web_helpers import token
from verifier.registry import load_registry
from verifier.web.views import SOURCES_PAGE


def _rows(page: str) -> list[str]:
    registry = page[page.index("<h2>Source registry</h2>"):]
    return re.findall(r"<tr><td><code>([^<]+)</code></td>", registry)


def test_the_registry_is_paged_and_found_by_name_alias_and_kind(desk: str) -> None:
    from verifier.config import sources_path

    everything = list(load_registry(sources_path(None)))
    assert len(everything) > SOURCES_PAGE
    client = client_for(desk, "viewer")
    page = client.get("/sources").text
    rows = _rows(page)
    assert len(rows) == SOURCES_PAGE
    assert f"{SOURCES_PAGE} of {len(everything)} entries, by name." in page
    assert 'rel="next"' in page and 'rel="prev"' not in page
    second = client.get(f"/sources?offset={SOURCES_PAGE}").text
    assert not set(_rows(second)) & set(rows) and 'rel="prev"' in second
    assert f"from #{SOURCES_PAGE + 1}" in second
    # words: the id, the name or an alias, any case
    found = client.get("/sources?q=ASSOCIATED+press").text
    assert "ap" in _rows(found) and "matching" in found and 'rel="next"' not in found
    by_alias = client.get("/sources?q=Thomson+Reuters").text
    assert _rows(by_alias) == ["reuters"]
    agencies = client.get("/sources?kind=news_agency").text
    kinds = {s.id: s.kind for s in everything}
    assert _rows(agencies) and {kinds[r] for r in _rows(agencies)} == {"news_agency"}
    assert 'name="q" type="search" maxlength="300" value="&lt;b&gt;"' in client.get(
        "/sources?q=<b>").text  # escaped as typed
    assert "No entry matches." in client.get("/sources?q=no+such+outlet+at+all").text
    bad = client.get("/sources?kind=tabloid").text
    assert "unknown kind &#39;tabloid&#39;" in bad and len(_rows(bad)) == SOURCES_PAGE
    assert client.get("/sources?offset=abc").status_code == 400


def test_a_saved_entry_is_shown_found(desk: str) -> None:
    editor = client_for(desk, "editor")
    saved = editor.post("/sources/new", data={
        "csrf": token(editor, "/sources"), "id": "zz-velm-courier", "name": "Velm Courier",
        "kind": "newspaper"})
    assert saved.status_code == 200
    assert saved.url.query == b"q=zz-velm-courier&done=source-saved" or \
        "q=zz-velm-courier" in str(saved.url)
    assert _rows(saved.text) == ["zz-velm-courier"] and "Registry entry saved." in saved.text


def test_track_records_are_bounded_and_found_by_the_same_words(
        desk: str, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    from tests.test_web import first_claim, query
    from verifier.store.models import StoryClaim

    reviewer = client_for(desk, "reviewer")
    story = query(desk, StoryClaim.__table__.select().with_only_columns(
        StoryClaim.story_id).where(StoryClaim.claim_id == first_claim(desk, "harbour bridge")))
    assert reviewer.post(f"/stories/{story[0][0]}/mark", data={
        "csrf": token(reviewer), "status": "confirmed", "evidence": "Council minutes"},
    ).status_code == 200
    client = client_for(desk, "viewer")

    def records(page: str) -> list[str]:
        part = page[page.index("<h2>Track records</h2>"):page.index("<h2>Source registry</h2>")]
        return re.findall(r"<td><code>([^<]+)</code></td>", part)

    everyone = records(client.get("/sources").text)
    assert len(everyone) > 1
    named = client.get("/sources?q=" + everyone[-1]).text
    assert records(named) == [everyone[-1]] or everyone[-1] in records(named)
    assert "No track record matches." in client.get("/sources?q=no+such+outlet+at+all").text
    monkeypatch.setattr("verifier.web.views.SOURCES_PAGE", 1)
    one = client.get("/sources").text
    assert records(one) == everyone[:1]
    assert f"And {len(everyone) - 1} more with fewer verdicts" in one
