"""The portal backend's side of the gRPC API: one channel, the portal token, the acting user.

Every call goes out as a real portal backend would send it: ``authorization: Bearer <portal
token>`` and ``x-matchmaker-user: <the signed-in user>``. The acting user always comes from the
session, never from a URL, so a user who edits an address cannot act as someone else (and the
service would refuse it anyway).
"""

from __future__ import annotations

from dataclasses import dataclass

import grpc
from google.rpc import error_details_pb2  # type: ignore[import-untyped]
from grpc_status import rpc_status

from matchmaker.api._gen.matchmaker.v1 import (
    match_service_pb2_grpc,
    privacy_service_pb2_grpc,
    profile_service_pb2_grpc,
)

#: Seconds a page waits for one call before it says the service is slow.
CALL_TIMEOUT = 20.0


@dataclass(frozen=True)
class ApiProblem:
    """A failed call as a page shows it: the status name, the service's words, each bad field."""

    code: str
    details: str
    violations: tuple[tuple[str, str], ...]

    @classmethod
    def from_error(cls, exc: grpc.aio.AioRpcError) -> ApiProblem:
        """Read the status, its details and any ``google.rpc.BadRequest`` field violations."""
        found: list[tuple[str, str]] = []
        status = rpc_status.from_call(exc)
        for detail in status.details if status is not None else ():
            if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad = error_details_pb2.BadRequest()
                detail.Unpack(bad)
                found += [(v.field, v.description) for v in bad.field_violations]
        return cls(exc.code().name, exc.details() or "", tuple(found))


class PortalClient:
    """The three service stubs over one channel, with the portal token on every call."""

    def __init__(self, target: str, token: str) -> None:
        self.target = target
        self._token = token
        self._channel: grpc.aio.Channel | None = None

    def open(self) -> None:
        """Open the channel (inside the event loop that will use it)."""
        self._channel = grpc.aio.insecure_channel(self.target)
        self.profiles = profile_service_pb2_grpc.ProfileServiceStub(self._channel)
        self.matches = match_service_pb2_grpc.MatchServiceStub(self._channel)
        self.privacy = privacy_service_pb2_grpc.PrivacyServiceStub(self._channel)

    async def close(self) -> None:
        """Close the channel."""
        if self._channel is not None:
            await self._channel.close()
            self._channel = None

    def metadata(self, user: str) -> tuple[tuple[str, str], ...]:
        """The metadata of a call made on behalf of ``user``."""
        return (("authorization", f"Bearer {self._token}"), ("x-matchmaker-user", user))
