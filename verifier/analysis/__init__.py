"""Analysis: an article's text in, every sentence labelled with its evidence out. Pure.

``segment`` (sentences with offsets), ``claim_filter`` (claim or not), ``certainty`` and
``scope`` (how firmly), ``attribution/`` (who stands behind it), ``results`` (the immutable
values returned) and ``analyse`` (the pipeline).

May import: ``verifier.vocab``, ``verifier.errors``, ``verifier.config``, ``verifier.yamlio``,
``verifier.registry`` and ``verifier.rules``. Never storage, scoring, stories, reports, the
terminal (Rich, Typer) or the web.
"""
