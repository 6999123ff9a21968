"""Measuring the analyser and story grouping against labelled corpora (the guide's format).

``labels`` scores sentences (``verifier eval``); ``stories`` scores story grouping
(``verifier eval-stories``).

May import: analysis, stories' pure grouping, ``verifier.ingest.textfile``, errors. Never
storage, the terminal or the web.
"""
