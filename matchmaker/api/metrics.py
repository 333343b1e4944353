"""Prometheus metrics: go-grpc-prometheus's RPC metrics from a grpc.aio interceptor, and domain metrics.

RPC metrics (the names and labels operators' dashboards already know):

- ``grpc_server_started_total{grpc_type,grpc_service,grpc_method}``
- ``grpc_server_handled_total{grpc_type,grpc_service,grpc_method,grpc_code}``
- ``grpc_server_handling_seconds{grpc_type,grpc_service,grpc_method}`` (histogram)

``py-grpc-prometheus`` does not support grpc.aio. The ``grpcio-observability`` 1.85 plugin, tried
on our generated servicers, does label their methods (``grpc.method=matchmaker.v1.MatchService/...``:
the generated code registers its methods), but its instruments are OpenTelemetry's gRPC metrics
(``grpc.server.call.started``, ``grpc.server.call.duration{grpc.method,grpc.status}``), not the
go-grpc-prometheus names and labels the contract fixes, and it is process-global. So this module
wraps every handler itself. Domain metrics are read at scrape time (catalog sizes, change-log
position and lag, the decision-log queue, embedding-cache hits and misses) or counted from the
answers the API sends (decisions, recommendations by mode, redactions by kind, erasures). No label
carries a user id, name or number: labels are methods, codes, sides, modes and redaction kinds.
Served on ``MATCHMAKER_METRICS_LISTEN`` at ``/metrics`` (docs/operations.md, "Metrics").
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from threading import Thread
from typing import Any, TypeVar, cast
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import grpc
from prometheus_client import CollectorRegistry, Counter, Histogram, make_wsgi_app
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

from matchmaker.api._gen.matchmaker.v1 import common_pb2, match_service_pb2
from matchmaker.domain import Role
from matchmaker.runtime import Runtime

_Req = TypeVar("_Req")
_Resp = TypeVar("_Resp")

_OK = grpc.StatusCode.OK.name
_CODE_NAMES = {code.value[0]: code.name for code in grpc.StatusCode}

_RECOMMEND = {
    "/matchmaker.v1.MatchService/RecommendExhibitors": "purchaser_to_exhibitors",
    "/matchmaker.v1.MatchService/RecommendPurchasers": "exhibitor_to_purchasers",
}
_ERASURE = {"/matchmaker.v1.PrivacyService/ErasePersonalData", "/matchmaker.v1.ProfileService/DeleteProfile"}
_CARD = "/matchmaker.v1.PrivacyService/GetContactCard"


def _grpc_type(handler: grpc.RpcMethodHandler[Any, Any]) -> str:
    if handler.request_streaming:
        return "bidi_stream" if handler.response_streaming else "client_stream"
    return "server_stream" if handler.response_streaming else "unary"


def _code_of(context: grpc.aio.ServicerContext[Any, Any], failure: BaseException | None) -> str:
    """The status the call ended with, as go-grpc-prometheus names it."""
    code = context.code()
    if code is not None:
        if isinstance(code, grpc.StatusCode):
            return code.name
        return _CODE_NAMES.get(int(code), grpc.StatusCode.UNKNOWN.name)
    if failure is None:
        return _OK
    if isinstance(failure, grpc.aio.AbortError):  # pragma: no cover - abort always sets the code
        return grpc.StatusCode.UNKNOWN.name
    if isinstance(failure, (KeyboardInterrupt, SystemExit)):
        return grpc.StatusCode.UNKNOWN.name
    return grpc.StatusCode.CANCELLED.name if _is_cancel(failure) else grpc.StatusCode.UNKNOWN.name


def _is_cancel(failure: BaseException) -> bool:
    return isinstance(failure, asyncio.CancelledError)


@dataclass
class _MethodMetrics:
    started: Any
    seconds: Any
    handled: dict[str, Any]
    labels: tuple[str, str, str]


class Metrics:
    """The registry of one server: RPC metrics, domain counters and the scrape-time collector."""

    def __init__(self, runtime: Runtime | None = None) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        labels = ("grpc_type", "grpc_service", "grpc_method")
        self._started = Counter(
            "grpc_server_started_total",
            "Total number of RPCs started on the server.",
            labels,
            registry=self.registry,
        )
        self._handled = Counter(
            "grpc_server_handled_total",
            "Total number of RPCs completed on the server, regardless of success or failure.",
            (*labels, "grpc_code"),
            registry=self.registry,
        )
        self._seconds = Histogram(
            "grpc_server_handling_seconds",
            "Histogram of response latency (seconds) of gRPC that had been application-level handled "
            "by the server.",
            labels,
            registry=self.registry,
        )
        self.decisions = Counter(
            "matchmaker_decisions_recorded_total",
            "Recommendation decisions recorded (first pages; later pages read a stored decision).",
            ("direction",),
            registry=self.registry,
        )
        self.recommendations = Counter(
            "matchmaker_recommendations_total",
            "Recommendation pages served, by direction and whether they were personalised.",
            ("direction", "personalized"),
            registry=self.registry,
        )
        self.redactions = Counter(
            "matchmaker_redactions_total",
            "Values removed from contact cards that left the service, by identifier kind.",
            ("kind",),
            registry=self.registry,
        )
        self.erasures = Counter(
            "matchmaker_erasures_total",
            "Profiles erased (ErasePersonalData or DeleteProfile).",
            registry=self.registry,
        )
        self._methods: dict[str, _MethodMetrics] = {}
        if runtime is not None:
            self.registry.register(_DomainCollector(runtime))

    def _for(self, method: str, grpc_type: str) -> _MethodMetrics:
        found = self._methods.get(method)
        if found is None:
            service, _, name = method.lstrip("/").rpartition("/")
            labels = (grpc_type, service, name)
            found = _MethodMetrics(self._started.labels(*labels), self._seconds.labels(*labels), {}, labels)
            self._methods[method] = found
        return found

    def _finish(self, metrics: _MethodMetrics, code: str, began: float) -> None:
        handled = metrics.handled.get(code)
        if handled is None:
            handled = metrics.handled[code] = self._handled.labels(*metrics.labels, code)
        handled.inc()
        metrics.seconds.observe(time.perf_counter() - began)

    def observe_answer(self, method: str, request: Any, response: Any) -> None:
        """Count the domain events visible in a successful answer."""
        direction = _RECOMMEND.get(method)
        if direction is not None and isinstance(response, match_service_pb2.RecommendResponse):
            self.recommendations.labels(direction, "true" if response.personalized else "false").inc()
            if not getattr(request, "page_token", ""):
                self.decisions.labels(direction).inc()
            for item in response.items:
                if item.HasField("contact_card"):
                    self._count_redactions(item.contact_card)
        elif method == _CARD and isinstance(response, common_pb2.SharedContactCard):
            self._count_redactions(response)
        elif method in _ERASURE:
            self.erasures.inc()

    def _count_redactions(self, card: common_pb2.SharedContactCard) -> None:
        for redaction in card.redactions:
            self.redactions.labels(redaction.kind).inc()

    def wrap(
        self, handler: grpc.RpcMethodHandler[_Req, _Resp], method: str
    ) -> grpc.RpcMethodHandler[_Req, _Resp]:
        """The handler with its calls counted and timed."""
        grpc_type = _grpc_type(handler)
        metrics = self._for(method, grpc_type)
        ser: dict[str, Any] = {
            "request_deserializer": handler.request_deserializer,
            "response_serializer": handler.response_serializer,
        }
        if not handler.response_streaming:
            behavior = cast(
                Callable[[Any, Any], Awaitable[Any]],
                handler.stream_unary if handler.request_streaming else handler.unary_unary,
            )

            async def unary_answer(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                metrics.started.inc()
                began = time.perf_counter()
                failure: BaseException | None = None
                try:
                    response = await behavior(request, context)
                    self.observe_answer(method, request, response)
                    return response
                except BaseException as exc:
                    failure = exc
                    raise
                finally:
                    self._finish(metrics, _code_of(context, failure), began)

            factory = (
                grpc.stream_unary_rpc_method_handler
                if handler.request_streaming
                else grpc.unary_unary_rpc_method_handler
            )
            return cast("grpc.RpcMethodHandler[_Req, _Resp]", factory(unary_answer, **ser))
        streaming = cast(
            Callable[[Any, Any], Any],
            handler.stream_stream if handler.request_streaming else handler.unary_stream,
        )
        stream_factory = (
            grpc.stream_stream_rpc_method_handler
            if handler.request_streaming
            else grpc.unary_stream_rpc_method_handler
        )
        if inspect.isasyncgenfunction(streaming):

            async def generated(
                request: Any, context: grpc.aio.ServicerContext[Any, Any]
            ) -> AsyncIterator[Any]:
                metrics.started.inc()
                began = time.perf_counter()
                failure: BaseException | None = None
                try:
                    async for message in streaming(request, context):
                        yield message
                except BaseException as exc:
                    failure = exc
                    raise
                finally:
                    self._finish(metrics, _code_of(context, failure), began)

            return cast("grpc.RpcMethodHandler[_Req, _Resp]", stream_factory(generated, **ser))

        async def written(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            # A streaming behaviour that writes with context.write (grpc.health's Watch does).
            metrics.started.inc()
            began = time.perf_counter()
            failure: BaseException | None = None
            try:
                return await streaming(request, context)
            except BaseException as exc:
                failure = exc
                raise
            finally:
                self._finish(metrics, _code_of(context, failure), began)

        return cast("grpc.RpcMethodHandler[_Req, _Resp]", stream_factory(written, **ser))


class MetricsInterceptor(grpc.aio.ServerInterceptor):
    """Counts and times every call of every service (health and reflection included)."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[_Req, _Resp] | None]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[_Req, _Resp] | None:
        """Wrap the handler, if there is one (an unknown method is left to gRPC's UNIMPLEMENTED)."""
        handler = await continuation(handler_call_details)
        if handler is None:
            return None
        return self._metrics.wrap(handler, handler_call_details.method)


class _DomainCollector(Collector):
    """State read at scrape time: catalogs, change log, decision-log queue, embedding cache."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime

    def describe(self) -> list[Any]:
        """Nothing up front: the families are built at each scrape."""
        return []

    def collect(self) -> Iterator[Any]:
        """One sample of each gauge and cache counter."""
        runtime = self._runtime
        matcher = runtime.engine.matcher
        sizes = GaugeMetricFamily(
            "matchmaker_catalog_profiles", "Profiles in the in-memory catalog of each side.", labels=["side"]
        )
        for role in (Role.EXHIBITOR, Role.PURCHASER):
            sizes.add_metric([role.name.lower()], float(len(matcher.catalog(role))))
        yield sizes
        latest = runtime.profiles.last_change()
        indexed = matcher.position
        yield _gauge("matchmaker_change_position", "Latest position of the database's change log.", latest)
        yield _gauge("matchmaker_indexed_position", "Change-log position the catalogs reflect.", indexed)
        yield _gauge(
            "matchmaker_change_lag",
            "Changes in the database not yet in the catalogs.",
            max(0, latest - indexed),
        )
        yield _gauge(
            "matchmaker_decision_log_queue_depth",
            "Decisions waiting for the group-commit writer.",
            runtime.repositories.decisions.pending(),
        )
        embedder = runtime.embedder
        yield _counter(
            "matchmaker_embedding_cache_hits", "Texts found in the embedding cache.", embedder.hits
        )
        yield _counter(
            "matchmaker_embedding_cache_misses",
            "Texts embedded because the cache lacked them.",
            embedder.misses,
        )


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=float(value))


def _counter(name: str, documentation: str, value: float) -> CounterMetricFamily:
    return CounterMetricFamily(name, documentation, value=float(value))


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Scrapes are not logged (one line every few seconds would drown the log)."""


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class MetricsEndpoint:
    """``GET /metrics`` in the Prometheus text format, from a thread of its own."""

    def __init__(self, metrics: Metrics, listen: str) -> None:
        host, _, port = listen.rpartition(":")
        metrics_app = make_wsgi_app(metrics.registry)

        def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            if environ.get("PATH_INFO") != "/metrics":
                start_response("404 Not Found", [("Content-Type", "text/plain")])
                return [b"metrics are at /metrics\n"]
            return metrics_app(environ, start_response)

        try:
            self._server = make_server(
                host.strip("[]"),
                int(port),
                app,
                server_class=_ThreadingWSGIServer,
                handler_class=_QuietHandler,
            )
        except OSError as exc:
            raise OSError(f"MATCHMAKER_METRICS_LISTEN: cannot listen on {listen}: {exc.strerror}") from exc
        self.host = host
        self.port = int(self._server.server_port)
        self._thread = Thread(target=self._server.serve_forever, name="metrics", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """Where the metrics are served."""
        return f"http://{self.host}:{self.port}/metrics"

    def close(self) -> None:
        """Stop serving."""
        self._server.shutdown()
        self._server.server_close()
