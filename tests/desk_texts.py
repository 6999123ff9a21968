"""Texts the CLI and desk tests share (written for the tests): an article with a council
decision on the record, an unnamed official and a named organisation; a ClaimReview record."""

HARBOUR_BRIDGE = """Harbour bridge to close for repairs

The city council said on Monday that the harbour bridge would close in May for six weeks.
A senior council official, speaking on condition of anonymity, said the repairs would cost \
40 million euros.
The Tolsen Ferry Guild said the closure would double crossing times.
"""

#: A fact-check published elsewhere, as ``verifier factchecks import`` reads it.
REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checkers.example/velm-bridge",
    "claimReviewed": "The Velm bridge will close for two years from May for repairs.",
    "author": {"@type": "Organization", "name": "Velm Fact Desk"},
    "datePublished": "2026-03-02",
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Ada Quist"}},
    "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": 1,
                     "bestRating": 5, "worstRating": 1},
}
