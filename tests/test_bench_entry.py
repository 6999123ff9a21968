"""A bench script meets a verifier error (here a label whose text is not in its article) with
one line on stderr and the error's exit code, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_real_reports_a_bad_label_on_one_line(tmp_path: Path) -> None:
    (tmp_path / "setX").mkdir()
    (tmp_path / "setX" / "d1.txt").write_text("Quillford council met on Monday.\n",
                                              encoding="utf-8")
    row = {"doc": "d1", "i": 0, "text": "A sentence the article does not hold.",
           "claim": True, "sourcing": [], "certainty": "certain"}
    (tmp_path / "setX.labels.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "real.py"), "--corpus",
                           str(tmp_path)], capture_output=True, text=True, env=env,
                          check=False)
    assert done.returncode == 3
    assert done.stderr.startswith("real.py: error: d1: label 0 is not in the text")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
