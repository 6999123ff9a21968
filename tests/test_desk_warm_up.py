"""``verifier serve`` loads what the desk's pages need before it listens (``warm_up``): the
first queue, story, claim or article page of a fresh process was 0.4-0.8 s slower than the
next (the pages' modules, the shared pattern cache, the weights, the templates)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web_helpers import PASSWORD

SCRIPT = """
import json, sys
from starlette.testclient import TestClient
from tests.web_helpers import csrf_of
from verifier.web.app import create_app, warm_up
app = create_app(sys.argv[1])
warm_up(app)
client = TestClient(app)
page = client.get("/login").text
client.post("/login", data={"csrf": csrf_of(page), "name": "viewer", "password": sys.argv[2]})
before = set(sys.modules)
for path in sys.argv[3:]:
    assert client.get(path).status_code == 200, path
print(json.dumps(sorted(m for m in set(sys.modules) - before if m.startswith("verifier"))))
"""


def test_after_the_warm_up_a_first_page_loads_no_module_of_verifier(desk: str) -> None:
    root = Path(__file__).resolve().parent.parent
    pages = ["/queue", "/stories", "/articles", "/articles/1", "/claims/1", "/stories?min_claims=1",
             "/sources", "/reports", "/audit", "/orphaned",
             "/reports/download?scope=article&id=1&format=html"]
    done = subprocess.run([sys.executable, "-c", SCRIPT, desk, PASSWORD, *pages], cwd=root,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_serve_warms_the_desk_up_before_it_listens(desk: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    import typer
    import uvicorn
    from typer.testing import CliRunner

    import verifier.web.app as web
    from verifier.cli import app

    order: list[str] = []
    real = web.warm_up
    monkeypatch.setattr(web, "warm_up", lambda a: (order.append("warm"), real(a)))
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: order.append("listen"))
    echo = typer.echo
    monkeypatch.setattr(typer, "echo", lambda message="", **k: (
        order.append("announce") if "verifier desk on" in str(message) else None,
        echo(message, **k)))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(app, ["serve", "--port", str(port), "--db", desk])
    assert result.exit_code == 0, result.output
    assert order == ["warm", "announce", "listen"]  # ready when it says it is on
