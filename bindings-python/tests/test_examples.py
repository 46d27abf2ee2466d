"""The analysts' example script runs and saves its plot."""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_compare_policies_answers_with_intervals_and_saves_a_png(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "waits.png"
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "compare_policies.py"), "--years", "1", "--per-month", "400",
         "--seeds", "3", "--quiet", "--out", str(out)],
        capture_output=True, text=True, check=True,
    )
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000
    lines = run.stdout.splitlines()
    assert lines[0].split()[-4:] == ["mean", "95%", "interval", "n"]
    general = [line for line in lines if line.startswith("general: median wait (placed)")]
    # Each policy's mean over 3 seeds, then the paired difference, each with its interval.
    assert [line.split()[5] for line in general[:2]] == ["today", "1:3"]
    assert all(line.rstrip().endswith(" 3") and "[" in line for line in general), general
    assert "1:3 − today, paired seed by seed (95% intervals)" in lines
    assert lines[-1] == f"saved {out}"

def test_astana_validation_fits_and_prints_the_table() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "astana_validation.py"), "--seeds", "2", "--fit-seeds", "1",
         "--rates", "2400,2739"],
        capture_output=True, text=True, check=True,
    )
    lines = run.stdout.splitlines()
    fitted = next(line for line in lines if line.startswith("fitted: "))
    rate = int(fitted.split()[1].replace(",", ""))
    assert 2400 < rate < 2739, fitted
    assert any(line.strip().startswith("queue aged 2–6, end of 2024") and "37,596" in line for line in lines)
    assert lines[-1].split()[:4] == ["children", "enrolled", "a", "year"]
