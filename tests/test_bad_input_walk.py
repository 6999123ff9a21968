"""Mends for a newsroom desk: what a new user walking the README, a reviewer and
an admin at the desk, and an attacker found. Each is a test here (the command line through
CliRunner, the desk through its test client)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from verifier.cli import app as cli

runner = CliRunner()

LINE = b"The harbour ferry will stop running in March, the harbour master said.\n"


def _one_error(result: object) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith("verifier: error: "), lines
    return lines[0]


def test_a_text_with_nul_bytes_past_its_first_8_kb_is_refused_as_binary(tmp_path: Path) -> None:
    """A NUL byte only after the first 8 KB was stored (only the first 8 KB were sniffed);
    now refused as one with NUL at its start: one line, nothing stored, no database left."""
    late = tmp_path / "late.txt"
    late.write_bytes(LINE * 200 + b"\x00\x01\x02\x03 binary tail")
    db = tmp_path / "v.db"
    result = runner.invoke(cli, ["ingest", str(late), "--db", str(db)])
    assert result.exit_code == 3, result.output
    said = _one_error(result)
    assert "late.txt: looks like a binary file, not text" in said and "nothing was stored" in said
    assert not db.exists()
    analysed = runner.invoke(cli, ["analyze", str(late)])
    assert analysed.exit_code == 3 and "looks like a binary file" in _one_error(analysed)


def test_a_json_lines_record_holding_a_nul_is_refused_and_the_rest_stored(tmp_path: Path) -> None:
    """A JSON Lines record whose text or title held "\\u0000" was stored on SQLite and, on
    PostgreSQL, failed the whole ingest (exit 5, the good records lost with it)."""
    text = LINE.decode()
    records = [{"text": text + "It held\u0000 a NUL."}, {"text": text, "title": "A\u0000B"},
               {"text": text.replace("March", "April")}]
    jsonl = tmp_path / "three.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = tmp_path / "v.db"
    result = runner.invoke(cli, ["ingest", str(jsonl), "--db", str(db), "--outlet", "none"])
    assert result.exit_code == 1, result.output
    assert "three.jsonl:1: field 'text' holds a NUL character" in result.stderr
    assert "three.jsonl:2: field 'title' holds a NUL character" in result.stderr
    assert "Stored 1 article" in result.stdout


def test_a_labelled_corpus_folder_ingests_its_texts_and_not_its_label_files(
        tmp_path: Path) -> None:
    """A folder laid out for `verifier eval` (texts beside `*.labels.jsonl` and
    `*.stories.jsonl`) stored every sentence label as an article of its own and printed an
    error for every story line; now the walk skips label files, and one named on the command
    line is one error for the file, naming the command that reads it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a1.txt").write_bytes(LINE)
    row = {"doc": "a1", "i": 0, "text": LINE.decode().strip(), "claim": True,
           "sourcing": [{"kind": "official", "source": "the harbour master"}],
           "certainty": "certain"}
    (corpus / "mine.labels.jsonl").write_text(json.dumps(row) + "\n" + json.dumps(row) + "\n")
    story = {"story": "s-ferry", "doc": "a1", "event": "ferry stops", "sentences": [0],
             "outcome": None}
    (corpus / "mine.stories.jsonl").write_text(json.dumps(story) + "\n")
    db = tmp_path / "v.db"
    result = runner.invoke(cli, ["ingest", str(corpus), "--db", str(db), "--outlet", "none",
                                 "--published", "2026-03-02"])
    assert result.exit_code == 0, result.output
    assert "Stored 1 article" in result.stdout and result.stderr == ""
    renamed = tmp_path / "rows.jsonl"
    renamed.write_bytes((corpus / "mine.labels.jsonl").read_bytes())
    for named, what, reader in ((renamed, "sentence", "verifier eval"),
                                (corpus / "mine.stories.jsonl", "story", "verifier eval-stories")):
        refused = runner.invoke(cli, ["ingest", str(named), "--db", str(db)])
        assert refused.exit_code == 3, refused.output
        assert _one_error(refused) == (
            f"verifier: error: {named}: holds {what} labels (the labelling guide's format), not "
            f"articles; `{reader}` reads it; nothing was stored")


def test_a_url_that_is_no_http_address_is_refused_in_every_file_form(tmp_path: Path) -> None:
    """--url and the desk refused a ``javascript:`` address while a JSON Lines record or a
    Markdown file's front matter stored it as the article's url: refused alike now, the
    record or file named, the rest stored."""
    text = LINE.decode()
    records = [{"text": text, "url": "javascript:alert(1)"},
               {"text": text.replace("March", "May"), "url": "https://example.org/ferry"}]
    jsonl = tmp_path / "two.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("---\nurl: 'data:text/html,<b>x</b>'\n---\n" + text.replace("March", "June"),
                    encoding="utf-8")
    db = tmp_path / "v.db"
    result = runner.invoke(cli, ["ingest", str(jsonl), str(page), "--db", str(db),
                                 "--outlet", "none"])
    assert result.exit_code == 1, result.output
    assert "two.jsonl:1: field 'url': 'javascript:alert(1)' is not an http(s) url" in result.stderr
    assert "page.md: field 'url': 'data:text/html,<b>x</b>' is not an http(s) url" in result.stderr
    assert "Stored 1 article" in result.stdout
    listed = runner.invoke(cli, ["articles", "show", "1", "--db", str(db)])
    assert "javascript:" not in listed.stdout and "https://example.org/ferry" in listed.stdout


#: Every command that takes an id, with 1 where an id goes: ``{id}`` is the one tried.
ID_COMMANDS = [
    ["claims", "show", "{id}"], ["claims", "mark", "{id}", "refuted", "--evidence", "x",
                                 "--by", "Ann"],
    ["claims", "retract", "{id}", "--evidence", "x", "--by", "Ann"],
    ["claims", "adopt", "{id}", "--by", "Ann"],
    ["claims", "correct", "{id}", "--not-claim", "--evidence", "x", "--by", "Ann"],
    ["claims", "list", "--article", "{id}"], ["claims", "list", "--story", "{id}"],
    ["stories", "show", "{id}"], ["stories", "list", "--article", "{id}"],
    ["stories", "mark", "{id}", "refuted", "--evidence", "x", "--by", "Ann"],
    ["stories", "retract", "{id}", "--evidence", "x", "--by", "Ann"],
    ["stories", "rename", "{id}", "New title", "--by", "Ann"],
    ["stories", "merge", "{id}", "1", "--by", "Ann"],
    ["stories", "split", "{id}", "1", "--by", "Ann"],
    ["stories", "move", "{id}", "--to", "1", "--by", "Ann"],
    ["articles", "show", "{id}"], ["articles", "set", "{id}", "--title", "T", "--by", "Ann"],
    ["articles", "delete", "{id}", "--reason", "x", "--by", "Ann"],
    ["report", "--story", "{id}"], ["report", "--article", "{id}"],
]


def test_every_show_and_mark_command_says_an_unknown_id_alike(tmp_path: Path) -> None:
    """The README's exit codes: 6 for an id nobody has (`claims show 99`), 2 for what is
    not an id (ids are whole numbers from 1). `claims show 0` exited 6 where `claims show
    -5` exited 2, `claims show -- -5` 6 again; `stories list --article 99` listed nothing
    and exited 0 where `claims list --article 99` exited 6."""
    article = tmp_path / "velm.txt"
    article.write_bytes(LINE)
    db = str(tmp_path / "v.db")
    assert runner.invoke(cli, ["ingest", str(article), "--db", db]).exit_code == 0
    for words in ID_COMMANDS:
        for typed, code, said in (("0", 2, "0 is not an id: ids are whole numbers from 1"),
                                  ("-7", 2, "-7 is not an id: ids are whole numbers from 1"),
                                  ("99", 6, " with id 99")):
            argv = _after_options([w.format(id=typed) for w in words] + ["--db", db])
            result = runner.invoke(cli, argv)
            assert result.exit_code == code, (argv, result.output)
            assert said in _one_error(result), (argv, result.stderr)


def _after_options(argv: list[str]) -> list[str]:
    """``argv`` with its options first and its arguments after ``--`` (so a negative id is
    read as one, not as an option): ``claims mark --by Ann -- -7 refuted``."""
    words, options, arguments = argv[:1 if argv[0] == "report" else 2], [], []
    rest = argv[len(words):]
    i = 0
    while i < len(rest):
        if rest[i].startswith("--") and rest[i] not in ("--not-claim",):
            options += [f"{rest[i]}={rest[i + 1]}"]
            i += 2
        elif rest[i] == "--not-claim":
            options.append(rest[i])
            i += 1
        else:
            arguments.append(rest[i])
            i += 1
    return [*words, *options, "--", *arguments] if arguments else [*words, *options]


def _failed_sign_ins(client: object, count: int, forwarded: str | None) -> None:
    from tests.web_helpers import csrf_of

    for i in range(count):
        page = client.get("/login")  # type: ignore[attr-defined]
        headers = {"x-forwarded-for": forwarded or f"203.0.113.{i + 1}"}
        client.post("/login", headers=headers, data={  # type: ignore[attr-defined]
            "csrf": csrf_of(page.text), "name": f"nobody{i}", "password": "wrong"})


def _served(desk: str, monkeypatch: object, *options: str) -> object:
    """The application `verifier serve` hands uvicorn, as uvicorn runs it (its own
    middleware, such as the proxy headers', wrapped around it by its settings)."""
    import socket

    import uvicorn

    started: list[tuple[object, dict[str, object]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **k: started.append((app, k)))  # type: ignore[attr-defined]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = runner.invoke(cli, ["serve", "--port", str(port), "--db", desk, *options])
    assert result.exit_code == 0, result.output
    app, settings = started[0]
    config = uvicorn.Config(app, **settings)  # type: ignore[arg-type]
    config.load()
    return config.loaded_app


def test_the_desk_trusts_a_proxys_forwarded_address_only_when_told_to(
        desk: str, monkeypatch: object) -> None:
    """`verifier serve` trusted X-Forwarded-For from 127.0.0.1: any local process could
    name a new address for each guess and never meet the throttle's address lock. Now no
    proxy's header is read unless `--proxy` names it; then only from that address."""
    from starlette.testclient import TestClient

    from tests.web_helpers import PASSWORD, csrf_of
    from verifier.web.app import create_app

    local = TestClient(_served(desk, monkeypatch), client=("127.0.0.1", 40000),  # type: ignore[arg-type]
                       base_url="http://127.0.0.1:8000")  # a name serve answers to
    _failed_sign_ins(local, 5, None)  # five addresses claimed, one counted: locked
    page = local.get("/login")
    refused = local.post("/login", headers={"x-forwarded-for": "203.0.113.77"}, data={
        "csrf": csrf_of(page.text), "name": "nobody", "password": "wrong"})
    assert refused.status_code == 429 and "Too many failed attempts" in refused.text
    audit = sign_in_elsewhere(desk)
    assert "203.0.113." not in audit and "127.0.0.1" in audit
    # behind a proxy the desk was told of: each forwarded address counts as its own
    proxied = TestClient(_served(desk, monkeypatch, "--proxy", "10.0.0.2",  # type: ignore[arg-type]
                                 "--allowed-host", "desk.example.org"),
                         client=("10.0.0.2", 40000), base_url="http://desk.example.org")
    _failed_sign_ins(proxied, 4, "198.51.100.9")
    page = proxied.get("/login")
    let_in = proxied.post("/login", headers={"x-forwarded-for": "198.51.100.10"}, data={
        "csrf": csrf_of(page.text), "name": "reviewer", "password": PASSWORD},
        follow_redirects=False)
    assert let_in.status_code == 303, let_in.text[:300]
    # a client that is not the proxy names no address, nor https, by its headers
    other = TestClient(create_app(desk, proxies="10.0.0.2"), base_url="http://testserver",
                       client=("10.0.0.3", 40000))
    page = other.get("/login", headers={"x-forwarded-proto": "https"})
    assert "secure" not in page.headers.get("set-cookie", "").lower()


def sign_in_elsewhere(desk: str) -> str:
    """The Audit page's text, read by the admin from another address."""
    from starlette.testclient import TestClient

    from tests.web_helpers import sign_in
    from verifier.web.app import create_app

    admin = sign_in(TestClient(create_app(desk), client=("192.0.2.50", 40000)), "admin")
    return str(admin.get("/audit?action=sign-in-failed").text)


def test_serve_refuses_a_proxy_that_is_no_address(tmp_path: Path) -> None:
    result = runner.invoke(cli, ["serve", "--proxy", "my-proxy", "--db",
                                 str(tmp_path / "v.db")])
    assert result.exit_code == 2
    assert "--proxy: 'my-proxy' is not an IP address or network" in _one_error(result)


def test_the_per_page_select_shows_the_page_size_applied(desk: str) -> None:
    """`/queue?limit=7` listed seven claims with 25 selected in Per page (the select had no
    7, so its first was shown, and Filter then set 25); the stories page likewise. The size
    applied is now among the choices and selected; one outside 1 to 200 is refused."""
    import re

    from starlette.testclient import TestClient

    from tests.web_helpers import sign_in
    from verifier.web.app import create_app

    client = sign_in(TestClient(create_app(desk)), "viewer")
    for path in ("/queue", "/stories"):
        for size in ("7", "25", "200"):
            page = client.get(f"{path}?limit={size}&status=any")
            assert page.status_code == 200, page.text[:300]
            select = re.search(r'<select name="limit">(.*?)</select>', page.text, re.S)
            assert select is not None
            chosen = re.findall(r"<option selected>(\d+)</option>", select.group(1))
            assert chosen == [size], (path, size, select.group(1))
        plain = client.get(path)
        assert re.findall(r"<option selected>(\d+)</option>",
                          plain.text.split('name="limit"')[1].split("</select>")[0]) == ["50"]
        assert client.get(f"{path}?limit=201").status_code == 400
        assert client.get(f"{path}?limit=0").status_code == 400


def test_a_failed_first_ingest_leaves_what_the_readme_says(db_url: str, tmp_path: Path) -> None:
    """Every record failing once read in full: SQLite's new file is removed; PostgreSQL's
    database (the server's) keeps the tables the ingest made, empty and at the current
    revision (as the README says), and the next ingest stores into them."""
    from sqlalchemy import create_engine, inspect

    records = tmp_path / "bad.jsonl"
    records.write_text('{"text": 5}\nnot json\n', encoding="utf-8")
    failed = runner.invoke(cli, ["ingest", str(records), "--db", db_url])
    assert failed.exit_code == 3, failed.output
    assert "nothing was stored" in failed.stderr
    if db_url.startswith("sqlite:///"):
        assert not Path(db_url[len("sqlite:///"):]).exists()
    else:
        engine = create_engine(db_url)
        try:
            assert "articles" in inspect(engine).get_table_names()
        finally:
            engine.dispose()
        current = runner.invoke(cli, ["db", "verify", "--db", db_url])
        assert current.exit_code == 0, current.output
    good = tmp_path / "velm.txt"
    good.write_bytes(LINE)
    stored = runner.invoke(cli, ["ingest", str(good), "--db", db_url])
    assert stored.exit_code == 0 and "Stored 1 article" in stored.stdout, stored.output


def test_a_claim_review_holding_a_nul_is_skipped_and_the_rest_stored(db_url: str,
                                                                    tmp_path: Path) -> None:
    """A ClaimReview whose author held "\\u0000" was stored on SQLite and failed the whole
    import on PostgreSQL (exit 5, the good records lost with it)."""
    review = {"@type": "ClaimReview", "claimReviewed": "The harbour ferry will stop in March",
              "reviewRating": {"alternateName": "False"}, "url": "https://fc.example/1",
              "author": {"name": "Fact\u0000Desk"}}
    good = {**review, "url": "https://fc.example/2", "author": {"name": "Fact Desk"}}
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps([review, good]), encoding="utf-8")
    result = runner.invoke(cli, ["factchecks", "import", str(path), "--db", db_url])
    assert result.exit_code == 1, result.output
    assert "record 1: 'author' holds a NUL character; skipped" in result.stderr
    assert "1 fact-check stored" in result.stdout


def test_a_nul_character_in_an_address_or_a_form_is_refused_in_the_desks_words(
        desk: str) -> None:
    """A NUL in a form's evidence, a title or a search was stored on SQLite and, on
    PostgreSQL, refused mid-action in the database's words with its address ("...: PostgreSQL
    text fields cannot contain NUL (0x00) bytes"). Now every field is checked first: 400,
    the form shown again, nothing saved."""
    from starlette.testclient import TestClient

    from tests.web_helpers import sign_in, token
    from verifier.web.app import create_app

    client = sign_in(TestClient(create_app(desk)), "admin")
    for path in ("/queue?search=a%00b", "/stories?search=a%00b", "/sources?q=a%00b",
                 "/audit?actor=a%00b", "/login?next=/queue%00"):
        page = client.get(path)
        assert page.status_code == 400, path
        assert "field holds a NUL character" in page.text, path
    before = client.get("/claims/1").text
    for path, data in (("/claims/1/mark", {"status": "refuted", "evidence": "a\x00b"}),
                       ("/stories/1/rename", {"title": "a\x00b"}),
                       ("/articles/1/edit", {"title": "a\x00b"})):
        sent = client.post(path, data={"csrf": token(client, "/queue"), **data})
        assert sent.status_code == 400, (path, sent.text[:300])
        assert "field holds a NUL character" in sent.text
    assert "a\x00b" not in client.get("/claims/1").text
    assert client.get("/claims/1").text.count("refuted") == before.count("refuted")


def test_a_text_in_another_encoding_says_what_to_do(tmp_path: Path) -> None:
    """UTF-16 saved without a byte-order mark was "looks like a binary file"; Latin-1 was
    "not valid UTF-8 (byte 15)" with no word on what to do."""
    sentence = "Le ministre a déclaré que le pont fermera en mars.\n"
    (tmp_path / "le.txt").write_bytes(sentence.encode("utf-16-le"))
    (tmp_path / "be.md").write_bytes(sentence.encode("utf-16-be"))
    (tmp_path / "latin.txt").write_bytes(sentence.encode("latin-1"))
    (tmp_path / "marked.txt").write_bytes(sentence.encode("utf-16"))
    for name in ("le.txt", "be.md"):
        result = runner.invoke(cli, ["analyze", str(tmp_path / name)])
        assert result.exit_code == 3
        assert "looks like UTF-16 text without a byte-order mark: save it as UTF-8" in \
            _one_error(result)
    latin = runner.invoke(cli, ["ingest", str(tmp_path / "latin.txt"), "--db",
                                str(tmp_path / "v.db")])
    assert latin.exit_code == 3
    said = _one_error(latin)
    assert "not valid UTF-8 (byte 15); text in another encoding" in said
    assert "iconv -f WINDOWS-1252 -t UTF-8" in said and said.endswith("nothing was stored")
    assert runner.invoke(cli, ["analyze", str(tmp_path / "marked.txt")]).exit_code == 0


def test_json_lines_in_utf16_or_utf32_with_a_mark_are_read_as_other_text_files_are(
        tmp_path: Path) -> None:
    """Text is UTF-8, or UTF-16/UTF-32 with a byte-order mark (what Windows tools write):
    a .txt so saved was read, a .jsonl was "line 1: not valid UTF-8 (byte 0)" and one more
    error per line after it; saved without its mark, one line says what to do."""
    records = "".join(json.dumps({"text": text, "title": title, "outlet": "none"},
                                 ensure_ascii=False) + "\n" for title, text in (
        ("Ferry stops", "The harbour ferry will stop in März, the harbour master said."),
        ("Pier closes", "The Velm pier closes on Monday, the council said.")))
    for codec in ("utf-16", "utf-16-be", "utf-32"):
        folder = tmp_path / codec
        folder.mkdir()
        data = records.encode(codec)
        if codec == "utf-16-be":
            data = b"\xfe\xff" + data
        (folder / "articles.jsonl").write_bytes(data)
        result = runner.invoke(cli, ["ingest", str(folder), "--db", str(folder / "v.db"),
                                     "--json"])
        assert result.exit_code == 0, (codec, result.stderr)
        summary = json.loads(result.stdout)
        assert (summary["stored"], summary["failed"]) == (2, 0), codec
        listed = runner.invoke(cli, ["articles", "list", "--db", str(folder / "v.db")])
        assert "Ferry stops" in listed.stdout and "Pier closes" in listed.stdout
    unmarked = tmp_path / "unmarked.jsonl"
    unmarked.write_bytes(records.encode("utf-16-le"))
    result = runner.invoke(cli, ["ingest", str(unmarked), "--db", str(tmp_path / "u.db")])
    assert result.exit_code == 3
    assert "looks like UTF-16 text without a byte-order mark: save it as UTF-8" in (
        _one_error(result))


def test_a_value_that_names_nothing_is_bad_usage_not_an_empty_answer(tmp_path: Path) -> None:
    """`sources list --kind wizard` listed no source and exited 0 (`sources add --kind
    wizard` and the desk refuse it); `claims adopt 1 --from wizard:1` said "claim 1 does not
    match wizard:1" with an unknown id's exit 6, and `--from claim:99` (never stored) that
    claim 99 "is no longer stored"."""
    listed = runner.invoke(cli, ["sources", "list", "--kind", "wizard"])
    assert listed.exit_code == 2
    assert "unknown kind 'wizard' (choose from association," in _one_error(listed)
    assert runner.invoke(cli, ["sources", "list", "--kind", "news_agency"]).exit_code == 0
    article = tmp_path / "velm.txt"
    article.write_bytes(LINE)
    db = str(tmp_path / "v.db")
    assert runner.invoke(cli, ["ingest", str(article), "--db", db]).exit_code == 0
    for ref in ("wizard:1", "story:0", "claim", "story:1:2"):
        result = runner.invoke(cli, ["claims", "adopt", "1", "--from", ref, "--by", "Ann",
                                     "--db", db])
        assert result.exit_code == 2, (ref, result.output)
        assert f"'{ref}' names no match to adopt: give story:ID, claim:ID or fact-check:ID" \
            in _one_error(result)
    never = runner.invoke(cli, ["claims", "adopt", "1", "--from", "claim:99", "--by", "Ann",
                                "--db", db])
    assert never.exit_code == 6 and "does not match claim:99" in _one_error(never)


def test_a_delete_not_confirmed_says_nothing_was_deleted(tmp_path: Path) -> None:
    """`articles delete` with no one to answer its question (input ended) or a no said
    click's "Aborted!": now that nothing was deleted, and how to go on (--yes)."""
    article = tmp_path / "velm.txt"
    article.write_bytes(LINE)
    db = str(tmp_path / "v.db")
    assert runner.invoke(cli, ["ingest", str(article), "--db", db]).exit_code == 0
    argv = ["articles", "delete", "1", "--reason", "a duplicate", "--by", "Ann", "--db", db]
    for answer in ("", "n\n"):
        kept = runner.invoke(cli, argv, input=answer)
        assert kept.exit_code == 1, kept.output
        assert "Aborted" not in kept.output
        assert "verifier: not deleted: nothing was changed (give --yes" in kept.stderr
        assert runner.invoke(cli, ["articles", "show", "1", "--db", db]).exit_code == 0
    gone = runner.invoke(cli, argv, input="y\n")
    assert gone.exit_code == 0 and "deleted article 1" in gone.stdout


def test_a_source_reports_markdown_heading_escapes_the_outlets_name(desk: str) -> None:
    """The Markdown report's first line carried the scope as typed: a source report of an
    outlet an editor named `Evil <b>News</b><script>...` put raw HTML into the heading
    (every other line of the report escaped it)."""
    import re

    from starlette.testclient import TestClient

    from tests.web_helpers import sign_in, token
    from verifier.web.app import create_app

    editor = sign_in(TestClient(create_app(desk)), "editor")
    saved = editor.post("/sources/new", data={
        "csrf": token(editor, "/sources"), "id": "evil-news", "kind": "newspaper",
        "name": 'Evil <b>News</b>"><script>alert(5)</script>'})
    assert saved.status_code == 200, saved.text[:300]
    written = Path("sources.yaml").resolve()
    moved = runner.invoke(cli, ["--sources", str(written), "articles", "set", "1", "--outlet",
                                "evil-news", "--by", "Ann", "--db", desk])
    assert moved.exit_code == 0, moved.output
    for argv in (["--sources", str(written), "report", "--source", "evil-news", "--format",
                  "md", "--db", desk],):
        result = runner.invoke(cli, argv)
        assert result.exit_code == 0, result.output
        heading = result.stdout.splitlines()[0]
        assert heading.startswith("# Credibility report (source ")
        assert not re.search(r"(?<!\\)<", heading), heading
    page = editor.get("/reports/download?scope=source&id=evil-news&format=md")
    assert page.status_code == 200
    assert not re.search(r"(?<!\\)<(?!https?://)", page.text), page.text[:300]


def test_an_ipv6_client_counts_by_its_64_network(desk: str) -> None:
    """Each IPv6 address counted on its own: a host, which holds a whole /64, sent each
    failed sign-in from a new address and never met the address lock (and, at a locked
    name, had one checked guess per fresh address). Now the /64 counts as one address;
    an admin's unlock of any address in it lifts the lock."""
    from starlette.testclient import TestClient

    from tests.web_helpers import csrf_of, sign_in
    from verifier.web.app import create_app

    app = create_app(desk)
    for i in range(5):
        guesser = TestClient(app, client=(f"2001:db8:1:2::{i + 1:x}", 40000))
        page = guesser.get("/login")
        guesser.post("/login", data={"csrf": csrf_of(page.text), "name": f"nobody{i}",
                                     "password": "wrong"})
    fresh = TestClient(app, client=("2001:db8:1:2:ffff::9", 40000))
    page = fresh.get("/login")
    refused = fresh.post("/login", data={"csrf": csrf_of(page.text), "name": "reviewer",
                                         "password": "wrong"})
    assert refused.status_code == 429, refused.text[:300]
    elsewhere = TestClient(app, client=("2001:db8:1:3::1", 40000))  # another /64: its own
    sign_in(elsewhere, "reviewer")
    mapped = TestClient(app, client=("::ffff:198.51.100.4", 40000))
    for _ in range(5):
        page = mapped.get("/login")
        mapped.post("/login", data={"csrf": csrf_of(page.text), "name": "x", "password": "y"})
    plain = TestClient(app, client=("198.51.100.4", 40000))
    page = plain.get("/login")
    assert plain.post("/login", data={"csrf": csrf_of(page.text), "name": "reviewer",
                                      "password": "y"}).status_code == 429
    unlocked = runner.invoke(cli, ["users", "unlock", "--address", "2001:db8:1:2::77",
                                   "--db", desk])
    assert unlocked.exit_code == 0, unlocked.output
    sign_in(fresh, "reviewer")


def test_a_refused_serve_leaves_no_database_made(tmp_path: Path) -> None:
    """`serve --host 0.0.0.0` over a database not made yet was refused (no user exists)
    after making it: an empty verifier.db left behind; a port in use likewise."""
    import socket

    fresh = tmp_path / "fresh.db"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--port", str(port),
                                  "--db", str(fresh)])
    assert refused.exit_code == 2
    assert "refusing to listen on 0.0.0.0 while no user exists" in _one_error(refused)
    assert not fresh.exists()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        taken = runner.invoke(cli, ["serve", "--port", str(busy.getsockname()[1]), "--db",
                                    str(fresh)])
    assert taken.exit_code == 2 and "cannot listen on 127.0.0.1:" in _one_error(taken)
    assert not fresh.exists()


def test_labels_export_says_what_is_in_the_way_and_makes_nothing(tmp_path: Path) -> None:
    """`labels export DIR` where DIR/texts is a file said "DIR: cannot create (File
    exists)", blaming the folder; where DIR/reviewed.labels.jsonl is a folder it left an
    empty DIR/texts behind."""
    article = tmp_path / "velm.txt"
    article.write_bytes(LINE)
    db = str(tmp_path / "v.db")
    assert runner.invoke(cli, ["ingest", str(article), "--db", db]).exit_code == 0
    first = tmp_path / "first"
    first.mkdir()
    (first / "texts").write_text("", encoding="utf-8")
    second = tmp_path / "second"
    (second / "reviewed.labels.jsonl").mkdir(parents=True)
    for folder, said in ((first, "first/texts: cannot write there: it is a file, not a folder"),
                         (second, "second/reviewed.labels.jsonl: cannot write there: it is a "
                                  "folder, not a file"),
                         (article, "velm.txt: cannot write there: it is a file, not a folder")):
        result = runner.invoke(cli, ["labels", "export", str(folder), "--article", "1",
                                     "--db", db])
        assert result.exit_code == 3, result.output
        assert said in _one_error(result)
    assert not (second / "texts").exists()
    done = runner.invoke(cli, ["labels", "export", str(tmp_path / "third"), "--article", "1",
                               "--db", db])
    assert done.exit_code == 0 and (tmp_path / "third" / "texts" / "article-1.txt").exists()


def _walk_commands() -> list[tuple[str, object]]:
    import typer

    from verifier.cli import app

    found: list[tuple[str, object]] = []

    def walk(command: object, path: list[str]) -> None:
        if command is None:
            return
        if hasattr(command, "list_commands"):
            for name in command.list_commands(None):  # type: ignore[attr-defined]
                walk(command.get_command(None, name), [*path, name])  # type: ignore[attr-defined]
            return
        for param in command.params:  # type: ignore[attr-defined]
            found.append((" ".join([*path, str(param.name)]), param))

    walk(app if not isinstance(app, typer.Typer) else typer.main.get_command(app), [])
    return found


def test_an_unreadable_file_is_the_readers_one_line_and_exit_3(
        tmp_path: Path, monkeypatch: object) -> None:
    """A file the user may not read (mode 000) was refused by click before verifier read a
    byte: "Invalid value for 'PATH...': Path '...' is not readable", bad usage (exit 2),
    where the README gives an unreadable input exit 3; `report -o` refused an output file
    it could not read. No path parameter asks click to check readability now: each reader
    says why in its own line."""
    import os

    paths = [(name, param) for name, param in _walk_commands()
             if type(param.type).__name__.endswith("Path")]  # type: ignore[attr-defined]
    assert {name for name, _ in paths} >= {"ingest paths", "analyze files", "report output",
                                           "factchecks import files", "eval labels"}
    assert not [name for name, param in paths if param.type.readable], paths  # type: ignore[attr-defined]
    locked = tmp_path / "locked.md"
    locked.write_bytes(LINE)
    real_access, real_open = os.access, os.open

    def access(path: object, mode: int, *args: object, **kw: object) -> bool:
        return False if str(path) == str(locked) else real_access(path, mode, *args, **kw)  # type: ignore[arg-type]

    def opened(path: object, flags: int, *args: object, **kw: object) -> int:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)  # type: ignore[attr-defined]
    monkeypatch.setattr(os, "open", opened)  # type: ignore[attr-defined]
    for argv in (["analyze", str(locked)], ["ingest", str(locked), "--db", str(tmp_path / "v.db")],
                 ["factchecks", "import", str(locked), "--db", str(tmp_path / "f.db")]):
        result = runner.invoke(cli, argv)
        assert result.exit_code == 3, (argv, result.output)
        assert "locked.md: cannot read (Permission denied)" in _one_error(result), argv


def test_the_stories_page_says_an_article_filtered_on_does_not_exist(desk: str) -> None:
    """`/stories?article=999` said "No story" (200) where `/queue?article=999` and `stories
    list --article 999` say there is no such article."""
    from starlette.testclient import TestClient

    from tests.web_helpers import sign_in
    from verifier.web.app import create_app

    client = sign_in(TestClient(create_app(desk)), "viewer")
    for path in ("/stories?article=999", "/queue?article=999"):
        page = client.get(path)
        assert page.status_code == 400 and "no article with id 999" in page.text, path
    assert client.get("/stories?article=1&min_claims=1").status_code == 200
