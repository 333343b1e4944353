"""JSONL import: one Profile in its proto JSON form per line, validated and stored in batches."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from google.protobuf import json_format

from matchmaker.api._gen.matchmaker.v1 import common_pb2
from matchmaker.api.convert import from_proto_profile
from matchmaker.engine import MatchEngine
from matchmaker.storage.repositories import ProfileWrite

BATCH = 256


@dataclass
class ImportSummary:
    """What an import did; failures are keyed by 1-based line number."""

    imported: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many lines failed."""
        return len(self.failures)


def parse_line(text: str) -> ProfileWrite:
    """One JSONL line as a profile to store; ValueError for malformed JSON or unknown fields."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(document, dict):
        raise ValueError("expected a JSON object")
    message = common_pb2.Profile()
    try:
        json_format.ParseDict(document, message)
    except json_format.ParseError as exc:
        # The parser quotes field names, not values, for the errors it raises on unknown fields.
        raise ValueError(f"not a Profile: {str(exc).splitlines()[0][:200]}") from None
    return from_proto_profile(message)


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
        summary.imported += stored
        summary.failures.extend((e.index, e.message) for e in errors)
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
