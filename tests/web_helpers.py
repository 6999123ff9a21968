"""A desk over a small database of articles written for these tests, and a signed-in client."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from verifier.cli import app as cli

PASSWORD = "correct horse battery"
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'
ARTICLES = {
    "harbour.md": (
        "---\ntitle: Harbour bridge to close for repairs\noutlet: Reuters\n"
        "url: https://example.org/harbour\npublished: 2026-03-02\n---\n"
        "The harbour bridge will close for six weeks from Monday, the transport ministry said.\n"
        "Repairs could cost up to 40 million euros, according to a senior official who asked "
        "not to be named.\n"
        "The city council declined to comment on the closure.\n"
        "Ferry operators denied reports that fares would double during the works.\n"
    ),
    "stadium.md": (
        "---\ntitle: Stadium roof fails inspection\noutlet: The Associated Press\n"
        "url: https://example.org/stadium\npublished: 2026-03-03\n---\n"
        "Inspectors found cracks in the stadium roof last week, the sports ministry said.\n"
        "The club will probably play its next two home games elsewhere.\n"
    ),
    "hostile.md": (
        f"---\ntitle: \"{XSS.replace(chr(34), chr(39))}\"\nurl: \"javascript:alert(3)\"\n"
        "published: 2026-03-04\n---\n"
        f"The ministry said {XSS} was harmless on Monday.\n"
    ),
}


_TEMPLATE: dict[str, Path] = {}
SQLITE_FILE = "sqlite:///"


def build_db(directory: Path, url: str | None = None) -> str:
    """Ingest the test articles, group stories, add one user per role; returns the --db.

    A SQLite database (``url`` None or a ``sqlite:///`` file) with the packaged registry is
    built once per test run and copied (a test's writes never reach the others); other
    URLs (PostgreSQL) are built for real. Test accounts hash with a cheaper scrypt cost (the
    hash records its cost, so signing in checks it the same way); the production cost is
    tested in test_cli_desk.
    """
    import os
    import tempfile

    from tests.db_files import checkpoint, copy_of

    sqlite_file = url[len(SQLITE_FILE):] if url and url.startswith(SQLITE_FILE) else None
    if (url is None or sqlite_file) and not os.environ.get("VERIFIER_SOURCES"):
        if "db" not in _TEMPLATE:
            built = Path(_build(Path(tempfile.mkdtemp(prefix="verifier-desk-"))))
            _TEMPLATE["db"] = checkpoint(built)
        target = Path(sqlite_file) if sqlite_file else directory / "desk.db"
        copy_of(_TEMPLATE["db"], target)
        for name, text in ARTICLES.items():
            (directory / name).write_text(text, encoding="utf-8")
        return url or str(target)
    return _build(directory, url)


def _build(directory: Path, url: str | None = None) -> str:
    from verifier import passwords

    db = url or str(directory / "desk.db")
    files = []
    for name, text in ARTICLES.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:  # hostile.md's url as an older version stored it
        patch.setattr("verifier.ingest.readers.http_url", lambda url: url)
        result = runner.invoke(cli, ["ingest", *files, "--db", db])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["stories", "group", "--db", db]).exit_code == 0
    cost = passwords.N
    passwords.N = 2**10
    try:
        for role in ("viewer", "reviewer", "editor", "admin"):
            result = runner.invoke(cli, ["users", "add", role, "--role", role,
                                         "--password-stdin", "--db", db], input=PASSWORD + "\n")
            assert result.exit_code == 0, result.output
    finally:
        passwords.N = cost
    return db


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> TestClient:
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"csrf": token, "name": name, "password": password,
                                           "next": "/queue"})
    assert response.status_code == 200 and response.url.path == "/queue", response.text[:500]
    return client


def token(client: TestClient, path: str = "/queue") -> str:
    return csrf_of(client.get(path).text)
