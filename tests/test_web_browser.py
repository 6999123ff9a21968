"""End to end in real headless Chromium (Selenium + Debian's chromedriver): sign in, filter
the queue, open an article, mark a claim with evidence, relabel a sentence, retract the
verdict, checking the database after each step.

Skipped where Chromium or chromedriver is not installed (``.ci/run`` installs both). Set
``VERIFIER_SCREENSHOTS=DIR`` to keep the screenshots of the queue and an article there.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.web_helpers import PASSWORD, build_db
from verifier.store.database import open_database
from verifier.store.models import Attribution, Claim, Correction, Verdict

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="Chromium/chromedriver not installed (apt-get install chromium chromium-driver)",
)
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--disable-dev-shm-usage",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    import uvicorn

    from verifier.web.app import create_app

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    db = build_db(tmp_path)
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not running.started:
        assert time.time() < deadline, "the desk did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    driver = _chromium(tmp_path / "profile")
    yield driver
    driver.quit()  # type: ignore[attr-defined]


def _chromium(profile: Path) -> object:
    """A headless Chromium with its own profile folder, keeping its console's messages
    (``get_log("browser")``)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for flag in (*FLAGS, f"--user-data-dir={profile}", "--window-size=1280,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.implicitly_wait(5)
    return driver


def _sign_in(d: object, base: str, name: str) -> None:
    """Sign in at the desk's login page as ``name`` and wait for the queue."""
    from selenium.webdriver.common.by import By

    d.get(f"{base}/login")  # type: ignore[attr-defined]
    d.find_element(By.NAME, "name").send_keys(name)  # type: ignore[attr-defined]
    d.find_element(By.NAME, "password").send_keys(PASSWORD)  # type: ignore[attr-defined]
    d.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()  # type: ignore[attr-defined]
    _until(lambda: d.current_url.endswith("/queue"), f"{name}'s queue")  # type: ignore[attr-defined]


def _rows(db: str, statement: object) -> list[tuple[object, ...]]:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return [tuple(r) for r in session.execute(statement)]  # type: ignore[call-overload]


def _until(check: object, what: str, seconds: float = 10.0) -> None:
    """Wait for a page to load after a click (a form posts and redirects)."""
    deadline = time.time() + seconds
    while True:
        try:
            if check():  # type: ignore[operator]
                return
        except Exception:  # the old page went away mid-check
            pass
        assert time.time() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _shoot(driver: object, tmp_path: Path, name: str) -> None:
    target = Path(os.environ.get("VERIFIER_SCREENSHOTS") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    path = target / name
    driver.save_screenshot(str(path))  # type: ignore[attr-defined]
    assert path.stat().st_size > 10_000


def test_review_in_the_browser(server: tuple[str, str], browser: object,
                               tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base, db = server
    d = browser
    find = d.find_element  # type: ignore[attr-defined]
    d.get(f"{base}/queue")  # type: ignore[attr-defined]
    assert "/login" in d.current_url  # type: ignore[attr-defined]
    # 1. sign in
    find(By.NAME, "name").send_keys("reviewer")
    find(By.NAME, "password").send_keys(PASSWORD)
    find(By.CSS_SELECTOR, "form[action='/login'] button").click()
    _until(lambda: d.current_url.endswith("/queue"), "the queue")  # type: ignore[attr-defined]
    assert "reviewer" in find(By.CSS_SELECTOR, "form.who").text
    assert _rows(db, select(Verdict.id)) == []
    _shoot(d, tmp_path, "desk-queue.png")
    # 2. filter the queue
    Select(find(By.NAME, "status")).select_by_visible_text("any")
    Select(find(By.NAME, "sourcing")).select_by_visible_text("unnamed_official")
    find(By.CSS_SELECTOR, "form.filters button").click()
    _until(lambda: "sourcing=unnamed_official" in d.current_url, "the filtered queue")  # type: ignore[attr-defined]
    table = find(By.CSS_SELECTOR, "table.queue").text
    assert "Repairs could cost" in table and "declined to comment" not in table
    assert "sourcing=unnamed_official" in d.current_url  # type: ignore[attr-defined]
    # 3. open the article
    find(By.PARTIAL_LINK_TEXT, "Repairs could cost").click()
    _until(lambda: "/articles/" in d.current_url, "the article")  # type: ignore[attr-defined]
    assert "Harbour bridge to close" in find(By.TAG_NAME, "h1").text
    claim_id = int(_rows(db, select(Claim.id).where(Claim.text.contains("Repairs could")))[0][0])  # type: ignore[call-overload]
    sentence = find(By.ID, f"s{claim_id}")
    assert "k-unnamed_official" in sentence.get_attribute("class")
    assert "rule" in sentence.get_attribute("title")
    assert find(By.CSS_SELECTOR, f"#s{claim_id} u.m-source").text
    _shoot(d, tmp_path, "desk-article.png")
    # 4. mark the claim with evidence
    find(By.CSS_SELECTOR, f"sup a[href='/claims/{claim_id}']").click()
    _until(lambda: "/claims/" in d.current_url, "the claim")  # type: ignore[attr-defined]
    find(By.CSS_SELECTOR, "form.mark input[value='disputed']").click()
    find(By.CSS_SELECTOR, "form.mark textarea[name='evidence']").send_keys(
        "The budget office puts the cost at 25 million euros.")
    find(By.CSS_SELECTOR, "form.mark input[name='url']").send_keys(
        "https://example.org/budget")
    find(By.CSS_SELECTOR, "form.mark button").click()
    _until(lambda: "done=" in d.current_url, "the result")  # type: ignore[attr-defined]
    assert "Verdict recorded" in find(By.CSS_SELECTOR, ".flash").text
    verdicts = _rows(db, select(Verdict.id, Verdict.status, Verdict.reviewer, Verdict.url)
                     .where(Verdict.claim_id == claim_id))
    assert [v[1:] for v in verdicts] == [("disputed", "reviewer", "https://example.org/budget")]
    assert _rows(db, select(Claim.status).where(Claim.id == claim_id)) == [("disputed",)]
    # 5. relabel the sentence (on the article page)
    d.get(f"{base}/articles/1")  # type: ignore[attr-defined]
    row = find(By.ID, f"row{claim_id}")
    row.find_element(By.CSS_SELECTOR, "details.correct summary").click()
    form = row.find_element(By.CSS_SELECTOR, "details.correct form")
    Select(form.find_element(By.NAME, "certainty")).select_by_visible_text("possible")
    kinds = form.find_elements(By.NAME, "kind")
    sources = form.find_elements(By.NAME, "source")
    Select(kinds[1]).select_by_visible_text("media")
    sources[1].send_keys("Reuters")
    form.find_element(By.NAME, "evidence").send_keys("Reuters is cited too")
    form.find_element(By.CSS_SELECTOR, "button").click()
    _until(lambda: "done=" in d.current_url, "the result")  # type: ignore[attr-defined]
    assert "Correction saved" in find(By.CSS_SELECTOR, ".flash").text
    assert _rows(db, select(Correction.reviewer, Correction.certainty)) == [
        ("reviewer", "possible")]
    assert _rows(db, select(Attribution.kind).where(Attribution.claim_id == claim_id)
                 .order_by(Attribution.position)) == [("unnamed_official",), ("media",)]
    # 6. retract the verdict
    d.get(f"{base}/claims/{claim_id}")  # type: ignore[attr-defined]
    find(By.CSS_SELECTOR, "ol.history details summary").click()
    find(By.CSS_SELECTOR, "ol.history input[name='reason']").send_keys("cost not settled yet")
    find(By.CSS_SELECTOR, "ol.history details button").click()
    _until(lambda: "done=" in d.current_url, "the result")  # type: ignore[attr-defined]
    assert "Verdict retracted" in find(By.CSS_SELECTOR, ".flash").text
    assert "Retracted" in find(By.CSS_SELECTOR, "ol.history").text
    assert _rows(db, select(Verdict.status, Verdict.refers_to).where(
        Verdict.claim_id == claim_id, Verdict.status == "retracted")) == [
        ("retracted", verdicts[0][0])]
    assert _rows(db, select(Claim.status).where(Claim.id == claim_id)) == [("unverified",)]
    # no script ran, none was allowed
    assert d.execute_script("return document.scripts.length") == 0  # type: ignore[attr-defined]


def test_a_returning_claim_is_flagged_in_the_queue_and_adopted_in_the_browser(
        server: tuple[str, str], browser: object, tmp_path: Path) -> None:
    """A fact-check imported, then a denial of what it found false is ingested: the queue
    flags the claim with the match and what adopting gives, the claim page's Adopt button
    marks the denial confirmed (not the fact-check's 'refuted')."""
    import json

    from selenium.webdriver.common.by import By
    from typer.testing import CliRunner

    from verifier.cli import app

    base, db = server
    runner = CliRunner()
    text = tmp_path / "denial.txt"
    text.write_text("Council denies bridge closure\nThe council denied that the Velm bridge "
                    "will close for two years from May for repairs.\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(text), "--db", db]).exit_code == 0
    review = tmp_path / "review.json"
    review.write_text(json.dumps({
        "@context": "https://schema.org", "@type": "ClaimReview",
        "url": "https://checkers.example/velm-bridge",
        "claimReviewed": "The Velm bridge will close for two years from May for repairs.",
        "author": {"@type": "Organization", "name": "Velm Fact Desk"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"}}), encoding="utf-8")
    assert runner.invoke(app, ["factchecks", "import", str(review), "--db", db]).exit_code == 0
    d = browser
    find = d.find_element  # type: ignore[attr-defined]
    _sign_in(d, base, "reviewer")
    d.get(f"{base}/queue?search=denied")  # type: ignore[attr-defined]
    match = find(By.CSS_SELECTOR, "table.queue .match")
    assert "fact-check:1" in match.text and "adopting marks it confirmed" in match.text
    match.find_element(By.LINK_TEXT, "fact-check:1").click()
    _until(lambda: "/claims/" in d.current_url, "the claim")  # type: ignore[attr-defined]
    claim_id = int(d.current_url.split("/claims/")[1].split("#")[0])  # type: ignore[attr-defined]
    find(By.CSS_SELECTOR, "form.adopt button").click()
    _until(lambda: "done=" in d.current_url, "the result")  # type: ignore[attr-defined]
    assert "Earlier verdict adopted" in find(By.CSS_SELECTOR, ".flash").text
    assert _rows(db, select(Claim.status).where(Claim.id == claim_id)) == [("confirmed",)]


def test_a_viewer_and_a_reviewer_at_the_desk_at_once(
        server: tuple[str, str], browser: object, tmp_path: Path) -> None:
    """Two people, two roles, two browsers: the viewer is told why there is no Mark form on
    a claim; the reviewer marks one claim there; the viewer's next look shows the verdict
    with who gave it, and the story it belongs to is in the default reviewed-stories
    report (a verdict on one claim is a review of its story)."""
    from selenium.webdriver.common.by import By

    base, db = server
    second = _chromium(tmp_path / "profile-2")
    try:
        people = {"viewer": browser, "reviewer": second}
        for name, d in people.items():
            _sign_in(d, base, name)
        (claim_id,) = _rows(db, select(Claim.id).where(
            Claim.text.like("%Repairs could cost%")))[0]
        viewer, reviewer = people["viewer"], people["reviewer"]
        viewer.get(f"{base}/claims/{claim_id}")  # type: ignore[attr-defined]
        assert not viewer.find_elements(By.CSS_SELECTOR, "form.mark")  # type: ignore[attr-defined]
        note = viewer.find_element(By.CSS_SELECTOR, ".role-note").text  # type: ignore[attr-defined]
        assert "Your role (viewer) reads only" in note, note
        reviewer.get(f"{base}/claims/{claim_id}")  # type: ignore[attr-defined]
        assert not reviewer.find_elements(By.CSS_SELECTOR, ".role-note")  # type: ignore[attr-defined]
        reviewer.find_element(  # type: ignore[attr-defined]
            By.CSS_SELECTOR, "form.mark input[value='refuted']").click()
        reviewer.find_element(  # type: ignore[attr-defined]
            By.CSS_SELECTOR, "form.mark textarea[name='evidence']").send_keys(
                "The council's budget puts the repairs at half that.")
        reviewer.find_element(By.CSS_SELECTOR, "form.mark button").click()  # type: ignore[attr-defined]
        _until(lambda: "done=marked" in reviewer.current_url, "the verdict")  # type: ignore[attr-defined]
        viewer.get(f"{base}/claims/{claim_id}")  # type: ignore[attr-defined]
        history = viewer.find_element(By.CSS_SELECTOR, "ol.history").text  # type: ignore[attr-defined]
        assert "refuted by reviewer" in history and "half that" in history, history
        from typer.testing import CliRunner

        from verifier.cli import app

        report = CliRunner().invoke(app, ["report", "--all", "--format", "json", "--db", db])
        texts = [m["text"] for story in json.loads(report.stdout)["stories"]
                 for m in story["claims"]]
        assert any("Repairs could cost" in text for text in texts), texts
    finally:
        second.quit()  # type: ignore[attr-defined]


def test_signing_out_one_browser_keeps_the_other_until_sign_out_everywhere(
        server: tuple[str, str], browser: object, tmp_path: Path) -> None:
    """One account in two browsers: Sign out ends the first only; Sign out everywhere, from
    the second, ends every session of the account (the first signs in again)."""
    from selenium.webdriver.common.by import By

    base, _ = server
    second = _chromium(tmp_path / "profile-2")
    try:
        first = browser
        for d in (first, second):
            _sign_in(d, base, "reviewer")
        first.find_element(By.XPATH, "//form[@class='who']//button[.='Sign out']").click()  # type: ignore[attr-defined]
        _until(lambda: "/login" in first.current_url, "the sign-in page")  # type: ignore[attr-defined]
        assert "Signed out." in first.find_element(By.CSS_SELECTOR, ".flash").text  # type: ignore[attr-defined]
        second.get(f"{base}/stories")  # type: ignore[attr-defined]
        assert second.current_url.endswith("/stories")  # type: ignore[attr-defined]
        _sign_in(first, base, "reviewer")
        second.find_element(  # type: ignore[attr-defined]
            By.XPATH, "//form[@class='who']//button[.='Sign out everywhere']").click()
        _until(lambda: "/login" in second.current_url, "the sign-in page")  # type: ignore[attr-defined]
        assert "every device" in second.find_element(By.CSS_SELECTOR, ".flash").text  # type: ignore[attr-defined]
        first.get(f"{base}/stories")  # type: ignore[attr-defined]
        assert "/login" in first.current_url  # type: ignore[attr-defined]
    finally:
        second.quit()  # type: ignore[attr-defined]


def test_a_refused_form_comes_back_filled_in_the_browser(
        server: tuple[str, str], browser: object) -> None:
    """A correction the desk refuses (official sourcing without the source's words) and a
    verdict sent with a stale form token come back on their page with what was typed, the
    refusal said above it, and nothing saved; sent again on purpose, the verdict is saved."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base, db = server
    d = browser
    _sign_in(d, base, "reviewer")
    claim = int(_rows(db, select(Claim.id).where(Claim.text.contains("harbour bridge")))[0][0])  # type: ignore[call-overload]
    d.get(f"{base}/claims/{claim}")  # type: ignore[attr-defined]
    d.find_element(By.CSS_SELECTOR, "details.correct summary").click()  # type: ignore[attr-defined]
    form = d.find_element(By.CSS_SELECTOR, f"form[action='/claims/{claim}/correct']")  # type: ignore[attr-defined]
    rows = form.find_elements(By.CSS_SELECTOR, "div.row")
    Select(rows[-1].find_element(By.NAME, "kind")).select_by_visible_text("official")
    form.find_element(By.NAME, "evidence").send_keys("The harbour master's notice says so")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _until(lambda: d.find_elements(By.CSS_SELECTOR, "p.refused"), "the refusal")  # type: ignore[attr-defined]
    assert "Nothing was saved" in d.find_element(By.CSS_SELECTOR, "p.refused").text  # type: ignore[attr-defined]
    kept = d.find_element(By.CSS_SELECTOR, f"form[action='/claims/{claim}/correct'] textarea")  # type: ignore[attr-defined]
    assert kept.get_attribute("value") == "The harbour master's notice says so"
    assert kept.is_displayed()  # its fold is open
    assert not _rows(db, select(Correction.id))
    # a verdict whose page's token went stale (signed in again since)
    mark = d.find_element(By.CSS_SELECTOR, f"form[action='/claims/{claim}/mark']")  # type: ignore[attr-defined]
    mark.find_element(By.CSS_SELECTOR, "input[name=status][value=refuted]").click()
    mark.find_element(By.NAME, "evidence").send_keys("The works were postponed to May")
    mark.find_element(By.NAME, "note").send_keys("<b>see the council minutes</b>")
    d.execute_script(  # type: ignore[attr-defined]
        "arguments[0].value = 'stale'", mark.find_element(By.NAME, "csrf"))
    mark.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _until(lambda: "stale" in d.find_element(By.CSS_SELECTOR, "p.error").text,  # type: ignore[attr-defined]
           "the stale token's refusal")
    mark = d.find_element(By.CSS_SELECTOR, f"form[action='/claims/{claim}/mark']")  # type: ignore[attr-defined]
    assert mark.find_element(By.NAME, "evidence").get_attribute("value") == \
        "The works were postponed to May"
    assert mark.find_element(By.NAME, "note").get_attribute("value") == \
        "<b>see the council minutes</b>"
    assert mark.find_element(By.CSS_SELECTOR, "input[value=refuted]").is_selected()
    assert not _rows(db, select(Verdict.id))
    mark.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _until(lambda: "Verdict recorded." in d.find_element(By.CSS_SELECTOR, ".flash").text,  # type: ignore[attr-defined]
           "the verdict")
    assert _rows(db, select(Verdict.status).where(Verdict.claim_id == claim)) == [("refuted",)]


def test_an_admin_unlocks_a_locked_address_in_the_browser(
        server: tuple[str, str], browser: object, tmp_path: Path) -> None:
    """Five wrong passwords from one address lock it, for every name; an admin signed in
    already (another browser) sees the address on Users and unlocks it, audited; the first
    browser then signs in."""
    from selenium.webdriver.common.by import By

    from verifier.limits import SIGN_IN_FAILURES
    from verifier.store.models import AuditEntry

    base, db = server
    admin = _chromium(tmp_path / "profile-admin")
    try:
        _sign_in(admin, base, "admin")
        d = browser
        for n in range(SIGN_IN_FAILURES + 1):
            d.get(f"{base}/login")  # type: ignore[attr-defined]
            d.find_element(By.NAME, "name").send_keys(f"guess-{n}")  # type: ignore[attr-defined]
            d.find_element(By.NAME, "password").send_keys("not the password")  # type: ignore[attr-defined]
            d.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()  # type: ignore[attr-defined]
            _until(lambda: d.find_elements(By.CSS_SELECTOR, "p.error"), "the refusal")  # type: ignore[attr-defined]
        assert "Too many failed attempts" in d.find_element(By.CSS_SELECTOR, "p.error").text  # type: ignore[attr-defined]
        admin.get(f"{base}/users")  # type: ignore[attr-defined]
        row = admin.find_element(  # type: ignore[attr-defined]
            By.XPATH, "//h2[@id='addresses']/following::tr[td[1]='127.0.0.1']")
        assert "locked (15 min left)" in row.text
        row.find_element(By.XPATH, ".//button[.='Unlock address']").click()
        _until(lambda: "Address unlocked" in admin.find_element(By.CSS_SELECTOR, ".flash").text,  # type: ignore[attr-defined]
               "the unlock")
        assert not admin.find_elements(  # type: ignore[attr-defined]
            By.XPATH, "//h2[@id='addresses']/following::tr[td[1]='127.0.0.1']")
        assert _rows(db, select(AuditEntry.actor, AuditEntry.target)
                     .where(AuditEntry.action == "address-unlock")) == [
            ("admin", "address 127.0.0.1")]
        _sign_in(d, base, "reviewer")
    finally:
        admin.quit()  # type: ignore[attr-defined]
