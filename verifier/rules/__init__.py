"""Rules as data: loading the lexicons of ``verifier/data/lexicons`` and compiling fast matchers.

``lexicon`` (the YAML files read and validated), ``trie`` (many literal phrases as one regular
expression), ``regex_gate`` (a cheap keyword test before a regular expression) and
``patterncache`` (compiled patterns kept between runs: installed when ``lexicon`` is imported,
so every rule compiled after it is built from the kept code when it was compiled before; a
read command, which loads no lexicon, never reads the kept file).

May import: ``verifier.vocab``, ``verifier.errors``, ``verifier.config``, ``verifier.yamlio``,
``verifier.cachedir``. Nothing of analysis, storage, the terminal or the web.
"""
