"""The grpc.aio server: services, health, reflection, interceptors, limits and graceful shutdown."""

from __future__ import annotations

import asyncio
import logging
import signal
from concurrent.futures import ThreadPoolExecutor

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1._async import HealthServicer
from grpc_reflection.v1alpha import reflection

from matchmaker.api import servicers
from matchmaker.api._gen.matchmaker.v1 import (
    match_service_pb2,
    match_service_pb2_grpc,
    privacy_service_pb2,
    privacy_service_pb2_grpc,
    profile_service_pb2,
    profile_service_pb2_grpc,
)
from matchmaker.api.auth import TokenTable
from matchmaker.api.interceptors import AuthInterceptor, ErrorInterceptor
from matchmaker.config import Settings
from matchmaker.runtime import Runtime

log = logging.getLogger(__name__)

SERVICE_NAMES = (
    profile_service_pb2.DESCRIPTOR.services_by_name["ProfileService"].full_name,
    match_service_pb2.DESCRIPTOR.services_by_name["MatchService"].full_name,
    privacy_service_pb2.DESCRIPTOR.services_by_name["PrivacyService"].full_name,
)


class Service:
    """A started server with its health servicer and worker pool."""

    def __init__(
        self, server: grpc.aio.Server, port: int, health: HealthServicer, executor: ThreadPoolExecutor
    ):
        self.server = server
        self.port = port
        self.health = health
        self.executor = executor

    async def stop(self, grace: float) -> None:
        """Refuse new calls, let in-flight calls finish within ``grace`` seconds, then release workers."""
        await self.health.enter_graceful_shutdown()
        await self.server.stop(grace)
        self.executor.shutdown(wait=True)


async def create_server(settings: Settings, address: str, runtime: Runtime, tokens: TokenTable) -> Service:
    """Build and start the server on ``address`` (port 0 picks a free one)."""
    executor = ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="matchmaker")
    limit = settings.max_message_bytes
    server = grpc.aio.server(
        interceptors=[ErrorInterceptor(), AuthInterceptor(tokens)],
        options=[
            ("grpc.max_receive_message_length", limit),
            ("grpc.max_send_message_length", limit),
            ("grpc.so_reuseport", 0),
        ],
    )
    calls = servicers.make_calls(runtime.engine, executor)
    profile_service_pb2_grpc.add_ProfileServiceServicer_to_server(servicers.ProfileServicer(calls), server)
    match_service_pb2_grpc.add_MatchServiceServicer_to_server(servicers.MatchServicer(calls), server)
    privacy_service_pb2_grpc.add_PrivacyServiceServicer_to_server(servicers.PrivacyServicer(calls), server)
    health = HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health, server)
    reflection.enable_server_reflection(
        (*SERVICE_NAMES, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME),
        server,
    )
    port = server.add_insecure_port(address)
    if port == 0:
        raise OSError(f"could not listen on {address}")
    await server.start()
    for name in ("", *SERVICE_NAMES):
        await health.set(name, health_pb2.HealthCheckResponse.SERVING)
    return Service(server, port, health, executor)


def bound_address(address: str, port: int) -> str:
    """The address with the port the server actually bound."""
    host = address.rpartition(":")[0]
    return f"{host}:{port}"


async def _purge_periodically(settings: Settings, runtime: Runtime, service: Service) -> None:
    """Delete records past their retention period, at start and then every interval."""
    loop = asyncio.get_running_loop()
    while True:
        try:
            await loop.run_in_executor(service.executor, runtime.engine.purge)
        except Exception as exc:  # a failed purge is retried at the next interval
            log.error("retention purge failed: %s", type(exc).__name__)
        await asyncio.sleep(settings.purge_interval_seconds)


async def serve_until_signalled(settings: Settings, runtime: Runtime, tokens: TokenTable) -> None:
    """Serve until SIGTERM or SIGINT, then shut down gracefully. Prints the ready line."""
    service = await create_server(settings, settings.listen, runtime, tokens)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    purger = asyncio.create_task(_purge_periodically(settings, runtime, service))
    print(f"ready {bound_address(settings.listen, service.port)}", flush=True)
    await stop.wait()
    purger.cancel()
    log.info("shutting down: finishing in-flight calls")
    await service.stop(settings.shutdown_grace_seconds)
    runtime.engine.save_index()
    runtime.close()
    log.info("stopped")
