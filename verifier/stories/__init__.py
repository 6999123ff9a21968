"""Stories: claims about one event, grouped within and across articles.

``grouping`` (pure: which claims go together), ``store`` (the database side: grouping new
claims, reviewers' corrections, marking), ``evidence`` and ``view`` (what a story rests on
and how it reads), ``evaluate`` (membership against labelled stories).
"""
