"""JSONL import: one Profile in its proto JSON form per line, validated and stored in batches."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from matchmaker.api.jsonl import parse_line
from matchmaker.engine import MatchEngine
from matchmaker.storage.repositories import ProfileWrite

BATCH = 256

log = logging.getLogger(__name__)


@dataclass
class ImportSummary:
    """What an import did; failures are keyed by 1-based line number."""

    imported: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)
    #: The ids of the profiles stored (for the audit log's entry of the import).
    ids: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many lines failed."""
        return len(self.failures)


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def count_lines(path: Path) -> int:
    """Non-blank lines in ``path`` (for a progress bar)."""
    return sum(1 for _ in _lines(path))


def import_file(
    engine: MatchEngine, path: Path, progress: Callable[[int], object] = lambda _n: None
) -> ImportSummary:
    """Import every line of ``path``; one bad line fails alone. ``progress`` gets lines done."""
    summary = ImportSummary()
    batch: list[tuple[int, ProfileWrite]] = []
    lines_read = 0

    def flush() -> None:
        nonlocal lines_read
        stored, errors = engine.upsert_batch(batch)
        log.debug("batch of %d lines: %d stored, %d failed", lines_read, stored, len(errors))
        summary.imported += stored
        summary.failures.extend((e.index, e.message) for e in errors)
        refused = {e.index for e in errors}
        summary.ids.extend(write.profile.id for number, write in batch if number not in refused)
        progress(lines_read)
        batch.clear()
        lines_read = 0

    for number, line in _lines(path):
        lines_read += 1
        try:
            batch.append((number, parse_line(line)))
        except ValueError as exc:
            summary.failures.append((number, str(exc)))
        if len(batch) >= BATCH:
            flush()
    flush()
    summary.failures.sort()
    return summary
