"""Stories: claims about one event, grouped within and across articles.

``terms``, ``cues``, ``article`` and ``grouping`` (pure: which claims go together),
``store`` (the database side: grouping new claims, reviewers' corrections, marking),
``evidence`` and ``view`` (what a story rests on and how it reads). Membership is measured
by ``verifier.evaluation.stories``.

May import: analysis results, scoring, storage, vocab, errors, config. Never the CLI, reports,
the terminal or the web.
"""
