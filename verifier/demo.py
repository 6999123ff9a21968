"""The founding example, end to end (``make demo``, ``python -m verifier.demo``).

Ingests the two seed articles (examples/) into a fresh database, prints the report, then, as
a reviewer, marks Kim Jong-un's Beijing trip confirmed and Ban Ki-moon's Pyongyang visit
refuted, and prints the updated stories and the track records of the source each story
leans on most (``sources show``). Every step is the
``verifier`` command a user would type, run in-process; the two stories are found from the
data (each article's largest story), not from fixed ids.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from verifier.errors import InputError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BAN = "ban-pyongyang.md"
KIM = "kim-beijing.md"
REVIEWER = "Demo Reviewer"
KIM_EVIDENCE = (
    "Xinhua and KCNA confirmed the visit and the Kim-Xi meeting on 28 March 2018."
)
BAN_EVIDENCE = (
    "The visit did not take place: Ban never visited North Korea during his term, "
    "which ended in December 2016."
)


@dataclass(frozen=True, slots=True)
class DemoStories:
    """The main story of each seed article."""

    ban: int
    kim: int


def cli(*args: str) -> None:
    """Run one ``verifier`` command in this process; raise if it fails."""
    from verifier.cli import app

    code = app(list(args), standalone_mode=False)
    if code not in (None, 0):
        raise SystemExit(code)


def main_stories(db: str) -> DemoStories:
    """Each seed article's largest story, found from the stored data."""
    from verifier.scoring.weights import load_weights
    from verifier.store.article_reads import article_id_by_path
    from verifier.store.database import open_database
    from verifier.stories.view import list_stories

    weights = load_weights()
    found: dict[str, int] = {}
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        for name in (BAN, KIM):
            article_id = article_id_by_path(session, name)
            if article_id is None:
                raise InputError(f"the demo database has no article from {name}")
            views = list_stories(session, weights, article_id=article_id)
            best = max(views, key=lambda v: sum(m.article_id == article_id for m in v.members))
            found[name] = best.id
    return DemoStories(ban=found[BAN], kim=found[KIM])


def leading_sources(db: str, stories: DemoStories) -> list[str]:
    """The key of each marked story's most cited named source (Kim's, then Ban's), once."""
    from verifier.store.database import open_database
    from verifier.store.source_reads import leading_source_key

    keys: list[str] = []
    with open_database(db, create=False) as database, database.session_scope(
        write=False
    ) as session:
        for story in (stories.kim, stories.ban):
            key = leading_source_key(session, story)
            if key is not None and key not in keys:
                keys.append(key)
    return keys


def heading(text: str) -> None:
    from verifier.cli.shared import console

    console().rule(text, style="bold")


def run(db: str, examples: Path = EXAMPLES) -> DemoStories:
    """The whole demo against database ``db``; returns the two stories it marked."""
    paths = [examples / BAN, examples / KIM]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise InputError(f"demo articles not found: {', '.join(missing)} (run from a clone)")
    heading("1. Ingest the two seed articles")
    from verifier.cli.shared import console

    # Kim's article names its outlet (The Korea Times) in its front matter; Ban's is a
    # reprint whose publisher is not known (it credits Yonhap's report in a sentence, which
    # is a source, not the publisher): said so, as a user would, with --outlet none
    console().print("Ban's article names no publisher (it relays Yonhap's report): "
                    "--outlet none stores it without one.", markup=False, highlight=False)
    cli("ingest", *map(str, paths), "--outlet", "none", "--db", db)
    heading("2. The report: stories side by side, articles, sources")
    cli("report", "--all", "--all-stories", "--db", db)
    stories = main_stories(db)
    heading("3. A reviewer marks Kim's trip confirmed and Ban's visit refuted")
    cli("stories", "mark", str(stories.kim), "confirmed", "--evidence", KIM_EVIDENCE,
        "--url", "https://example.org/checks/kim-beijing", "--by", REVIEWER, "--db", db)
    cli("stories", "mark", str(stories.ban), "refuted", "--evidence", BAN_EVIDENCE,
        "--by", REVIEWER, "--db", db)
    heading("4. Updated stories")
    cli("stories", "list", "--db", db)
    heading("5. Source track records")
    console().print("The source each story leans on most, with its record after the two "
                    "verdicts (every source's: verifier report --all):", markup=False,
                    highlight=False)
    for key in leading_sources(db, stories):
        cli("sources", "show", key, "--db", db)
    heading("6. Calibration so far")
    cli("calibrate", "--db", db)
    return stories


def main() -> None:
    from verifier.cli.shared import console
    from verifier.errors import VerifierError

    directory = Path(tempfile.mkdtemp(prefix="verifier-demo-"))
    db = str(directory / "demo.db")
    console().print(f"verifier demo: database {db}")
    try:
        run(db)
    except VerifierError as error:
        print(f"verifier demo: error: {error}", file=sys.stderr)
        sys.exit(int(error.exit_code))
    console().print(  # one line, never wrapped: a command to copy (its path ran over)
        f"\nTry: verifier report --all --all-stories --format html -o report.html --db {db}",
        soft_wrap=True,
    )


if __name__ == "__main__":
    main()
