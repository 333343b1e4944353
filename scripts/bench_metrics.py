"""What the metrics cost: RecommendExhibitors throughput with and without metrics, in one run.

Not a test: it prints figures. It imports the demo fixtures into a temporary SQLite database (with
a hashing embedder, so no model is loaded; recommendations for stored subjects embed nothing), then
starts two servers on the same runtime in this process, one with ``MATCHMAKER_METRICS_LISTEN`` (the
interceptor on every call, domain counters, and the ``/metrics`` endpoint scraped every
``--scrape`` seconds, far more often than Prometheus's usual 15 s) and one without. Rounds alternate
between them (A B A B ...) so that load from elsewhere on a shared machine falls on both alike; each
round sends ``--concurrency`` RecommendExhibitors calls at a time over a real channel for
``--seconds`` seconds, to random purchasers. It prints calls per second of each round, the median
of each side and the relative cost.

    .venv/bin/python scripts/bench_metrics.py [--rounds 4] [--seconds 5] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import grpc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matchmaker.api._gen.matchmaker.v1 import match_service_pb2, match_service_pb2_grpc  # noqa: E402
from matchmaker.api.auth import load_tokens  # noqa: E402
from matchmaker.api.metrics import Metrics  # noqa: E402
from matchmaker.api.server import Service, create_server  # noqa: E402
from matchmaker.importer import import_file  # noqa: E402
from matchmaker.runtime import Runtime, open_runtime  # noqa: E402
from tests.support import FIXTURES, PORTAL_TOKEN, HashingEmbedder, make_settings  # noqa: E402


async def round_of_calls(port: int, subjects: list[str], seconds: float, concurrency: int) -> int:
    """Calls completed in ``seconds`` with ``concurrency`` in flight."""
    done = 0
    deadline = time.perf_counter() + seconds
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = match_service_pb2_grpc.MatchServiceStub(channel)
        rng = random.Random(port)

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < deadline:
                subject = rng.choice(subjects)
                await stub.RecommendExhibitors(
                    match_service_pb2.RecommendRequest(subject_id=subject, limit=10),
                    metadata=(("authorization", f"Bearer {PORTAL_TOKEN}"), ("x-matchmaker-user", subject)),
                    timeout=30,
                )
                done += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done


async def scraper(url: str, every: float, stop: asyncio.Event) -> int:
    """Scrape ``url`` every ``every`` seconds until ``stop``; how many scrapes."""
    scrapes = 0
    while not stop.is_set():
        await asyncio.to_thread(lambda: urllib.request.urlopen(url, timeout=10).read())
        scrapes += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)
    return scrapes


class _Context:
    """The one ServicerContext method the metrics wrapper asks: no status set, as after a success."""

    def code(self) -> None:
        return None


async def wrapper_overhead(calls: int = 20_000) -> float:
    """Seconds of CPU the metrics wrapper adds to one RecommendExhibitors call (a ten-item answer)."""
    answer = match_service_pb2.RecommendResponse(
        personalized=True, items=[match_service_pb2.RecommendedItem(rank=i) for i in range(10)]
    )
    request = match_service_pb2.RecommendRequest(subject_id="pur-00001")

    async def behaviour(_request: object, _context: object) -> match_service_pb2.RecommendResponse:
        return answer

    handler = grpc.unary_unary_rpc_method_handler(behaviour)
    wrapped = Metrics().wrap(handler, "/matchmaker.v1.MatchService/RecommendExhibitors").unary_unary
    context = _Context()
    best = {}
    for name, fn in (("plain", behaviour), ("wrapped", wrapped)):
        runs = []
        for _ in range(3):
            began = time.process_time()
            for _ in range(calls):
                await fn(request, context)
            runs.append((time.process_time() - began) / calls)
        best[name] = min(runs)
    return best["wrapped"] - best["plain"]


async def bench(runtime: Runtime, folder: Path, args: argparse.Namespace) -> None:
    plain_settings = make_settings(folder)
    metrics_settings = make_settings(folder, metrics_listen="127.0.0.1:0")
    tokens, _ = load_tokens(plain_settings.tokens_file, plain_settings.data_dir)
    plain: Service = await create_server(plain_settings, "127.0.0.1:0", runtime, tokens)
    measured: Service = await create_server(metrics_settings, "127.0.0.1:0", runtime, tokens)
    assert measured.metrics_endpoint is not None
    assert plain.metrics_endpoint is None
    subjects = [f"pur-{i:05d}" for i in range(1, 2101)]
    await round_of_calls(plain.port, subjects, 1.0, args.concurrency)  # warm both up
    await round_of_calls(measured.port, subjects, 1.0, args.concurrency)
    rates: dict[str, list[float]] = {"without": [], "with": []}
    scrapes = 0
    cpu_without, calls_without = 0.0, 0
    for number in range(args.rounds):
        for side in ("without", "with") if number % 2 == 0 else ("with", "without"):
            stop = asyncio.Event()
            task = (
                asyncio.create_task(scraper(measured.metrics_endpoint.url, args.scrape, stop))
                if side == "with"
                else None
            )
            port = measured.port if side == "with" else plain.port
            cpu_began = time.process_time()
            calls = await round_of_calls(port, subjects, args.seconds, args.concurrency)
            if side == "without":
                cpu_without += time.process_time() - cpu_began
                calls_without += calls
            stop.set()
            if task is not None:
                scrapes += await task
            rates[side].append(calls / args.seconds)
            print(f"round {number + 1} {side:7} metrics: {calls / args.seconds:7.1f} calls/s", flush=True)
    without, with_ = statistics.median(rates["without"]), statistics.median(rates["with"])
    print(f"median without metrics: {without:.1f} calls/s")
    print(f"median with metrics:    {with_:.1f} calls/s ({scrapes} scrapes, one every {args.scrape:g} s)")
    print(f"measured cost of metrics: {(without - with_) / without:+.1%} of RecommendExhibitors throughput")
    # The same cost from its parts, which load elsewhere on the machine does not blur: CPU the
    # wrapper adds per call, and CPU of one scrape (every sample, one database query).
    per_call = await wrapper_overhead()
    began = time.process_time()
    for _ in range(20):
        await asyncio.to_thread(
            lambda: urllib.request.urlopen(measured.metrics_endpoint.url, timeout=10).read()
        )
    per_scrape = (time.process_time() - began) / 20
    # CPU of this process per call without metrics (server and the in-process client together).
    cpu_per_call = cpu_without / calls_without
    share = (per_call + per_scrape / args.scrape / without) / cpu_per_call
    print(f"metrics wrapper: {per_call * 1e6:.1f} us of CPU per call")
    print(f"one scrape: {per_scrape * 1e3:.2f} ms of CPU (client and server in this process)")
    print(
        f"cost from the parts: {share:.3%} of the {cpu_per_call * 1e3:.1f} ms of CPU a RecommendExhibitors "
        f"call takes here, scraped every {args.scrape:g} s"
    )
    await plain.stop(0)
    await measured.stop(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=4, help="rounds per side, alternating")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of a round")
    parser.add_argument("--concurrency", type=int, default=8, help="calls in flight")
    parser.add_argument("--scrape", type=float, default=1.0, help="seconds between scrapes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        runtime = open_runtime(make_settings(folder), embedder=HashingEmbedder())
        for name in ("exhibitors.jsonl", "purchasers.jsonl"):
            import_file(runtime.engine, FIXTURES / name)
        print(f"imported {runtime.profiles.count()} profiles", flush=True)
        try:
            asyncio.run(bench(runtime, folder, args))
        finally:
            runtime.close()


if __name__ == "__main__":
    main()
