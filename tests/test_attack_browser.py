"""What only a browser shows: in real headless Chromium, every page of the desk (hostile
article, verdict and correction text stored first) loads without one Content-Security-Policy
violation in the console, and no element a stored string could have injected (a script, an
event handler, a javascript:/data: link) is in any page's DOM.

Skipped where Chromium or chromedriver is not installed, as tests/test_web_browser.py is."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.test_web_browser import CHROMIUM, DRIVER, _chromium, _sign_in, server  # noqa: F401
from tests.web_helpers import XSS, sign_in, token
from verifier.web.app import ROUTES, create_app

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="Chromium/chromedriver not installed (apt-get install chromium chromium-driver)",
)

INJECTED = """return [...document.querySelectorAll('*')].filter(e =>
  e.tagName === 'SCRIPT' || e.tagName === 'IFRAME' || e.tagName === 'OBJECT' ||
  [...e.attributes].some(a => a.name.startsWith('on') ||
    (['href', 'src', 'action', 'formaction'].includes(a.name) &&
     /^\\s*(javascript|data|vbscript):/i.test(a.value)))
).map(e => e.outerHTML.slice(0, 200));"""


def _store_hostile_text(db: str, folder: Path) -> None:
    """A verdict, a story verdict, a correction and an imported fact-check whose words are
    markup."""
    import json

    from typer.testing import CliRunner

    from tests.test_web_adopt import ORSK, REVIEW
    from verifier.cli import app as cli

    orsk = folder / "orsk.md"
    orsk.write_text(ORSK, encoding="utf-8")
    assert CliRunner().invoke(cli, ["ingest", str(orsk), "--db", db]).exit_code == 0
    review = {**REVIEW, "itemReviewed": {"@type": "Claim", "author": {"name": XSS}},
              "reviewRating": {**REVIEW["reviewRating"], "alternateName": XSS}}  # type: ignore[dict-item]
    checks = folder / "review.json"
    checks.write_text(json.dumps(review), encoding="utf-8")
    result = CliRunner().invoke(cli, ["factchecks", "import", str(checks), "--db", db])
    assert result.exit_code == 0, result.output
    client = sign_in(TestClient(create_app(db)), "editor")
    claims = [int(m) for m in re.findall(r'href="/claims/(\d+)"',
                                          client.get("/queue?status=any").text)]
    first, second = claims[0], claims[1]
    assert client.post(f"/claims/{first}/mark", data={
        "csrf": token(client), "status": "refuted", "evidence": XSS, "note": XSS,
        "url": "https://example.org/?q=%22%3E%3Cscript%3E"}).status_code == 200
    assert client.post(f"/claims/{second}/correct", data={
        "csrf": token(client), "claim": "yes", "certainty": "certain", "kind": ["named"],
        "source": [XSS], "evidence": XSS}).status_code == 200
    assert client.post("/stories/1/mark", data={
        "csrf": token(client), "status": "disputed", "evidence": XSS}).status_code == 200


def test_every_page_loads_without_a_csp_violation_or_an_injected_element(
    server: tuple[str, str], tmp_path: Path  # noqa: F811
) -> None:
    base, db = server
    _store_hostile_text(db, tmp_path)
    driver: Any = _chromium(tmp_path / "profile")
    try:
        driver.get(f"{base}/login")
        _sign_in(driver, base, "admin")
        pages = [re.sub(r"\{(\w+)(:int)?\}", lambda m: "1" if m.group(2) else "reuters", p)
                 for p, method, _, _ in ROUTES if method == "GET" and "download" not in p]
        pages += [f"/claims/{n}" for n in range(1, 10)]  # the Orsk claim shows the check
        pages += ["/queue?status=any", "/stories?status=any&min_claims=1", "/articles/3",
                  "/claims/2", "/claims/999999", "/no-such-page", "/queue?limit=x"]
        driver.get_log("browser")  # what signing in logged
        for path in pages:
            driver.get(base + path)
            injected = driver.execute_script(INJECTED)
            assert injected == [], (path, injected)
            logged = [e["message"] for e in driver.get_log("browser")
                      if "Content Security Policy" in e["message"]
                      or "Refused to" in e["message"]]
            assert logged == [], (path, logged)
        shown = ""
        for n in range(1, 10):
            driver.get(f"{base}/claims/{n}")
            shown += driver.find_element("tag name", "body").text
        assert "<script>alert(1)</script>" in shown  # stored markup is shown as text
        assert "Harbour Checks <script>" in shown  # the fact-check's author too
    finally:
        driver.quit()
