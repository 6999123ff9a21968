"""Another site's page attacks a signed-in reviewer's desk in real headless Chromium: forms
that post to the desk by themselves (sign out, a verdict, a new admin account), an image
whose address is the sign-out action, and a frame holding the desk. Served from another
port of the same machine (same site: the browser sends SameSite=Strict cookies along, so
the form token and the Origin check are what stop it) and from another host name (another
site: the cookies stay home). Nothing is saved, the reviewer stays signed in, and the desk
is never shown inside the other page.

Skipped where Chromium or chromedriver is not installed, as tests/test_web_browser.py is."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.test_web_browser import CHROMIUM, DRIVER, _chromium, _sign_in, server  # noqa: F401
from verifier.store.database import open_database
from verifier.store.models import User, Verdict

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="Chromium/chromedriver not installed (apt-get install chromium chromium-driver)",
)

ATTACKS = {
    "/mark": """<form id="f" method="post" action="{desk}/claims/1/mark">
<input name="csrf" value="guessed"><input name="status" value="refuted">
<input name="evidence" value="posted by another site"></form>
<script>document.getElementById('f').submit()</script>""",
    "/admin": """<form id="f" method="post" action="{desk}/users">
<input name="op" value="add"><input name="name" value="intruder.x">
<input name="role" value="admin"><input name="password" value="a long enough password">
</form><script>document.getElementById('f').submit()</script>""",
    "/logout": """<form id="f" method="post" action="{desk}/logout"></form>
<script>document.getElementById('f').submit()</script>""",
    "/image": """<img src="{desk}/logout"><img src="{desk}/claims/1/mark?status=refuted">
<p id="done">loaded</p>""",
    "/frame": """<iframe id="frame" src="{desk}/queue"></iframe>""",
}


@pytest.fixture
def other_site() -> Iterator[int]:
    """A web server of another site on its own port: its pages hold ``{desk}`` replaced by
    the address the test names (``?desk=``)."""
    from urllib.parse import parse_qs, urlsplit

    class Pages(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = urlsplit(self.path)
            desk = parse_qs(found.query).get("desk", [""])[0]
            body = ("<!doctype html><html><body>"
                    + ATTACKS.get(found.path, "").replace("{desk}", desk)
                    + "</body></html>").encode()
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    pages = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=pages.serve_forever, daemon=True)
    thread.start()
    yield int(pages.server_address[1])
    pages.shutdown()


def _counts(db: str) -> tuple[int, int]:
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        return (int(session.scalar(select(func.count()).select_from(Verdict)) or 0),
                int(session.scalar(select(func.count()).select_from(User)) or 0))


def _settle(driver: Any) -> None:
    """Wait until the page (an attack that posts, then the desk's answer) has loaded."""
    deadline = time.time() + 10
    while driver.execute_script("return document.readyState") != "complete":
        assert time.time() < deadline, "the page did not load"
        time.sleep(0.05)
    time.sleep(0.3)


def test_another_sites_page_changes_nothing_and_signs_no_one_out(
    server: tuple[str, str], other_site: int, tmp_path: Path  # noqa: F811
) -> None:
    base, db = server
    before = _counts(db)
    driver: Any = _chromium(tmp_path / "profile")
    try:
        _sign_in(driver, base, "admin")  # the strongest account: every form would work
        for host in ("127.0.0.1", "localhost"):  # the same site on another port; another site
            for attack in ("/mark", "/admin", "/image", "/logout"):
                driver.get(f"http://{host}:{other_site}{attack}?desk={base}")
                _settle(driver)
                assert _counts(db) == before, (host, attack)
                driver.get(f"{base}/queue")
                assert driver.current_url == f"{base}/queue", (host, attack)  # signed in
            driver.get_log("browser")
            driver.get(f"http://{host}:{other_site}/frame?desk={base}")
            _settle(driver)
            logged = " ".join(e["message"] for e in driver.get_log("browser"))
            assert "frame-ancestors 'none'" in logged and "blocked" in logged, host
    finally:
        driver.quit()
    assert _counts(db) == before
