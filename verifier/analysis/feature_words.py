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
    if name == "w":
        return f"the word “{value}”"
    if name == "st":
        return f"a word like “{value}”"
    if name == "s3":
        return f"ending in “-{value}”"
    if name == "sh":
        return _shape(value)
    if name in _NEIGHBOURS:
        return f"{_NEIGHBOURS[name]} {_word(value)}"
    if name in ("w-1w", "ww+1"):
        return f"the words “{' '.join(value.split('|'))}”"
    if name == "sh-1sh":
        return f"after {_shape(value.split('|')[0])}"
    if name == "shsh+1":
        return f"before {_shape(value.split('|')[-1])}"
    if name in ("p", "e"):
        where = "start" if name == "p" else "end"
        return (f"at the sentence's {where}" if value == "0"
                else f"{value} words from the sentence's {where}")
    if name in ("rc", "lc"):
        side = "after" if name == "rc" else "before"
        return f"a known cue {_distance(value)} {side} it"
    if name in ("rcx", "lcx"):
        side = "after" if name == "rcx" else "before"
        return f"a comma, colon or quotation mark between it and the cue {side} it"
    return feature


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
