"""OperationsService: what operators ask a running server (``matchmaker status``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any

import grpc
from google.protobuf import timestamp_pb2

from matchmaker import __version__
from matchmaker.api._gen.matchmaker.v1 import operations_service_pb2, operations_service_pb2_grpc
from matchmaker.config import Settings
from matchmaker.domain import Role
from matchmaker.runtime import Runtime


class OperationsServicer(operations_service_pb2_grpc.OperationsServiceServicer):
    """GetServerStatus: health, catalog sizes, change-log positions, model and weights versions."""

    def __init__(
        self, settings: Settings, runtime: Runtime, health: Callable[[], str], started_at: datetime
    ) -> None:
        self._settings = settings
        self._runtime = runtime
        self._health = health
        self._started_at = started_at

    async def GetServerStatus(
        self,
        request: operations_service_pb2.GetServerStatusRequest,
        context: grpc.aio.ServicerContext[Any, Any],
    ) -> operations_service_pb2.ServerStatus:
        """The state of this server right now (the change position is one query, off the event loop)."""
        runtime, settings = self._runtime, self._settings
        latest = await asyncio.to_thread(runtime.profiles.last_change)
        matcher = runtime.engine.matcher
        embedder = matcher.embedder.embedder
        started = timestamp_pb2.Timestamp()
        started.FromDatetime(self._started_at)
        return operations_service_pb2.ServerStatus(
            health=self._health(),
            exhibitors=len(matcher.catalog(Role.EXHIBITOR)),
            purchasers=len(matcher.catalog(Role.PURCHASER)),
            change_position=latest,
            indexed_position=matcher.position,
            model_name=embedder.model_name,
            model_version=embedder.model_version,
            weights_version=runtime.engine.weights.version,
            server_version=__version__,
            started_at=started,
            tls=settings.tls_cert_file is not None,
            client_certificates_required=settings.tls_client_ca_file is not None,
            rate_limit_per_client=settings.rate_limit_per_client,
        )
