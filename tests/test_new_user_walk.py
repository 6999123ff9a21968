"""A new user's walk (session 22): `make demo` from a fresh clone, the README's usage lines,
the desk as a reviewer and an admin. What surprised: a refused form's error page said its
error twice, once in the green box of a done action; the demo's closing command wrapped
its database path onto a second line, so a copied command lost it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.web_helpers import build_db, sign_in, token
from verifier import demo
from verifier.web.app import create_app


def test_a_refused_form_says_its_error_once_and_not_as_done(desk: str) -> None:
    client = sign_in(TestClient(create_app(desk), raise_server_exceptions=False), "reviewer")
    response = client.post("/stories/1/merge", data={"csrf": token(client), "other": "abc"},
                           headers={"referer": "http://testserver/stories/1"})
    assert response.status_code == 400
    assert response.text.count("stories to merge: &#39;abc&#39; is not a number") == 1
    assert 'class="flash"' not in response.text  # the done-box of a recorded action
    assert re.search(r'<p class="error" role="alert">[^<]*is not a number</p>', response.text)
    # the story's page again, the ids typed kept in the merge form (session 24)
    assert "<h1>Story 1:" in response.text and "Nothing was saved" in response.text
    assert 'name="other" required placeholder="12, 15" value="abc"' in response.text
    # a done action still shows its flash
    page = client.get("/stories/1?done=marked")
    assert '<p class="flash" role="status">Verdict recorded.</p>' in page.text


def test_the_demos_closing_command_stays_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / ("a-long-temporary-folder-name-" * 3)
    folder.mkdir()
    monkeypatch.setattr(demo, "run", lambda db: None)
    monkeypatch.setattr(demo.tempfile, "mkdtemp", lambda prefix: str(folder))
    monkeypatch.setenv("COLUMNS", "60")
    demo.main()
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("Try: "))
    assert line.endswith(f"--db {folder / 'demo.db'}")


def test_serve_names_the_database_and_says_when_it_is_new_and_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Started in a folder with no verifier.db, the desk created one and served it empty
    without a word, where `claims list` there says "no database"; it names what it serves."""
    import socket

    import uvicorn
    from typer.testing import CliRunner

    from verifier.cli import app

    started: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: started.append(a))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VERIFIER_DB", raising=False)
    monkeypatch.delenv("VERIFIER_SOURCES", raising=False)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    runner = CliRunner()
    result = runner.invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert (f"verifier desk on http://127.0.0.1:{port}/ over verifier.db (a new, empty "
            "database; `verifier ingest FILES` adds articles)") in result.stderr
    (tmp_path / "desk").mkdir()
    desk = build_db(tmp_path / "desk")
    result = runner.invoke(app, ["serve", "--port", str(port), "--db", desk])
    assert result.exit_code == 0, result.output
    assert f"/ over {desk} (3 articles) (Ctrl-C stops)" in result.stderr
    assert len(started) == 2


def test_serve_on_an_ipv6_address_announces_a_link_a_browser_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`serve --host ::1` announced "http://::1:8000/", which no browser opens (an IPv6
    address in a url is bracketed); a port in use there was "cannot listen on ::1:8000"."""
    import socket

    import uvicorn
    from typer.testing import CliRunner

    from verifier.cli import app

    try:
        probe = socket.socket(socket.AF_INET6)
        probe.bind(("::1", 0))
    except OSError:
        pytest.skip("no IPv6 loopback here")
    port = probe.getsockname()[1]
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.chdir(tmp_path)
    desk = build_db(tmp_path)
    runner = CliRunner()
    with probe:
        probe.listen()
        result = runner.invoke(app, ["serve", "--host", "::1", "--port", str(port),
                                     "--db", desk])
        assert result.exit_code == 2
        assert f"cannot listen on [::1]:{port}: " in result.stderr
    result = runner.invoke(app, ["serve", "--host", "::1", "--port", str(port), "--db", desk])
    assert result.exit_code == 0, result.output
    assert f"verifier desk on http://[::1]:{port}/ over {desk} (3 articles)" in result.stderr
