"""Rules as data: loading the lexicons of ``verifier/data/lexicons`` and compiling fast matchers.

``lexicon`` (the YAML files read and validated), ``trie`` (many literal phrases as one regular
expression) and ``regex_gate`` (a cheap keyword test before a regular expression).

May import: ``verifier.vocab``, ``verifier.errors``, ``verifier.config``, ``verifier.yamlio``.
Nothing of analysis, storage, the terminal or the web.
"""
