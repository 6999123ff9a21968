"""Scoring: a story's evidence -> a credibility score with the reasons that combined into it.

``evidence`` (the immutable inputs), ``corroboration`` (independent origins), ``weights``
(``data/scoring.yaml`` validated), ``score`` (the pure model), ``trackrecord`` (sources'
reliability learned from verdicts) and ``calibrate`` (were past scores borne out).

May import: ``verifier.vocab``, errors, config, storage models for the track-record
readers, and ``verifier.rules.regex_gate`` (a cheap test before a pattern is run). Never
the terminal, the CLI or the web.
"""
