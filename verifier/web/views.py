"""The desk's pages (GET) and actions (POST). Each handler parses its fields, calls the core
library in one transaction, and renders a template or redirects (post/redirect/get)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from starlette.responses import RedirectResponse, Response

from verifier.errors import NotFoundError, UsageError
from verifier.review.undated import date_filter_note
from verifier.store.queue_sql import SORTS, ClaimFilter
from verifier.vocab import CERTAINTIES, CLAIM_STATUSES, KINDS, SOURCING_LABELS, VERDICT_STATUSES
from verifier.web.app import (
    LOGIN_COOKIE,
    MAX_INTEGER,
    SESSION_COOKIE,
    Ctx,
    Refused,
    action,
    page,
    set_cookie,
)
from verifier.web.security import Throttle, same_token
from verifier.web.wording import desk_words

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from verifier.registry import Source
    from verifier.store.corrections import SourcingLabel
    from verifier.stories.matching import PastVerdict

PAGE_SIZES = (25, 50, 100, 200)
_CORRECTED = "Correction saved; it overrides the analyser's labels."
MESSAGES = {
    "marked": "Verdict recorded.", "retracted": "Verdict retracted.",
    "corrected": _CORRECTED,
    "corrected-absent": f"{_CORRECTED} A source's words are not in the article's text: kept "
                        "as its name, with no place to underline (check the spelling if they "
                        "should be there).",
    "edited": "Article updated.", "deleted": "Article deleted; its verdicts are kept.",
    "deleted-emptied": "Article deleted; its verdicts are kept, and the stories it left with "
                       "no claim are kept with their verdict history (Stories, status "
                       "emptied).",
    "merged": "Stories merged.", "split": "Story split.", "moved": "Claims moved.",
    "adopted": "Earlier verdict adopted.", "renamed": "Story renamed.",
    "source-saved": "Registry entry saved.",
    "user-saved": "Account updated.", "signed-out": "Signed out.",
    "signed-out-everywhere": "Signed out on every device.",
    "user-signed-out": "Account signed out on every device.",
    "user-unlocked": "Account unlocked: its failed sign-ins are forgotten.",
    "address-unlocked": "Address unlocked: its failed sign-ins are forgotten.",
    "address-not-locked": "That address had no failed sign-ins to forget.",
}


def _see(url: str, message: str | None = None) -> Response:
    if message:
        url, hash_, fragment = url.partition("#")
        url += ("&" if "?" in url else "?") + urlencode({"done": message}) + hash_ + fragment
    return RedirectResponse(url, status_code=303)


def _whole(value: str, name: str) -> int:
    try:
        return int(value) if value.isascii() else int("x")  # "²" and "١" are not typed ids
    except ValueError:
        raise UsageError(f"{name}: {value[:40]!r} is not a number") from None


def _int(value: str, name: str, *, minimum: int = 0, default: int | None = None) -> int | None:
    if not value:
        return default
    number = _whole(value, name)
    if number < minimum:
        raise UsageError(f"{name} must be at least {minimum}")
    if number > MAX_INTEGER:  # the database binds signed 64-bit integers (as the CLI says)
        raise UsageError(f"{name}: {value[:40]!r} is too large (at most {MAX_INTEGER})")
    return number


#: Query fields every page may carry: the message a redirect after an action names.
ANY_PAGE = ("done",)


def _only(ctx: Ctx, fields: Iterable[str]) -> None:
    """``UsageError`` (a 400 page) for a field in the address that this page does not read:
    a typo or another tool's field (``?page=2``, ``?sourcng=unnamed``) was silently
    ignored, and the page shown looked like an answer to it; likewise a field given twice
    (``?certainty=possible&certainty=certain`` listed the certain claims alone)."""
    known = tuple(fields)
    for name in ctx.request.query_params:
        if name not in known and name not in ANY_PAGE:
            paging = ""
            if "offset" in known:
                paging = (" (pages go by offset, the first row shown counting from 0"
                          f"{', and limit, the rows a page' if 'limit' in known else ''}: "
                          f"the page links set {'them' if 'limit' in known else 'it'})")
            reads = f"reads {', '.join(known)}" if known else "reads no field"
            raise UsageError(f"unknown field {name[:40]!r} in the address: this page "
                             f"{reads}{paging}")
        given = len(ctx.request.query_params.getlist(name))
        if given > 1 and name not in ANY_PAGE:  # one was read, the others dropped unsaid
            raise UsageError(f"field {name[:40]!r} is given {given} times in the address: "
                             "this page reads one value of each")


def _page_window(ctx: Ctx, *, most: int = 200, default: int = 50) -> tuple[int, int]:
    """``limit`` and ``offset`` from the address, refused (400) as the command line refuses
    ``--limit`` and ``--offset``: not a number, fewer than 1 or more than ``most`` rows,
    a negative offset (a limit past the largest was cut to it, and a negative page read
    as the first)."""
    from verifier.limits import check_page

    given_limit, given_offset = ctx.arg("limit"), ctx.arg("offset")
    limit = _whole(given_limit, "limit") if given_limit else default
    offset = _whole(given_offset, "offset") if given_offset else 0
    check_page(limit, offset, most=most)
    if offset > MAX_INTEGER:  # the database binds signed 64-bit integers (as the CLI says)
        raise UsageError(f"offset: {given_offset[:40]!r} is too large (at most {MAX_INTEGER})")
    return limit, offset


def _id(value: str, name: str) -> int:
    number = _int(value, name, minimum=1)
    if number is None:
        raise UsageError(f"{name} is missing")
    return number


def _date(value: str, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name}: {value[:40]!r} is not a date (YYYY-MM-DD)") from None


def _score(value: str, name: str) -> float | None:
    """A score bound as typed ("0.4", ",4" read as 0.4), or None when empty; the range is
    the filter's to check."""
    if not value:
        return None
    text = value.replace(",", ".")
    try:
        number = float(text) if text.isascii() else None  # "٠.٥" is not typed
    except ValueError:
        number = None
    if number is None or number != number:  # not a number, or NaN
        raise UsageError(f"{name}: {value[:40]!r} is not a score (a number from 0 to 1)")
    return number


def _ids(values: list[str], name: str) -> list[int]:
    found = []
    for value in values:
        for part in value.replace(",", " ").split():
            found.append(_id(part, name))
    return found


def _undated(session: Session, filtered: object) -> str | None:
    """``date_filter_note`` in the desk's words (how to date an article here)."""
    note = date_filter_note(session, filtered)
    return desk_words(note) if note else None


def _message(ctx: Ctx) -> str | None:
    return MESSAGES.get(ctx.request.query_params.get("done", ""))


# --- signing in and out -----------------------------------------------------------------


@page("/login", role=None)
def login_page(ctx: Ctx) -> Response:
    if ctx.user is not None:
        return _see(_next(ctx.arg("next")))
    return _login_form(ctx, None, 200)


def _login_form(ctx: Ctx, error: str | None, status: int) -> Response:
    cookie, token = ctx.desk.signer.login_token()
    target = _next(ctx.arg("next"))
    response = ctx.page("web/login.html", status_code=status, login_token=token,
                        next=target, error=error, message=_message(ctx),
                        name=ctx.arg("name")[:200] if error else "")  # never the password
    set_cookie(response, ctx.request, LOGIN_COOKIE, cookie, 3600)
    return response


def _next(value: str) -> str:
    """A local path to go to after signing in (never another site)."""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/queue"


@action("/login", role=None)
def login(ctx: Ctx) -> Response:
    from verifier.review.accounts import authenticate
    from verifier.store.sign_ins import address_key, name_key

    expected = ctx.desk.signer.read_login_token(ctx.request.cookies.get(LOGIN_COOKIE))
    if not same_token(ctx.arg("csrf"), expected):
        raise Refused("missing or stale form token: reload the sign-in page and try again")
    from verifier.store import audit

    name = ctx.arg("name")
    password = ctx.one("password")
    client = ctx.request.client.host if ctx.request.client else "unknown"
    keys = (name_key(name), address_key(client))
    throttle = ctx.desk.throttle
    with ctx.desk.session(write=True) as session:  # counted as failed until it is not
        wait, locked, at = throttle.reserve(session, *keys)
    if wait:  # refused without checking the password (nor auditing each refusal)
        minutes = -(-wait // 60)  # whole minutes, rounded up: a 15-minute lock says 15
        return _login_form(ctx, f"Too many failed attempts: try again in {minutes} "
                               f"minute{'' if minutes == 1 else 's'}.", 429)
    user = None
    if name and isinstance(password, str) and password:
        with ctx.desk.session(write=False) as session:
            user = authenticate(session, name, password)
    if user is None:
        with ctx.desk.session(write=True) as session:
            _audit_failed_sign_in(session, name, client, locked, throttle.window)
        return _login_form(ctx, "Wrong name or password (or the account is disabled).", 401)
    with ctx.desk.session(write=True) as session:  # the Audit page's "sign-in" (it had none)
        throttle.settle(session, *keys, at)
        audit.record(session, user.name, "sign-in", f"user {user.name}")
    cookie, _ = ctx.desk.signer.session_cookie(user.id, user.password_changed_at.timestamp())
    response = _see(_next(ctx.arg("next")))
    set_cookie(response, ctx.request, SESSION_COOKIE, cookie, 12 * 3600)
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


def _audit_failed_sign_in(session: Session, name: str, client: str, locked: list[str],
                          window: float) -> None:
    """A failed sign-in in the audit log: the account's name when one has it (what else
    was typed is not kept: it may be a password typed in the wrong field), the client's
    address, and whether this failure locked the name or the address."""
    from verifier.store import audit
    from verifier.store.users import password_hash_of

    found = password_hash_of(session, name) if name else None
    target = f"user {found[0].name}" if found is not None else "an unknown account name"
    detail: dict[str, object] = {"address": client[:100]}
    if locked:
        detail["locked"] = [k.split(":", 1)[0] for k in locked]
        detail["locked_for_s"] = int(window)
    audit.record(session, "(not signed in)", "sign-in-failed", target, detail)


@action("/logout", role="viewer")
def logout(ctx: Ctx) -> Response:
    """Sign out this session (a copy of its cookie is refused from now on, after a restart
    and by every worker too), or with ``everywhere`` every session of the account."""
    from datetime import timedelta

    from verifier.review.accounts import sign_out_everywhere
    from verifier.store.sessions import revoke
    from verifier.web.security import SESSION_SECONDS

    data = ctx.desk.signer.read_session(ctx.request.cookies.get(SESSION_COOKIE))
    everywhere = ctx.arg("everywhere") == "yes"
    with ctx.desk.session(write=True) as session:
        if everywhere:
            sign_out_everywhere(session, ctx.actor, actor=ctx.actor)
        elif data is not None:
            expires = datetime.fromtimestamp(data.issued, UTC) + timedelta(
                seconds=SESSION_SECONDS)
            revoke(session, data.user_id, data.csrf, expires)
    response = _see("/login", "signed-out-everywhere" if everywhere else "signed-out")
    set_cookie(response, ctx.request, SESSION_COOKIE, "", 0)
    return response


@page("/", role=None)
def home(ctx: Ctx) -> Response:
    return _see("/queue")


@page("/palette.css", role=None)
def palette(ctx: Ctx) -> Response:
    """The sourcing and status colours the HTML report uses (one palette, one partial)."""
    from verifier.report.html import KIND_COLOURS, STATUS_COLOURS
    from verifier.templating import render

    css = render("_colours.html", kind_colours=KIND_COLOURS, status_colours=STATUS_COLOURS)
    return Response(css, media_type="text/css; charset=utf-8",
                    headers={"cache-control": "public, max-age=3600"})


# --- the queue ----------------------------------------------------------------------------


QUEUE_FIELDS = ("status", "sourcing", "certainty", "outlet", "story", "article", "since",
                "until", "search", "min_score", "max_score", "sort")


def _claim_filter(ctx: Ctx, limit: int, offset: int) -> tuple[ClaimFilter, dict[str, str]]:
    from verifier.store.sources import find_outlet

    values = {name: ctx.arg(name) for name in QUEUE_FIELDS}
    outlet_key = None
    if values["outlet"]:
        outlet_key = find_outlet(ctx.desk.registry(), values["outlet"]).id
    claim_filter = ClaimFilter(
        status=values["status"] or "unverified",
        sourcing=values["sourcing"] or None,
        certainty=values["certainty"] or None,
        outlet=outlet_key,
        story=_int(values["story"], "story", minimum=1),
        article=_int(values["article"], "article", minimum=1),
        since=_date(values["since"], "since"),
        until=_date(values["until"], "until"),
        search=values["search"] or None,
        min_score=_score(values["min_score"], "lowest score"),
        max_score=_score(values["max_score"], "highest score"),
        sort=values["sort"] or "newest",
        limit=limit,
        offset=offset,
        peek=True,  # one more row: is there a next page?
    )
    claim_filter.validate()
    return claim_filter, values


def _queue_matches(ctx: Ctx, session: Session, claim_ids: list[int]) -> dict[int, PastVerdict]:
    """The best earlier verdict each unverified claim of a queue page matches (as
    ``claims list --matches``), with what adopting it would give: from every reviewed claim
    and fact-check read once, kept from page to page while none changed
    (``Desk.past_matcher``; the same matches as a matcher reading each claim's own)."""
    from verifier.stories.matching import with_roles

    if not claim_ids:
        return {}
    found = {}
    with ctx.desk.past_matcher(session) as matcher:
        matcher.prefetch(claim_ids)
        for claim_id in claim_ids:
            best = with_roles(session, claim_id, matcher.matches(claim_id, limit=1))
            if best:
                found[claim_id] = best[0]
    return found


@page("/queue")
def queue(ctx: Ctx) -> Response:
    """A page of claims, filtered as ``claims list``; each with its story's stored score
    (what the score filter reads and the stories page shows)."""
    from verifier.store.claims import COUNT_CAP, count_claims, list_claims
    from verifier.store.desk import stories_of

    _only(ctx, (*QUEUE_FIELDS, "offset", "limit"))
    limit, offset = _page_window(ctx, most=max(PAGE_SIZES))
    error = None
    rows = []
    values: dict[str, str] = {}
    stories: dict[int, int] = {}
    matches: dict[int, PastVerdict] = {}
    undated = None
    empty = False  # nothing ingested yet: say how to begin, not that no claim matches
    total: int | None = None  # how many the filters select (None: not counted)
    cap = COUNT_CAP
    try:
        claim_filter, values = _claim_filter(ctx, limit, offset)
        ctx.desk.refresh_scores(unscored_only=True)  # new stories' scores, before filtering
        with ctx.desk.session(write=False) as session:
            rows = list_claims(session, claim_filter)
            if len(rows) > limit:  # the whole selection, when counting it is cheap
                cap = max(COUNT_CAP, offset + limit)
                total = count_claims(session, claim_filter, cap=cap)
            else:
                total = offset + len(rows)
            undated = _undated(session, claim_filter.since or claim_filter.until)
            ids = [r.id for r in rows[:limit]]
            stories = stories_of(session, ids)
            matches = _queue_matches(ctx, session, [r.id for r in rows[:limit]
                                               if r.status == "unverified"])
            empty = not rows and _no_articles(session)
    except (UsageError, NotFoundError, Exception) as exc:
        from verifier.errors import VerifierError

        if not isinstance(exc, VerifierError | ValueError):
            raise
        error = desk_words(str(exc))
        values = values or {k: ctx.arg(k) for k in QUEUE_FIELDS}
    more = len(rows) > limit
    rows = rows[:limit]
    count = _count_line(len(rows), offset, more, total, cap)
    query = {k: v for k, v in values.items() if v}
    if limit != 50:
        query["limit"] = str(limit)

    def link(to_offset: int) -> str:
        return "/queue?" + urlencode({**query, "offset": str(to_offset)})

    return ctx.page(
        "web/queue.html", status_code=400 if error else 200, rows=rows, values=values,
        stories=stories,
        matches=matches, error=error, offset=offset, limit=limit, undated=undated, empty=empty,
        count=count,
        next_link=link(offset + limit) if more else None,
        prev_link=link(max(0, offset - limit)) if offset else None, first_link=link(0),
        statuses=(*CLAIM_STATUSES, "any"), sourcings=SOURCING_LABELS, certainties=CERTAINTIES,
        sorts=SORTS, page_sizes=_page_sizes(limit), outlets=_outlets(ctx), message=_message(ctx),
    )


def _check_article(session: Session, article_id: int) -> None:
    """``NotFoundError`` when no article has ``article_id`` (a filter on it lists nothing
    because there is nothing to list, which the page should say)."""
    from verifier.store.article_reads import article_exists

    if not article_exists(session, article_id):
        raise NotFoundError(f"no article with id {article_id}")


def _page_sizes(limit: int) -> tuple[int, ...]:
    """The Per page choices, with the page size applied among them: an address's
    ``limit=7`` (1 to 200, as the command line's --limit) showed 25 selected, the
    select's first, while seven rows were listed (and its next Filter set 25)."""
    return tuple(sorted({*PAGE_SIZES, limit}))


def _count_line(shown: int, offset: int, more: bool, total: int | None, cap: int) -> str:
    """The queue's count: the claims on this page and, when counted, how many the filters
    select ("more than 1,000" past the count's cap)."""
    line = f"{shown:,} claim{'' if shown == 1 else 's'}"
    if offset:
        line += f" from #{offset + 1:,}"
    if total is None:  # counting would have slowed the page
        return line + (" (more on the next page)." if more else ".")
    if total > cap:
        return line + f" of more than {cap:,} matching the filters."
    if total == shown and not offset:
        return line + "."
    return line + f" of {total:,} matching the filters."


def _no_articles(session: Session) -> bool:
    """Whether nothing is ingested yet (a first visit to the desk)."""
    from verifier.store.articles import count_articles

    return count_articles(session) == 0


def _untitled(session: Session, article_ids: list[int]) -> dict[int, str]:
    """What names each untitled article, as ``articles list`` does: "(untitled) its-file.txt"."""
    from verifier.review.names import article_label
    from verifier.store.article_reads import article_paths

    if not article_ids:
        return {}
    return {aid: article_label(None, path)
            for aid, path in article_paths(session, article_ids).items()}


def _outlets(ctx: Ctx) -> list[tuple[str, str]]:
    from verifier.registry import SOURCE_KINDS

    return sorted(((s.id, s.name) for s in ctx.desk.registry()
                   if SOURCE_KINDS.get(s.kind) == "media"), key=lambda p: p[1].lower())


# --- stories ------------------------------------------------------------------------------


STORY_FIELDS = ("status", "min_claims", "article", "since", "until", "search", "min_score",
                "max_score", "sort")


@page("/stories")
def stories(ctx: Ctx) -> Response:
    """A page of stories from their stored summaries (one indexed query however many
    stories there are), filtered and sorted as ``verifier stories list`` does."""
    from verifier.errors import VerifierError
    from verifier.store.stories import (
        EMPTIED,
        EVIDENCE_STATUSES,
        StoryPage,
        StoryQuery,
        story_page,
    )
    from verifier.store.stories import SORTS as STORY_SORTS

    _only(ctx, (*STORY_FIELDS, "offset", "limit"))
    values = {name: ctx.arg(name) for name in STORY_FIELDS}
    limit, offset = _page_window(ctx, most=max(PAGE_SIZES))
    error = None
    found: StoryPage | None = None
    undated = None
    empty = False
    try:
        status = values["status"]
        min_claims = _int(values["min_claims"], "min_claims", minimum=0, default=2)
        query = StoryQuery(
            min_claims=2 if min_claims is None else min_claims,
            status=None if status in ("", "any") else status,
            article=_int(values["article"], "article", minimum=1),
            since=_date(values["since"], "since"),
            until=_date(values["until"], "until"),
            search=values["search"] or None,
            min_score=_score(values["min_score"], "lowest score"),
            max_score=_score(values["max_score"], "highest score"),
            sort=values["sort"] or "score", limit=limit, offset=offset,
        )
        query.validate()
        ctx.desk.refresh_scores(unscored_only=True)  # new or changed stories, before sorting
        with ctx.desk.session(write=False) as session:
            found = story_page(session, query)
            if not found.rows and query.article is not None:
                _check_article(session, query.article)  # as the queue: not "no story"
            undated = _undated(session, query.since or query.until)
            empty = not found.rows and _no_articles(session)
    except VerifierError as exc:
        error = desk_words(str(exc))
    kept = {k: v for k, v in values.items() if v}
    if limit != 50:
        kept["limit"] = str(limit)

    def link(to_offset: int) -> str:
        return "/stories?" + urlencode({**kept, "offset": str(to_offset)})

    more = found is not None and offset + len(found.rows) < found.total
    return ctx.page(
        "web/stories.html", status_code=400 if error else 200, page=found, values=values,
        error=error, offset=offset,
        undated=undated, empty=empty,
        limit=limit, min_claims=found.query.min_claims if found else 2,
        statuses=(*CLAIM_STATUSES, *EVIDENCE_STATUSES, EMPTIED), sorts=STORY_SORTS,
        page_sizes=_page_sizes(limit), message=_message(ctx),
        next_link=link(offset + limit) if more else None,
        prev_link=link(max(0, offset - limit)) if offset else None, first_link=link(0),
    )


#: Claims a story's page shows at a time, as an article's page shows its sentences (a
#: story of 60,000 claims, a pasted transcript's, was one 21 MB page); the articles it
#: lists, and the sentences under each reason (the rest are counted).
STORY_CLAIMS = 200
STORY_ARTICLES = 200
STORY_EVIDENCE = 50


@page("/stories/{story_id:int}")
def story(ctx: Ctx) -> Response:
    from verifier.scoring.weights import load_weights
    from verifier.store.desk import history_lines
    from verifier.store.merged_stories import MergedStoryError
    from verifier.store.verdicts import verdict_history
    from verifier.stories.view import get_story

    _only(ctx, ("offset", "claim", "merged"))
    story_id = int(ctx.request.path_params["story_id"])
    given = ctx.arg("offset")
    offset = _int(given, "offset", default=0) or 0
    wanted = _int(ctx.arg("claim"), "claim", minimum=1)
    with ctx.desk.session(write=False) as session:
        try:
            view = get_story(session, story_id, load_weights())
        except MergedStoryError as gone:  # an old link or bookmark: where its claims are now
            return _see(f"/stories/{gone.target}?merged={gone.story_id}")
        verdicts = history_lines(verdict_history(session, story_id=story_id))
        untitled = _untitled(session, [a.id for a in view.articles[:STORY_ARTICLES]
                                       if not a.title])
    total = len(view.members)
    if wanted is not None:  # a link to one claim: the page that holds it
        index = next((i for i, m in enumerate(view.members) if m.claim_id == wanted), None)
        if index is None:
            raise UsageError(f"claim {wanted} is not in story {story_id}")
        offset = index - index % STORY_CLAIMS
    _check_offset(offset, total, given, "story's last claim")
    members = view.members[offset:offset + STORY_CLAIMS]
    window = _window(f"/stories/{story_id}", offset, len(members), total, STORY_CLAIMS)
    message = _message(ctx)
    merged = ctx.request.query_params.get("merged", "")
    if not message and merged.isascii() and merged.isdigit() and len(merged) < 12:
        message = f"Story {int(merged)} was merged into story {story_id}: its claims are here."
    if message and ctx.request.query_params.get("done") == "marked" and view.verdicts \
            and not view.verdicts[-1].is_retraction:
        from verifier.review.actions import marked_claims

        # as `stories mark` says it: what the story's verdict did to its claims
        message = f"Verdict recorded; its claims: {marked_claims(view, view.verdicts[-1].status)}."
    return ctx.page("web/story.html", story=view, verdicts=verdicts, untitled=untitled,
                    statuses=VERDICT_STATUSES, message=message, members=members,
                    window=window, articles=view.articles[:STORY_ARTICLES],
                    evidence_shown=STORY_EVIDENCE)


@action("/stories/{story_id:int}/mark")
def story_mark(ctx: Ctx) -> Response:
    from verifier.review.actions import mark_story

    story_id = int(ctx.request.path_params["story_id"])
    with ctx.desk.session(write=True) as session:
        mark_story(session, story_id, ctx.arg("status"), evidence=ctx.arg("evidence"),
                   actor=ctx.actor, url=ctx.arg("url"), note=ctx.arg("note"))
    return _see(f"/stories/{story_id}", "marked")


@action("/stories/{story_id:int}/merge")
def story_merge(ctx: Ctx) -> Response:
    from verifier.review.actions import decision, merge_stories

    story_id = int(ctx.request.path_params["story_id"])
    others = _ids(ctx.args("other"), "stories to merge")
    decided = decision(ctx.arg("status"), ctx.arg("evidence"), ctx.actor, ctx.arg("url"))
    with ctx.desk.session(write=True) as session:
        merge_stories(session, story_id, others, actor=ctx.actor, decided=decided)
    return _see(f"/stories/{story_id}", "merged")


@action("/stories/{story_id:int}/rename")
def story_rename(ctx: Ctx) -> Response:
    from verifier.review.actions import rename_story

    story_id = int(ctx.request.path_params["story_id"])
    with ctx.desk.session(write=True) as session:
        rename_story(session, story_id, ctx.arg("title"), actor=ctx.actor)
    return _see(f"/stories/{story_id}", "renamed")


@action("/stories/{story_id:int}/split")
def story_split(ctx: Ctx) -> Response:
    from verifier.review.actions import split_story

    story_id = int(ctx.request.path_params["story_id"])
    claims = _ids(ctx.args("claim"), "claims")
    with ctx.desk.session(write=True) as session:
        new_id = split_story(session, story_id, claims, actor=ctx.actor,
                             title=ctx.arg("title") or None)
    return _see(f"/stories/{new_id}", "split")


@action("/stories/{story_id:int}/move")
def story_move(ctx: Ctx) -> Response:
    from verifier.review.actions import decision, move_claims

    story_id = int(ctx.request.path_params["story_id"])
    claims = _ids(ctx.args("claim"), "claims")
    decided = decision(ctx.arg("status"), ctx.arg("evidence"), ctx.actor, ctx.arg("url"))
    with ctx.desk.session(write=True) as session:
        move_claims(session, claims, story_id, actor=ctx.actor, decided=decided)
    return _see(f"/stories/{story_id}", "moved")


# --- claims, verdicts, corrections --------------------------------------------------------


@page("/claims/{claim_id:int}")
def claim(ctx: Ctx) -> Response:
    from verifier.review.actions import verdict_against_role
    from verifier.review.provenance import gone_sources
    from verifier.scoring.score import assess
    from verifier.scoring.weights import load_weights
    from verifier.store.article_reads import article_sha256
    from verifier.store.claims import get_claim
    from verifier.store.corrections import correction_history
    from verifier.store.desk import history_lines
    from verifier.store.stories import stories_of_claims, story_records
    from verifier.store.trackrecords import count_verdicts
    from verifier.store.verdicts import verdict_history
    from verifier.stories.evidence import EvidenceReader
    from verifier.stories.matching import ADOPTABLE, past_verdicts

    claim_id = int(ctx.request.path_params["claim_id"])
    with ctx.desk.session(write=False) as session:
        detail = get_claim(session, claim_id)
        matches = past_verdicts(session, claim_id) if detail.is_claim else []
        history = verdict_history(session, claim_id=claim_id)
        verdicts = history_lines(history)
        gone = gone_sources(session, history)  # adopted from a claim deleted since
        # "before any verdict": its sources' track records without the verdicts this claim
        # took (its own, or its story's that covers it), which would otherwise count in the
        # score it is compared with
        reader = EvidenceReader(session, load_weights(),
                                counts=count_verdicts(session, leave_out=(claim_id,)))
        evidence = reader.claims([claim_id])
        assessment = assess(evidence, reader.weights) if evidence and detail.is_claim else None
        sha = article_sha256(session, detail.row.article_id)
        corrections = correction_history(session, sha, detail.start)
        untitled = _untitled(session, [] if detail.row.title else [detail.row.article_id])
        own = min(stories_of_claims(session, [claim_id]), default=None)
        # the number the queue shows for it and its score filter reads: its story's
        story_score = story_records(session, [own])[own].score if own is not None else None
        # the story of each reviewed claim it matches, when not its own: the same event told
        # again (a returning claim) is moved into that story in one step
        elsewhere = {m.id: story for m in matches if m.kind == "claim"
                     for story in [min(stories_of_claims(session, [m.id]), default=None)]
                     if story is not None and story != own}
        moves = {story: match for match, story in reversed(elsewhere.items())}  # one a story
        # a verdict taken with its story that a correction has since turned against it
        against = verdict_against_role(session, claim_id, reader.weights)
    return ctx.page("web/claim.html", claim=detail, verdicts=verdicts, assessment=assessment,
                    against=against, gone=gone, story_id=own, story_score=story_score,
                    untitled=untitled, elsewhere=elsewhere, moves=set(moves.values()),
                    corrections=corrections, statuses=VERDICT_STATUSES, kinds=KINDS,
                    labels=[(a.kind, a.source.text) for a in detail.attributions],
                    certainties=CERTAINTIES, message=_message(ctx), matches=matches,
                    adoptable=ADOPTABLE)


@action("/claims/{claim_id:int}/adopt")
def claim_adopt(ctx: Ctx) -> Response:
    from verifier.review.actions import adopt

    claim_id = int(ctx.request.path_params["claim_id"])
    with ctx.desk.session(write=True) as session:
        adopt(session, claim_id, actor=ctx.actor, ref=ctx.arg("from") or None,
              note=ctx.arg("note") or None)
    return _see(f"/claims/{claim_id}", "adopted")


@action("/claims/{claim_id:int}/mark")
def claim_mark(ctx: Ctx) -> Response:
    from verifier.review.actions import mark_claim

    claim_id = int(ctx.request.path_params["claim_id"])
    with ctx.desk.session(write=True) as session:
        mark_claim(session, claim_id, ctx.arg("status"), evidence=ctx.arg("evidence"),
                   actor=ctx.actor, url=ctx.arg("url"), note=ctx.arg("note"))
    return _see(f"/claims/{claim_id}", "marked")


@action("/verdicts/{verdict_id:int}/retract")
def verdict_retract(ctx: Ctx) -> Response:
    from verifier.review.actions import retract

    verdict_id = int(ctx.request.path_params["verdict_id"])
    back = _next(ctx.arg("back"))
    with ctx.desk.session(write=True) as session:
        retract(session, verdict_id, actor=ctx.actor, reason=ctx.arg("reason"))
    return _see(back, "retracted")


@action("/claims/{claim_id:int}/correct")
def claim_correct(ctx: Ctx) -> Response:
    from verifier.review.actions import correct
    from verifier.store.corrections import SourcingLabel

    claim_id = int(ctx.request.path_params["claim_id"])
    if ctx.arg("claim") not in ("yes", "no"):  # anything else was saved as "not a claim"
        raise UsageError("say whether the sentence is a claim (claim, or not a claim)")
    is_claim = ctx.arg("claim") == "yes"
    kinds = ctx.args("kind")
    sources = ctx.args("source")
    labels = [SourcingLabel(kind, source)
              for kind, source in zip(kinds, sources + [""] * len(kinds), strict=False)
              if kind]
    with ctx.desk.session(write=True) as session:
        correct(session, claim_id, claim=is_claim, certainty=ctx.arg("certainty") or None,
                sourcing=labels, actor=ctx.actor, registry=ctx.desk.registry(),
                evidence=ctx.arg("evidence"))
        absent = _absent_sources(session, claim_id, labels) if is_claim else False
    back = _next(ctx.arg("back") or f"/claims/{claim_id}")
    return _see(back, "corrected-absent" if absent else "corrected")


def _absent_sources(session: Session, claim_id: int, labels: list[SourcingLabel]) -> bool:
    """Whether a corrected label's source words are nowhere in its article's text (a name
    the reviewer knows from elsewhere, or a typo), as ``claims correct`` notes it."""
    from verifier.store.article_reads import article_texts
    from verifier.store.claims import get_claim

    article = get_claim(session, claim_id).row.article_id
    text = article_texts(session, [article]).get(article, "")
    return any(label.source and label.source.strip() not in text for label in labels)


# --- articles ----------------------------------------------------------------------------

#: Articles a page of the Articles page.
ARTICLES_PAGE = 50


@page("/articles")
def articles(ctx: Ctx) -> Response:
    from urllib.parse import urlencode

    from verifier.store.articles import count_articles, list_articles
    from verifier.store.desk import source_row_id
    from verifier.store.sources import find_outlet

    _only(ctx, ("outlet", "offset"))
    _, offset = _page_window(ctx, most=ARTICLES_PAGE, default=ARTICLES_PAGE)
    outlet = (ctx.arg("outlet") or "").strip()
    key = find_outlet(ctx.desk.registry(), outlet).id if outlet else None  # as the queue's
    with ctx.desk.session(write=False) as session:
        known = key is None or source_row_id(session, key) is not None
        rows = (list_articles(session, outlet=key, limit=ARTICLES_PAGE + 1, offset=offset)
                if known else [])
        total = count_articles(session, outlet=key) if known else 0
    more = len(rows) > ARTICLES_PAGE

    def at(start: int) -> str:
        return "/articles?" + urlencode({**({"outlet": outlet} if outlet else {}),
                                         "offset": start})

    return ctx.page("web/articles.html", articles=rows[:ARTICLES_PAGE], message=_message(ctx),
                    outlet=outlet, outlets=_outlets(ctx), total=total,
                    next_link=at(offset + ARTICLES_PAGE) if more else None,
                    prev_link=at(max(0, offset - ARTICLES_PAGE)) if offset else None,
                    offset=offset, first_link=at(0))


#: Sentences an article's page shows at a time (its shaded text and its table, each
#: sentence with its correction form): a pasted transcript of 60,000 sentences was one
#: 175 MB page built in 50 s. Longer articles are read a page at a time.
ARTICLE_SENTENCES = 200


@page("/articles/{article_id:int}")
def article(ctx: Ctx) -> Response:
    from verifier.store.articles import get_article
    from verifier.store.corrections import corrections_of
    from verifier.store.desk import article_sentences, sentence_index
    from verifier.web.shading import shade

    _only(ctx, ("offset", "sentence"))
    article_id = int(ctx.request.path_params["article_id"])
    given = ctx.arg("offset")
    offset = _int(given, "offset", default=0) or 0
    wanted = _int(ctx.arg("sentence"), "sentence", minimum=1)
    with ctx.desk.session(write=False) as session:
        detail = get_article(session, article_id)
        total = detail.sentences
        if wanted is not None:  # a link to one sentence: the page that holds it
            index = sentence_index(session, article_id, wanted)
            if index is None:
                raise UsageError(f"sentence {wanted} is not in article {article_id}")
            offset = index - index % ARTICLE_SENTENCES
        _check_offset(offset, total, given, "article's last sentence")
        sentences = article_sentences(session, article_id, offset=offset,
                                      limit=ARTICLE_SENTENCES)
        corrected = corrections_of(session, detail.sha256)
    more = offset + len(sentences) < total
    paragraphs = shade(detail.text, sentences,
                       start=sentences[0].start if offset and sentences else 0,
                       end=sentences[-1].end if more and sentences else None)
    from verifier.report.markdown import LEGEND

    window = _window(f"/articles/{article_id}", offset, len(sentences), total,
                     ARTICLE_SENTENCES)
    return ctx.page("web/article.html", article=detail, paragraphs=paragraphs,
                    sentences=sentences, corrected=corrected, kinds=KINDS,
                    legend=[(k, LEGEND[k]) for k in SOURCING_LABELS], window=window,
                    here=_paged(f"/articles/{article_id}", offset),
                    certainties=CERTAINTIES, message=_message(ctx))


@page("/articles/{article_id:int}/edit", role="editor")
def article_edit_page(ctx: Ctx) -> Response:
    from verifier.store.articles import get_article

    article_id = int(ctx.request.path_params["article_id"])
    with ctx.desk.session(write=False) as session:
        detail = get_article(session, article_id)
    return ctx.page("web/article_edit.html", article=detail, outlets=_outlets(ctx))


@action("/articles/{article_id:int}/edit", role="editor")
def article_edit(ctx: Ctx) -> Response:
    from verifier.review.actions import edit

    article_id = int(ctx.request.path_params["article_id"])
    published = _date(ctx.arg("published"), "published date")
    with ctx.desk.session(write=True) as session:
        edit(session, article_id, ctx.desk.registry(), actor=ctx.actor,
             title=ctx.arg("title"), url=ctx.arg("url"), outlet=ctx.arg("outlet") or None,
             published_at=datetime.combine(published, time.min, UTC) if published else None)
    return _see(f"/articles/{article_id}", "edited")


@action("/articles/{article_id:int}/delete", role="editor",
        form_page="/articles/{article_id}/edit")
def article_delete(ctx: Ctx) -> Response:
    from verifier.review.actions import delete

    article_id = int(ctx.request.path_params["article_id"])
    if ctx.arg("confirm") != "yes":
        raise UsageError("tick the box to confirm the deletion")
    with ctx.desk.session(write=True) as session:
        done = delete(session, article_id, actor=ctx.actor, reason=ctx.arg("reason"))
    return _see("/orphaned", "deleted-emptied" if done.emptied else "deleted")


@page("/orphaned")
def orphaned(ctx: Ctx) -> Response:
    from verifier.store.article_edits import orphaned_verdicts

    _only(ctx, ())
    with ctx.desk.session(write=False) as session:
        rows = orphaned_verdicts(session)
    return ctx.page("web/orphaned.html", rows=rows, message=_message(ctx))


# --- the registry ------------------------------------------------------------------------


@page("/sources")
def sources(ctx: Ctx) -> Response:
    from pathlib import Path

    from verifier.review.registry_file import user_sources_path
    from verifier.store.trackrecords import track_records

    registry = ctx.desk.registry()
    with ctx.desk.session(write=False) as session:  # every source reviewers' verdicts count
        records = track_records(session, reviewed_only=True)
    # the packaged registry is read until the first edit, which writes the user's file
    edits = user_sources_path(ctx.desk.sources_option).resolve()
    edits_path = str(edits) if edits != Path(registry.path).resolve() else None
    _only(ctx, ("q", "kind", "offset"))
    words = ctx.arg("q").strip()[:300]
    kind = ctx.arg("kind").strip()
    _, offset = _page_window(ctx, most=SOURCES_PAGE, default=SOURCES_PAGE)
    found = _registry_page(registry, words, kind, offset)
    wanted = words.casefold()
    records = [r for r in records if (not wanted or wanted in r.name.casefold()
                                      or wanted in r.key.casefold())
               and (not kind or found.error or r.kind == kind)]
    more_records = max(0, len(records) - SOURCES_PAGE)
    records = records[:SOURCES_PAGE]  # most verdicts first: the words find the rest
    query = {k: v for k, v in (("q", words), ("kind", kind)) if v}

    def link(to_offset: int) -> str:
        return "/sources?" + urlencode({**query, "offset": str(to_offset)}) + "#registry"

    return ctx.page("web/sources.html", status_code=400 if found.error else 200,
                    sources=found.entries, total=found.total,
                    entries=found.everything, kinds=found.kinds, q=words, kind=kind,
                    offset=offset, registry_error=found.error, more_records=more_records,
                    next_link=link(offset + SOURCES_PAGE) if found.more else None,
                    prev_link=link(max(0, offset - SOURCES_PAGE)) if offset else None,
                    first_link=link(0), records=records, registry_path=str(registry.path),
                    edits_path=edits_path,
                    message=_message(ctx))


#: Registry entries per page of the Sources page (the packaged registry has ~900: drawing
#: them all took 0.05-0.44 s a load).
SOURCES_PAGE = 100


@dataclass(frozen=True, slots=True)
class _RegistryPage:
    entries: list[Source]   # this page's, by name
    total: int              # how many the words and kind select
    more: bool              # whether a next page exists
    everything: int         # how many the registry has
    kinds: list[str]        # the kinds to choose from
    error: str | None       # why the kind chosen was not used


def _registry_page(registry: Iterable[Source], words: str, kind: str,
                   offset: int) -> _RegistryPage:
    """One page of the registry: the entries whose id, name or an alias holds ``words``
    (any case), of ``kind`` when given, by name."""
    from verifier.registry import SOURCE_KINDS

    everything = sorted(registry, key=lambda s: s.name.lower())
    error = None
    if kind and kind not in SOURCE_KINDS:
        error = f"unknown kind {kind[:40]!r} (choose from {', '.join(sorted(SOURCE_KINDS))})"
        kind = ""
    wanted = words.casefold()
    chosen = [s for s in everything if (not kind or s.kind == kind) and (
        not wanted or wanted in s.id.casefold()
        or any(wanted in name.casefold() for name in s.names))]
    return _RegistryPage(chosen[offset:offset + SOURCES_PAGE], len(chosen),
                         len(chosen) > offset + SOURCES_PAGE, len(everything),
                         sorted(SOURCE_KINDS), error)


@page("/sources/new", role="editor")
def source_new(ctx: Ctx) -> Response:
    from verifier.registry import SOURCE_KINDS
    from verifier.store.source_reads import outlet_id_for

    name = (ctx.arg("name") or "").strip()[:300]  # from an unknown outlet's error page
    return ctx.page("web/source_form.html", entry=None, source_kinds=sorted(SOURCE_KINDS),
                    new_name=name, new_id=outlet_id_for(name) if name else "")


@page("/sources/{key}/edit", role="editor")
def source_edit_page(ctx: Ctx) -> Response:
    from verifier.registry import SOURCE_KINDS

    entry = ctx.desk.registry().get(ctx.request.path_params["key"])
    if entry is None:
        raise NotFoundError("no registry entry with that id")
    return ctx.page("web/source_form.html", entry=entry, source_kinds=sorted(SOURCE_KINDS))


def _outlet_entry(ctx: Ctx, key: str) -> object:
    from verifier.review.registry_file import DEFAULT_NOTE, OutletEntry

    def number(name: str) -> float:
        value = ctx.arg(name) or "1"
        try:
            return float(value)
        except ValueError:
            raise UsageError(f"{name}: {value[:20]!r} is not a number") from None

    aliases = tuple(a.strip() for a in ctx.arg("aliases").split(";") if a.strip())
    return OutletEntry(
        id=key, name=ctx.arg("name"), kind=ctx.arg("kind"), aliases=aliases,
        country=ctx.arg("country") or None, url=ctx.arg("url") or None,
        prior_confirmed=number("prior_confirmed"), prior_refuted=number("prior_refuted"),
        prior_note=ctx.arg("prior_note") or DEFAULT_NOTE,
    )


@action("/sources/new", role="editor")
def source_add(ctx: Ctx) -> Response:
    from verifier.review.registry_file import OutletEntry, add_outlet, user_sources_path
    from verifier.store import audit

    entry = _outlet_entry(ctx, ctx.arg("id"))
    assert isinstance(entry, OutletEntry)
    add_outlet(user_sources_path(ctx.desk.sources_option), entry)
    with ctx.desk.session(write=True) as session:
        audit.record(session, ctx.actor, "source-add", f"source {entry.id}",
                     {"name": entry.name, "kind": entry.kind})
    return _see(_saved_entry(entry.id), "source-saved")


@action("/sources/{key}/edit", role="editor")
def source_edit(ctx: Ctx) -> Response:
    from verifier.review.registry_file import OutletEntry, edit_outlet, user_sources_path
    from verifier.store import audit

    entry = _outlet_entry(ctx, ctx.request.path_params["key"])
    assert isinstance(entry, OutletEntry)
    edit_outlet(user_sources_path(ctx.desk.sources_option), entry)
    with ctx.desk.session(write=True) as session:
        audit.record(session, ctx.actor, "source-edit", f"source {entry.id}",
                     {"name": entry.name, "kind": entry.kind})
    return _see(_saved_entry(entry.id), "source-saved")


def _saved_entry(key: str) -> str:
    """The Sources page found at a saved entry (the registry is shown a page at a time)."""
    return "/sources?" + urlencode({"q": key}) + "#registry"


# --- reports, audit, accounts ------------------------------------------------------------


@page("/reports")
def reports(ctx: Ctx) -> Response:
    with ctx.desk.session(write=False) as session:
        undated = _undated(session, True)  # what a From/To report would pass over
    return ctx.page("web/reports.html", undated=undated)


REPORT_TYPES = {"html": ("text/html", "html"), "md": ("text/markdown", "md"),
                "json": ("application/json", "json"),
                "claimreview": ("application/ld+json", "jsonld")}


REPORT_FIELDS = ("scope", "id", "since", "until", "format")


@page("/reports/download")
def report_download(ctx: Ctx) -> Response:
    """A report as a file; a refused one (an id missing or unknown, a bad date) shows the
    Reports form again with what was chosen and typed, and why."""
    from verifier.errors import VerifierError
    from verifier.web.app import Typed

    try:
        return _report_file(ctx)
    except VerifierError as exc:
        ctx.typed = Typed("/reports/download", {
            name: tuple(v[:200] for v in ctx.args(name)[:1]) or ("",)
            for name in REPORT_FIELDS}, desk_words(str(exc)))
        response = reports(ctx)
        response.status_code = 404 if isinstance(exc, NotFoundError) else 400
        return response


def _report_file(ctx: Ctx) -> Response:
    from verifier.report import render as render_report
    from verifier.report.claimreview import publisher_from
    from verifier.report.model import Selection, build_report
    from verifier.scoring.weights import load_weights

    _only(ctx, REPORT_FIELDS)
    fmt = ctx.arg("format") or "html"
    if fmt not in REPORT_TYPES:
        raise UsageError(f"unknown format {fmt[:20]!r} (html, md, json or claimreview)")
    scope = ctx.arg("scope") or "all"
    ident = ctx.arg("id")
    ids: dict[str, int] = {}
    publisher = None
    if fmt == "claimreview":
        import os

        from verifier.report.claimreview import PUBLISHER_URL_ENV

        # the desk's own address only when the desk names no public one: reviews published
        # with http://127.0.0.1:8000/stories/... links lead nowhere
        base = f"{ctx.request.url.scheme}://{ctx.request.url.netloc}/"
        publisher = publisher_from(os.environ.get(PUBLISHER_URL_ENV, "").strip() or base, None)
    with ctx.desk.session(write=False) as session:
        if scope in ("story", "article"):
            ids[scope] = _id(ident, f"{scope} id")
        elif scope == "source":
            from verifier.errors import InputError
            from verifier.store.desk import source_row_id
            from verifier.store.source_reads import stored_source_key
            from verifier.store.sources import find_outlet

            try:
                key = find_outlet(ctx.desk.registry(), ident).id if ident else ident
            except InputError:  # a derived source: its key, or its name as pages print it
                key = (stored_source_key(session, ident) if ident else None) or ident
            source_id = source_row_id(session, key)
            if source_id is None and ident.isascii() and ident.isdigit():
                source_id = _id(ident, "source id")
            if source_id is None:
                raise NotFoundError(f"no source {ident[:80]!r}")
            ids["source"] = source_id
        elif scope != "all":
            raise UsageError("scope is story, article, source or all")
        elif ident:  # an id typed with "Of" left at its default: never the wrong report
            raise UsageError(f"an id ({ident[:40]!r}) is given, but the report is of the "
                             "reviewed stories: choose a story, an article or a source under "
                             "Of, or clear the id")
        since, until = _date(ctx.arg("since"), "from"), _date(ctx.arg("until"), "to")
        if scope != "all" and (since or until):  # a story's report was the whole story,
            # the dates silently passed over (the command line refuses them together too)
            raise UsageError(f"From and To choose among the stories, not within {scope} "
                             f"{ident[:40]!r}: clear them for the {scope}'s report, or choose "
                             "the reviewed stories under Of")
        if since is not None and until is not None and since > until:
            raise UsageError(f"From ({since}) is after To ({until})")
        selection = Selection(since=since, until=until) if scope == "all" else None
        report = build_report(session, load_weights(), story_id=ids.get("story"),
                              article_id=ids.get("article"), source_id=ids.get("source"),
                              selection=selection)
        # rendered inside the session: a report's stories are read as it is written
        text = render_report(report, fmt, publisher)
    media, ext = REPORT_TYPES[fmt]
    name = f"verifier-{scope}{'-' + slug if (slug := _file_slug(ident)) else ''}.{ext}"
    return Response(text, media_type=f"{media}; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="{name}"'})


def _file_slug(ident: str) -> str:
    """An id as a download's file name may carry it: its ASCII letters and digits, the rest
    as dashes ('ČT' -> 'CT', 'name:x' -> 'name-x'); a header holds no other characters."""
    import re
    import unicodedata

    ascii_only = unicodedata.normalize("NFKD", ident).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_only).strip("-")[:60]


@page("/audit")
def audit_page(ctx: Ctx) -> Response:
    from verifier.store.audit import ACTIONS, list_audit

    _only(ctx, ("actor", "action", "before"))
    actor = ctx.arg("actor") or None
    act = ctx.arg("action") or None
    if act is not None and act not in ACTIONS:  # listed nothing, as if none had been done
        raise UsageError(f"unknown action {act[:40]!r} (choose from {', '.join(ACTIONS)})")
    before = _int(ctx.arg("before"), "before", minimum=1)
    with ctx.desk.session(write=False) as session:
        rows = list_audit(session, actor=actor, action=act, limit=101, before=before)
    more = len(rows) > 100
    rows = rows[:100]
    query = {k: v for k, v in {"actor": actor, "action": act}.items() if v}
    next_link = ("/audit?" + urlencode({**query, "before": rows[-1].id})) if more else None
    return ctx.page("web/audit.html", rows=rows, actor=actor or "", action=act or "",
                    actions=ACTIONS, next_link=next_link)


@page("/users", role="admin")
def users(ctx: Ctx) -> Response:
    from verifier.store.sign_ins import name_key
    from verifier.store.users import ROLES, list_users

    _only(ctx, ())
    with ctx.desk.session(write=False) as session:
        rows = list_users(session)
        counts = ctx.desk.throttle.counts(session, *(name_key(u.name) for u in rows))
        addresses = _locked_addresses(session, ctx.desk.throttle)
    locked = {u.name: -(-counts[name_key(u.name)][1] // 60) for u in rows
              if counts.get(name_key(u.name), (0, 0))[1]}  # name -> minutes left
    return ctx.page("web/users.html", users=rows, roles=ROLES, message=_message(ctx),
                    locked=locked, locked_addresses=addresses)


#: The failed sign-ins the Users page reads back for the addresses they locked.
LOCKS_READ = 1000


def _locked_addresses(session: Session, throttle: Throttle) -> dict[str, int]:
    """Client addresses locked now -> minutes left. Failures are counted by hash, so the
    addresses are those the audit log's ``sign-in-failed`` entries of the window name
    (the newest ``LOCKS_READ``); each is checked against the throttle's count."""
    from datetime import timedelta

    from verifier.store.audit import list_audit
    from verifier.store.sign_ins import address_key, normal_address

    since = datetime.fromtimestamp(throttle.clock(), UTC) - timedelta(seconds=throttle.window)
    named: dict[str, str] = {}
    for entry in list_audit(session, action="sign-in-failed", limit=LOCKS_READ):
        at = entry.created_at if entry.created_at.tzinfo else entry.created_at.replace(tzinfo=UTC)
        if at <= since:
            break
        address = entry.detail.get("address")
        if isinstance(address, str) and "address" in entry.detail.get("locked", ()):
            named.setdefault(address_key(address), normal_address(address))
    counts = throttle.counts(session, *named)
    return {named[key]: -(-wait // 60) for key, (_, wait) in sorted(counts.items()) if wait}


@action("/users", role="admin")
def users_change(ctx: Ctx) -> Response:
    from verifier.review import accounts

    op = ctx.arg("op")
    name = ctx.arg("name")
    password = ctx.one("password")
    with ctx.desk.session(write=True) as session:
        if op == "add":
            accounts.create(session, name, ctx.arg("role"), str(password or ""),
                            actor=ctx.actor)
        elif op in ("disable", "enable"):
            if name == ctx.actor:
                raise UsageError("you cannot disable your own account")
            accounts.disable(session, name, actor=ctx.actor, disabled=op == "disable")
        elif op == "role":
            if name == ctx.actor:  # an admin who demoted themself lost this page, and the
                # desk its last admin: another admin (or `verifier users role`) does it
                raise UsageError("you cannot change your own role (another admin can)")
            accounts.change_role(session, name, ctx.arg("role"), actor=ctx.actor)
        elif op == "password":
            accounts.reset_password(session, name, str(password or ""), actor=ctx.actor)
        elif op == "unlock":
            accounts.unlock(session, name, actor=ctx.actor)
            return _see("/users", "user-unlocked")
        elif op == "unlock-address":
            _, had = accounts.unlock_address(session, ctx.arg("address"), actor=ctx.actor)
            return _see("/users", "address-unlocked" if had else "address-not-locked")
        elif op == "signout":
            accounts.sign_out_everywhere(session, name, actor=ctx.actor)
            if name == ctx.actor:
                return _see("/login", "signed-out-everywhere")
            return _see("/users", "user-signed-out")
        else:
            raise UsageError("unknown account operation")
    return _see("/users", "user-saved")


def _window(path: str, offset: int, shown: int, total: int,
            size: int) -> dict[str, Any] | None:
    """Where a paged list stands (items ``offset + 1`` to ``offset + shown`` of ``total``,
    ``size`` a page) with the addresses of the pages before and after it; None when it all
    fits on one page."""
    more = offset + shown < total
    if not (offset or more):
        return None
    return {"first": offset + 1, "last": offset + shown, "total": total,
            "prev": _paged(path, max(0, offset - size)) if offset else None,
            "next": _paged(path, offset + size) if more else None}


def _check_offset(offset: int, total: int, given: str, last: str) -> None:
    """A paged list's offset past its ``last`` item (of ``total``) is a 400 in one line."""
    if offset and offset >= total:
        raise UsageError(f"offset {given[:40] or offset} is past the {last} (it has {total}; "
                         "the first is at offset 0)")


def _paged(path: str, start: int) -> str:
    """The address of a paged list's page from item ``start`` (0: the list's own)."""
    return path + (f"?offset={start}" if start else "")
