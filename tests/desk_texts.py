"""An article the CLI tests ingest (written for the tests): a council decision on the record,
an unnamed official, a named organisation."""

HARBOUR_BRIDGE = """Harbour bridge to close for repairs

The city council said on Monday that the harbour bridge would close in May for six weeks.
A senior council official, speaking on condition of anonymity, said the repairs would cost \
40 million euros.
The Tolsen Ferry Guild said the closure would double crossing times.
"""
