"""The desk fed hostile requests beyond tests/test_web_security.py."""

from __future__ import annotations

from collections.abc import Iterator

from starlette.testclient import TestClient

from tests.web_helpers import sign_in, token
from verifier.web.app import MAX_FORM_BYTES, create_app


def test_a_chunked_form_past_the_limit_is_refused_before_it_is_all_read(desk: str) -> None:
    client = TestClient(create_app(desk), follow_redirects=False)

    def body(chunks: int) -> Iterator[bytes]:  # no Content-Length: sent chunked
        yield f"csrf={token(signed_in)}&evidence=".encode()
        for _ in range(chunks):
            yield b"x" * 100_000

    headers = {"content-type": "application/x-www-form-urlencoded"}
    signed_in = sign_in(TestClient(create_app(desk)), "reviewer")
    chunks = MAX_FORM_BYTES // 100_000 + 2
    assert client.post("/login", content=body(chunks), headers=headers).status_code == 413
    response = signed_in.post("/stories/1/mark", content=body(chunks), headers=headers)
    assert response.status_code == 413
    # a chunked form under the limit is read as usual (here: a sign-in with a bad password)
    fresh = TestClient(create_app(desk), follow_redirects=False)
    login_token = fresh.get("/login").text.split('name="csrf" value="')[1].split('"')[0]

    def small() -> Iterator[bytes]:
        yield f"csrf={login_token}&name=reviewer&".encode()
        yield b"password=wrong"

    assert fresh.post("/login", content=small(), headers=headers).status_code == 401
