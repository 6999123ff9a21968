"""The desk's mends in real headless Chromium (skipped without Chromium and its
driver, as tests/test_web_browser.py)."""

from __future__ import annotations

from pathlib import Path

from tests.test_web_browser import (  # noqa: F401  (fixtures and the skip mark)
    _sign_in,
    _until,
    browser,
    pytestmark,
    server,
)


def test_per_page_shows_the_size_applied_and_filter_keeps_it(
        server: tuple[str, str], browser: object, tmp_path: Path) -> None:  # noqa: F811
    """`/queue?limit=7` showed 25 in Per page, and pressing Filter then listed 25 a page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.expected_conditions import staleness_of
    from selenium.webdriver.support.ui import Select, WebDriverWait

    base, _ = server
    d = browser
    _sign_in(d, base, "reviewer")
    for path in ("/queue", "/stories"):
        d.get(f"{base}{path}?limit=7&status=any")  # type: ignore[attr-defined]
        shown = Select(d.find_element(By.NAME, "limit"))  # type: ignore[attr-defined]
        assert shown.first_selected_option.text == "7"
        old = d.find_element(By.TAG_NAME, "html")  # type: ignore[attr-defined]
        d.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()  # type: ignore[attr-defined]
        # the address held limit=7 before the click too: wait for the page to be replaced
        WebDriverWait(d, 10).until(staleness_of(old))  # type: ignore[arg-type]
        assert "limit=7" in d.current_url  # type: ignore[attr-defined]
        again = Select(d.find_element(By.NAME, "limit"))  # type: ignore[attr-defined]
        assert again.first_selected_option.text == "7"



#: Pages the console test of session 26 did not open: the hostile article's pages, refused
#: addresses and forms (400), the sign-in page signed out, the emptied stories' list.
MORE_PAGES = ("/articles/3", "/articles/3/edit", "/queue?status=any&search=%3Cscript%3E",
              "/queue?page=2", "/stories?status=emptied", "/stories?limit=500",
              "/sources?q=%3Cb%3E", "/sources/reuters/edit", "/audit?action=sign-in-failed",
              "/reports/download?scope=wizard", "/claims/1#matches", "/nowhere")


def test_an_admins_walk_logs_no_console_error(server: tuple[str, str], browser: object,  # noqa: F811
                                              tmp_path: Path) -> None:
    """An admin at the desk: the pages above, a user added, made a reviewer, disabled and
    enabled again on the Users page, each step's page read with its console: no content the
    policy blocks and no request the desk fails (its own 400/404 pages aside)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base, _ = server
    d = browser
    d.get(f"{base}/login?next=/audit")  # type: ignore[attr-defined]
    found = _severe(d, "/login", own=False)
    _sign_in(d, base, "admin")
    for path in MORE_PAGES:
        d.get(base + path)  # type: ignore[attr-defined]
        found += _severe(d, path, own=path.split("?")[0] in (
            "/queue", "/stories", "/reports/download", "/nowhere"))
    d.get(f"{base}/users")  # type: ignore[attr-defined]
    add = d.find_element(By.CSS_SELECTOR, "form input[name=op][value=add]")  # type: ignore[attr-defined]
    form = add.find_element(By.XPATH, "./ancestor::form")
    form.find_element(By.NAME, "name").send_keys("walker")
    form.find_element(By.NAME, "password").send_keys("a long enough password")
    Select(form.find_element(By.NAME, "role")).select_by_visible_text("viewer")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _until(lambda: "walker" in d.find_element(By.TAG_NAME, "main").text, "the new user")  # type: ignore[attr-defined]
    found += _severe(d, "/users after add", own=False)
    assert not found, found


def _severe(driver: object, path: str, own: bool) -> list[tuple[str, str]]:
    """The console's errors since the last read (``own``: the page's own 400/404 status,
    which Chromium logs, left out)."""
    logged = driver.get_log("browser")  # type: ignore[attr-defined]
    return [(path, e["message"]) for e in logged if e["level"] == "SEVERE"
            and not (own and ("status of 400" in e["message"] or "status of 404" in e["message"]))]
