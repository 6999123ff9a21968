"""A learned attribution finder: a small token tagger proposes the cue and source words the
rules miss.

The model is an averaged structured perceptron over readable lexical and contextual features
(the word, its suffix and shape, its neighbours, whether it is inside a quotation, where it
stands in the sentence and how far it is from the nearest word that often is a cue). It tags
each token of a sentence ``O``, ``B-CUE``/``I-CUE`` or ``B-SRC``/``I-SRC`` (Viterbi over the
five tags with learned transitions). It is trained by ``bench/train_attribution.py`` on
PolNeAR's train split and shipped as ``verifier/data/models/attribution.npz``: feature names,
weights and metadata (training corpus and version, the scores it reached, the acceptance
threshold). It holds no sentence of its training text.

It is consulted only for a claim sentence the rules give no attribution, and only when the
sentence holds a word the model knows as a frequent cue (``cue_words`` in the metadata). A
proposed cue is accepted when its score, the logistic of how much better the best tagging is
than the best tagging without that cue, reaches ``threshold``; its source is the nearest
source span the tagging proposes. The speaker kind then comes from the rules' own
classification of the source words (``speakers.classify``; a pronoun is resolved from the
article's memory), so a model-found attribution is labelled exactly as a rule-found one with
the same source words would be. Its rule id is ``model.cue`` plus the descriptor rule, and its
``reason`` gives the score and the features that weighed most.

With the vetter in force (``vetter.py``, trained on the labelled real sets; off as shipped)
the vetter decides instead of the threshold: each proposal down to its ``floor`` (and, with
its ``forced``, each accepted cue word the best tagging left out) is weighed as the analyser
would label it, and its probability and the features that weighed most join the ``reason``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verifier.analysis.attribution.memory import Entry, Memory
from verifier.analysis.attribution.plan import split_stances
from verifier.analysis.attribution.rules import Rules, lower, word_list
from verifier.analysis.attribution.source_words import left_descriptor, without_contraction
from verifier.analysis.attribution.speakers import (
    CARRIED,
    NONE,
    Descriptor,
    NameLookup,
    classify,
)
from verifier.analysis.attribution.vetter import Candidate, Vetter, vetter
from verifier.analysis.results import Attribution, Sentence, Span, Speaker, Stance, kind_of
from verifier.config import data_path
from verifier.errors import ConfigError
from verifier.memo import remembered
from verifier.registry import Registry, Source
from verifier.vocab import SPEAKERS

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

LABELS = ("O", "B-CUE", "I-CUE", "B-SRC", "I-SRC")
O, B_CUE, I_CUE, B_SRC, I_SRC = range(5)  # noqa: E741 (the tag is called O)
MODEL_FILE = "models/attribution.npz"
SETTINGS_FILE = "models/attribution.yaml"
RULE_ID = "model.cue"
#: the descriptor rule of a model-found source whose words no speaker rule classifies
UNCLASSIFIED_RULE = "model.unclassified_source"
_RELATIVE = frozenset({"who", "which", "that"})
#: A relative pronoun and the time words after it that the tagger took into the source ("who
#: today confirmed", "which last year reported"): the relative alone stands for the speaker.
_RELATIVE_THEN_TIME = re.compile(
    "(" + "|".join(sorted(sorted(_RELATIVE), key=len, reverse=True)) + ")"
    r"(?:\s+(?:today|yesterday|tonight|now|also|later|earlier|then|recently|"
    r"previously|since|once|first|last|this|next|on|in|week|month|year|morning|afternoon|"
    r"evening|night|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday))*",
    re.IGNORECASE)
#: a source of a few words with at least one content word ("several cast members")
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_PLURAL = re.compile(r"[^s]s$")
#: the word just before a proposed cue
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_WORDS = re.compile(r"\w+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
FORMAT = 1
_SPEAKERS: frozenset[str] = frozenset(SPEAKERS)
_FUNCTION = word_list("function_words")
_POSSESSIVE = word_list("possessive_determiners")
#: Words that alone name nobody ("Anyone", "Having", "You"): no unnamed speaker either.
_LONE_NON_NAMES = word_list("lone_non_names")

#: A sentence that ends so is not a headline (a headline has no closing punctuation).
_CLOSED = re.compile(r"(?:[.!?\"”’):]|'')\s*$")
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_OPENERS = "“«‘"
#: the tokens that separate a word from a cue word ("..., he said"; "said: ...")
_SEPARATORS = frozenset(',"“”:')
_CLOSERS = "”»’"
#: How many tokens away the nearest cue word is looked for, and the distance buckets.
_REACH = 8
_META_KEYS = {
    "format": int, "labels": list, "threshold": float, "cue_words": list, "corpus": str,
    "trained": str, "epochs": int, "scores": dict, "retrain": str, "accept_words": list,
    "calibration": list, "accept_share": float,
}


def tokens(text: str) -> list[tuple[int, int]]:
    """The tokens of a sentence as (start, end) offsets: words (with inner apostrophes) and
    single punctuation marks."""
    return [m.span() for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    first = word[0]
    if first.isalpha():
        if first.isupper():
            return "XX" if len(word) > 1 and word.isupper() else "Xx"
        return "x"
    if first.isdigit():
        return "d"
    return word


def _bucket(distance: int) -> str:
    return str(distance) if distance <= 3 else ("4-5" if distance <= 5 else "6+")


#: The bucket of each distance up to ``_REACH``.
_BUCKETS = tuple(_bucket(k) for k in range(_REACH + 1))


def _stem(word: str) -> str:
    """A crude stem: "warned", "warning", "warns" -> "warn"."""
    if len(word) > 5:
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix):
                return word[: -len(suffix)]
    return word


def _position(i: int) -> str:
    return str(i) if i <= 3 else ("4-7" if i <= 7 else ("8-15" if i <= 15 else "16+"))


def _quoted(words: Sequence[str]) -> list[bool]:
    """Whether each token lies inside a quotation (quote marks count as outside)."""
    inside = False
    out: list[bool] = []
    for w in words:
        if w == '"':
            out.append(False)
            inside = not inside
        elif w in _OPENERS and w != "‘":
            out.append(False)
            inside = True
        elif w in _CLOSERS and w != "’":
            out.append(False)
            inside = False
        else:
            out.append(inside)
    return out


def _cue_context(low: Sequence[str], cue_words: frozenset[str]
                 ) -> tuple[list[int], list[int], list[int]]:
    """For each token of a lower-cased sentence, the nearest cue word to its right and to its
    left (-1 for none), and how many separating marks (a comma, a colon, a quote mark) the
    tokens before each hold (one more entry than tokens)."""
    n = len(low)
    right_cue = [-1] * n
    left_cue = [-1] * n
    nearest = -1
    for i in range(n - 1, -1, -1):
        right_cue[i] = nearest
        if low[i] in cue_words:
            nearest = i
    nearest = -1
    for i in range(n):
        left_cue[i] = nearest
        if low[i] in cue_words:
            nearest = i
    marks = [0] * (n + 1)
    for i, w in enumerate(low):
        marks[i + 1] = marks[i] + (w in _SEPARATORS)
    return right_cue, left_cue, marks


#: A cue word near a token: its side (0: to the token's right, "rc"; 1: to its left, "lc"),
#: its index, the distance's bucket, and whether a separating mark stands between them.
_NearCue = tuple[int, int, str, bool]


def _near_cues(low: Sequence[str], cue_words: frozenset[str]) -> list[tuple[_NearCue, ...]]:
    """For each token of a lower-cased sentence, the nearest cue word to its right, then the
    nearest to its left, each if within ``_REACH`` tokens of it."""
    right_cue, left_cue, marks = _cue_context(low, cue_words)
    buckets = _BUCKETS
    out: list[tuple[_NearCue, ...]] = []
    for i in range(len(low)):
        right, left = right_cue[i], left_cue[i]
        near: tuple[_NearCue, ...] = ()
        if right >= 0 and right - i <= _REACH:
            near = ((0, right, buckets[right - i], marks[right] != marks[i + 1]),)
        if left >= 0 and i - left <= _REACH:
            near += ((1, left, buckets[i - left], marks[i] != marks[left + 1]),)
        out.append(near)
    return out


def features(words: Sequence[str], cue_words: frozenset[str]) -> list[list[str]]:
    """The feature names of every token of a sentence (``words`` as written)."""
    low = [w.lower().replace("’", "'") for w in words]
    shapes = [_shape(w) for w in words]
    quoted = _quoted(words)
    n = len(words)
    has_quote = "1" if any(w in "\"“”" for w in words) else "0"
    near_cues = _near_cues(low, cue_words)
    padded = ["<s>", "<s>", *low, "</s>", "</s>"]
    shape_pad = ["<s>", *shapes, "</s>"]
    out: list[list[str]] = []
    for i in range(n):
        w = low[i]
        prev2, prev1, next1, next2 = padded[i], padded[i + 1], padded[i + 3], padded[i + 4]
        sh = shapes[i]
        feats = [
            "b", "w=" + w, "s3=" + w[-3:], "sh=" + sh, "st=" + _stem(w),
            "w-1=" + prev1, "w+1=" + next1, "w-2=" + prev2, "w+2=" + next2,
            "w-1w=" + prev1 + "|" + w, "ww+1=" + w + "|" + next1,
            "sh-1sh=" + shape_pad[i] + "|" + sh,
            "shsh+1=" + sh + "|" + shape_pad[i + 2],
            "q=" + ("1" if quoted[i] else "0"), "sq=" + has_quote,
            "p=" + _position(i), "e=" + _position(n - 1 - i),
        ]
        for side, cue, d, crossed in near_cues[i]:
            kind = ("rc", "lc")[side]
            feats += [kind + "@" + d, kind + "=" + low[cue] + "@" + d]
            if crossed:
                feats.append(kind + "x@" + d)
        out.append(feats)
    return out


#: Words whose feature indices a model keeps (``Model.memo``) before it starts again.
_MEMO_LIMIT = 100_000


def _rows(tagger: Model, words: Sequence[str]) -> tuple[list[int], list[int]]:
    """The index of every feature ``features`` gives each token, in its order, as
    ``Model.emissions`` looks them up (an unknown feature reads the zero row), and where
    each token's run starts: the same rows summed in the same order, so the same emissions.
    What a word makes on its own (its word, suffix, shape and stem) and as a neighbour, what
    two neighbouring words or shapes make together ("w-1w=", "ww+1=", "sh-1sh=", "shsh+1=")
    and what a cue word makes at a distance ("rc=", "lc=") are looked up once per model, not
    built and looked up again at every occurrence."""
    get = tagger.index.get
    unknown = len(tagger.index)
    fixed, near_cue = _memo_ready(tagger)
    n = len(words)
    low, shapes, own, near = _word_rows(tagger, words)
    joined, shape_joined = _pair_rows(tagger, low, shapes)
    bias, q0, q1, sq0, sq1 = fixed["b"]
    # "p=" and "e=" of every position (all past 15 share a bucket)
    first = list(fixed["p"][: min(n, 17)])
    first += [first[-1]] * (n - len(first))
    last = list(fixed["e"][: min(n, 17)])
    last += [last[-1]] * (n - len(last))
    quoted = _quoted(words)
    sq = sq1 if any(w in "\"“”" for w in words) else sq0
    near_cues = _near_cues(low, tagger.cue_words)
    flat: list[int] = []
    starts: list[int] = []
    append = flat.append
    for i in range(n):
        starts.append(len(flat))
        _, _, i_w, i_s3, i_sh, i_st = own[i]
        flat.extend((
            bias, i_w, i_s3, i_sh, i_st,
            near[i][0], near[i + 2][1], near[i - 1][2] if i else near[0][2],
            near[i + 3][3] if i + 3 <= n + 1 else near[n + 1][3],
            joined[i][0], joined[i + 1][1], shape_joined[i][0], shape_joined[i + 1][1],
            q1 if quoted[i] else q0, sq,
            first[i], last[n - 1 - i],
        ))
        for side, cue, d, crossed in near_cues[i]:
            at_distance = fixed["d" + d]  # rc@, rcx@, lc@, lcx@ of the bucket
            append(at_distance[2 * side])
            append(_near_cue(near_cue, get, unknown, low[cue], d)[side])
            if crossed:
                append(at_distance[2 * side + 1])
    return flat, starts


def _memo_ready(tagger: Model
                ) -> tuple[dict[str, tuple[int, ...]], dict[tuple[str, str], tuple[int, int]]]:
    """The model's memo of looked-up rows, started again when one of its tables passed
    ``_MEMO_LIMIT`` words; its fixed rows (the bias, quotation and position features, and
    the distance buckets' own) and its table of cue words at a distance."""
    get = tagger.index.get
    unknown = len(tagger.index)
    memo, around, pairs, shape_pairs, near_cue, fixed = tagger.memo
    tables: tuple[dict[Any, Any], ...] = (memo, around, pairs, shape_pairs, near_cue)
    if any(len(table) > _MEMO_LIMIT for table in tables):
        for table in tables:
            table.clear()
    if not fixed:
        fixed["b"] = (get("b", unknown), get("q=0", unknown), get("q=1", unknown),
                      get("sq=0", unknown), get("sq=1", unknown))
        fixed["p"] = tuple(get("p=" + _position(i), unknown) for i in range(17))
        fixed["e"] = tuple(get("e=" + _position(i), unknown) for i in range(17))
        for d in {_bucket(k) for k in range(_REACH + 1)}:
            fixed["d" + d] = (get("rc@" + d, unknown), get("rcx@" + d, unknown),
                              get("lc@" + d, unknown), get("lcx@" + d, unknown))
    return fixed, near_cue


def _word_rows(tagger: Model, words: Sequence[str]
               ) -> tuple[list[str], list[str], list[tuple[Any, ...]],
                      list[tuple[int, int, int, int]]]:
    """Each word lower-cased, its shape, its own rows (word, suffix, shape, stem), and the
    rows each word (and the sentence's ends) makes as a neighbour ("w-1=", "w+1=", "w-2=",
    "w+2=")."""
    get = tagger.index.get
    unknown = len(tagger.index)
    memo, around = tagger.memo[0], tagger.memo[1]
    low: list[str] = []
    shapes: list[str] = []
    own: list[tuple[Any, ...]] = []
    for word in words:
        found = memo.get(word)
        if found is None:
            w = word.lower().replace("’", "'")
            sh = _shape(word)
            found = memo[word] = (w, sh, get("w=" + w, unknown), get("s3=" + w[-3:], unknown),
                                  get("sh=" + sh, unknown), get("st=" + _stem(w), unknown))
        low.append(found[0])
        shapes.append(found[1])
        own.append(found)
    near: list[tuple[int, int, int, int]] = []  # "w-1=", "w+1=", "w-2=", "w+2=" of each
    for w in ("<s>", *low, "</s>"):
        ctx = around.get(w)
        if ctx is None:
            ctx = around[w] = (get("w-1=" + w, unknown), get("w+1=" + w, unknown),
                               get("w-2=" + w, unknown), get("w+2=" + w, unknown))
        near.append(ctx)
    return low, shapes, own, near


def _pair_rows(tagger: Model, low: list[str], shapes: list[str]
               ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The rows of each two neighbouring words and shapes (a, b), k = 0 .. n: "w-1w=a|b" is
    b's feature, "ww+1=a|b" a's (and "sh-1sh=", "shsh+1=" of their shapes)."""
    return (_joined_rows(tagger, tagger.memo[2], ["<s>", *low, "</s>"], "w-1w=", "ww+1="),
            _joined_rows(tagger, tagger.memo[3], ["<s>", *shapes, "</s>"], "sh-1sh=",
                         "shsh+1="))


def _joined_rows(tagger: Model, known: dict[tuple[str, str], tuple[int, int]],
                 padded: Sequence[str], before: str, after: str) -> list[tuple[int, int]]:
    """The indices of ``before`` + "a|b" and ``after`` + "a|b" for each two neighbours (a, b)
    of ``padded`` (remembered in ``known``)."""
    get = tagger.index.get
    unknown = len(tagger.index)
    out: list[tuple[int, int]] = []
    for a, b in pairwise(padded):
        pair = known.get((a, b))
        if pair is None:
            pair = known[a, b] = (get(before + a + "|" + b, unknown),
                                  get(after + a + "|" + b, unknown))
        out.append(pair)
    return out


def _near_cue(known: dict[tuple[str, str], tuple[int, int]], get: Any, unknown: int,
              word: str, d: str) -> tuple[int, int]:
    """The indices of "rc=WORD@D" and "lc=WORD@D" (remembered in ``known``)."""
    found = known.get((word, d))
    if found is None:
        found = known[word, d] = (get("rc=" + word + "@" + d, unknown),
                                  get("lc=" + word + "@" + d, unknown))
    return found


def _transition_mask() -> npt.NDArray[np.float64]:
    """0 where tag ``b`` may follow tag ``a`` (row 5 is the sentence start), else -1e9."""
    import numpy as np

    mask = np.zeros((len(LABELS) + 1, len(LABELS)))
    for a in range(len(LABELS) + 1):
        if a not in (B_CUE, I_CUE):
            mask[a, I_CUE] = -1e9
        if a not in (B_SRC, I_SRC):
            mask[a, I_SRC] = -1e9
    return mask


def _columns(transitions: npt.NDArray[np.float64]) -> list[tuple[float, ...]]:
    """Each tag's column of the 6 x 5 ``transitions``: the scores of moving into it from tag
    0 .. 4 (row 5, the start, is left out)."""
    table = transitions.tolist()
    return [tuple(table[p][t] for p in range(5)) for t in range(5)]


def _advance(score: Sequence[float], columns: Sequence[tuple[float, ...]],
             row: Sequence[float]) -> tuple[list[float], list[int]]:
    """One Viterbi step over the five tags: for each tag ``t``, the best of ``score`` plus the
    transition into ``t`` (``columns[t]``, from tag 0 .. 4), plus ``row[t]``; and the tag it
    comes from. The comparisons are numpy's ``argmax``'s, in the same order: ties go to the
    lower tag. (The five sums are written out: a loop over them costs twice the time.)"""
    s0, s1, s2, s3, s4 = score
    best: list[float] = []
    back: list[int] = []
    for t, (a0, a1, a2, a3, a4) in enumerate(columns):
        v, q = s0 + a0, 0
        if (w := s1 + a1) > v:
            v, q = w, 1
        if (w := s2 + a2) > v:
            v, q = w, 2
        if (w := s3 + a3) > v:
            v, q = w, 3
        if (w := s4 + a4) > v:
            v, q = w, 4
        best.append(v + row[t])
        back.append(q)
    return best, back


def viterbi(
    emissions: npt.NDArray[np.float64] | Sequence[Sequence[float]],
    transitions: npt.NDArray[np.float64],
    forbid: Sequence[tuple[int, int]] = (),
) -> tuple[list[int], float]:
    """The best tag sequence and its score; ``forbid`` lists (token, tag) pairs ruled out.

    ``transitions`` is 6 x 5 and already masked (``_transition_mask``): row ``a`` scores a tag
    after tag ``a``, row 5 after the start. Plain Python: for five tags it is several times
    faster than numpy's per-token calls (ties go to the lower tag, as ``argmax`` does).
    """
    rows = emissions.tolist() if hasattr(emissions, "tolist") else [list(r) for r in emissions]
    if not rows:
        return [], 0.0
    if forbid:
        rows = [list(r) for r in rows]
        for i, t in forbid:
            rows[i][t] = -1e9
    start = transitions.tolist()[5]
    columns = _columns(transitions)
    score = [start[t] + rows[0][t] for t in range(5)]
    back: list[list[int]] = []
    for row in rows[1:]:
        score, ptr = _advance(score, columns, row)
        back.append(ptr)
    last = max(range(5), key=score.__getitem__)
    path = [last]
    for ptr in reversed(back):
        path.append(ptr[path[-1]])
    path.reverse()
    return path, score[last]


def viterbi_with_source(
    emissions: npt.NDArray[np.float64],
    transitions: npt.NDArray[np.float64],
) -> list[int]:
    """The best tag sequence that tags at least one source token (for a cue the best
    tagging gives no source: "..., arguing that ...", whose source is the clause's subject).
    Plain Python over the five tags, as ``viterbi`` (the same sums and comparisons as numpy's
    ``max`` and ``argmax`` over them: ties to the lower tag)."""
    rows = emissions.tolist()
    start = transitions.tolist()[5]
    columns = _columns(transitions)
    tags = range(5)
    is_source = [t in (B_SRC, I_SRC) for t in tags]
    # two rows of scores: no source tag yet, and a source tag seen
    first = [start[t] + rows[0][t] for t in tags]
    none = [-1e9 if is_source[t] else first[t] for t in tags]
    seen = [first[t] if is_source[t] else -1e9 for t in tags]
    back: list[tuple[list[int], list[int], list[bool]]] = []
    # the best ways in, before the token's own scores are added: x + 0.0 is x (a -0.0 becomes
    # 0.0, equal to it in every comparison, and only the path is returned)
    zeros = (0.0,) * 5
    for row in rows[1:]:
        best_none, ptr_none = _advance(none, columns, zeros)
        best_seen, ptr_seen = _advance(seen, columns, zeros)
        # into "seen": from "seen" with any tag, or from "none" with a source tag
        take_none = [is_source[t] and best_none[t] > best_seen[t] for t in tags]
        seen = [(best_none[t] if take_none[t] else best_seen[t]) + row[t] for t in tags]
        none = [-1e9 if is_source[t] else best_none[t] + row[t] for t in tags]
        back.append((ptr_none, ptr_seen, take_none))
    tag = seen.index(max(seen))
    state_seen = True
    path = [tag]
    for ptr_none, ptr_seen, taken in reversed(back):
        if state_seen:
            prev = ptr_none[tag] if taken[tag] else ptr_seen[tag]
            state_seen = not taken[tag]
        else:
            prev = ptr_none[tag]
        path.append(prev)
        tag = prev
    path.reverse()
    return path


def spans_of(path: Sequence[int], begin: int, inner: int) -> list[tuple[int, int]]:
    """Token ranges [i, j) tagged ``begin`` then ``inner``."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(path):
        if path[i] == begin:
            j = i + 1
            while j < len(path) and path[j] == inner:
                j += 1
            out.append((i, j))
            i = j
        else:
            i += 1
    return out


# ---------------------------------------------------------------- the model file


@dataclass(frozen=True, slots=True)
class Model:
    """A trained tagger: feature index, weights (features x 5), transitions (6 x 5), metadata."""

    index: dict[str, int]
    weights: npt.NDArray[np.float32]
    transitions: npt.NDArray[np.float64]
    meta: dict[str, Any]
    cue_words: frozenset[str] = field(default_factory=frozenset)
    names: tuple[str, ...] = ()
    accept_words: frozenset[str] = field(default_factory=frozenset)
    #: the weights as float64 with a row of zeros after them (set from ``weights``)
    padded: npt.NDArray[np.float64] = field(init=False, repr=False, compare=False)
    #: the feature indices a word makes on its own (by the word as written) and as a
    #: neighbour (by the word lower-cased), for ``_rows``
    memo: tuple[dict[str, tuple[Any, ...]], dict[str, tuple[int, int, int, int]],
                dict[tuple[str, str], tuple[int, int]], dict[tuple[str, str], tuple[int, int]],
                dict[tuple[str, str], tuple[int, int]], dict[str, tuple[int, ...]]] = field(
        init=False, repr=False, compare=False)

    @property
    def threshold(self) -> float:
        return float(self.meta["threshold"])

    def score(self, margin: float) -> float:
        """The calibrated score of a cue whose best tagging beats the best without it by
        ``margin``: a logistic fitted on held-out train articles."""
        scale, offset = self.meta["calibration"]
        z = max(-50.0, min(50.0, scale * margin + offset))
        return 1.0 / (1.0 + math.exp(-z))

    def __post_init__(self) -> None:
        import numpy as np

        # the weights as float64 with a row of zeros after them: the row an unknown feature
        # reads, so summing needs no filtering in Python
        padded = np.zeros((self.weights.shape[0] + 1, len(LABELS)), dtype=np.float64)
        padded[:-1] = self.weights
        object.__setattr__(self, "padded", padded)
        object.__setattr__(self, "memo", ({}, {}, {}, {}, {}, {}))

    def emissions(self, feats: Sequence[Sequence[str]]) -> npt.NDArray[np.float64]:
        import numpy as np

        if not feats:
            return np.zeros((0, len(LABELS)))
        lookup = self.index.get
        unknown = repeat(len(self.index))
        flat: list[int] = []
        starts: list[int] = []
        for names in feats:
            starts.append(len(flat))
            flat.extend(map(lookup, names, unknown))
        # every token has at least the bias feature ``b``, so no token's run is empty
        return np.add.reduceat(self.padded[flat], starts, axis=0)

    def emissions_of(self, words: Sequence[str]) -> npt.NDArray[np.float64]:
        """``emissions(features(words, self.cue_words))``, the features' indices found
        without building their names (``_rows``)."""
        import numpy as np

        if not words:
            return np.zeros((0, len(LABELS)))
        flat, starts = _rows(self, words)
        return np.add.reduceat(self.padded.take(flat, axis=0), starts, axis=0)


def model_path() -> Path:
    return data_path(MODEL_FILE)


def read_model(path: Path) -> Model:
    """Load and validate a model file; a bad one is a ``ConfigError`` naming the file."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except FileNotFoundError:
        raise ConfigError(f"{path}: attribution model not found") from None
    except (OSError, ValueError, EOFError) as exc:
        raise ConfigError(f"{path}: not a readable attribution model ({exc})") from None
    missing = {"weights", "transitions", "features", "meta"} - set(arrays)
    if missing:
        raise ConfigError(f"{path}: attribution model lacks {', '.join(sorted(missing))}")
    try:
        meta = json.loads(bytes(arrays["meta"]).decode("utf-8"))
        names = bytes(arrays["features"]).decode("utf-8").split("\n")
    except (UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"{path}: attribution model metadata unreadable ({exc})") from None
    _check_meta(path, meta)
    weights = arrays["weights"]
    transitions = arrays["transitions"]
    if weights.ndim != 2 or weights.shape != (len(names), len(LABELS)):
        raise ConfigError(f"{path}: weights have shape {weights.shape}, expected "
                          f"({len(names)}, {len(LABELS)}) for {len(names)} features")
    if transitions.shape != (len(LABELS) + 1, len(LABELS)):
        raise ConfigError(f"{path}: transitions have shape {transitions.shape}, expected "
                          f"({len(LABELS) + 1}, {len(LABELS)})")
    if not (np.isfinite(weights).all() and np.isfinite(transitions).all()):
        raise ConfigError(f"{path}: attribution model holds non-finite weights")
    index = {name: i for i, name in enumerate(names)}
    if len(index) != len(names):
        raise ConfigError(f"{path}: attribution model repeats a feature name")
    if "b" not in index:
        raise ConfigError(f"{path}: attribution model lacks the bias feature 'b'")
    masked = transitions.astype(np.float64) + _transition_mask()
    return Model(index, weights.astype(np.float32), masked, meta,
                 frozenset(meta["cue_words"]), tuple(names), frozenset(meta["accept_words"]))


def _check_meta(path: Path, meta: Any) -> None:
    if not isinstance(meta, dict):
        raise ConfigError(f"{path}: attribution model metadata is not a mapping")
    unknown = set(meta) - set(_META_KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown metadata key(s) {', '.join(sorted(unknown))}")
    for key, kind in _META_KEYS.items():
        if key not in meta:
            raise ConfigError(f"{path}: metadata lacks {key!r}")
        value = meta[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = meta[key] = float(value)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ConfigError(f"{path}: metadata {key!r} must be a {kind.__name__}")
    if meta["format"] != FORMAT:
        raise ConfigError(f"{path}: model format {meta['format']}, this verifier reads {FORMAT}")
    if tuple(meta["labels"]) != LABELS:
        raise ConfigError(f"{path}: labels {meta['labels']}, expected {list(LABELS)}")
    if not 0.0 <= meta["threshold"] <= 1.0:
        raise ConfigError(f"{path}: threshold {meta['threshold']} is not between 0 and 1")
    for key in ("cue_words", "accept_words"):
        if not all(isinstance(w, str) and w for w in meta[key]):
            raise ConfigError(f"{path}: {key} must be non-empty strings")
    calibration = meta["calibration"]
    if len(calibration) != 2 or not all(
            isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)
            for x in calibration):
        raise ConfigError(f"{path}: calibration must be two numbers [scale, offset]")


@dataclass(frozen=True, slots=True)
class Settings:
    """How the analyser uses the model (``data/models/attribution.yaml``)."""

    #: whether the analyser consults the model at all (off: the rules alone)
    enabled: bool
    #: the score a proposed cue must reach; None keeps the model's own
    threshold: float | None
    #: whether headlines are read
    headlines: bool
    #: words a proposed cue may not contain -> the guide's reason
    never_cues: dict[str, str]
    #: the kind of a source whose words no speaker rule classifies (None: no attribution)
    unclassified: str | None = None
    #: words a proposed cue may not follow -> the guide's reason
    never_after: dict[str, str] = field(default_factory=dict)
    #: a cue's verb -> the nouns that, as its object, make it an act the reporter tells
    #: ("issued an emergency authorisation"), not words of the party ("issued a statement")
    act_objects: dict[str, frozenset[str]] = field(default_factory=dict)


def read_settings(path: Path) -> Settings:
    """Load and validate the settings file; a bad one is a ``ConfigError`` naming the key."""
    from verifier.yamlio import read_yaml

    raw = read_yaml(path, "attribution model settings")
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping")
    fields = {"enabled", "threshold", "headlines", "never_cues", "never_after",
              "act_objects", "unclassified_source"}
    unknown = set(raw) - fields
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    missing = fields - set(raw)
    if missing:
        raise ConfigError(f"{path}: missing key(s) {', '.join(sorted(missing))}")
    threshold = raw["threshold"]
    if threshold is not None and (
            isinstance(threshold, bool) or not isinstance(threshold, int | float)
            or not 0.0 <= threshold <= 1.0):
        raise ConfigError(f"{path}: 'threshold' must be null or a number between 0 and 1")
    for key in ("enabled", "headlines"):
        if not isinstance(raw[key], bool):
            raise ConfigError(f"{path}: {key!r} must be true or false")
    words: dict[str, dict[str, str]] = {}
    for key in ("never_cues", "never_after"):
        given = raw[key] or {}
        if not isinstance(given, dict) or not all(
                isinstance(k, str) and k == k.lower() and k.strip()
                and isinstance(v, str) and v.strip() for k, v in given.items()):
            raise ConfigError(f"{path}: {key!r} must map lower-case words to reasons")
        words[key] = dict(given)
    acts = raw["act_objects"] or {}
    if not isinstance(acts, dict) or not all(
            isinstance(k, str) and k == k.lower() and k.strip() and isinstance(v, list) and v
            and all(isinstance(n, str) and n == n.lower() and n.strip() for n in v)
            for k, v in acts.items()):
        raise ConfigError(f"{path}: 'act_objects' must map lower-case verbs to lists of "
                          "lower-case nouns")
    unclassified = raw["unclassified_source"]
    if unclassified is not None and unclassified not in _SPEAKERS:
        raise ConfigError(f"{path}: 'unclassified_source' must be null or one of "
                          f"{', '.join(SPEAKERS)}")
    return Settings(raw["enabled"], None if threshold is None else float(threshold),
                    raw["headlines"], words["never_cues"], unclassified, words["never_after"],
                    {verb: frozenset(nouns) for verb, nouns in acts.items()})


_LOADED: list[Model] = []
_SETTINGS: list[Settings] = []


def model() -> Model:
    """The packaged model, read once (with its settings applied)."""
    if not _LOADED:
        tagger = read_model(model_path())
        _LOADED.append(configured(tagger, settings()))
    return _LOADED[0]


def settings() -> Settings:
    """The packaged settings, read once."""
    if not _SETTINGS:
        _SETTINGS.append(read_settings(data_path(SETTINGS_FILE)))
    return _SETTINGS[0]


def use_settings(replacement: Settings | None) -> None:
    """Use ``replacement`` instead of the packaged settings (None: read the packaged ones
    again); for benchmarks and tests. The model is configured anew with them."""
    _SETTINGS[:] = [replacement] if replacement is not None else []
    _LOADED.clear()
    _CACHE.clear()


def configured(tagger: Model, how: Settings) -> Model:
    """The model with the settings' threshold and cue exclusions applied."""
    meta = dict(tagger.meta)
    if how.threshold is not None:
        meta["threshold"] = how.threshold
    return Model(tagger.index, tagger.weights, tagger.transitions, meta, tagger.cue_words,
                 tagger.names, tagger.accept_words - set(how.never_cues))


def use_model(replacement: Model | None) -> None:
    """Use ``replacement`` instead of the packaged model (None: read the packaged one again);
    for training and tests."""
    _LOADED[:] = [replacement] if replacement is not None else []
    _CACHE.clear()


# ---------------------------------------------------------------- proposals


@dataclass(frozen=True, slots=True)
class Proposal:
    """A cue and its source the model found in a sentence (offsets into the sentence)."""

    cue: tuple[int, int]
    source: tuple[int, int]
    score: float
    evidence: tuple[str, ...]
    #: how much better the best tagging is than the best tagging without this cue (below
    #: zero for a forced cue: how much worse the best tagging with it is)
    margin: float = 0.0
    #: the cue is not in the best tagging: a cue word forced to be one (``propose``'s
    #: ``forced``)
    forced: bool = False

    def reason(self, threshold: float) -> str:
        if self.forced:
            head = f"model score {self.score:.2f} (a cue word the best tagging left out)"
        elif self.score < threshold:
            head = f"model score {self.score:.2f} < {threshold:.2f}"
        else:
            head = f"model score {self.score:.2f} >= {threshold:.2f}"
        return f"{head}; weighed most: {', '.join(self.evidence)}"


_CACHE: dict[tuple[str, float | None, bool], list[Proposal]] = {}
_CACHE_LIMIT = 50_000


def clear_proposal_cache() -> None:
    """Forget the proposals of sentences seen before (the state of a fresh process)."""
    _CACHE.clear()


def proposals(sentence: str) -> list[Proposal]:
    """``propose`` with the packaged model, remembered by sentence text; with the vetter in
    force, down to its ``floor`` and with its ``forced`` cues."""
    vet = vetter()
    floor, forced = (None, False) if vet is None else (vet.floor, vet.forced)
    return remembered(_CACHE, (sentence, floor, forced), _CACHE_LIMIT, propose, sentence,
                      None, floor, forced)


def propose(sentence: str, tagger: Model | None = None,
            threshold: float | None = None, forced: bool = False) -> list[Proposal]:
    """The cue/source pairs the model finds in a sentence whose score reaches ``threshold``
    (the model's own by default), best first. With ``forced``, each accepted cue word
    outside the quotations and the best tagging's cues is also proposed as the start of a
    cue: the best tagging with it one (its margin is below zero, its score below what a
    cue of the best tagging gets)."""
    tagger = tagger if tagger is not None else model()
    floor = tagger.threshold if threshold is None else threshold
    offsets = tokens(sentence)
    words = [sentence[a:b] for a, b in offsets]
    low = [w.lower().replace("’", "'") for w in words]
    accept = tagger.accept_words
    if not any(w in accept for w in low):
        return []
    emissions = tagger.emissions_of(words)
    path, best = viterbi(emissions, tagger.transitions)
    cues = spans_of(path, B_CUE, I_CUE)
    if not cues:
        return _forced(tagger, words, low, offsets, emissions, best, cues, floor) if (
            forced) else []
    sources = spans_of(path, B_SRC, I_SRC)
    if not sources:
        sources = spans_of(viterbi_with_source(emissions, tagger.transitions), B_SRC, I_SRC)
    out: list[Proposal] = []
    feats: list[list[str]] | None = None  # the features' names, for a cue's evidence
    for ci, cj in cues:
        if not any(low[k] in accept for k in range(ci, cj)):
            continue
        forbid = [(k, t) for k in range(ci, cj) for t in (B_CUE, I_CUE)]
        _, without = viterbi(emissions, tagger.transitions, forbid)
        margin = best - without
        score = tagger.score(margin)
        if score < floor:
            continue
        if feats is None:
            feats = features(words, tagger.cue_words)
        out.append(_proposal(tagger, feats, offsets, (ci, cj), sources, score, margin))
    if forced:
        out += _forced(tagger, words, low, offsets, emissions, best, cues, floor)
    out.sort(key=lambda p: -p.score)
    return out


def _forced(tagger: Model, words: Sequence[str], low: Sequence[str],
            offsets: Sequence[tuple[int, int]], emissions: npt.NDArray[np.float64],
            best: float, cues: Sequence[tuple[int, int]], floor: float) -> list[Proposal]:
    """The forced proposals of ``propose``: each accepted cue word outside quotations and
    outside ``cues`` made the start of a cue, scored by how much worse the best tagging with
    it is than the best one."""
    taken = {k for ci, cj in cues for k in range(ci, cj)}
    quoted = _quoted(words)
    accept = tagger.accept_words
    out: list[Proposal] = []
    feats: list[list[str]] | None = None
    others = (O, I_CUE, B_SRC, I_SRC)
    for k, w in enumerate(low):
        if k in taken or quoted[k] or w not in accept or not any(c.isalpha() for c in w):
            continue
        path, with_it = viterbi(emissions, tagger.transitions, [(k, t) for t in others])
        margin = with_it - best
        score = tagger.score(margin)
        if score < floor:
            continue
        j = k + 1
        while j < len(path) and path[j] == I_CUE:
            j += 1
        taken.update(range(k, j))
        sources = spans_of(path, B_SRC, I_SRC)
        if not sources:
            continue
        if feats is None:
            feats = features(words, tagger.cue_words)
        out.append(_proposal(tagger, feats, offsets, (k, j), sources, score, margin, True))
    return out


def _proposal(tagger: Model, feats: Sequence[Sequence[str]],
              offsets: Sequence[tuple[int, int]], cue: tuple[int, int],
              sources: Sequence[tuple[int, int]], score: float, margin: float,
              forced: bool = False) -> Proposal:
    """The proposal of the cue over the tokens ``cue`` and the source of ``sources`` nearest
    it (of two as near, the earlier), in character offsets."""
    ci, cj = cue
    si, sj = min(sources, key=lambda s: (s[0] - cj if s[0] >= cj else ci - s[1], s[0]))
    evidence = _evidence(tagger, feats, range(ci, cj), B_CUE)
    return Proposal((offsets[ci][0], offsets[cj - 1][1]), (offsets[si][0], offsets[sj - 1][1]),
                    score, evidence, margin, forced)


def _evidence(tagger: Model, feats: Sequence[Sequence[str]], where: range, tag: int,
              top: int = 3) -> tuple[str, ...]:
    """The features that weighed most for ``tag`` against ``O`` over the tokens ``where``."""
    weighed: dict[str, float] = {}
    for i in where:
        for name in feats[i]:
            k = tagger.index.get(name)
            if k is not None and name != "b":
                row = tagger.weights[k]
                weighed[name] = weighed.get(name, 0.0) + float(row[tag] - row[O])
    best = sorted(weighed.items(), key=lambda kv: -kv[1])[:top]
    return tuple(f"{name} ({value:+.1f})" for name, value in best if value > 0)


# ---------------------------------------------------------------- the analyser's hook


def learned_attributions(
    sentence: Sentence,
    lexicon: Rules,
    registry: Registry,
    outlet: Source | None,
    memory: Memory,
    narration: Sentence | None = None,
    before: Sequence[Attribution] = (),
) -> tuple[list[Attribution], bool]:
    """The attributions the model finds in a claim sentence the rules left unattributed, and
    whether one of their speakers was typed by a speaker rule (then an untagged quotation in
    the next sentence goes on in its voice, as after a rule's frame; a source no rule
    classifies is a guess, risked for one sentence only).

    The kind of each comes from the rules' classification of its source words: a pronoun or
    a back-reference takes the speaker the article's memory holds for it; source words that
    name no speaker (or the publishing outlet itself) give no attribution.
    ``before`` is what the sentence before was given (read by the vetter only).
    """
    how = settings()
    if not how.enabled:
        return [], False
    vet = vetter()
    headline = not _CLOSED.search(sentence.text)
    if headline and not how.headlines and not (vet is not None and vet.headlines):
        return [], False
    found_here = proposals(sentence.text)
    if not found_here:
        return [], False
    reading = _Proposals(sentence, lexicon, registry, outlet, memory, how, vet, headline,
                         len(found_here), narration, before)
    for found in found_here:
        reading.add(found)
    return reading.out, reading.typed


@dataclass(frozen=True, slots=True)
class _Voice:
    """Whose voice a proposal's source words are: the kind, the source (an earlier speaker's
    words when carried), the words of the sentence that stand for it (``mention``), the
    memory's entry when carried, where the words are that showed the kind and why."""

    kind: str
    source: Span
    carried: bool
    mention: Span | None
    entry: Entry | None
    shown: tuple[int, int] | None
    why: str


class _Proposals:
    """The model's proposals for one sentence made attributions (``learned_attributions``):
    what each reads of the sentence, the article's memory and the settings."""

    def __init__(self, sentence: Sentence, lexicon: Rules, registry: Registry,
                 outlet: Source | None, memory: Memory, how: Settings, vet: Vetter | None,
                 headline: bool, proposed: int, narration: Sentence | None,
                 before: Sequence[Attribution]) -> None:
        self.sentence, self.lexicon = sentence, lexicon
        self.registry, self.outlet = registry, outlet
        self.memory, self.how, self.vet, self.headline = memory, how, vet, headline
        self.proposed = proposed  # how many the model made in the sentence
        self.narration = narration
        self.tagger = model()
        self.offsets = tokens(sentence.text) if vet is not None else []
        self.placed = _placed(memory.text, sentence.start) if vet is not None else (False, False)
        self.told = tuple(a.kind for a in before)
        self.text, self.base = sentence.text, sentence.start
        # the untagged claim sentence before, whose person or body a pronoun may stand for
        self.narrated = None if narration is None else (narration.start, narration.end)
        self.out: list[Attribution] = []
        self.typed = False

    def add(self, found: Proposal) -> None:
        """The attributions of one proposal, when its cue is not ruled out, its source words
        name a speaker and (when one is in force) the vetter keeps a stance."""
        text, base, memory = self.text, self.base, self.memory
        c, d = found.cue
        if _ruled_out(self.how, text, c, d):
            return
        words = self.source_words(found.source)
        if words is None:
            return
        a, b, relative = words
        source = Span(text[a:b], base + a, base + b)
        desc, guessed = self.descriptor(source)
        if desc is not None and a < d and c < b and desc.kind != "media":
            # source words inside the cue's are no speaker ("Calls" of "Calls for a
            # ceasefire grew", "Thursday" of "said Thursday"), unless they are the report
            # itself ("Reports that ..."): the cue's subject is, if the words before it
            # hold one
            subject = left_descriptor(text, 0, c) if c else None
            if subject is None:
                return
            a, b, relative = *subject, None
            source = Span(text[a:b], base + a, base + b)
            desc, guessed = self.descriptor(source)
        if desc is None or desc.kind == NONE:
            return
        voice = self.voice(desc, source, relative)
        if voice is None or voice.kind not in _SPEAKERS or any(
                o.source == voice.source and o.speaker == voice.kind for o in self.out):
            return
        speaker: Speaker = voice.kind  # type: ignore[assignment]
        # the speaker's words and what each part of them does ("..., without naming X")
        stances = split_stances(self.lexicon, lower(text))
        vetted: list[str] = []
        if self.vet is not None:
            here = Candidate(text, self.offsets, found.cue, (a, b), found.score, found.forced,
                             voice.kind, voice.kind, voice.carried, guessed,
                             relative is not None, self.proposed, self.narration is not None,
                             self.headline, desc.how, self.told, *self.placed)
            stances, vetted = _vetted(self.vet, here, speaker, stances, self.sentence)
            if not stances:
                return
        if voice.entry is not None:
            memory.touch(voice.entry)
        else:
            memory.remember(desc, voice.source)
        self.typed = self.typed or not guessed
        reason = found.reason(self.tagger.threshold) + (f"; {voice.why}" if voice.why else "")
        shown, source = voice.shown, voice.source
        evidence = (Span(memory.text[shown[0] : shown[1]], shown[0], shown[1])
                    if shown is not None and shown != (source.start, source.end) else None)
        for number, (stance, extra) in enumerate(stances):
            self.out.append(Attribution(speaker, stance, source,
                                        Span(text[c:d], base + c, base + d),
                                        f"{RULE_ID}+{desc.rule}{extra}", voice.carried,
                                        reason + (vetted[number] if vetted else ""),
                                        voice.mention, evidence))

    def source_words(self, span: tuple[int, int]) -> tuple[int, int, Span | None] | None:
        """The source words of a proposal (sentence offsets), and the relative pronoun that
        stood for them ("X, who said ...": the source is X); None for a relative with no
        antecedent set off by a comma ("the man who said ..." names a person by what they
        said, and the sentence's claim is the rest of it)."""
        text, base = self.text, self.base
        a, b = span
        b = without_contraction(text, a, b)  # "She’s said": the speaker is "She"
        relative_words = _RELATIVE_THEN_TIME.fullmatch(text, a, b)
        if relative_words is not None:
            b = relative_words.end(1)  # "who today confirmed": the relative is "who"
        if text[a:b].lower() not in _RELATIVE:
            return a, b, None
        antecedent = left_descriptor(text, 0, a) if text[:a].rstrip().endswith(",") else None
        if antecedent is None:
            return None
        return (*antecedent, Span(text[a:b], base + a, base + b))

    def descriptor(self, source: Span) -> tuple[Descriptor | None, bool]:
        """What the rules say the source words are (a common word capitalised only to open
        the sentence, an office named before, the settings' kind for words no speaker rule
        classifies: "Another image" is no person), and whether no rule classified them."""
        memory, at = self.memory, source.start
        desc = classify(source.text, self.lexicon, self.registry, self.outlet,
                        _lookup(memory, at))
        common = memory.common_word(desc, at) if desc is not None else None
        if common is not None:  # a common word capitalised only to open the sentence
            desc = common
        office = memory.office_of(desc, at) if desc is not None else None
        if office is not None:  # "Ruiz, the founder of ..." after "President Ana Ruiz"
            desc = office
        guessed = desc is None
        if desc is None and self.how.unclassified is not None and _describes(
                source.text, self.tagger.cue_words):
            # no speaker rule says these words are a person ("Another image", "Forceful
            # voices"): no later "he" or "she" stands for them (session 24)
            desc = Descriptor(self.how.unclassified, UNCLASSIFIED_RULE, person=False)
        return desc, guessed

    def voice(self, desc: Descriptor, source: Span, relative: Span | None) -> _Voice | None:
        """Whose voice the source words are: their own kind, or (a pronoun, a back-reference)
        the earlier speaker the memory holds for them; None when it holds none."""
        if desc.kind != CARRIED:
            return _Voice(desc.kind, source, False, relative, None, desc.evidence, desc.reason)
        entry = self.memory.refers_to(desc, source.start, self.narrated)
        if entry is None:
            return None
        return _Voice(entry.kind, entry.span, True, source if entry.span != source else None,
                      entry, entry.shown(), entry.reason)


def _ruled_out(how: Settings, text: str, c: int, d: int) -> bool:
    """Whether the settings rule out a proposed cue (``text[c:d]``): after a never-after word,
    holding a never-cue ("has agreed": a word the model accepts, "has", carried one), or an
    act on an object ("issued an emergency authorisation": an act, not words)."""
    if how.never_after and _follows(text, c, d, how.never_after):
        return True
    if how.never_cues and any(w.lower() in how.never_cues for w in _WORDS.findall(text, c, d)):
        return True
    return bool(how.act_objects and _acts_on(text, c, d, how.act_objects))


def _vetted(vet: Vetter, here: Candidate, speaker: Speaker,
            stances: Sequence[tuple[Stance, str]], sentence: Sentence
            ) -> tuple[list[tuple[Stance, str]], list[str]]:
    """The stances of a proposal (``here``) the vetter keeps, each with what its reason adds
    (the probability and the features that weighed most); every one it weighs is recorded
    while a trainer records (``recording``)."""
    kept: list[tuple[Stance, str]] = []
    said: list[str] = []
    for stance, extra in stances:
        label = kind_of(speaker, stance)
        candidate = replace(here, kind=label)
        names = vet.features(candidate)
        chance = vet.probability(names)
        if _RECORDING:
            _RECORDING[0].append((sentence.start, sentence.text, label, names, chance,
                                  candidate))
        if chance >= vet.needs(label):
            kept.append((stance, extra))
            said.append("" if not vet.weights else  # a per-kind gate alone weighs nothing
                        f"; vetter {chance:.2f} >= {vet.needs(label):.2f} ("
                        + ", ".join(vet.evidence(names)) + ")")
    return kept, said


#: One candidate the vetter weighed: its sentence's start and text, the kind it would be
#: labelled, its features, probability and what they were read from.
Recorded = tuple[int, str, str, list[str], float, Candidate]
#: Where the vetter's candidates are written while a trainer records them (``recording``).
_RECORDING: list[list[Recorded]] = []


def recording(into: list[Recorded] | None) -> None:
    """Write every candidate the vetter weighs into ``into`` (``Recorded``), or stop (None);
    for ``bench/train_finder.py``."""
    _RECORDING[:] = [] if into is None else [into]


def _placed(text: str, start: int) -> tuple[bool, bool]:
    """Whether the sentence at ``start`` opens its paragraph (a line break before it), and
    whether it stands in the article's lead (fewer than four paragraph breaks before it: the
    headline's lines count)."""
    head = text[:start].rstrip(" \t")
    breaks = len(_PARAGRAPH_BREAK.findall(head.lstrip()))
    return not head or head.endswith("\n"), breaks < 4


def _follows(text: str, start: int, end: int, words: dict[str, str]) -> bool:
    """Whether the cue ``text[start:end]`` follows one of ``words``: the word before it or
    one of its own words but the last ("forward by promising")."""
    before = _WORD_BEFORE.search(text, 0, start)
    inner = _WORDS.findall(text, start, end)[:-1]
    return any(w.lower() in words for w in [*(before.groups() if before else ()), *inner])


def _acts_on(text: str, start: int, end: int, acts: dict[str, frozenset[str]]) -> bool:
    """Whether the cue ``text[start:end]`` ends in a verb of ``acts`` whose object (one of the
    next four words, "an emergency use authorisation") is one of its act nouns."""
    words = _WORDS.findall(text, start, end)
    nouns = acts.get(words[-1].lower()) if words else None
    if not nouns:
        return False
    after = [w.lower() for w in _WORDS.findall(text, end)[:4]]
    return any(w in nouns or (w.endswith("s") and w[:-1] in nouns) for w in after)


def _describes(words: str, cue_words: frozenset[str]) -> bool:
    """Whether words the speaker rules do not classify can stand for an unnamed speaker:
    a short phrase with a word that is not a function word ("environmentalists", "one
    questioner"), not a pronoun or a bare number; with no word that is often a cue (the
    tagging took a verb for the source: "was announced", "previously said"), and when it is
    a single lower-case word, a plural ("critics", not "week" or "law"); not a possessive
    determiner alone ("its")."""
    bare = [w.strip(".,;:'’\"“”") for w in words.split()]
    if not 0 < len(bare) <= 6 or any(w.lower().replace("’", "'") in cue_words for w in bare):
        return False
    if all(w.lower() in _POSSESSIVE for w in bare):
        return False  # "known by its acronym": a possessive alone names nobody
    if len(bare) == 1 and bare[0].lower() in _LONE_NON_NAMES:
        return False  # "Having said that", "You also mentioned": nobody's name
    if len(bare) == 1 and bare[0].islower() and not _PLURAL.search(bare[0]):
        return False
    return any(_CONTENT_WORD.fullmatch(w) and w.lower() not in _FUNCTION for w in bare)


def _lookup(memory: Memory, at: int) -> NameLookup:
    def lookup(names: tuple[str, ...]) -> Descriptor | None:
        return memory.lookup(names, at)

    return lookup


