"""The review desk in the browser (``verifier serve``): a thin Starlette layer over the core
library. Pages are rendered only from ``verifier/templates/web`` through
``verifier.templating`` (autoescaped); every action calls ``verifier.review``.

May import: store, review, stories, scoring, report, registry, templating, passwords, vocab,
errors, config. Never the CLI or the terminal.
"""
