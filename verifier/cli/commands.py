"""What ``verifier --help`` lists, without Typer: the root's help, its options' help and
the commands of ``LAZY`` (used by ``verifier.cli.root`` to build the application, and by
``verifier.cli.help`` to write the root's help page without importing Typer)."""

from __future__ import annotations

from typing import Any, TypeVar

HELP = "Source credibility and claim verification for fact-checkers."
EPILOG = ("First steps: `verifier ingest FILE...` stores articles (./verifier.db), `verifier "
          "claims list` is the review queue, `verifier report` the credibility report; for the "
          "desk in a browser, `verifier users add NAME --role admin` then `verifier serve`. "
          "`verifier COMMAND --help` says more.\n\n"
          "Exit codes: 0 ok; 1 some inputs failed; 2 bad usage; 3 unreadable input; "
          "4 invalid registry, lexicon or scoring file; 5 database error; 6 unknown id; "
          "130 interrupted.")
VERSION_HELP = "Show the version and exit."
DB_HELP = "Database for every command (also accepted after the command; $VERIFIER_DB)."
SOURCES_HELP = "Source registry for every command (also after the command; $VERIFIER_SOURCES)."
#: The largest integer a database column holds (signed 64-bit), and what a larger id,
#: --limit or --offset gets (SQLite binds integers as signed 64-bit).
MAX_INTEGER = 2**63 - 1
TOO_LARGE = ("verifier: error: a number is too large (ids, --limit and --offset are at most "
             f"{MAX_INTEGER})")
#: The root's options as its help lists them (Typer adds the completion ones and --help).
OPTIONS: tuple[tuple[str, str], ...] = (
    ("--version", VERSION_HELP),
    ("--db PATH|URL", DB_HELP),
    ("--sources FILE", SOURCES_HELP),
    ("--install-completion", "Install completion for the current shell."),
    ("--show-completion",
     "Show completion for the current shell, to copy it or customize the installation."),
    ("--help", "Show this message and exit."),
)

#: Commands loaded only when run (or asked for their help): name -> (module, the Typer in
#: it, the one-line help ``verifier --help`` shows). Building every command's parameters
#: costs more than a fast read command's whole budget; a test checks the help lines.
LAZY: dict[str, tuple[str, str, str]] = {
    "analyze": ("verifier.cli.analyze", "app",
                "Label each sentence: claim or not, who stands behind it, how firmly..."),
    "articles": ("verifier.cli.articles", "articles_app",
                 "Stored articles: list, show, correct their outlet and date, delete one..."),
    "calibrate": ("verifier.cli.report", "app",
                  "Compare the scores stories had when reviewed with their verdicts."),
    "claims": ("verifier.cli.claims", "claims_app",
               "Review stored claims: list, show, mark, retract a verdict, adopt an..."),
    "db": ("verifier.cli.db", "db_app",
           "Create, migrate and inspect the database (ingest also migrates on first write)."),
    "eval": ("verifier.cli.evaluate", "app",
             "Score the analyser against labelled sentences (the sourcing guide's format)."),
    "eval-stories": ("verifier.cli.stories", "app",
                     "Measure stories: membership per labelled story, and scores..."),
    "factchecks": ("verifier.cli.factchecks", "factchecks_app",
                   "Fact-checks published elsewhere (ClaimReview): import them, list them..."),
    "ingest": ("verifier.cli.ingest", "app",
               "Analyse articles and store them with their claims, sourcing and evidence."),
    "labels": ("verifier.cli.labels", "labels_app", "Reviewed labels: export."),
    "report": ("verifier.cli.report", "app",
               "A credibility report: stories with scores and reasons, articles, track records."),
    "scoring": ("verifier.cli.scoring", "scoring_app",
                "The scoring weights: show the values in force and which file set each."),
    "serve": ("verifier.cli.serve", "app",
              "Serve the review desk (queue, articles, stories, verdicts, corrections) over..."),
    "sources": ("verifier.cli.sources", "sources_app",
                "The source registry: list, show, check, add; rekey the stored sources..."),
    "stories": ("verifier.cli.stories", "stories_app",
                "Stories: claims about one event. List, show, correct the grouping, mark."),
    "users": ("verifier.cli.users", "users_app",
              "Desk accounts for `verifier serve`: add, list, disable, enable, reset-password..."),
}


def not_empty(ctx: Any, param: Any, value: str | None) -> str | None:
    """An option naming a file or database given as an empty string (``--db ""``, a
    variable that expanded to nothing) is bad usage: it named nothing, and quietly reading
    the default in its place would write to a database nobody chose. An empty environment
    variable is no value at all (click's reading), so the default stands."""
    if value == "":
        from verifier.errors import UsageError

        name = param.opts[0] if param.opts else str(param.name)
        raise UsageError(f"{name} is empty: {EMPTY_ADVICE.get(name, 'name a file')}")
    return value


#: Options that name something other than a file (a type of their own, or text) and are
#: refused empty as the files are: an empty one names nothing.
NAMING = frozenset({"--proxy", "--host", "--org", "--publisher-url", "--by", "--outlet",
                    "--source", "--texts", "--labels"})


Built = TypeVar("Built")


def refuse_empty(command: Built) -> Built:
    """``command`` (a click command or group) with every parameter that names a file,
    folder or thing refusing an empty value from the command line (``report -o ""``,
    ``ingest ""``, ``serve --proxy ""``: a variable that expanded to nothing): one line,
    exit 2, where it read or wrote ``.``, or quietly fell back to a default. Its parameters
    are changed in place, once, where each command is built (``verifier.cli.root``)."""
    for param in getattr(command, "params", ()):
        if getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        kind = str(getattr(param.type, "name", "")).lower()
        if kind not in ("path", "file", "filename") and not NAMING & set(param.opts):
            continue
        if getattr(param, "_refuses_empty", False):
            continue
        param.callback = _empty_refused(param.callback)
        param._refuses_empty = True
    return command


def _empty_refused(callback: Any) -> Any:
    def check(ctx: Any, param: Any, value: Any) -> Any:
        values = value if isinstance(value, (tuple, list)) else (value,)
        if any(isinstance(v, str) and v == "" for v in values):
            from verifier.errors import UsageError

            raise UsageError(_empty_message(param))
        return value if callback is None else callback(ctx, param, value)
    return check


def _empty_message(param: Any) -> str:
    if param.param_type_name == "option":
        name = max(param.opts, key=len)
        return f"{name} is empty: {EMPTY_ADVICE.get(name, 'give a value, or leave it out')}"
    return 'an input is empty (""): name a file or folder'


#: What an empty ``--db``, ``--sources`` or ``--scoring`` should have said instead.
EMPTY_ADVICE = {
    "--db": "give a database path or URL, or leave --db out for $VERIFIER_DB or ./verifier.db",
    "--sources": "give a registry file, or leave --sources out for $VERIFIER_SOURCES, "
                 "./sources.yaml or the packaged registry",
    "--scoring": "give a scoring file, or leave --scoring out for the packaged weights",
    "--output": "name the file to write, or leave -o out to print the report",
    "--outlet": 'give an outlet (registry id, name or alias), or "none" for none',
    "--proxy": "give the proxy's address, or leave --proxy out to trust no proxy",
    "--host": "give an address to listen on, or leave --host out for 127.0.0.1",
    "--org": "give your organisation's name, or leave --org out for the URL's host",
    "--publisher-url": "give your base URL (http or https)",
    "--by": "give the reviewer's name",
}
