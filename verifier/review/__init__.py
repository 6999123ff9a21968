"""Reviewers' actions, shared by the command line and the web desk: mark and retract
verdicts, correct the analyser, edit and delete articles, edit stories, add or edit registry
outlets, manage accounts. Each action checks its input, writes through ``verifier.store`` in
the caller's transaction and appends an audit entry naming who did it.

May import: store, stories, scoring, registry, passwords, vocab, errors, config, yamlio.
Never the CLI, reports, the terminal or the web.
"""
