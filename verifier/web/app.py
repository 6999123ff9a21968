"""The desk's Starlette application: sessions, roles, CSRF checks, security headers, errors.

``create_app(db, sources)`` opens the database once; each request runs its handler in a
worker thread with its own transaction. Handlers are plain functions of a ``Ctx`` declared
with ``@page(role)`` (GET) or ``@action(role)`` (POST, CSRF-checked): anonymous requests are
sent to the sign-in page, a user without the role gets 403, and a ``VerifierError`` becomes a
page with its one-line message (404 for an unknown id, 400 for bad input).
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from verifier.errors import NotFoundError, VerifierError

if TYPE_CHECKING:
    from verifier.stories.matching import Matcher
from verifier.registry import Registry
from verifier.scoring.weights import Weights
from verifier.store.database import Database, open_database
from verifier.store.users import UserRecord, find_user
from verifier.templating import render
from verifier.web.security import (
    ALLOWED_HOSTS_ENV,
    HEADERS,
    LOGIN_COOKIE,
    SESSION_COOKIE,
    Signer,
    Throttle,
    host_allowed,
    same_token,
)

STATIC = Path(__file__).resolve().parent.parent / "static"
SECRET_ENV = "VERIFIER_SECRET_KEY"
MAX_FORM_BYTES = 1_000_000
#: The largest id, limit or offset a query binds (signed 64-bit, as the command line says).
MAX_INTEGER = 2**63 - 1
#: After an action, rescore stories whose sources' track records moved for this long at most
#: (as the command line does after a write).
REFRESH_BUDGET_S = 3.0


class Redirect(Exception):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class Refused(Exception):
    """403: signed in without the role, or a POST without a valid CSRF token."""


class StaleToken(Refused):
    """403: a signed-in user's form sent with a missing or stale CSRF token (a page loaded
    before signing in again): the form is shown again with what was typed."""


#: Fields a refused form is never filled in again with: the token it was refused for, a
#: password, and a confirmation that must be given again on purpose.
NEVER_KEPT = frozenset({"csrf", "password", "confirm"})


@dataclass(frozen=True)
class FormValues:
    """What one refused form held (empty for every other form of the page)."""

    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    active: bool = False

    def get(self, name: str, default: Any = "") -> Any:
        """The typed value of ``name`` when this form was refused, else ``default``."""
        if not self.active:
            return default
        found = self.values.get(name)
        return found[0] if found else ""

    def list(self, name: str) -> tuple[str, ...]:
        return self.values.get(name, ()) if self.active else ()

    def chose(self, name: str, value: str, default: bool = False) -> bool:
        """Whether the option ``value`` of ``name`` is to be checked or selected."""
        return value in self.values.get(name, ()) if self.active else default


@dataclass(frozen=True)
class Typed:
    """A refused form (its action, fields and why it was refused), filled in again on the
    page it was sent from: templates ask ``typed.form(action)`` for each of their forms."""

    action: str = ""
    values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    error: str = ""

    def form(self, action: str) -> FormValues:
        return FormValues(self.values, active=bool(self.action) and action == self.action)


NOTHING_TYPED = Typed()


@dataclass
class Desk:
    """What every handler shares: the database, the registry file, the signer, the throttle."""

    database: Database
    sources_option: str | None
    signer: Signer
    throttle: Throttle = field(default_factory=Throttle)
    _registry: tuple[float, str, Registry] | None = None
    _weights: tuple[float, str, Weights] | None = None
    #: The queue's reading of every reviewed claim and fact-check, and what it was read at
    #: (``past_matcher``); one page matches from it at a time.
    _past: tuple[tuple[Any, ...], Matcher] | None = None
    _past_lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def session(self, *, write: bool) -> Iterator[Session]:
        with self.database.session_scope(write=write) as session:
            yield session

    def registry(self) -> Registry:
        """The registry file, read again when it changes on disk."""
        from verifier.config import sources_path
        from verifier.registry import load_registry

        path = sources_path(self.sources_option)
        mtime = path.stat().st_mtime if path.exists() else 0.0
        cached = self._registry
        if cached is None or cached[0] != mtime or cached[1] != str(path):
            self._registry = (mtime, str(path), load_registry(path))
        assert self._registry is not None
        return self._registry[2]

    def weights(self) -> Weights:
        """The scoring weights (``$VERIFIER_SCORING``, else the packaged file), read again
        when the file changes on disk."""
        from verifier.scoring.weights import load_weights, scoring_path

        path = scoring_path()
        mtime = path.stat().st_mtime if path.exists() else 0.0
        cached = self._weights
        if cached is None or cached[0] != mtime or cached[1] != str(path):
            self._weights = (mtime, str(path), load_weights(path))
        assert self._weights is not None
        return self._weights[2]

    @contextmanager
    def past_matcher(self, session: Session) -> Iterator[Matcher]:
        """A matcher over every reviewed claim and fact-check (``Matcher(many=True)``) for
        a page of claims, their reading kept from the page before while nothing it was read
        from has changed (``store.past_reads.matching_state``: every verdict, correction and audited
        edit or deletion is a new row of the history log; a fact-check import a new row; an
        ingest or grouping a new article or document count, what the words' weights are
        read from). The queue read them all for every page: about 60% of its time at 5,000
        reviewed claims. One page matches at a time (the shared reading carries the
        verdicts the page's matching read)."""
        from verifier.store.past_reads import matching_state
        from verifier.stories.matching import Matcher

        state = matching_state(session)
        with self._past_lock:
            matcher = Matcher(session, many=True)
            if self._past is not None and self._past[0] == state:
                matcher.share_every(self._past[1])
            else:
                matcher.read_every()
                self._past = (state, matcher)
            yield matcher

    def refresh_scores(self, *, unscored_only: bool = False) -> None:
        """Keep the story summaries the lists read current: rescore the stories an action
        changed, and those whose sources' track records moved for up to
        ``REFRESH_BUDGET_S`` (the rest keep their previous score and are counted on the
        stories page); ``unscored_only``: only stories without a current score (what a list
        needs before it sorts by score). A few index probes when nothing is stale."""
        from verifier.stories.scores import refresh

        refresh(self.database, self.weights(), budget_s=REFRESH_BUDGET_S,
                unscored_only=unscored_only)


@dataclass
class Ctx:
    """One request as a handler sees it."""

    request: Request
    desk: Desk
    user: UserRecord | None
    csrf: str
    form: FormData | None = None
    #: A refused form to fill in again on this page (the page re-shown after a refusal).
    typed: Typed = NOTHING_TYPED

    @property
    def actor(self) -> str:
        assert self.user is not None
        return self.user.name

    def arg(self, name: str, default: str = "") -> str:
        """A query (GET) or form (POST) field, stripped."""
        value = self.one(name)
        return value.strip() if value is not None else default

    def one(self, name: str) -> str | None:
        """The one value of a query (GET) or form (POST) field, as sent (None when it is
        not); ``UsageError`` (400, the form shown again) when it is sent more than once:
        which one counts is no one's guess (the last was taken, unsaid)."""
        from verifier.errors import UsageError

        source = self.form if self.form is not None else self.request.query_params
        values = [v for v in source.getlist(name) if isinstance(v, str)]
        if len(values) > 1:
            where = "form" if self.form is not None else "address"
            raise UsageError(f"the {name[:40]} field is sent {len(values)} times in the "
                             f"{where}: it takes one value; send it once")
        return values[0] if values else None

    def args(self, name: str) -> list[str]:
        source = self.form if self.form is not None else self.request.query_params
        return [v.strip() for v in source.getlist(name) if isinstance(v, str)]

    def page(self, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(render(template, user=self.user, csrf=self.csrf,
                                   path=self.request.url.path, typed=self.typed, **context),
                            status_code=status_code)


Handler = Callable[[Ctx], Response]


def _user(desk: Desk, request: Request) -> tuple[UserRecord | None, str]:
    from verifier.store.sessions import is_revoked

    data = desk.signer.read_session(request.cookies.get(SESSION_COOKIE))
    if data is None:
        return None, ""
    with desk.session(write=False) as session:
        user = find_user(session, data.user_id)
        if user is None or user.disabled or is_revoked(session, data.csrf):
            return None, ""
    if abs(user.password_changed_at.timestamp() - data.password_changed) > 1e-3:
        return None, ""
    if user.signed_out_at is not None and data.issued <= user.signed_out_at.timestamp():
        return None, ""
    return user, data.csrf


def _same_origin(request: Request) -> bool:
    """A POST's Origin (or Referer) header, when sent, must be this desk's own."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return origin != "null"
    host = request.headers.get("host", "")
    try:
        return urlsplit(origin).netloc == host
    except ValueError:  # "http://[::1": no address, so not this desk's (was a 500)
        return False


def _endpoint(role: str | None, handler: Handler, *, post: bool) -> Callable[..., Any]:
    async def endpoint(request: Request) -> Response:
        desk: Desk = request.app.state.desk
        user, csrf = await run_in_threadpool(_user, desk, request)
        if role is not None and user is None:
            target = request.url.path
            if request.url.query and not post:
                target += "?" + request.url.query
            raise Redirect("/login?" + urlencode({"next": target}))
        form = None
        if post:
            body = await _bounded_body(request)
            if body is None:  # the desk's error page, as every other refusal
                return await run_in_threadpool(
                    _error_page, request, 413, "Too large",
                    f"The form is larger than the desk accepts ({MAX_FORM_BYTES // 1_000_000} "
                    "MB): shorten what was typed or pasted and send it again.")
            request = Request(request.scope, _replay(body))
            form = await request.form(max_files=0, max_fields=400)
            if not _same_origin(request):
                raise Refused("cross-site request refused")
            request.state.posted = form  # a refusal from here on shows the form again
            if role is not None and not same_token(_field(form, "csrf"), csrf):
                raise StaleToken("missing or stale form token (the page was loaded before "
                                 "you last signed in): send the form again")
        if role is not None and user is not None and not user.can(role):
            raise Refused(f"your role ({user.role}) cannot do this; it needs {role}")
        _check_path_ids(request)
        _check_no_nul(request, form)
        ctx = Ctx(request, desk, user, csrf, form)
        response = await run_in_threadpool(handler, ctx)
        if post and role is not None:  # an action: the lists' summaries follow it
            await run_in_threadpool(desk.refresh_scores)
        return response

    endpoint.__name__ = handler.__name__
    endpoint.form_page = FORM_PAGES.get(handler)  # type: ignore[attr-defined]
    return endpoint


def _check_path_ids(request: Request) -> None:
    """An id in the path past what the database holds (signed 64-bit) names nothing: 404, as
    an unknown id does, before any query binds it."""
    for key, value in request.path_params.items():
        if isinstance(value, int) and value > MAX_INTEGER:
            raise NotFoundError(f"no {key.removesuffix('_id')} with id {value}")


def _check_no_nul(request: Request, form: FormData | None) -> None:
    """A field of the address or the form holding a NUL character is refused (400, the
    form shown again): no text the desk stores or looks for holds one. PostgreSQL refused
    it mid-action with its own words and the database's address; SQLite stored it."""
    from verifier.errors import UsageError

    fields = [*request.query_params.multi_items(), *(form.multi_items() if form else [])]
    for name, value in fields:
        if isinstance(value, str) and ("\x00" in value or "\x00" in name):
            shown = name.replace("\x00", "")[:40] or "a"
            raise UsageError(f"the {shown} field holds a NUL character (no text holds one): "
                             "remove it and send again")


async def _bounded_body(request: Request) -> bytes | None:
    """The request's body, or None past ``MAX_FORM_BYTES`` (read no further): a chunked
    body has no Content-Length to check first."""
    try:
        if int(request.headers.get("content-length") or 0) > MAX_FORM_BYTES:
            return None
    except ValueError:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    """An ASGI ``receive`` that gives ``body`` once (the form parser reads it from here)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _field(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) else None


ROUTES: list[tuple[str, str, str | None, Handler]] = []


def page(path: str, role: str | None = "viewer") -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        ROUTES.append((path, "GET", role, handler))
        return handler
    return register


#: An action's handler -> the page its form is on, when that is neither the action's own
#: address nor the page above it (``{name}``: the action's path parameters).
FORM_PAGES: dict[Handler, str] = {}


def action(path: str, role: str | None = "reviewer",
           form_page: str | None = None) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        ROUTES.append((path, "POST", role, handler))
        if form_page is not None:
            FORM_PAGES[handler] = form_page
        return handler
    return register


class SecurityHeaders:
    """Adds the security headers to every response; ``Secure`` cookies over https."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_static = scope.get("path", "").startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])]
                names = {k.lower() for k, _ in headers}
                for name, value in HEADERS.items():
                    if name.encode() not in names:
                        headers.append((name.encode(), value.encode()))
                if not is_static and b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class AllowedHosts:
    """Refuses (400) a request whose Host header names the desk by none of the names it
    serves under: the desk builds absolute links from it (ClaimReview urls without
    ``$VERIFIER_PUBLISHER_URL``), and a page of another site whose name resolves to the
    desk's address (DNS rebinding) sends its own name."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        hosts = [value.decode("latin-1") for key, value in scope.get("headers", [])
                 if key == b"host"]
        if len(hosts) == 1 and host_allowed(hosts[0], self.allowed):
            await self.app(scope, receive, send)
            return
        names = ", ".join(self.allowed[:5])
        response = Response(
            f"Bad Host header: this desk answers to {names} (`verifier serve --allowed-host "
            f"NAME` or ${ALLOWED_HOSTS_ENV} adds the name reviewers use)\n",
            status_code=400, media_type="text/plain; charset=utf-8",
            headers={**HEADERS, "cache-control": "no-store"})
        await response(scope, receive, send)


def _error_page(request: Request, status: int, title: str, message: str,
                add_outlet: str | None = None) -> HTMLResponse:
    desk: Desk = request.app.state.desk
    user, csrf = _user(desk, request)
    return HTMLResponse(render("web/error.html", user=user, csrf=csrf, path=request.url.path,
                               title=title, error=message, back=_back(request),
                               add_outlet=add_outlet), status_code=status)


def _back(request: Request) -> str | None:
    """The desk page a refused form was sent from (its Referer, this desk's only), so the
    error page leads back to it."""
    from urllib.parse import urlsplit

    if request.method != "POST":
        return None
    try:
        came = urlsplit(request.headers.get("referer") or "")
    except ValueError:  # "http://[::1": no page to go back to (the refusal's own page
        return None  # failed, and the connection was reset)
    if came.netloc and came.netloc != request.url.netloc:
        return None
    path = came.path
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return None
    return path + (f"?{came.query}" if came.query else "")


def _parent_page(path: str) -> str | None:
    """The page an action's form lives on when no Referer says it: ``/claims/5`` for
    ``/claims/5/mark``, ``/users`` for ``/users``."""
    return path.rsplit("/", 1)[0] if path.count("/") > 1 else path


async def _reshow(request: Request, status: int, error: str) -> Response | None:
    """The page a refused form was sent from, rendered again with what was typed in that
    form (escaped by the templates, never the token, a password or a confirmation) and why
    it was refused; None when there is no such page to show (no form read, not signed in,
    a page of another site, a page that fails itself): the plain error page then.
    Nothing is sent again: the person corrects the form and sends it."""
    from starlette.routing import Match

    form = getattr(request.state, "posted", None)
    if form is None or request.method != "POST":
        return None
    # the page it came from; else (a page re-shown after an earlier refusal has its
    # action's address, or no Referer was sent) the page at the action's address (an
    # article's edit page, Users), else the page the action belongs to
    back = _back(request)
    action = request.url.path
    declared = getattr(request.scope.get("endpoint"), "form_page", None)
    form_page = declared.format(**request.path_params) if declared else None
    targets = [t for t in (back, form_page, action,
                           back and _parent_page(back.partition("?")[0]),
                           _parent_page(action)) if t]
    desk: Desk = request.app.state.desk
    found = None
    for target in targets:
        path, _, query = target.partition("?")
        scope = {**request.scope, "method": "GET", "path": path, "raw_path": path.encode(),
                 "query_string": query.encode(), "path_params": {}}
        found = next(((role, handler, child) for route, role, handler in request.app.state.pages
                      for match, child in [route.matches(scope)] if match == Match.FULL), None)
        if found is not None:
            break
    if found is None:
        return None
    role, handler, child = found
    scope.update(child)
    user, csrf = await run_in_threadpool(_user, desk, request)
    if user is None or (role is not None and not user.can(role)):
        return None
    values = {name: tuple(v for v in form.getlist(name) if isinstance(v, str))
              for name in form if name not in NEVER_KEPT}
    ctx = Ctx(Request(scope), desk, user, csrf, None,
              Typed(request.url.path, values, error))
    try:
        response = await run_in_threadpool(handler, ctx)
    except Exception:  # the page itself fails (an id gone since): the plain error page
        return None
    if not isinstance(response, HTMLResponse) or response.status_code != 200:
        return None
    response.status_code = status
    return response


async def _on_redirect(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Redirect)
    return RedirectResponse(exc.url, status_code=303)


async def _on_refused(request: Request, exc: Exception) -> Response:
    if isinstance(exc, StaleToken):
        shown = await _reshow(request, 403, str(exc))
        if shown is not None:
            return shown
    return await run_in_threadpool(_error_page, request, 403, "Not allowed", str(exc))


async def _on_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, VerifierError)
    from verifier.store.source_reads import UnknownOutletError
    from verifier.web.wording import desk_words

    status = 404 if isinstance(exc, NotFoundError) else 400
    title = "Not found" if status == 404 else "Cannot do that"
    if isinstance(exc, UnknownOutletError) and exc.name:  # the desk's form, not the CLI's
        return await run_in_threadpool(_error_page, request, status, title, exc.what,
                                       exc.name)
    message = desk_words(str(exc))
    shown = await _reshow(request, status, message)  # a form's values are not lost
    if shown is not None:
        return shown
    return await run_in_threadpool(_error_page, request, status, title, message)


async def _on_http(request: Request, exc: Exception) -> Response:
    from starlette.exceptions import HTTPException

    assert isinstance(exc, HTTPException)
    title, message = "Error", str(exc.detail)
    where = request.url.path[:200]
    if exc.status_code == 404:  # the router's words, as the desk's own refusals read
        title, message = "Not found", f"No desk page at {where}: use the links above."
    elif exc.status_code == 405:
        title = "Not allowed"
        message = (f"{where} is where a form's button sends it, not a page to open"
                   if request.method == "GET" else f"{where} takes no {request.method[:10]}")
    return await run_in_threadpool(_error_page, request, exc.status_code, title, message)


async def _on_crash(request: Request, exc: Exception) -> Response:
    """500: a desk page that names no exception, query or file (the server's log has the
    traceback), sent with the security headers (this response leaves outside the middleware
    that adds them to the others) and without the signed-in user (the failure may be the
    database's)."""
    html = render("web/error.html", user=None, csrf="", path=request.url.path,
                  title="Something went wrong",
                  error="The desk could not finish that: an unexpected error (the server's "
                        "log says what). Reload the page to see what was saved.",
                  back=None, add_outlet=None)
    return HTMLResponse(html, status_code=500, headers={**HEADERS, "cache-control": "no-store"})


def create_app(db: str | None = None, sources: str | None = None, *,
               secret: bytes | None = None, database: Database | None = None,
               proxies: str | None = None,
               allowed_hosts: tuple[str, ...] | None = None) -> Starlette:
    """The desk over ``db`` (a path or URL; ``$VERIFIER_DB``; ./verifier.db).

    ``proxies``: the addresses (comma-separated) of the reverse proxies in front of the
    desk, the only clients whose ``X-Forwarded-For`` and ``X-Forwarded-Proto`` are read;
    None trusts no one's (the sign-in throttle counts by the client's address: a header
    trusted from 127.0.0.1 let any local process pick the address it was counted under).
    ``allowed_hosts``: the names the desk answers to (its Host header), refused otherwise
    (``AllowedHosts``); None answers to any (``serve`` always names them)."""
    from starlette.exceptions import HTTPException
    from starlette.routing import Route

    from verifier.web import views  # noqa: F401  (registers the handlers)

    key = secret or (os.environ.get(SECRET_ENV) or "").encode() or secrets.token_bytes(32)
    desk = Desk(database or open_database(db), sources, Signer(key))
    routes: list[BaseRoute] = [
        Route(path, _endpoint(role, handler, post=method == "POST"), methods=[method])
        for path, method, role, handler in ROUTES
    ]
    # the pages a refused form is shown again on: (route, role, handler)
    pages = [(Route(path, handler, methods=["GET"]), role, handler)
             for path, method, role, handler in ROUTES if method == "GET"]
    routes.append(Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static"))
    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts is not None:
        middleware.insert(0, Middleware(AllowedHosts, allowed=allowed_hosts))
    if proxies:
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        middleware.insert(0, Middleware(ProxyHeadersMiddleware, trusted_hosts=proxies))
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            Redirect: _on_redirect, Refused: _on_refused, VerifierError: _on_error,
            HTTPException: _on_http, Exception: _on_crash,
        },
    )
    app.state.desk = desk
    app.state.pages = pages
    return app


#: The modules the desk's pages import when first asked for, with the shared pattern cache
#: and the lexicons they load (``warm_up``).
PAGE_MODULES = (
    "verifier.store.sources", "verifier.store.articles", "verifier.stories.scores",
    "verifier.stories.view", "verifier.stories.matching", "verifier.stories.evidence",
    "verifier.review.actions", "verifier.review.provenance", "verifier.report.html",
    "verifier.report.model", "verifier.report.claimreview", "verifier.review.registry_file",
    "verifier.web.shading", "verifier.rules.source_words",
)


def warm_up(app: Starlette) -> None:
    """Load before the desk listens what its first page of each kind would otherwise load
    while a reviewer waits: the pages' modules (and through them the shared pattern cache
    and the lexicons), the scoring weights, the registry and the compiled templates. On a
    fresh process the first queue, story, claim or article page took 0.4-0.8 s more than
    the next one (0.6 s of it the pattern cache); ``verifier serve`` calls this first."""
    import importlib

    from verifier.rules.source_words import source_word_classes
    from verifier.templating import TEMPLATES, environment

    for name in PAGE_MODULES:
        importlib.import_module(name)
    source_word_classes()
    desk: Desk = app.state.desk
    desk.weights()
    desk.registry()
    env = environment()
    for folder in ("web", "report"):  # the pages, and the reports the desk downloads
        for path in sorted((TEMPLATES / folder).glob("*.html")):
            env.get_template(f"{folder}/{path.name}")


def set_cookie(response: Response, request: Request, name: str, value: str,
               max_age: int | None) -> None:
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="strict", path="/",
        secure=request.url.scheme == "https",
    )


__all__ = ["LOGIN_COOKIE", "MAX_INTEGER", "SESSION_COOKIE", "Ctx", "Desk", "Redirect", "Refused",
           "StaleToken", "Typed",
           "action", "create_app", "page", "set_cookie"]
