"""What the freshness guarantee costs a request: one read of the change-log position.

Every recommendation first reads ``max(seq)`` of the change log (``MatchEngine.freshen``) so a
privacy change made through another replica is honoured on the very next call. This prints that
read's p50/p99 on SQLite and on PostgreSQL, with a change log of ``--changes`` entries.

    .venv/bin/python scripts/bench_freshness.py
    .venv/bin/python scripts/bench_freshness.py --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matchmaker.storage import migrate
from matchmaker.storage.crypto import FieldCipher
from matchmaker.storage.database import Database
from matchmaker.storage.repositories import ProfileRepository
from matchmaker.storage.tables import ChangeRow


def measure(url: str, changes: int, calls: int) -> tuple[float, float]:
    """p50 and p99 in microseconds of ``last_change`` with ``changes`` log entries."""
    db = Database(url)
    migrate.upgrade(db)
    now = datetime.now(UTC)
    with db.write() as session:
        for start in range(0, changes, 10_000):
            rows = [
                {"profile_id": f"p-{i}", "op": "upsert", "at": now}
                for i in range(start, min(changes, start + 10_000))
            ]
            session.execute(insert(ChangeRow), rows)
    profiles = ProfileRepository(db, FieldCipher(bytes(32)))
    for _ in range(100):
        profiles.last_change()
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        profiles.last_change()
        samples.append((time.perf_counter() - started) * 1e6)
    db.dispose()
    samples.sort()
    return statistics.median(samples), samples[int(0.99 * (len(samples) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=200_000)
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        p50, p99 = measure(f"sqlite:///{tmp}/fresh.db", args.changes, args.calls)
        print(f"sqlite      {args.changes:>8,} changes: p50 {p50:7.1f} us  p99 {p99:7.1f} us")
    schema = f"mm_fresh_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        p50, p99 = measure(f"{args.postgres}?options=-csearch_path%3D{schema}", args.changes, args.calls)
        print(f"postgresql  {args.changes:>8,} changes: p50 {p50:7.1f} us  p99 {p99:7.1f} us")
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
