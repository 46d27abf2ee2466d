"""The analysts' example script runs and saves its plot."""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_compare_policies_saves_a_png(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "waits.png"
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "compare_policies.py"), "--years", "1", "--per-month", "400",
         "--quiet", "--out", str(out)],
        capture_output=True, text=True, check=True,
    )
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000
    lines = run.stdout.splitlines()
    assert lines[0].split()[1:] == ["almaty-2024", "almaty-2024-interleave-1-3"]
    assert lines[-1] == f"saved {out}" and len(lines) > 3  # some metrics differ
