"""``verifier ingest PATH...``: analyse articles and store them, one transaction each."""

from __future__ import annotations

import shlex
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from verifier.cli.output import DbOption, JsonOption, SourcesOption
from verifier.cli.shared import err_console, option_value, plural, print_json
from verifier.errors import ExitCode
from verifier.textsafe import one_line

if TYPE_CHECKING:
    from collections.abc import Container, Iterator

    from verifier.ingest.metadata import FoundDate, FoundName
    from verifier.ingest.pipeline import ArticleResult, IngestSummary
    from verifier.ingest.readers import RawArticle
    from verifier.registry import Registry
    from verifier.review.registry_file import OutletEntry

#: Show a progress bar from this many articles on (and only on a terminal).
PROGRESS_FROM = 5
#: Warn article by article about a missing outlet this many times, then count the rest.
WARN_EACH = 5

app = typer.Typer(add_completion=False, rich_markup_mode=None)


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Files (.txt .md .html .jsonl) and folders (recursive).",
                       readable=False)
    ],
    outlet: Annotated[
        str | None, typer.Option(
            "--outlet", help='Publishing outlet (registry id, name or alias; "none": not '
            'known, stored without one and not warned about).')
    ] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date.")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Article URL.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Article title.")] = None,
    group: Annotated[
        bool,
        typer.Option(
            "--group/--no-group",
            help="Group the new claims into stories (else run `verifier stories group` later).",
        ),
    ] = True,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=1, max=64,
                     help="Analyse (and rescore stories) in this many worker processes "
                     "while one process stores and groups."),
    ] = 1,
    add_outlets: Annotated[
        bool,
        typer.Option("--add-outlets",
                     help="Register the outlets the files (or --outlet) name that the registry "
                     "does not know, in your sources.yaml (a newspaper with a uniform prior; "
                     "`verifier sources add ID --replace` corrects one), then ingest."),
    ] = False,
    db: DbOption = None,
    sources: SourcesOption = None,
    json_output: JsonOption = False,
) -> None:
    """Analyse articles and store them with their claims, sourcing and evidence.

    .md files may start with YAML front matter (title, outlet, url, published, byline);
    .jsonl files hold one article per line ({"text", "title", "outlet", "url", "published",
    "byline"}); HTML pages have their main text extracted. --outlet, --published, --url and
    --title fill what a file lacks. Articles are stored, and their claims grouped into
    stories, in short transactions; the same text again is skipped, also when several
    ingests write to one database at once. A file that fails is reported and the rest go
    on; the exit code is then 1. Interrupted, every article reported stored is kept with its
    stories; run the same command again to add the rest.
    """
    from verifier.ingest.pipeline import IngestDefaults, ingest_paths
    from verifier.ingest.readers import NO_OUTLET, parse_published
    from verifier.limits import check_length
    from verifier.store.database import open_database

    check_length("title", title)
    url = _checked_url(url)
    # "none": the user knows the files that name no outlet have none we could give them
    # (a forwarded text, a page whose publisher is unknown): stored without one, quietly;
    # as `articles set` reads it, and a file's own `outlet: none` (its reader says so)
    stated_none = outlet is not None and outlet.strip().lower() == NO_OUTLET
    if stated_none:
        outlet = None
    given_day = option_value(lambda: parse_published(published, "--published"))
    total = _checked_inputs(paths, db)
    registry = _registry(sources, outlet, add_outlets=add_outlets)
    started = time.perf_counter()
    listener = _Listener(total, keep_stored=bool(outlet or not published))
    from verifier.ingest.pipeline import INTERRUPTS

    previous = signal.signal(signal.SIGTERM, INTERRUPTS.handler)
    previous_int = signal.signal(signal.SIGINT, INTERRUPTS.handler)
    undated_before = None if published or json_output else _undated(db)
    made = _new_sqlite_file(db)  # a database this ingest makes: dropped if nothing is stored
    try:
        with open_database(db) as database:
            if add_outlets:  # once the options, the files and the database are known good:
                # a refused ingest leaves the user's sources.yaml as it was
                registry = _register_outlets(paths, outlet, registry, sources)
            defaults = IngestDefaults(outlet=_outlet_key(registry, outlet, add_outlets),
                                      published=given_day, url=url, title=title)
            listener.start()
            summary = ingest_paths(
                database,
                paths,
                registry,
                defaults=defaults,
                on_article=listener,
                group_stories=group,
                jobs=jobs,
            )
    except BaseException as stopped:  # an interrupt, or a refusal (a sources.yaml that
        # cannot be written): a database made for nothing is not left behind. A second
        # Ctrl-C meanwhile is dropped: what was kept is still said (it raised from inside
        # this block, and the message was lost)
        with INTERRUPTS.absorbed():
            listener.say_held()
            if not listener.seen.summary().stored:
                _drop_if_empty(made)
            if isinstance(stopped, KeyboardInterrupt):
                listener.stop()
                err_console().print(interrupted_message(listener.seen.summary(), total,
                                                        group), markup=False, soft_wrap=True)
        if not isinstance(stopped, KeyboardInterrupt):
            raise
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    finally:
        listener.stop()
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)
    nothing = bool(summary.failed and not summary.stored and not summary.skipped)
    if nothing:
        _drop_if_empty(made)  # every input failed when read in full: no database left
    if nothing and not json_output:
        # each failure was said as it came (a sole one is said here, in one line with
        # that nothing was stored); a JSON Lines file's records each failed apart
        from verifier.ingest.readers import ReadFailure, iter_files

        nothing_stored(listener.held, summary.failed - len(listener.held), inputs=[str(
            item.origin if isinstance(item, ReadFailure) else item) for item in iter_files(paths)])
    listener.say_held()
    _report(summary, time.perf_counter() - started, json_output)
    if nothing:
        raise typer.Exit(int(ExitCode.INPUT))
    if not json_output:
        undated = _undated(db) - undated_before \
            if undated_before is not None and summary.stored else 0
        _notes(summary, listener, registry, defaults.outlet, undated,
               stated_none=stated_none, given=bool(outlet or published))
    if summary.failed:
        raise typer.Exit(int(ExitCode.FAILURE))


def _checked_inputs(paths: list[Path], db: str | None) -> int:
    """How many articles ``paths`` hold, once ingest may go on: some article file, a
    well-formed ``--db``, and not every input unreadable (said before the registry, the
    database or sources.yaml is touched)."""
    from verifier.config import check_database_url, database_url
    from verifier.errors import InputError
    from verifier.ingest.readers import count_articles

    total = count_articles(paths)
    if total == 0:  # only folders, and no article file in any of them
        from verifier.ingest.readers import READERS

        raise InputError(f"no article files ({' '.join(sorted(READERS))}) in "
                         f"{', '.join(str(p) for p in paths)}; nothing was stored")
    check_database_url(database_url(db))  # a malformed --db is said first, as before
    unreadable = _all_unreadable(paths)
    if unreadable:
        nothing_stored(unreadable)
    return total


def _checked_url(url: str | None) -> str | None:
    """``--url`` stripped, refused unless an http(s) url (as the desk refuses it when an
    article's url is edited)."""
    from verifier.errors import UsageError
    from verifier.limits import check_length
    from verifier.templating import http_url

    check_length("link", url)
    if url is None or not url.strip():
        return url
    if http_url(url) is None:
        from verifier.textsafe import not_http_url

        raise UsageError(not_http_url("--url", url.strip()))
    return url.strip()


def _registry(sources: str | None, outlet: str | None, *, add_outlets: bool) -> Registry:
    """The registry ingest reads; an ``--outlet`` it does not know is refused here, before
    anything else, unless ``--add-outlets`` is to register it."""
    from verifier.config import data_path, sources_path
    from verifier.registry import load_registry
    from verifier.store.sources import find_outlet

    registry_file = sources_path(sources)
    if add_outlets and not registry_file.exists():  # as `sources add`: a --sources file
        # not made yet starts as the packaged registry, written once an outlet is added
        registry_file = data_path("sources.yaml")
    registry = load_registry(registry_file)
    if outlet and not add_outlets:
        option_value(lambda: find_outlet(registry, outlet))
    return registry


def _outlet_key(registry: Registry, outlet: str | None, add_outlets: bool) -> str | None:
    """The registry id of ``--outlet``. With ``--add-outlets`` it is registered only for an
    article that reads: when none does it stays unknown, each article is said to have failed
    and nothing is stored."""
    from verifier.store.source_reads import UnknownOutletError
    from verifier.store.sources import find_outlet

    if not outlet:
        return None
    try:
        return find_outlet(registry, outlet).id
    except UnknownOutletError:
        if not add_outlets:
            raise
        return None


class _Listener:
    """What ingest says while it runs: a failed article as it comes (the first held back, to
    be said with the next result or alone as the one line that nothing was stored), the
    progress bar, and what the notes after the run read again (the stored articles' origins,
    those with no outlet, the outlets the registry did not know)."""

    def __init__(self, total: int, *, keep_stored: bool) -> None:
        from verifier.ingest.pipeline import SummaryBuilder

        self.seen = SummaryBuilder()
        self.progress, self.task = _progress(total)
        self.keep_stored = keep_stored
        self.came: list[str] = []
        self.held: list[str] = []
        self.unknown: list[str] = []
        self.no_outlet: dict[str, int] = {}  # origin -> article id, to name the fixing command
        self.said_none: set[str] = set()  # files whose own `outlet: none` says none is known
        self.stored: dict[str, int] = {}  # read again: a credit other than --outlet, a date

    def __call__(self, result: ArticleResult) -> None:
        self.seen.add(result)
        if self.keep_stored and result.outcome == "stored" \
                and result.article_id is not None and len(self.stored) < CREDITS_READ:
            self.stored[result.origin] = result.article_id
        if result.warning is not None and result.article_id is not None:
            self.no_outlet[result.origin] = result.article_id
        if result.warning is not None and result.outlet_none:
            self.said_none.add(result.origin)
        if result.outcome == "failed" and "unknown outlet" in str(result.message):
            self.unknown.append(str(result.message))
        first = not self.came
        self.came.append(result.outcome)
        if result.outcome == "failed" and first:
            self.held.append(str(result.message))
        elif result.outcome == "failed":
            self.say_held()
            self.say(str(result.message))
        else:
            self.say_held()
        if self.progress is not None:
            self.progress.advance(self.task)

    def start(self) -> None:
        if self.progress is not None:
            self.progress.start()

    def stop(self) -> None:
        _stop(self.progress)

    def say(self, message: str) -> None:
        target = self.progress.console if self.progress is not None else err_console()
        target.print(one_line(f"verifier: error: {message}"), markup=False, highlight=False,
                     soft_wrap=True)

    def say_held(self) -> None:
        while self.held:
            self.say(self.held.pop())


def _notes(summary: IngestSummary, listener: _Listener, registry: Registry,
           outlet: str | None, undated: int, *, stated_none: bool, given: bool) -> None:
    """The warnings and notes after a run that stored or skipped something: articles with
    no outlet, texts whose own credit overrode --outlet, the ``undated`` articles just
    stored, --outlet/--published not applied to texts already stored, outlets the registry
    does not know."""
    if summary.no_outlet:
        _warn_no_outlet(summary.no_outlet, listener.no_outlet, stated_none=stated_none,
                        said_none=listener.said_none)
    if listener.stored and outlet is not None:
        _note_own_credits(listener.stored, registry, outlet)
    if undated:
        _note_undated(summary.stored, undated, listener.stored)
    if summary.skipped and given:
        err_console().print(
            f"verifier: warning: {summary.skipped} already stored "
            f"{'text keeps its' if summary.skipped == 1 else 'texts keep their'} outlet and "
            "date (--outlet and --published apply to new texts); correct a stored article "
            "with `verifier articles set ID --outlet X --published YYYY-MM-DD --by NAME`",
            markup=False, soft_wrap=True)
    if listener.unknown:
        err_console().print(
            f"verifier: {plural(len(listener.unknown), 'article')} named outlets the registry "
            "does not know; the same command with --add-outlets registers them "
            "(or `verifier sources add` one by one)", markup=False, soft_wrap=True)


def _register_outlets(paths: list[Path], outlet: str | None, registry: Registry,
                      sources: str | None) -> Registry:
    """``--add-outlets``: every outlet the articles (or ``--outlet``) name that the registry
    does not know, added to the user's sources.yaml in one write; says which."""
    from verifier.review.registry_file import add_outlets, user_sources_path
    from verifier.store.source_reads import UnknownOutletError, find_outlet, normalise_name

    wanted: dict[str, str] = {}
    for name in _named_outlets(paths, outlet, registry):
        try:
            find_outlet(registry, name)
        except UnknownOutletError:
            wanted.setdefault(normalise_name(name), name.strip())
    if not wanted:
        return registry
    entries = _outlet_entries(list(wanted.values()), registry)
    path = user_sources_path(sources)
    registry = add_outlets(path, entries)
    listed = ", ".join(f"{e.name} ({e.id})" for e in entries)
    err_console().print(f"verifier: added {len(entries)} outlet{'' if len(entries) == 1 else 's'} "
                        f"to {path} (newspapers, uniform prior): {listed}", markup=False,
                        soft_wrap=True)
    return registry


def _named_outlets(paths: list[Path], outlet: str | None, registry: Registry) -> list[str]:
    """The outlet names ``--add-outlets`` reads: ``--outlet`` (once an article reads), each
    article's own outlet, else the site a page names, else the credit its copy opens with."""
    from verifier.ingest.metadata import credited_name, found_outlet
    from verifier.ingest.readers import RawArticle, iter_articles

    names: list[str] = []
    for item in iter_articles(paths):
        if not isinstance(item, RawArticle):
            continue
        if outlet and not names:  # --outlet: only for an article that reads (none: nothing
            names.append(outlet)  # would be stored, and sources.yaml is left as it was)
        if item.outlet:
            names.append(item.outlet)
        elif item.site_name and _known(registry, item.site_name):
            continue  # stored as the site the page names
        elif (not outlet or item.outlet_none) and found_outlet(item.text, registry) is None:
            if item.site_name:  # a page's own site, which ingest reads before its text
                names.append(item.site_name)
                continue
            credit = credited_name(item.text)  # "LAS VEGAS (KLAS) —": the copy's credit
            if credit is not None:
                names.append(credit.name)
    return names


def _outlet_entries(names: list[str], registry: Registry) -> list[OutletEntry]:
    """A newspaper entry for each name, under an id no registry source has (``-2``, ``-3``
    ... after a taken one)."""
    from verifier.review.registry_file import OutletEntry
    from verifier.store.source_reads import outlet_id_for

    taken = {source.id for source in registry}
    entries = []
    for name in names:
        ident = base = outlet_id_for(name)
        n = 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident)
        entries.append(OutletEntry(ident, name, "newspaper"))
    return entries


def _known(registry: Registry, name: str) -> bool:
    from verifier.errors import VerifierError
    from verifier.store.source_reads import find_outlet

    try:
        find_outlet(registry, name)
    except VerifierError:
        return False
    return True


def _undated(db: str | None) -> int:
    """How many stored articles have no publication date (none when the database is new)."""
    from verifier.review.undated import undated_articles
    from verifier.store.reading import open_reader

    try:
        with open_reader(db) as rows:
            return undated_articles(rows)[0]
    except Exception:  # no database yet, or not one of ours: ingest says what is wrong
        return 0


def _note_undated(stored: int, undated: int, origins: dict[str, int]) -> None:
    """Say how many of the articles just stored have no publication date, and what that
    means: every date filter passes them over and their stories list as undated; then, for
    the first few, the date line the text shows, as the command that would store it (a
    reviewer's call: a saved page may also show the day it was saved)."""
    from verifier.review.undated import DATE_COMMAND

    if undated <= 0:
        return
    err_console().print(
        f"verifier: note: {undated} of the {plural(stored, 'article')} stored "
        f"{'has' if undated == 1 else 'have'} no publication date (no --published, none in "
        "the file's metadata): --since/--until and the desk's From/To leave "
        f"{'it' if undated == 1 else 'them'} out and {'its' if undated == 1 else 'their'} "
        f"stories list as undated; `{DATE_COMMAND}` dates one",
        markup=False, highlight=False, soft_wrap=True)
    shown = more = 0
    for origin, article, found in _shown_dates(origins):
        if shown == WARN_EACH:
            more += 1
            continue
        shown += 1
        err_console().print(
            f"verifier: note: {origin}: its text shows the date {found.evidence!r} (a page may "
            "also show the day it was saved: check it); `verifier articles set "
            f"{article} --published {found.day} --by NAME` stores it",
            markup=False, highlight=False, soft_wrap=True)
    if more:
        err_console().print(f"verifier: note: {more} more undated articles show a date line",
                            markup=False, soft_wrap=True)


def _stored_texts(stored: dict[str, int]) -> Iterator[tuple[str, int, RawArticle]]:
    """The articles of the stored plain-text files read again (origin, article id, article):
    ingest kept only their origins."""
    from verifier.ingest.readers import RawArticle, iter_articles

    for origin, article in stored.items():
        path = Path(origin)
        if path.suffix.lower() not in (".txt", ".md") or not path.is_file():
            continue
        for item in iter_articles([path]):
            if isinstance(item, RawArticle):
                yield origin, article, item


def _shown_dates(origins: dict[str, int]) -> Iterator[tuple[str, int, FoundDate]]:
    """The stored text files with no date of their own that show a date line."""
    from verifier.ingest.metadata import shown_date

    for origin, article, item in _stored_texts(origins):
        if item.published is None and (found := shown_date(item.text)) is not None:
            yield origin, article, found


def _note_own_credits(stored: dict[str, int], registry: Registry, given: str) -> None:
    """With --outlet: say which stored texts were given the outlet their own dateline or
    closing credit names instead (ingest reads a text's credit first: it names who wrote
    the copy), with the command that sets the other."""
    from verifier.ingest.metadata import found_outlet

    shown = 0
    others = 0
    for origin, article, item in _stored_texts(stored):
        if item.outlet or item.site_name or item.outlet_none:  # its own word, not --outlet
            continue
        found = found_outlet(item.text, registry)
        if found is None or found.source.id == given:
            continue
        others += 1
        if shown < WARN_EACH:
            shown += 1
            err_console().print(
                f"verifier: note: {origin}: stored as {found.source.name}, which its "
                f"credit {found.evidence!r} names, not --outlet {given} (`verifier "
                f"articles set {article} --outlet {given} --by NAME` sets that instead)",
                markup=False, highlight=False, soft_wrap=True)
    if others > shown:
        err_console().print(f"verifier: note: {others - shown} more articles stored as the "
                            "outlet their own credit names, not --outlet", markup=False,
                            soft_wrap=True)


#: Read again at most this many stored texts with no outlet for the credit they show.
CREDITS_READ = 500


#: How ``FoundName.evidence`` says the name is an HTML page's site name, not a text's credit.
SITE_NAME = "the page's site name"


def _credit_of(origin: str) -> FoundName | None:
    """The outlet a stored text file credits, or a stored HTML page names as its site, that
    the registry does not know, if any (read again: ingest kept only its origin; a page
    stored with no outlet names none the registry knows)."""
    from verifier.errors import VerifierError
    from verifier.ingest.metadata import FoundName, credited_name
    from verifier.ingest.textfile import read_article_text

    path = Path(origin)
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".md", ".html", ".htm") or not path.is_file():
        return None
    try:
        text = read_article_text(path)
    except VerifierError:
        return None
    if suffix in (".html", ".htm"):
        site = _site_name(text)
        return FoundName(site, SITE_NAME) if site else None
    return credited_name(text)


def _site_name(html: str) -> str | None:
    """The site name an HTML page's metadata gives (as ingest's extractor reads it)."""
    import trafilatura

    try:
        found = trafilatura.extract_metadata(html)
    except Exception:  # a page the extractor cannot parse names no site
        return None
    name = " ".join(str(getattr(found, "sitename", None) or "").split())
    return name or None


def _warn_no_outlet(origins: tuple[str, ...], ids: dict[str, int], *,
                    stated_none: bool = False, said_none: Container[str] = ()) -> None:
    """Which stored articles have no outlet: each of the first few, then a count; a text
    whose dateline or closing credit names an outlet the registry does not know says so,
    with the commands that register it and set it. With ``--outlet none`` only those that
    credit an outlet are named: the user said the others have none; so did a file's own
    ``outlet: none`` (``said_none``) for itself."""
    from verifier.store.source_reads import outlet_id_for

    credits = {origin: credit for origin in origins[:CREDITS_READ]
               if (credit := _credit_of(origin)) is not None}
    origins = tuple(origin for origin in origins if origin in credits
                    or not (stated_none or origin in said_none))
    for origin in origins[:WARN_EACH]:
        credit = credits.get(origin)
        article = ids.get(origin)
        if credit is None:
            where = article if article is not None else "ID"
            message = (
                "no outlet found (no --outlet, front matter or site metadata, dateline wire "
                "credit or copyright line the registry knows): stored without one, so its "
                "unnamed sources are kept to this article; `verifier articles set "
                f"{where} --outlet OUTLET --by NAME` sets one, or ingest with `--outlet "
                "none` to say none is known")
        else:
            ident = outlet_id_for(credit.name)
            then = (f", then `verifier articles set {article} --outlet {ident} --by NAME`"
                    if article is not None else "")
            named = (f"the page names its site {credit.name!r}"
                     if credit.evidence == SITE_NAME else
                     f"its credit {credit.evidence!r} names {credit.name!r}")
            message = (f"no outlet found: {named}, "
                       "which the registry does not know; `verifier sources add "
                       f"{ident} --name {shlex.quote(credit.name)} --kind newspaper`{then} (with "
                       "--add-outlets, ingest registers such names before storing)")
        err_console().print(one_line(f"verifier: warning: {origin}: {message}"), markup=False,
                            highlight=False, soft_wrap=True)
    if len(origins) > WARN_EACH:
        rest = [credits[o].name for o in origins[WARN_EACH:] if o in credits]
        named = (f" ({plural(len(rest), 'credits an outlet', 'credit outlets')} the registry "
                 f"does not know: {', '.join(dict.fromkeys(rest))})" if rest else "")
        err_console().print(
            f"verifier: warning: {len(origins) - WARN_EACH} more articles stored with no outlet "
            f"found{named}; give --outlet, or add the outlet to sources.yaml (`verifier "
            "articles list` shows them: outlet '-')",
            markup=False, soft_wrap=True)


def _new_sqlite_file(db: str | None) -> Path | None:
    """The SQLite file ``db`` names when it does not exist yet (the ingest makes it), else
    None (a database that was there, a server's, an in-memory one)."""
    from sqlalchemy.engine import make_url

    from verifier.config import database_url

    parsed = make_url(database_url(db))
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:") \
            or parsed.query.get("uri"):
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def _drop_if_empty(made: Path | None) -> None:
    """Remove the SQLite file this ingest made (with its journal files) when it holds no
    article: every input failed once read in full, after the database was made (the
    first look at each file found nothing wrong), and an empty database left behind would
    be taken for a store that has been ingested into. Kept if another process has stored
    an article in it meanwhile."""
    from verifier.errors import VerifierError
    from verifier.store.articles import count_articles
    from verifier.store.database import database_session

    if made is None or not made.is_file():
        return
    try:
        with database_session(str(made)) as session:
            if count_articles(session):
                return
    except VerifierError:  # not ours, or being written: leave it
        return
    for path in (made, *(made.with_name(made.name + end) for end in ("-wal", "-shm",
                                                                    "-journal"))):
        path.unlink(missing_ok=True)


def nothing_stored(messages: list[str], said: int = 0,
                   inputs: list[str] | None = None) -> NoReturn:
    """Every input failed: each failure in one line (the only one says that nothing was
    stored), then, for several, a line that none could be read; no summary of nothing
    stored; exit 3 (unreadable input). ``said``: failures already written; ``inputs``: the
    files they came from, when a file's records failed apart (a JSON Lines file of three
    bad records is one input, not three)."""
    count = said + len(messages)
    files = count if inputs is None else len(inputs)
    if count == 1 and messages and files <= 1:
        messages = [f"{messages[0]}; nothing was stored"]
    console = err_console()
    for message in messages:
        console.print(one_line(f"verifier: error: {message}"), markup=False, highlight=False,
                      soft_wrap=True)
    if count > 1 or not messages:
        if files == count or inputs is None:
            none = f"none of the {count} inputs could be read" if count > 1 \
                else "it could not be read"
        elif files == 1:
            none = f"none of the {count} records in {inputs[0]} could be read"
        else:
            none = f"none of the {files} inputs could be read ({count} failures)"
        console.print(f"verifier: error: {none}; nothing was stored", markup=False,
                      highlight=False, soft_wrap=True)
    raise typer.Exit(int(ExitCode.INPUT))


#: JSON Lines files up to this size are read whole by the check before an ingest; larger
#: ones are sniffed for binary content only (every other file is read whole).
_SNIFF_BYTES = 8192


def _all_unreadable(paths: list[Path]) -> list[str]:
    """The failures of the files named or found under ``paths`` when none of them can be
    read: missing, not a regular file (a folder named as a file, a FIFO), of a type ingest
    does not read, empty, binary, larger than the limit. Given up at the first file that
    may be readable ([]), so a folder of good files costs one file's read (a JSON Lines
    file's first 8 KB); the readers still decide what the rest is."""
    from verifier.ingest.readers import ReadFailure, iter_files

    failures = []
    for item in iter_files(paths):
        if isinstance(item, ReadFailure):
            failures.append(item.message)
            continue
        problem = _unreadable_file(item)
        if problem is None:
            return []
        failures.append(problem)
    return failures


def _unreadable_file(path: Path) -> str | None:
    import codecs
    import os

    from verifier.errors import InputError
    from verifier.ingest.textfile import decode_text, open_regular, read_article_text

    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(_SNIFF_BYTES)
        if path.suffix.lower() != ".jsonl" or size <= _SNIFF_BYTES:
            # read whole (too large: refused unread): binary data past the first 8 KB, or
            # text that is not UTF-8 there, is one line before anything is made
            read_article_text(path)
        elif b"\x00" in head and not head.startswith((
                codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE,
                codecs.BOM_UTF16_BE)):
            decode_text(head, str(path))  # "looks like a binary file", as the reader says
    except InputError as error:
        return str(error)
    except OSError as error:
        return f"{path}: cannot read ({error.strerror or error})"
    return None


def interrupted_message(partial: IngestSummary, total: int, group: bool) -> str:
    """What an interrupted ingest kept: every article reported stored (with its claims in
    stories), and how many of the articles found were not stored."""
    kept = f"{partial.stored} articles stored"
    if group:
        kept += " with their claims grouped into stories"
    left = max(0, total - partial.stored - partial.skipped - partial.failed)
    return (
        f"verifier: interrupted: kept {kept}; {partial.skipped} skipped (already stored), "
        f"{partial.failed} failed; {left} of the {total} articles found were not stored "
        "(run the same command again to add them)"
    )


def _progress(total: int) -> tuple[Any, Any]:
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return None, None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err_console(),
        transient=True,
    )
    return progress, progress.add_task("ingesting", total=total)


def _stop(progress: Any) -> None:
    if progress is not None:
        progress.stop()


def _report(summary: IngestSummary, seconds: float, json_output: bool) -> None:
    if json_output:
        print_json({
            "stored": summary.stored,
            "skipped": summary.skipped,
            "failed": summary.failed,
            "claims": summary.claims,
            "words": summary.words,
            "claims_by_sourcing": summary.kinds,
            "failures": [{"origin": f.origin, "error": f.message} for f in summary.failures],
            "regrouped": summary.regrouped,
            "no_outlet": list(summary.no_outlet),
            "seconds": round(seconds, 3),
        })
        return
    from verifier.cli.review_render import ingest_summary

    ingest_summary(summary, seconds)
