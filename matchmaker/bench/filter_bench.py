"""The card filter against Presidio: ``scripts/bench_filter.py`` run as it is, its report kept whole.

The script is the one place the filter's benchmark lives (the privacy issue's figures come from
it); this section runs it in a process of its own, so its timings are not disturbed by the other
sections, and quotes its output.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from matchmaker.bench.report import Section

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench_filter.py"


def run(out: Path, quick: bool) -> Section:
    """Run the filter benchmark (fewer cards when ``quick``) and keep what it printed."""
    if not SCRIPT.is_file():
        raise FileNotFoundError(f"the card filter's benchmark is not here: {SCRIPT}")
    arguments = ["--cards", "5000", "--presidio-cards", "100"] if quick else []
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 - this interpreter running the repository's own script
        [sys.executable, str(SCRIPT), *arguments], capture_output=True, text=True, check=True
    )
    elapsed = time.monotonic() - started
    (out / "filter.txt").write_text(result.stdout, encoding="utf-8")
    command = " ".join(["python scripts/bench_filter.py", *arguments])
    return Section(
        "Card filter against Presidio",
        notes=[
            f"`{command}` ({elapsed:.0f} s), output as printed:",
            "```\n" + result.stdout.strip() + "\n```",
        ],
        data={"output": result.stdout, "command": command},
    )
