"""Session 27's desk mends in real headless Chromium (skipped without Chromium and its
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
    from selenium.webdriver.support.ui import Select

    base, _ = server
    d = browser
    _sign_in(d, base, "reviewer")
    for path in ("/queue", "/stories"):
        d.get(f"{base}{path}?limit=7&status=any")  # type: ignore[attr-defined]
        shown = Select(d.find_element(By.NAME, "limit"))  # type: ignore[attr-defined]
        assert shown.first_selected_option.text == "7"
        d.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()  # type: ignore[attr-defined]
        _until(lambda: "limit=7" in d.current_url, "the filtered page")  # type: ignore[attr-defined]
        again = Select(d.find_element(By.NAME, "limit"))  # type: ignore[attr-defined]
        assert again.first_selected_option.text == "7"

