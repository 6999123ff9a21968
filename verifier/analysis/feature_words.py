"""The learned attribution finder's reason in a reviewer's words.

``learned.Proposal.reason`` stores the model's score and the features that weighed most for
its cue as the model names them ("model score 0.84 >= 0.55; weighed most: sh=x (+46.8),
s3=ned (+45.5)"): right for the analyser's developers, codes and raw weights to a reviewer.
``plain_reason`` says the same in words ("the learned model proposed it (score 0.84, 0.55
needed), going most by the cue being a lower-case word, ending in "-ned""), leaving any
other reason as it is. Pure; it reads the stored text, so reasons stored before it read the
same way. It lives outside ``attribution/`` so that the reads which show a stored reason
(``claims show``, reports, the desk) do not import the analyser's attribution package (about
0.12 s of CPU) to word it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_LEARNED = re.compile(r"model score (\d+(?:\.\d+)?) >= (\d+(?:\.\d+)?); weighed most: (.*)$",
                      re.DOTALL)
#: One feature and its weight: features hold no space (they are built of tokens).
_FEATURE = re.compile(r"(\S+) \([+-]\d+(?:\.\d+)?\)")

_SHAPES = {"x": "a lower-case word", "Xx": "a capitalised word", "XX": "a word in capitals",
           "d": "a number", "<s>": "the sentence's start", "</s>": "the sentence's end"}
_QUOTE = {"q=1": "inside a quotation", "q=0": "outside any quotation",
          "sq=1": "in a sentence with quotation marks",
          "sq=0": "in a sentence without quotation marks"}
_NEIGHBOURS = {"w-1": "after", "w+1": "before", "w-2": "two words after",
               "w+2": "two words before"}


def _word(token: str) -> str:
    return _SHAPES[token] if token in ("<s>", "</s>") else f"“{token}”"


def _shape(shape: str) -> str:
    return _SHAPES.get(shape, f"“{shape}”")


def _distance(bucket: str) -> str:
    return "1 word" if bucket == "1" else f"{bucket} words"


def feature_words(feature: str) -> str:
    """One feature of ``learned.features`` in words (the code itself when unknown)."""
    if feature in _QUOTE:
        return _QUOTE[feature]
    name, _, value = feature.partition("=")
    if "@" in name:  # rc@2, lc@1, rcx@4-5, lcx@6+ (no value)
        name, _, value = name.partition("@")
    elif name in ("rc", "lc") and "@" in value:  # rc=said@1
        cue, _, where = value.rpartition("@")
        side = "after" if name == "rc" else "before"
        return f"the cue “{cue}” {_distance(where)} {side} it"
    if name in _NEIGHBOURS:
        return f"{_NEIGHBOURS[name]} {_word(value)}"
    said = _SAID.get(name)
    return said(value) if said is not None else feature


def _from_edge(value: str, where: str) -> str:
    return (f"at the sentence's {where}" if value == "0"
            else f"{value} words from the sentence's {where}")


#: The words for a feature's value, by the feature's name (after the neighbour words).
_SAID: dict[str, Callable[[str], str]] = {
    "w": lambda value: f"the word “{value}”",
    "st": lambda value: f"a word like “{value}”",
    "s3": lambda value: f"ending in “-{value}”",
    "sh": _shape,
    "w-1w": lambda value: f"the words “{' '.join(value.split('|'))}”",
    "ww+1": lambda value: f"the words “{' '.join(value.split('|'))}”",
    "sh-1sh": lambda value: f"after {_shape(value.split('|')[0])}",
    "shsh+1": lambda value: f"before {_shape(value.split('|')[-1])}",
    "p": lambda value: _from_edge(value, "start"),
    "e": lambda value: _from_edge(value, "end"),
    "rc": lambda value: f"a known cue {_distance(value)} after it",
    "lc": lambda value: f"a known cue {_distance(value)} before it",
    "rcx": lambda _: "a comma, colon or quotation mark between it and the cue after it",
    "lcx": lambda _: "a comma, colon or quotation mark between it and the cue before it",
}


def plain_reason(reason: str | None) -> str:
    """``reason`` with a learned proposal's score and feature codes said in words (any other
    reason, or none, as it is)."""
    if not reason:
        return reason or ""
    found = _LEARNED.search(reason)
    if found is None:
        return reason
    score, bar, listed = found.groups()
    said = [feature_words(m.group(1)) for m in _FEATURE.finditer(listed)]
    words = f"the learned model proposed it (score {score}, {bar} needed)"
    if said:
        words += f", going most by its cue: {'; '.join(dict.fromkeys(said))}"
    return reason[:found.start()] + words
