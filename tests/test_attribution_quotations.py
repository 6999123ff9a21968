"""Quotations that span sentences and paragraphs: every sentence of one is its speaker's, and
the reporter's own sentences after it are not (sentences written for these tests)."""

from __future__ import annotations

from verifier.analysis.analyse import analyse_text


def _kinds(text: str) -> list[tuple[str, ...]]:
    return [s.kinds for s in analyse_text(text).sentences]


def test_a_long_quotation_reopened_paragraph_by_paragraph_keeps_its_speaker() -> None:
    text = (
        'Mayor Ana Ruiz said: "The ward will reopen in May. We hired twelve nurses. '
        "The beds are ready. The lifts work again.\n\n"
        '"The kitchen is new. The garden is planted. The staff are trained.\n\n'
        '"Patients will be told by letter. The first come on Monday.\n\n'
        '"Visitors may come every day."\n\n'
        "The ward closed in January."
    )
    kinds = _kinds(text)
    assert kinds[:-1] == [("official",)] * (len(kinds) - 1)
    assert kinds[-1] == ()  # the reporter's narration after the quotation


def test_an_unclosed_quotation_mark_does_not_run_on_for_ever() -> None:
    text = (
        'Mayor Ana Ruiz said: "The ward will reopen in May. We hired twelve nurses. '
        "The beds are ready. The lifts work again. The kitchen is new. The garden is planted. "
        "The staff are trained. The roof was mended in June. The car park is larger."
    )
    kinds = _kinds(text)
    assert kinds[:6] == [("official",)] * 6
    assert kinds[-1] == ()
