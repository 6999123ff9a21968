"""``verifier db verify``: is the database what verifier wrote?

Each check returns the problems it found, each one line naming the table, the row and what is
wrong:

- schema: exactly one ``alembic_version`` row, at a revision this verifier ships;
- triggers: the append-only triggers on ``verdicts``, ``history_log``, ``corrections`` and
  ``audit_log`` are present (and, on PostgreSQL, enabled) and still refuse;
- history chain: ``verifier.store.history.verify_chain`` (edited, deleted, unrecorded or
  rewritten rows, with the fields that changed), and the head against ``--expect-head``;
- statuses: every claim's and story's stored status is what its verdict history says;
- track records: the triggers that mark the kept counts stale are present, and kept counts
  that say they are current equal those counted from the verdicts;
- story member facts: the triggers that keep each story's member count, claim id sum and
  publication span are present, and the kept values equal those counted from the members;
- claims in no story: claims (``is_claim``) that no story holds (an interrupted ingest);
- verdicts on non-claims: standing verdicts on sentences read as not a claim (recorded
  before ``verdicts.check_claims`` refused them), each with the two fixes;
- orphans: rows whose foreign key names a row that is gone (written with foreign keys off),
  for every foreign key of the schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, exists, func, inspect, select, text
from sqlalchemy.orm import Session

from verifier.store.database import Database, history, version_rows
from verifier.store.history import verify_chain
from verifier.store.models import Base, Claim, Story, StoryClaim, Verdict
from verifier.store.schema import SCHEMA_REVISION
from verifier.store.verdicts import UNVERIFIED, all_histories, status_of

#: Shown per check before "... and N more".
LISTED = 20
#: name -> (table, event) of every append-only trigger, by backend.
SQLITE_TRIGGERS = {
    "verdicts_no_update": ("verdicts", "BEFORE UPDATE"),
    "verdicts_no_delete": ("verdicts", "BEFORE DELETE"),
    "verdicts_no_replace": ("verdicts", "BEFORE INSERT"),
    "history_log_no_update": ("history_log", "BEFORE UPDATE"),
    "history_log_no_delete": ("history_log", "BEFORE DELETE"),
    "history_log_no_replace": ("history_log", "BEFORE INSERT"),
    "corrections_no_update": ("corrections", "BEFORE UPDATE"),
    "corrections_no_delete": ("corrections", "BEFORE DELETE"),
    "corrections_no_replace": ("corrections", "BEFORE INSERT"),
    "audit_log_no_update": ("audit_log", "BEFORE UPDATE"),
    "audit_log_no_delete": ("audit_log", "BEFORE DELETE"),
    "audit_log_no_replace": ("audit_log", "BEFORE INSERT"),
}
POSTGRES_TRIGGERS = {
    "verdicts_no_change": "verdicts",
    "verdicts_no_truncate": "verdicts",
    "history_log_no_change": "history_log",
    "history_log_no_truncate": "history_log",
    "corrections_no_change": "corrections",
    "corrections_no_truncate": "corrections",
    "audit_log_no_change": "audit_log",
    "audit_log_no_truncate": "audit_log",
}


@dataclass(slots=True)
class Check:
    name: str
    summary: str = ""
    problems: list[str] = field(default_factory=list)

    def add(self, problem: str) -> None:
        self.problems.append(problem)

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.name, "ok": not self.problems, "summary": self.summary,
                "problems": self.problems}


@dataclass(slots=True)
class VerifyReport:
    database: str
    checks: list[Check]
    head_seq: int = 0
    head_hash: str = ""

    @property
    def ok(self) -> bool:
        return not any(c.problems for c in self.checks)

    @property
    def problem_count(self) -> int:
        return sum(len(c.problems) for c in self.checks)

    def to_dict(self) -> dict[str, Any]:
        return {"database": self.database, "ok": self.ok,
                "head": {"seq": self.head_seq, "hash": self.head_hash},
                "checks": [c.to_dict() for c in self.checks]}


def _listed(ids: list[Any]) -> str:
    shown = ", ".join(str(i) for i in ids[:LISTED])
    return shown + (f" ... and {len(ids) - LISTED} more" if len(ids) > LISTED else "")


def verify_database(database: Database, *, expect_head: str | None = None) -> VerifyReport:
    """Run every check (read-only) and return what they found."""
    report = VerifyReport(database.name, [])
    schema = Check("schema revision")
    report.checks.append(schema)
    with database.engine.connect() as connection:
        rows = version_rows(connection)
        tables = inspect(connection).get_table_names()
    if not rows and not tables:
        schema.summary = "empty database (no schema yet: `verifier db upgrade` creates it)"
        return report
    known = {r.revision for r in history()}
    if len(rows) != 1:
        schema.add(f"alembic_version holds {len(rows)} rows ({', '.join(rows) or 'none'}); "
                   "a database has exactly one")
    for revision in rows:
        if revision not in known:
            schema.add(f"alembic_version names revision {revision!r}, which this verifier "
                       "does not ship")
    schema.summary = f"at {', '.join(rows) or 'none'} (this verifier's head {SCHEMA_REVISION})"
    if rows != [SCHEMA_REVISION]:
        if not schema.problems:
            schema.add(f"the database is at {rows[0]}: run `verifier db upgrade` first")
        return report
    with database.session_scope(write=False) as session:
        report.checks.append(_triggers(session, database.is_sqlite))
        chain = Check("history chain")
        problems, count, head_hash = verify_chain(session)
        chain.problems.extend(p.message for p in problems)
        report.head_seq, report.head_hash = count, head_hash
        chain.summary = f"{count} entries, head {head_hash}"
        if expect_head is not None and expect_head.strip().lower() != head_hash:
            chain.add(f"the head is {head_hash}, not the {expect_head.strip()} you expected: "
                      "the log was rewritten or has grown since")
        report.checks.append(chain)
        report.checks.append(_statuses(session))
        report.checks.append(_track_records(session, database.is_sqlite))
        report.checks.append(_story_facts(session, database.is_sqlite))
        report.checks.append(_unstoried(session))
        report.checks.append(_verdicts_on_non_claims(session))
        report.checks.append(_orphans(session))
    return report


def _triggers(session: Session, sqlite: bool) -> Check:
    check = Check("append-only triggers")
    if sqlite:
        found = {
            name: (table, sql or "")
            for name, table, sql in session.execute(text(
                "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"
            ))
        }
        for name, (table, event) in SQLITE_TRIGGERS.items():
            if name not in found:
                check.add(f"trigger {name} on {table} is missing (dropped): {event} is no "
                          "longer refused")
                continue
            got_table, sql = found[name]
            normal = " ".join(sql.upper().split())
            if got_table != table or event not in normal or "RAISE(ABORT" not in normal:
                check.add(f"trigger {name} was replaced: it no longer refuses {event} on "
                          f"{table}")
        check.summary = f"{len(SQLITE_TRIGGERS)} expected"
        return check
    found_pg = {
        name: (table, enabled, source or "")
        for name, table, enabled, source in session.execute(text(
            "SELECT t.tgname, c.relname, t.tgenabled, p.prosrc FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE NOT t.tgisinternal AND c.relnamespace = "
            "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
        ))
    }
    for name, table in POSTGRES_TRIGGERS.items():
        if name not in found_pg:
            check.add(f"trigger {name} on {table} is missing (dropped)")
            continue
        got_table, enabled, source = found_pg[name]
        if got_table != table or "RAISE EXCEPTION" not in source.upper():
            check.add(f"trigger {name} was replaced: it no longer refuses changes to {table}")
        if str(enabled) == "D":
            check.add(f"trigger {name} on {table} is disabled")
    check.summary = f"{len(POSTGRES_TRIGGERS)} expected"
    return check


#: The triggers that mark ``track_record_counts`` stale (revision 0013), on both backends.
TRACK_RECORD_TRIGGERS = {
    "track_records_verdict": "verdicts",
    "track_records_member_insert": "story_claims",
    "track_records_member_delete": "story_claims",
    "track_records_member_update": "story_claims",
    "track_records_attribution_insert": "attributions",
    "track_records_attribution_delete": "attributions",
    "track_records_attribution_update": "attributions",
    "track_records_claim_delete": "claims",
    "track_records_claim_update": "claims",
    "track_records_outlet_update": "articles",
}


def _track_records(session: Session, sqlite: bool) -> Check:
    from verifier.store.trackrecords import count_verdicts, is_current, kept_counts

    check = Check("track records kept")
    _check_triggers(check, session, sqlite, TRACK_RECORD_TRIGGERS,
                    "not mark the kept track records stale")
    counted = count_verdicts(session)
    if not is_current(session):
        check.summary = (f"stale: counted from the verdicts at each read ({len(counted)} "
                         "sources) until the next write or `verifier db rebuild`")
        return check
    kept = kept_counts(session)
    wrong = sorted(s for s in kept.keys() | counted.keys()
                   if kept.get(s, (0, 0)) != counted.get(s, (0, 0)))
    if wrong:
        check.add(f"the kept counts of {len(wrong)} source(s) differ from the verdicts' "
                  f"(sources {_listed(wrong)}): run `verifier db rebuild`")
    check.summary = f"current: {len(kept)} sources with verdicts"
    return check


#: The triggers that keep stories' member facts (revision 0017), by backend.
STORY_FACT_TRIGGERS = {
    True: {
        "story_facts_member_insert": "story_claims",
        "story_facts_member_delete": "story_claims",
        "story_facts_member_update": "story_claims",
        "story_facts_article_date": "articles",
        "story_facts_claim_article": "claims",
    },
    False: {
        "story_facts_member": "story_claims",
        "story_facts_article_date": "articles",
        "story_facts_claim_article": "claims",
    },
}


def _story_facts(session: Session, sqlite: bool) -> Check:
    from verifier.store.grouping import story_facts_disagreeing

    check = Check("story member facts kept")
    _check_triggers(check, session, sqlite, STORY_FACT_TRIGGERS[sqlite],
                    "leave stories' member counts and dates as they were")
    wrong = story_facts_disagreeing(session, LISTED + 1)
    for story_id in wrong[:LISTED]:
        check.add(f"story {story_id}: its kept member count, id sum or publication dates "
                  "differ from its members': run `verifier db rebuild`")
    if len(wrong) > LISTED:
        check.add("... and more")
    check.summary = "every story agrees with its members" if not wrong else ""
    return check


def _check_triggers(check: Check, session: Session, sqlite: bool, expected: dict[str, str],
                    otherwise: str) -> None:
    """Add to ``check`` each ``expected`` trigger (name -> table) that is not enabled on its
    table, with what changes there would ``otherwise`` do."""
    found = _live_triggers(session, sqlite)
    for name, table in expected.items():
        if found.get(name) != table:
            check.add(f"trigger {name} on {table} is missing or disabled: changes there would "
                      f"{otherwise}")


def _live_triggers(session: Session, sqlite: bool) -> dict[str, str]:
    """Enabled triggers: name -> table."""
    sql = ("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'" if sqlite else
           "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
           "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relnamespace = "
           "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())")
    return {str(name): str(table) for name, table in session.execute(text(sql))}


def _statuses(session: Session) -> Check:
    check = Check("statuses against history")
    stories, claims = all_histories(session)
    wrong: list[str] = []
    for model, histories, name in ((Claim, claims, "claim"), (Story, stories, "story")):
        # Targets with a history: compare; targets without one must be unverified.
        for ident, stored in session.execute(
            select(model.id, model.status).where(model.id.in_(list(histories)))
        ):
            expected = status_of(histories[ident])
            if stored != expected:
                wrong.append(f"{name} {ident} is stored as {stored} but its verdicts say "
                             f"{expected}")
        for ident, stored in session.execute(
            select(model.id, model.status).where(
                model.status != UNVERIFIED, model.id.not_in(list(histories))
            ).limit(LISTED + 1)
        ):
            wrong.append(f"{name} {ident} is stored as {stored} but has no verdict")
    check.problems.extend(wrong[:LISTED])
    if len(wrong) > LISTED:
        check.add(f"... and {len(wrong) - LISTED} more")
    check.summary = f"{len(claims)} claims and {len(stories)} stories with verdicts"
    return check


def _unstoried(session: Session) -> Check:
    check = Check("claims in a story")
    query = select(Claim.id).where(
        Claim.is_claim.is_(True), ~exists().where(StoryClaim.claim_id == Claim.id)
    )
    count = int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    if count:
        ids = list(session.scalars(query.order_by(Claim.id).limit(LISTED)))
        check.add(f"{count} claims are in no story (claims {_listed(ids)}"
                  f"{' ...' if count > LISTED else ''}): run `verifier stories group`")
    check.summary = "every claim is in a story" if not count else f"{count} in none"
    return check


def _verdicts_on_non_claims(session: Session) -> Check:
    """Sentences read as not a claim (by the analyser or a correction) whose verdict still
    stands: the write paths refuse new ones (``check_claims``, ``check_unclaim``), and
    these were recorded before they did. Each is listed with its verdict and the fixes."""
    from verifier.store.verdict_record import non_claim_fixes
    from verifier.store.verdicts import standing, verdict_history

    check = Check("verdicts on claims")
    judged = session.execute(
        select(Claim.id, Claim.claim_rule, Claim.text).where(
            Claim.is_claim.is_(False), exists().where(Verdict.claim_id == Claim.id))
        .order_by(Claim.id)
    ).all()
    found = []
    for row in judged:
        current = standing(verdict_history(session, claim_id=row.id))
        if current is not None:
            found.append((row, current))
    for row, current in found[:LISTED]:
        words = " ".join(row.text.split())
        shown = words if len(words) <= 60 else words[:59] + "\u2026"
        check.add(
            f"claim {row.id} ({shown!r}) is read as not a claim ({row.claim_rule}) but is "
            f"{current.status} (verdict {current.id} by {current.reviewer}): "
            f"{non_claim_fixes(row.id)}")
    if len(found) > LISTED:
        check.add(f"... and {len(found) - LISTED} more")
    check.summary = ("no verdict stands on a sentence read as not a claim" if not found else
                     f"{len(found)} standing on sentences read as not a claim")
    return check


def _orphans(session: Session) -> Check:
    check = Check("orphaned rows")
    checked = 0
    for table in Base.metadata.sorted_tables:
        for fk in sorted(table.foreign_keys, key=lambda f: f.parent.name):
            checked += 1
            parent = fk.column.table
            assert isinstance(parent, Table)
            other = parent.alias("parent")
            link = other.c[fk.column.name]
            child_key = [table.c[c.name] for c in table.primary_key.columns]
            query = (
                select(*child_key)
                .select_from(table.outerjoin(other, fk.parent == link))
                .where(fk.parent.is_not(None), link.is_(None))
                .order_by(*child_key)
            )
            count = int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
            if not count:
                continue
            rows = session.execute(query.limit(LISTED)).all()
            keys = ["/".join(str(v) for v in row) for row in rows]
            check.add(f"{count} {table.name} row(s) refer to {parent.name} rows that are "
                      f"gone ({table.name}.{fk.parent.name}; rows {_listed(keys)}"
                      f"{' ...' if count > LISTED else ''})")
    check.summary = f"{checked} references checked"
    return check
