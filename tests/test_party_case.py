"""A party counts once, under its name: a name printed in capitals (a lead's first words) is
shown in the case the article writes it elsewhere, else a person's in title case, with the
key it had; a page's labels in capitals ("ONLINE EDITION") are no party; a name run into its
title in capitals is the person's. Sentences written for these tests."""

from __future__ import annotations

import pytest

from verifier.store import party_keys, sources
from verifier.store.party_keys import cased, derive_source, is_furniture

ARTICLE = party_keys.ArticleKey("0123456789abcdef", "example.txt")


def _last_party(text: str, said: list[tuple[str, str]]) -> party_keys.DerivedSource | None:
    """The derived row of the last of an article's sources (speaker, words), each found in
    ``text`` in reading order."""
    starts, at = [], 0
    for _, words in said:
        at = text.index(words, at)
        starts.append(at)
        at += 1
    lookups = sources.article_lookups(
        lambda words: None, (), [(s, w, "asserts") for s, w in said], text, starts)
    return derive_source(*lookups[-1], None, ARTICLE)


def test_a_lead_in_capitals_names_the_person_in_title_case_under_the_same_key() -> None:
    text = ("DANA ORTIZ has said the harbour will reopen in spring.\n"
            "Speaking at the quay, Ms Ortiz said the repairs were on time.")
    lead = _last_party(text, [("named", "DANA ORTIZ")])
    later = _last_party(text, [("named", "DANA ORTIZ"), ("named", "Ms Ortiz")])
    assert lead is not None and later is not None
    assert (lead.name, lead.kind) == ("Dana Ortiz", "person")
    assert later.key == lead.key == "name:dana ortiz"
    assert later.name == "Dana Ortiz"


def test_a_word_in_capitals_takes_the_case_the_article_writes_it_in() -> None:
    text = ("VELMORA University has denied that its rector will resign. "
            "Staff at Velmora said the rumour was old.")
    found = _last_party(text, [("official", "VELMORA University")])
    assert found is not None
    assert (found.name, found.key) == ("Velmora University", "name:velmora university")


@pytest.mark.parametrize(("words", "text", "person", "shown"), [
    ("DANA ORTIZ", "", True, "Dana Ortiz"),
    ("MARA O'DELL-VANCE", "", True, "Mara O'Dell-Vance"),
    # an acronym the article writes no other way stays: a body's, not a person's
    ("NASA", "NASA said so.", True, "NASA"),
    ("the KPRA union", "The KPRA union said so.", True, "the KPRA union"),
    # the article's own spelling of a word wins over title case
    ("TOM MACVALE", "Tom MacVale spoke.", True, "Tom MacVale"),
    # an outlet's name in capitals is not made a person's
    ("HARBOUR NEWS", "", False, "HARBOUR NEWS"),
    # a sentence's case is left as it is
    ("Dana Ortiz", "DANA ORTIZ", True, "Dana Ortiz"),
])
def test_cased(words: str, text: str, person: bool, shown: str) -> None:
    assert cased(words, text, person=person) == shown


def test_casing_never_changes_the_kind_or_key() -> None:
    # "Nato" elsewhere would make "NATO" look like a person's name: the capitals stay
    assert cased("NATO", "Nato said so.") == "NATO"


@pytest.mark.parametrize(("words", "furniture"), [
    ("ONLINE EDITION", True), ("EDITOR-IN-CHIEF", True), ("DEBATE", True),
    ("the editor-in-chief", False), ("Online Edition", False),
    ("HARBOUR NEWS ONLINE EDITION", False), ("CHAIRMAN", False),
])
def test_a_page_label_in_capitals_alone_is_furniture(words: str, furniture: bool) -> None:
    assert is_furniture(words) is furniture


def test_a_page_label_names_nobody_and_no_outlet_to_refer_back_to() -> None:
    text = "The Velmora Courier - ONLINE EDITION\nThe newspaper said the ferry was late."
    assert _last_party(text, [("media", "ONLINE EDITION")]) is None
    back = _last_party(text, [("media", "ONLINE EDITION"), ("media", "The newspaper")])
    assert back is None or back.name != "ONLINE EDITION"


def test_a_name_run_into_its_title_in_capitals_is_the_persons() -> None:
    text = "TOM VALE DIRECTOR OF THE VELMORA PORT REGISTRY IS UNDER INQUIRY\nHe denied it."
    found = _last_party(text, [("official", "TOM VALE DIRECTOR OF THE VELMORA PORT REGISTRY")])
    assert found is not None
    assert (found.key, found.name, found.kind) == ("name:tom vale", "Tom Vale", "person")
