"""verifier: offline source-credibility and claim verification for fact-checkers.

The public API is small: ``analyse_text`` (pure analysis of one article) and ``__version__``.
Storage, stories, scoring and reports live in their own modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "analyse_text"]

if TYPE_CHECKING:
    from verifier.analysis.results import ArticleAnalysis


def analyse_text(text: str, **options: Any) -> ArticleAnalysis:
    """Analyse one article's text; see ``verifier.analysis.analyse.analyse_text``."""
    from verifier.analysis.analyse import analyse_text as _analyse

    return _analyse(text, **options)
