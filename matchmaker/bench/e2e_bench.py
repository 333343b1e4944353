"""End-to-end benchmark over gRPC: RecommendExhibitors / RecommendPurchasers against Health.Check.

The server is ``matchmaker serve`` in a process of its own (``MATCHMAKER_PROCESSES`` of them on one
port), on a database of generated profiles (the demo generator, so the texts look like the demo's).
A load client in this process runs ``concurrency`` asyncio callers for ``seconds`` each: one
RPC at a time per caller, back to back, every call timed. Health.Check is measured by the same
client in the same run as the floor, and each figure is also given as a ratio to it.

The database and its embedding cache live in a directory that is kept between runs (the first run
embeds every text; later runs find them in the cache).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from matchmaker.api._gen.matchmaker.v1 import match_service_pb2, match_service_pb2_grpc
from matchmaker.bench.report import Section, Table

#: Tokens of this run, written to the benchmark database's tokens file at every start.
ADMIN_TOKEN = secrets.token_urlsafe(24)
PORTAL_TOKEN = secrets.token_urlsafe(24)


@dataclass(frozen=True)
class Market:
    """How many profiles of each side the benchmark database holds."""

    exhibitors: int
    purchasers: int

    @property
    def name(self) -> str:
        """A directory name for this size."""
        return f"e{self.exhibitors}-p{self.purchasers}"


@dataclass
class Latencies:
    """The timings of one load run."""

    name: str
    concurrency: int
    seconds: float
    samples: list[float]
    errors: int

    def percentile(self, q: float) -> float:
        """The q-th percentile in milliseconds."""
        if not self.samples:
            return float("nan")
        ordered = sorted(self.samples)
        index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
        return ordered[index] * 1000

    @property
    def throughput(self) -> float:
        """Completed calls per second."""
        return len(self.samples) / self.seconds if self.seconds else 0.0


def prepare_database(home: Path, market: Market, progress: Callable[[str], None] = print) -> dict[str, str]:
    """Generate the profiles and import them once; the environment of a server on that database."""
    home.mkdir(parents=True, exist_ok=True)
    tokens = home / "tokens.json"
    tokens.write_text(
        json.dumps(
            {
                "tokens": [
                    {"token": ADMIN_TOKEN, "client": "bench-admin", "role": "admin"},
                    {"token": PORTAL_TOKEN, "client": "bench-portal", "role": "portal"},
                ]
            }
        ),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "MATCHMAKER_DATABASE_URL": f"sqlite:///{home / 'bench.db'}",
        "MATCHMAKER_DATA_DIR": str(home / "var"),
        "MATCHMAKER_TOKENS_FILE": str(tokens),
        "MATCHMAKER_LOG_LEVEL": "WARNING",
    }
    done = home / "imported"
    if done.exists():
        return env
    from matchmaker.demo.generator import generate, to_jsonl

    exhibitors, purchasers = generate(7, market.exhibitors, market.purchasers)
    data = home / "profiles.jsonl"
    data.write_text(to_jsonl(exhibitors) + to_jsonl(purchasers), encoding="utf-8")
    progress(f"importing {market.exhibitors} exhibitors and {market.purchasers} purchasers (embeds once)")
    started = time.monotonic()
    subprocess.run(  # noqa: S603 - this interpreter running this package
        [sys.executable, "-m", "matchmaker.cli", "import", str(data)], env=env, check=True
    )
    progress(f"imported in {time.monotonic() - started:.0f} s")
    done.write_text("ok", encoding="utf-8")
    return env


def subject_ids(home: Path) -> tuple[list[str], list[str]]:
    """The purchaser and exhibitor ids of the benchmark database."""
    purchasers: list[str] = []
    exhibitors: list[str] = []
    with (home / "profiles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            (exhibitors if record.get("role") == "ROLE_EXHIBITOR" else purchasers).append(record["id"])
    return purchasers, exhibitors


class Server:
    """``matchmaker serve`` with N processes, started and stopped by the benchmark."""

    def __init__(self, env: dict[str, str], processes: int) -> None:
        self.env = {**env, "MATCHMAKER_LISTEN": "127.0.0.1:0", "MATCHMAKER_PROCESSES": str(processes)}
        self.process: subprocess.Popen[str] | None = None
        self.address = ""

    def start(self) -> None:
        """Start and wait for the ready line."""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "matchmaker.cli", "serve"],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("ready "):
                self.address = line.split()[1]
                return
        raise RuntimeError(f"the server exited with status {self.process.wait()} before it was ready")

    def rss_mib(self) -> float:
        """Resident memory of the server and its serving processes, in MiB."""
        if self.process is None:
            return 0.0
        pids = [self.process.pid]
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        if children.exists():
            pids += [int(p) for p in children.read_text().split()]
        total = 0
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                continue
        return total / 1024

    def stop(self) -> None:
        """SIGTERM and wait."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


async def _load(
    address: str, name: str, concurrency: int, seconds: float, call: Callable[[Any, int], Awaitable[object]]
) -> Latencies:
    """``concurrency`` callers, each on its own channel, calling back to back for ``seconds``."""
    # A channel of its own per caller, on its own connection: gRPC shares one TCP connection among
    # channels with the same target and arguments (its global subchannel pool), and one connection
    # reaches one of several serving processes (SO_REUSEPORT balances connections, not calls).
    channels = [
        grpc.aio.insecure_channel(address, options=[("grpc.use_local_subchannel_pool", 1)])
        for _ in range(concurrency)
    ]
    samples: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def caller(channel: Any, index: int) -> None:
        nonlocal errors
        n = index
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                await call(channel, n)
            except grpc.aio.AioRpcError:
                errors += 1
                continue
            samples.append(time.perf_counter() - started)
            n += concurrency

    try:
        for channel in channels:  # connect first: the run measures calls, not connection set-up
            await channel.channel_ready()
        started = time.perf_counter()
        await asyncio.gather(*(caller(c, i) for i, c in enumerate(channels)))
        elapsed = time.perf_counter() - started
    finally:
        for channel in channels:
            await channel.close()
    return Latencies(name, concurrency, elapsed, samples, errors)


def _health(channel: Any, _n: int) -> Awaitable[object]:
    stub = health_pb2_grpc.HealthStub(channel)
    return stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=10)  # type: ignore[no-any-return]


def _recommender(method: str, subjects: list[str], limit: int) -> Callable[[Any, int], Awaitable[object]]:
    metadata = (("authorization", f"Bearer {ADMIN_TOKEN}"),)
    rng = random.Random(11)
    order = subjects[:]
    rng.shuffle(order)

    def call(channel: Any, n: int) -> Awaitable[object]:
        stub = match_service_pb2_grpc.MatchServiceStub(channel)
        request = match_service_pb2.RecommendRequest(subject_id=order[n % len(order)], limit=limit)
        rpc = getattr(stub, method)
        return rpc(request, metadata=metadata, timeout=60)  # type: ignore[no-any-return]

    return call


def run_load(
    address: str,
    purchasers: list[str],
    exhibitors: list[str],
    concurrencies: list[int],
    seconds: float,
    limit: int = 20,
) -> list[tuple[Latencies, Latencies]]:
    """For each method and concurrency: (the method's timings, Health.Check's in the same run)."""
    results: list[tuple[Latencies, Latencies]] = []
    for method, subjects in (("RecommendExhibitors", purchasers), ("RecommendPurchasers", exhibitors)):
        call = _recommender(method, subjects, limit)
        for concurrency in concurrencies:
            floor = asyncio.run(_load(address, "Health.Check", concurrency, min(seconds, 10.0), _health))
            measured = asyncio.run(_load(address, method, concurrency, seconds, call))
            results.append((measured, floor))
    return results


def _table(results: list[tuple[Latencies, Latencies]], rss: dict[int, float], processes: int) -> Table:
    table = Table(
        f"End to end over gRPC, {processes} serving process(es): p50/p95/p99 in ms, calls/s",
        [
            "method",
            "callers",
            "p50",
            "p95",
            "p99",
            "calls/s",
            "errors",
            "floor p50",
            "floor p99",
            "floor calls/s",
            "p50 / floor",
            "p99 / floor p50",
            "server RSS MiB",
        ],
    )
    for measured, floor in results:
        table.rows.append(
            [
                measured.name,
                measured.concurrency,
                measured.percentile(50),
                measured.percentile(95),
                measured.percentile(99),
                measured.throughput,
                measured.errors,
                floor.percentile(50),
                floor.percentile(99),
                floor.throughput,
                measured.percentile(50) / floor.percentile(50),
                measured.percentile(99) / floor.percentile(50),
                rss.get(measured.concurrency, 0.0),
            ]
        )
    return table


def _plot(results: list[tuple[Latencies, Latencies]], out: Path, name: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for method in ("RecommendExhibitors", "RecommendPurchasers"):
        rows = [(m.concurrency, m.percentile(50), m.throughput) for m, _ in results if m.name == method]
        if rows:
            left.plot([r[0] for r in rows], [r[1] for r in rows], marker="o", label=method)
            right.plot([r[0] for r in rows], [r[2] for r in rows], marker="o", label=method)
    floors = sorted(
        {(f.concurrency, f.percentile(50), f.throughput) for m, f in results if m.name.endswith("rs")}
    )
    left.plot([f[0] for f in floors], [f[1] for f in floors], linestyle="--", label="Health.Check")
    left.set_xscale("log", base=2)
    left.set_xlabel("concurrent callers")
    left.set_ylabel("p50 latency (ms)")
    left.legend()
    right.set_xscale("log", base=2)
    right.set_xlabel("concurrent callers")
    right.set_ylabel("calls per second")
    right.legend()
    fig.tight_layout()
    fig.savefig(out / name, dpi=110)
    plt.close(fig)
    return name


def run(
    out: Path,
    quick: bool,
    *,
    home: Path | None = None,
    processes: tuple[int, ...] = (1, 2),
    seconds: float | None = None,
    concurrencies: tuple[int, ...] = (1, 8, 32),
) -> Section:
    """The end-to-end section: each process count, method and concurrency, next to Health.Check."""
    market = Market(2000, 2000) if quick else Market(5000, 100_000)
    duration = seconds if seconds is not None else (10.0 if quick else 30.0)
    root = home or Path("var") / "bench" / market.name
    env = prepare_database(root, market)
    purchasers, exhibitors = subject_ids(root)
    section = Section(
        f"End to end over gRPC ({market.exhibitors:,} exhibitors, {market.purchasers:,} purchasers)",
        notes=[
            f"`matchmaker serve` on SQLite, {duration:.0f} s per run, limit 20, no contact cards; "
            "the load client (asyncio, one channel per caller, in the benchmark process) shares the "
            "machine's cores with the server. Health.Check is the floor, measured by the same client "
            "right before each run."
        ],
    )
    for count in processes:
        server = Server(env, count)
        server.start()
        try:
            rss: dict[int, float] = {}
            results: list[tuple[Latencies, Latencies]] = []
            for concurrency in concurrencies:
                pair = run_load(server.address, purchasers, exhibitors, [concurrency], duration)
                rss[concurrency] = server.rss_mib()
                results += pair
        finally:
            server.stop()
        results.sort(key=lambda r: (r[0].name, r[0].concurrency))
        section.tables.append(_table(results, rss, count))
        section.plots.append(_plot(results, out, f"e2e-{count}proc.png"))
        section.data[f"processes_{count}"] = [
            {
                "method": m.name,
                "callers": m.concurrency,
                "p50_ms": m.percentile(50),
                "p95_ms": m.percentile(95),
                "p99_ms": m.percentile(99),
                "throughput": m.throughput,
                "errors": m.errors,
                "floor_p50_ms": f.percentile(50),
                "floor_throughput": f.throughput,
            }
            for m, f in results
        ]
    return section
