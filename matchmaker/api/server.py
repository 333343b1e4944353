"""The grpc.aio server: services, health, reflection, interceptors, TLS, metrics and graceful shutdown.

Start-up order (docs/operations.md, "Health"): the port opens with every health status NOT_SERVING
and matchmaker.v1 calls answered UNAVAILABLE; the catalogs are built; then SERVING and the ready
line. On SIGTERM the health turns NOT_SERVING first, then in-flight calls drain. SIGHUP re-reads
the tokens file.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1._async import HealthServicer
from grpc_reflection.v1alpha import reflection

from matchmaker.api import servicers
from matchmaker.api._gen.matchmaker.v1 import (
    match_service_pb2,
    match_service_pb2_grpc,
    operations_service_pb2,
    operations_service_pb2_grpc,
    privacy_service_pb2,
    privacy_service_pb2_grpc,
    profile_service_pb2,
    profile_service_pb2_grpc,
)
from matchmaker.api.auth import ReloadableTokens, TokenLookup, TokenTable, tokens_path
from matchmaker.api.interceptors import (
    AuthInterceptor,
    ErrorInterceptor,
    Readiness,
    ReadinessInterceptor,
    RequestIdInterceptor,
)
from matchmaker.api.metrics import Metrics, MetricsEndpoint, MetricsInterceptor
from matchmaker.api.operations import OperationsServicer
from matchmaker.api.rate_limit import RateLimiter
from matchmaker.api.tls import server_credentials
from matchmaker.config import Settings
from matchmaker.domain import AuditAction
from matchmaker.runtime import Runtime
from matchmaker.storage.audit import AuditRepository

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider

log = logging.getLogger(__name__)

OPERATIONS_SERVICE = operations_service_pb2.DESCRIPTOR.services_by_name["OperationsService"].full_name
SERVICE_NAMES = (
    profile_service_pb2.DESCRIPTOR.services_by_name["ProfileService"].full_name,
    match_service_pb2.DESCRIPTOR.services_by_name["MatchService"].full_name,
    privacy_service_pb2.DESCRIPTOR.services_by_name["PrivacyService"].full_name,
    OPERATIONS_SERVICE,
)
_SERVING = health_pb2.HealthCheckResponse.SERVING
_NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


class Service:
    """A started server with its health servicer, worker pool and (when on) metrics endpoint."""

    def __init__(
        self,
        server: grpc.aio.Server,
        port: int,
        health: HealthServicer,
        executor: ThreadPoolExecutor,
        readiness: Readiness | None = None,
        metrics: Metrics | None = None,
        metrics_endpoint: MetricsEndpoint | None = None,
    ):
        self.server = server
        self.port = port
        self.health = health
        self.executor = executor
        self.readiness = readiness or Readiness(ready=True)
        self.metrics = metrics
        self.metrics_endpoint = metrics_endpoint
        self.health_status = "SERVING" if self.readiness.ready else "NOT_SERVING"

    async def set_ready(self) -> None:
        """The catalogs are built: take calls, and say SERVING."""
        self.readiness.ready = True
        for name in ("", *SERVICE_NAMES):
            await self.health.set(name, _SERVING)
        self.health_status = "SERVING"

    async def stop(self, grace: float) -> None:
        """NOT_SERVING first, then refuse new calls and let in-flight ones finish within ``grace`` seconds."""
        self.health_status = "NOT_SERVING"
        await self.health.enter_graceful_shutdown()
        await self.server.stop(grace)
        self.executor.shutdown(wait=True)
        if self.metrics_endpoint is not None:
            self.metrics_endpoint.close()


def tracer_provider(settings: Settings) -> TracerProvider | None:
    """The OpenTelemetry provider for ``MATCHMAKER_TRACING`` (None when off).

    ``console`` writes spans to stderr; ``otlp`` exports them with the standard
    ``OTEL_EXPORTER_OTLP_*`` variables (endpoint, headers, certificate). ``OTEL_SERVICE_NAME``
    names the service (default ``matchmaker``).
    """
    if settings.tracing == "off":
        return None
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter

    name = os.environ.get("OTEL_SERVICE_NAME") or "matchmaker"
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    exporter: SpanExporter
    if settings.tracing == "console":
        exporter = ConsoleSpanExporter()
    else:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        exporter = OTLPSpanExporter()
    provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


async def create_server(
    settings: Settings,
    address: str,
    runtime: Runtime,
    tokens: TokenLookup,
    *,
    ready: bool = True,
    tracing: TracerProvider | None = None,
) -> Service:
    """Build and start the server on ``address`` (port 0 picks a free one).

    With ``ready=False`` the port opens NOT_SERVING (matchmaker.v1 calls get UNAVAILABLE) until
    :meth:`Service.set_ready`. Metrics are on when ``MATCHMAKER_METRICS_LISTEN`` is set; spans when
    ``tracing`` (or ``MATCHMAKER_TRACING``) gives a tracer provider.
    """
    credentials = server_credentials(settings)  # a bad certificate file fails before anything starts
    executor = ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="matchmaker")
    limit = settings.max_message_bytes
    readiness = Readiness(ready=ready)
    metrics = Metrics(runtime) if settings.metrics_listen else None
    limiter = RateLimiter(settings.rate_limit_per_client) if settings.rate_limit_per_client > 0 else None
    interceptors: list[grpc.aio.ServerInterceptor] = []
    provider = tracing or tracer_provider(settings)
    if provider is not None:
        from opentelemetry.instrumentation.grpc import aio_server_interceptor

        interceptors.append(aio_server_interceptor(tracer_provider=provider))  # type: ignore[no-untyped-call]
    if metrics is not None:
        interceptors.append(MetricsInterceptor(metrics))
    interceptors += [
        RequestIdInterceptor(),
        ErrorInterceptor(),
        ReadinessInterceptor(readiness, exempt=(OPERATIONS_SERVICE,)),
        AuthInterceptor(tokens, limiter),
    ]
    server = grpc.aio.server(
        interceptors=interceptors,
        options=[
            ("grpc.max_receive_message_length", limit),
            ("grpc.max_send_message_length", limit),
            ("grpc.so_reuseport", 1 if settings.reuse_port else 0),
        ],
    )
    calls = servicers.make_calls(runtime.engine, executor, AuditRepository(runtime.db))
    profile_service_pb2_grpc.add_ProfileServiceServicer_to_server(servicers.ProfileServicer(calls), server)
    match_service_pb2_grpc.add_MatchServiceServicer_to_server(servicers.MatchServicer(calls), server)
    privacy_service_pb2_grpc.add_PrivacyServiceServicer_to_server(servicers.PrivacyServicer(calls), server)
    health = HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health, server)
    service_box: list[Service] = []
    operations = OperationsServicer(
        settings, runtime, lambda: service_box[0].health_status, datetime.now(UTC)
    )
    operations_service_pb2_grpc.add_OperationsServiceServicer_to_server(operations, server)
    reflection.enable_server_reflection(
        (*SERVICE_NAMES, health_pb2.DESCRIPTOR.services_by_name["Health"].full_name, reflection.SERVICE_NAME),
        server,
    )
    if credentials is None:
        port = server.add_insecure_port(address)
    else:
        port = server.add_secure_port(address, credentials)
    if port == 0:
        raise OSError(f"could not listen on {address}")
    for name in ("", *SERVICE_NAMES):
        await health.set(name, _SERVING if ready else _NOT_SERVING)
    # The metrics port first: a port in use fails the start before the gRPC port opens.
    endpoint = MetricsEndpoint(metrics, settings.metrics_listen) if metrics is not None else None
    await server.start()
    service = Service(server, port, health, executor, readiness, metrics, endpoint)
    service_box.append(service)
    return service


def bound_address(address: str, port: int) -> str:
    """The address with the port the server actually bound."""
    host = address.rpartition(":")[0]
    return f"{host}:{port}"


async def _purge_periodically(settings: Settings, runtime: Runtime, service: Service) -> None:
    """Delete records past their retention period, at start and then every interval (audited)."""
    loop = asyncio.get_running_loop()
    audit = AuditRepository(runtime.db)

    def purge() -> None:
        report = runtime.engine.purge()
        detail: dict[str, int | str] = {
            "decisions": report.decisions,
            "feedback": report.feedback,
            "notices": report.notices,
            "disclosures": report.disclosures,
        }
        audit.append("server", AuditAction.PURGE, [], datetime.now(UTC), detail)

    while True:
        try:
            await loop.run_in_executor(service.executor, purge)
        except Exception as exc:  # a failed purge is retried at the next interval
            log.error("retention purge failed: %s", type(exc).__name__)
        await asyncio.sleep(settings.purge_interval_seconds)


async def serve_until_signalled(
    settings: Settings,
    runtime: Runtime,
    tokens: TokenTable,
    *,
    prepare: Callable[[], Any] | None = None,
) -> None:
    """Serve until SIGTERM or SIGINT, then shut down gracefully; SIGHUP re-reads the tokens file.

    The port opens NOT_SERVING; ``prepare`` (building the catalogs, loading the model) runs on a
    worker while health probes get their answer; then SERVING and the ready line. With metrics on,
    the ``metrics http://HOST:PORT/metrics`` line comes before the ready line.
    """
    source = ReloadableTokens(tokens_path(settings.tokens_file, settings.data_dir), tokens)
    if settings.reuse_port and prepare is not None:
        # One of several processes on one port: the kernel hands new connections to every open
        # socket, health or not, so this one opens its port only once it can serve.
        await asyncio.get_running_loop().run_in_executor(None, prepare)
        prepare = None
    service = await create_server(settings, settings.listen, runtime, source, ready=prepare is None)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    loop.add_signal_handler(signal.SIGHUP, source.reload)
    if service.metrics_endpoint is not None:
        print(f"metrics {service.metrics_endpoint.url}", flush=True)
    if prepare is not None:
        await loop.run_in_executor(service.executor, prepare)
    purger: asyncio.Task[None] | None = None
    if not stop.is_set():
        await service.set_ready()
        purger = asyncio.create_task(_purge_periodically(settings, runtime, service))
        print(f"ready {bound_address(settings.listen, service.port)}", flush=True)
        await stop.wait()
    if purger is not None:
        purger.cancel()
    log.info("shutting down: NOT_SERVING, finishing in-flight calls")
    await service.stop(settings.shutdown_grace_seconds)
    runtime.engine.save_index()
    runtime.close()
    log.info("stopped")
