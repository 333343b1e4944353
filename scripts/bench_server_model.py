"""grpc.aio with a worker pool (what ``matchmaker serve`` runs) against the sync gRPC server.

Issue 10 asks to compare the two and keep the faster. Both servers answer one unary method whose
handler holds the GIL for a given amount of CPU (a Python loop, as ranking does), on a pool of the
same size; the sync server runs the handler on its own thread pool, the aio server awaits it on
``run_in_executor`` as ``matchmaker.api.servicers`` does. Each runs in a process of its own; the load
client (asyncio, one connection per caller, as ``matchmaker bench``'s) runs in this one.

    .venv/bin/python scripts/bench_server_model.py [--seconds 10] [--work-ms 0,5,25] [--callers 1,8,32]

Prints one Markdown table: calls/s, p50 and p99 per server model, handler CPU and callers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import grpc

_METHOD = "/bench.Work/Run"


def _burn(work_ms: float) -> bytes:
    """Hold the GIL for about ``work_ms`` of CPU (thread time), like a ranking in Python."""
    end = time.thread_time() + work_ms / 1000.0
    total = 0
    while time.thread_time() < end:
        for i in range(200):
            total += i * i
    return total.to_bytes(8, "little", signed=False)[:8]


def _sync_server(port: int, workers: int, work_ms: float) -> None:
    def run(_request: bytes, _context: grpc.ServicerContext) -> bytes:
        return _burn(work_ms)

    handler = grpc.method_handlers_generic_handler(
        "bench.Work", {"Run": grpc.unary_unary_rpc_method_handler(run)}
    )
    server = grpc.server(ThreadPoolExecutor(max_workers=workers), handlers=[handler])
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    print("ready", flush=True)
    server.wait_for_termination()


def _aio_server(port: int, workers: int, work_ms: float) -> None:
    executor = ThreadPoolExecutor(max_workers=workers)

    async def run(_request: bytes, _context: grpc.aio.ServicerContext[bytes, bytes]) -> bytes:
        return await asyncio.get_running_loop().run_in_executor(executor, _burn, work_ms)

    async def serve() -> None:
        handler = grpc.method_handlers_generic_handler(
            "bench.Work", {"Run": grpc.unary_unary_rpc_method_handler(run)}
        )
        server = grpc.aio.server(handlers=[handler])
        server.add_insecure_port(f"127.0.0.1:{port}")
        await server.start()
        print("ready", flush=True)
        await server.wait_for_termination()

    asyncio.run(serve())


async def _load(address: str, callers: int, seconds: float) -> tuple[float, list[float], int]:
    channels = [
        grpc.aio.insecure_channel(address, options=[("grpc.use_local_subchannel_pool", 1)])
        for _ in range(callers)
    ]
    samples: list[float] = []
    errors = 0
    for channel in channels:
        await channel.channel_ready()
    deadline = time.perf_counter() + seconds

    async def caller(channel: Any) -> None:
        nonlocal errors
        rpc = channel.unary_unary(_METHOD)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                await rpc(b"x", timeout=60)
            except grpc.aio.AioRpcError:
                errors += 1
                continue
            samples.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(caller(c) for c in channels))
    elapsed = time.perf_counter() - started
    for channel in channels:
        await channel.close()
    return elapsed, samples, errors


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--work-ms", default="0,5,25")
    parser.add_argument("--callers", default="1,8,32")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--serve", choices=("sync", "aio"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        (_sync_server if args.serve == "sync" else _aio_server)(args.port, args.workers, args.work)
        return 0
    print(f"{os.cpu_count()} cores, {args.workers} workers per server, {args.seconds:.0f} s per run")
    print()
    print("| handler CPU ms | callers | server | calls/s | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|---|---|")
    port = 50600
    for work in (float(w) for w in args.work_ms.split(",")):
        for callers in (int(c) for c in args.callers.split(",")):
            for model in ("aio", "sync"):
                port += 1
                server = subprocess.Popen(
                    [
                        sys.executable,
                        __file__,
                        "--serve",
                        model,
                        "--port",
                        str(port),
                        "--workers",
                        str(args.workers),
                        "--work",
                        str(work),
                    ],
                    stdout=subprocess.PIPE,
                    text=True,
                )
                try:
                    assert server.stdout is not None
                    if server.stdout.readline().strip() != "ready":
                        raise RuntimeError(f"the {model} server did not start")
                    elapsed, samples, errors = asyncio.run(_load(f"127.0.0.1:{port}", callers, args.seconds))
                finally:
                    server.terminate()
                    server.wait()
                print(
                    f"| {work:g} | {callers} | {model} | {len(samples) / elapsed:,.1f} | "
                    f"{_percentile(samples, 50):.2f} | {_percentile(samples, 99):.2f} | {errors} |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
