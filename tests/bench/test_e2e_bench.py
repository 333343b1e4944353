"""The end-to-end benchmark on a tiny market: real server processes, real load, a filled-in table."""

from __future__ import annotations

from pathlib import Path

import pytest

from matchmaker.bench import e2e_bench
from matchmaker.bench.e2e_bench import Latencies, Market
from matchmaker.bench.report import write_report
from matchmaker.cli import main


@pytest.mark.parametrize(
    ("samples", "q", "expected_ms"),
    [
        ([0.001, 0.002, 0.003], 50, 2.0),
        ([0.001, 0.002, 0.003], 0, 1.0),
        ([0.001, 0.002, 0.003], 100, 3.0),
        ([0.005], 99, 5.0),
    ],
)
def test_percentiles_are_taken_from_the_samples(samples: list[float], q: float, expected_ms: float) -> None:
    assert Latencies("x", 1, 1.0, samples, 0).percentile(q) == pytest.approx(expected_ms)


@pytest.mark.timeout(600)
def test_a_tiny_run_measures_both_methods_next_to_the_floor(tmp_path: Path) -> None:
    home = tmp_path / "market"
    e2e_bench.prepare_database(home, Market(12, 20), progress=lambda _m: None)
    section = e2e_bench.run(tmp_path, False, home=home, processes=(1, 2), seconds=1.0, concurrencies=(1, 4))
    assert len(section.tables) == 2  # one per process count
    for table in section.tables:
        rows = {(r[0], r[1]): dict(zip(table.columns, r, strict=True)) for r in table.rows}
        assert set(rows) == {(m, c) for m in ("RecommendExhibitors", "RecommendPurchasers") for c in (1, 4)}
        for row in rows.values():
            assert row["errors"] == 0
            assert row["calls/s"] > 0 and row["floor calls/s"] > 0
            assert row["p50"] <= row["p95"] <= row["p99"]
            assert row["server RSS MiB"] > 0
    assert (tmp_path / "e2e-1proc.png").stat().st_size > 0
    report = write_report(tmp_path, [section], "test")
    assert "RecommendPurchasers" in report.read_text(encoding="utf-8")


def test_bench_refuses_an_unknown_section(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="unknown section"):
        main(["bench", "--out", str(tmp_path), "--sections", "e2e,nonsense"])
