"""A news report named in an untagged quotation whose denial is carried from its speaker is
``media`` besides the denial (attribution/media.py; sentences written for these tests)."""

from __future__ import annotations

import pytest

from verifier.analysis.analyse import analyse_text


def _last(text: str) -> tuple[str, ...]:
    return tuple(sorted(analyse_text(text).sentences[-1].kinds))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the quotation goes on: its denial is the mayor's, the report it names is media
        ('"The bridge will stay open," the mayor said. "Reports of its closure are flat out '
         'wrong."', ("denied", "media")),
        ('"We have made no offer," the club said. "The newspaper\'s story is pure '
         'invention."', ("denied", "media")),
        # "news" alone is a verdict's word as often as a report: no media
        ('"The bridge will stay open," the mayor said. "This news is false."', ("denied",)),
        # a body's own document is no news report
        ('"The bridge will stay open," the mayor said. "The figures in the annual report are '
         'false."', ("denied",)),
    ],
)
def test_a_report_named_in_a_carried_denial(text: str, expected: tuple[str, ...]) -> None:
    assert _last(text) == expected


def test_a_report_named_where_the_denial_is_tagged_is_the_planners() -> None:
    # the tag is in the sentence: the sentence planner names the report (report_object)
    found = analyse_text('"This report is false," the spokesman said.').sentences[-1]
    assert sorted(found.kinds) == ["denied", "media"]
    assert [a.rule for a in found.attributions if a.kind == "media"] == ["attr.report_object"]
