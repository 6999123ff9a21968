"""``verifier serve``: the review desk in the browser."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from verifier.cli.output import DbOption, SourcesOption
from verifier.errors import UsageError

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
    sources: SourcesOption = None,
    proxy: Annotated[str | None, typer.Option(
        metavar="ADDRESS", envvar="VERIFIER_PROXY",
        help="The address of the reverse proxy in front of the desk (several: comma-"
             "separated): only requests from it say the client's address (X-Forwarded-For, "
             "what the sign-in throttle counts by) and https (X-Forwarded-Proto) [default: "
             "none is trusted]."),
    ] = None,
    allowed_host: Annotated[str | None, typer.Option(
        metavar="NAME", envvar="VERIFIER_ALLOWED_HOSTS",
        help="The names reviewers reach the desk by (its Host header; several: comma-"
             "separated; '*.example.org' its subdomains, '*' any): a request naming it "
             "otherwise is refused, 400 [default: 127.0.0.1, localhost, ::1 and --host; "
             "needed with --host 0.0.0.0 or ::]."),
    ] = None,
) -> None:
    """Serve the review desk (queue, articles, stories, verdicts, corrections) over the
    database. Sign in with an account from `verifier users add`. Listening on an address
    other than 127.0.0.1 needs at least one account; serve it behind HTTPS (a reverse proxy
    that sets X-Forwarded-Proto, named with --proxy) so cookies are sent only over TLS.
    Sessions are signed with $VERIFIER_SECRET_KEY; without it, with a key made at start, so
    every reviewer signs in again after a restart.
    """
    from pathlib import Path

    import uvicorn

    from verifier.config import database_url
    from verifier.store.articles import count_articles
    from verifier.store.database import database_session, describe_url
    from verifier.store.users import user_count
    from verifier.web.app import SECRET_ENV, create_app, warm_up

    if not 0 < port < 65536:
        raise UsageError("--port must be between 1 and 65535")
    proxies = _proxies(proxy)
    url = database_url(db)
    name = describe_url(url)
    # a desk started in the wrong folder served a new, empty verifier.db without a word
    new = url.startswith("sqlite:///") and not Path(name).exists()
    # both refusals before the database is opened: a refused serve made a new, empty
    # database file (no user can be in it) and left it behind
    _check_free(host, port)  # before saying the desk is on: one line, not uvicorn's
    if new and host not in LOCAL_HOSTS:
        _refuse_without_users(host)
    allowed = _allowed_hosts(allowed_host, host)
    with database_session(db, create=True) as session:
        users = user_count(session)
        articles = count_articles(session)
    if users == 0:
        if host not in LOCAL_HOSTS:
            _refuse_without_users(host)
        typer.echo("no users yet: add one with `verifier users add NAME --role admin`, "
                   "then sign in", err=True)
    app = create_app(db, sources, proxies=proxies, allowed_hosts=allowed)
    warm_up(app)  # the first page of each kind as quick as the next, once it says it is on
    if not os.environ.get(SECRET_ENV):  # reviewers were signed out by a restart, unexplained
        typer.echo(f"${SECRET_ENV} is not set: sessions end when the desk stops (set it to a "
                   "long random value to keep reviewers signed in across restarts)", err=True)
    held = ("a new, empty database" if new else
            f"{articles} article{'' if articles == 1 else 's'}" if articles else
            "no article yet")
    where = _host_port(host, port)
    typer.echo(f"verifier desk on http://{where}/ over {name} ({held}; `verifier "
               "ingest FILES` adds articles) (Ctrl-C stops)" if not articles else
               f"verifier desk on http://{where}/ over {name} ({held}) (Ctrl-C stops)",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning",
                proxy_headers=False, server_header=False)  # the app reads them (--proxy)


def _host_port(host: str, port: int) -> str:
    """``host:port`` as a url writes it: an IPv6 address in brackets ("[::1]:8000"; a
    browser reads "::1:8000" as no address at all)."""
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def _refuse_without_users(host: str) -> None:
    raise UsageError(f"refusing to listen on {host} while no user exists: add one first with "
                     "`verifier users add NAME --role admin`")


#: Addresses that listen on every interface: they name no host the desk answers to.
WILDCARDS = ("0.0.0.0", "::", "")


def _allowed_hosts(option: str | None, host: str) -> tuple[str, ...]:
    """The names the desk answers to: ``--allowed-host`` checked, else the local names and
    the address it listens on; ``UsageError`` for a name that is none, or for a wildcard
    address with no names given (it answered to whatever name a request sent, and built
    ClaimReview's links from it)."""
    from verifier.web.security import LOCAL_HOST_NAMES

    if option is None or not option.strip():
        if host.strip("[]") in WILDCARDS:
            raise UsageError(f"--host {host} listens on every address: name the ones "
                             "reviewers reach the desk by with --allowed-host NAME[,NAME] "
                             "(or $VERIFIER_ALLOWED_HOSTS; '*' answers to any)")
        return tuple(dict.fromkeys((*LOCAL_HOST_NAMES, host.strip("[]").lower())))
    names = tuple(part.strip().lower().strip("[]") for part in option.split(",")
                  if part.strip())
    for name in names:
        if name != "*" and not _host_like(name.removeprefix("*.")):
            raise UsageError(f"--allowed-host: {name[:60]!r} is not a host name (a name as "
                             "reviewers type it, e.g. desk.example.org, without a port)")
    return names


def _host_like(name: str) -> bool:
    """A DNS name or an IP address (an IPv6 address without its brackets)."""
    import ipaddress
    import re

    if ":" in name:
        try:
            ipaddress.IPv6Address(name)
        except ValueError:
            return False
        return True
    return re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*"
                        r"[a-z0-9])?)*\.?", name) is not None


def _proxies(proxy: str | None) -> str | None:
    """``--proxy`` checked: addresses or networks (``10.0.0.2``, ``10.0.0.0/24``, ``::1``),
    comma-separated; ``UsageError`` names the first that is none."""
    import ipaddress

    if proxy is None or not proxy.strip():
        return None
    found = [part.strip() for part in proxy.split(",") if part.strip()]
    kept = []
    for part in found:
        try:
            network = ipaddress.ip_network(part, strict=False)
        except ValueError:
            raise UsageError(f"--proxy: {part!r} is not an IP address or network (the "
                             "proxy's address as the desk sees it, e.g. 127.0.0.1)") from None
        kept.append(str(network) if "/" in part else part)
    return ",".join(kept)


def _check_free(host: str, port: int) -> None:
    """``UsageError`` when ``host:port`` cannot be listened on (in use, or not an address
    of this machine), as uvicorn binds it (``SO_REUSEADDR``): the desk was announced, then
    uvicorn's own ERROR line said it was not."""
    import socket

    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UsageError(f"--host {host}: not an address ({exc.strerror or exc})") from None
    family, kind, proto, _, address = found[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise UsageError(
                f"cannot listen on {_host_port(host, port)}: {exc.strerror or exc} (another "
                "`verifier serve` there? give --port N)") from None
