"""Ingest: reading article files and storing their analysis.

``textfile`` (one file's text, with clear errors), ``readers`` (txt, md, html, jsonl and
folders, streamed) and ``pipeline`` (read, analyse, store in short transactions, group).

May import: analysis, storage, stories, the registry. Never the terminal or the web.
"""
