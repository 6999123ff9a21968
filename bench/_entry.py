"""How a bench script ends: a verifier error (a bad lexicon, an unreadable label file, a
story file that does not parse) is one line on stderr and the error's exit code, as the CLI
reports it, never a traceback.

    if __name__ == "__main__":
        raise SystemExit(run(main))
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from verifier.errors import VerifierError


def run(main: Callable[[], int | None]) -> int:
    """``main()``'s exit code, or a verifier error's on one line."""
    try:
        return main() or 0
    except VerifierError as error:
        print(f"{Path(sys.argv[0]).name}: error: {error}", file=sys.stderr)
        return int(error.exit_code)
