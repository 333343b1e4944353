"""Benchmark report: sections of tables and plots, written as Markdown and JSON.

Each benchmark module returns a ``Section``; ``write_report`` puts them into ``DIR/report.md`` and
``DIR/report.json`` with the machine they ran on. Plots are PNG files in ``DIR`` that the
Markdown links to.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


@dataclass
class Table:
    """One table: a caption, column names and rows of cells (numbers are formatted when written)."""

    caption: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def markdown(self) -> str:
        """The table as GitHub Markdown."""
        head = "| " + " | ".join(self.columns) + " |"
        rule = "|" + "|".join("---" for _ in self.columns) + "|"
        body = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in self.rows]
        return "\n".join([f"**{self.caption}**", "", head, rule, *body])

    def as_json(self) -> dict[str, Any]:
        """The table as records."""
        return {"caption": self.caption, "rows": [dict(zip(self.columns, r, strict=True)) for r in self.rows]}


@dataclass
class Section:
    """What one benchmark found: prose, tables, plots (file names in the report directory)."""

    title: str
    notes: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    plots: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    def markdown(self) -> str:
        """The section as Markdown."""
        parts = [f"## {self.title}", ""]
        parts += [*(f"{n}\n" for n in self.notes)]
        for table in self.tables:
            parts += [table.markdown(), ""]
        for plot in self.plots:
            parts += [f"![{plot}]({plot})", ""]
        return "\n".join(parts)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        if value == 0:
            return "0"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) >= 1:
            return f"{value:.2f}"
        return f"{value:.3f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def machine() -> dict[str, Any]:
    """The machine the figures come from."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gib = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gib = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    git = shutil.which("git")
    commit = ""
    if git is not None:
        commit = subprocess.run(  # noqa: S603 - a fixed git command
            [git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_gib, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit or "unknown",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def write_report(out: Path, sections: list[Section], command: str) -> Path:
    """Write ``report.md`` and ``report.json`` into ``out``; returns the Markdown path."""
    out.mkdir(parents=True, exist_ok=True)
    info = machine()
    lines = [
        "# Matchmaker benchmarks",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB; Python {info['python']}; "
        f"commit {info['commit']}; {info['date']}.",
        "",
        f"Reproduce: `{command}`",
        "",
    ]
    for section in sections:
        lines.append(section.markdown())
    path = out / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    document = {
        "machine": info,
        "command": command,
        "sections": [
            {
                "title": s.title,
                "notes": s.notes,
                "tables": [t.as_json() for t in s.tables],
                "plots": s.plots,
                "data": s.data,
            }
            for s in sections
        ],
    }
    (out / "report.json").write_text(json.dumps(document, indent=2, default=str), encoding="utf-8")
    return path
