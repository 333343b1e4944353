"""Authentication, rate limits, readiness, request ids, and the single error-to-status table."""

from __future__ import annotations

import abc
import logging
import re
import traceback
import uuid
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2  # type: ignore[import-untyped]
from grpc_status import rpc_status
from opentelemetry import trace

from matchmaker.api.auth import TokenLookup
from matchmaker.api.rate_limit import RateLimiter
from matchmaker.domain import Caller, CallerRole
from matchmaker.errors import (
    InvalidInput,
    MatchmakerError,
    NotFound,
    PermissionDenied,
    PolicyRefused,
    Unauthenticated,
)
from matchmaker.logcontext import request_id
from matchmaker.validation import id_violation

log = logging.getLogger(__name__)

_Req = TypeVar("_Req")
_Resp = TypeVar("_Resp")

USER_HEADER = "x-matchmaker-user"
REQUEST_ID_HEADER = "x-request-id"
_PLAIN_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
PROTECTED_PREFIX = "/matchmaker.v1."

current_caller: ContextVar[Caller] = ContextVar("current_caller")

_ADMIN = frozenset({CallerRole.ADMIN})
_PORTAL = frozenset({CallerRole.PORTAL})
_BOTH = frozenset({CallerRole.ADMIN, CallerRole.PORTAL})


@dataclass(frozen=True)
class MethodPolicy:
    """Which roles may call a method, and whether portal callers must name the acting user."""

    roles: frozenset[CallerRole]
    user_scoped: bool


# Every matchmaker.v1 method, as docs/api.md's "who" column says. A method missing here is refused.
METHOD_POLICIES: dict[str, MethodPolicy] = {
    "/matchmaker.v1.ProfileService/UpsertProfile": MethodPolicy(_BOTH, True),
    "/matchmaker.v1.ProfileService/BulkUpsertProfiles": MethodPolicy(_ADMIN, False),
    "/matchmaker.v1.ProfileService/GetProfile": MethodPolicy(_BOTH, True),
    "/matchmaker.v1.ProfileService/DeleteProfile": MethodPolicy(_ADMIN, False),
    "/matchmaker.v1.MatchService/RecommendExhibitors": MethodPolicy(_BOTH, True),
    "/matchmaker.v1.MatchService/RecommendPurchasers": MethodPolicy(_BOTH, True),
    "/matchmaker.v1.MatchService/ExplainRecommendation": MethodPolicy(_BOTH, True),
    "/matchmaker.v1.MatchService/RecordFeedback": MethodPolicy(_PORTAL, True),
    "/matchmaker.v1.MatchService/ContestDecision": MethodPolicy(_PORTAL, True),
    "/matchmaker.v1.MatchService/GetRankingParameters": MethodPolicy(_BOTH, False),
    "/matchmaker.v1.PrivacyService/GetPreferences": MethodPolicy(_BOTH, True),
    "/matchmaker.v1.PrivacyService/UpdatePreferences": MethodPolicy(_BOTH, True),
    "/matchmaker.v1.PrivacyService/GetContactCard": MethodPolicy(_PORTAL, True),
    "/matchmaker.v1.PrivacyService/ListDisclosures": MethodPolicy(_BOTH, True),
    "/matchmaker.v1.PrivacyService/ExportPersonalData": MethodPolicy(_BOTH, True),
    "/matchmaker.v1.PrivacyService/ErasePersonalData": MethodPolicy(_BOTH, True),
    "/matchmaker.v1.PrivacyService/ListErasureNotices": MethodPolicy(_BOTH, True),
    "/matchmaker.v1.OperationsService/GetServerStatus": MethodPolicy(_ADMIN, False),
}

# The one table from domain errors to status codes.
STATUS_CODES: dict[type[MatchmakerError], grpc.StatusCode] = {
    InvalidInput: grpc.StatusCode.INVALID_ARGUMENT,
    NotFound: grpc.StatusCode.NOT_FOUND,
    PolicyRefused: grpc.StatusCode.FAILED_PRECONDITION,
    PermissionDenied: grpc.StatusCode.PERMISSION_DENIED,
    Unauthenticated: grpc.StatusCode.UNAUTHENTICATED,
}

Behavior = Callable[..., Any]


def _rewrap(
    handler: grpc.RpcMethodHandler[_Req, _Resp], behavior: Behavior
) -> grpc.RpcMethodHandler[_Req, _Resp]:
    """The same handler with another behaviour (matchmaker.v1 answers with one message)."""
    factory = (
        grpc.stream_unary_rpc_method_handler
        if handler.request_streaming
        else grpc.unary_unary_rpc_method_handler
    )
    return factory(
        behavior,
        request_deserializer=handler.request_deserializer,
        response_serializer=handler.response_serializer,
    )


def _status_for(error: MatchmakerError) -> grpc.Status:
    code = next(c for cls, c in STATUS_CODES.items() if isinstance(error, cls))
    status = status_pb2.Status(code=getattr(code_pb2, code.name), message=str(error))
    if isinstance(error, InvalidInput):
        bad_request = error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
                for v in error.violations
            ]
        )
        detail = any_pb2.Any()
        detail.Pack(bad_request)
        status.details.append(detail)
    return cast(grpc.Status, rpc_status.to_status(status))


async def _abort(context: grpc.aio.ServicerContext[Any, Any], status: grpc.Status) -> None:
    await context.abort(status.code, status.details, status.trailing_metadata)


async def _abort_internal(context: grpc.aio.ServicerContext[Any, Any], method: str, exc: Exception) -> None:
    """Log the failure by type and frames (messages may quote data) and answer INTERNAL with a reference."""
    reference = uuid.uuid4().hex[:12]
    frames = "".join(traceback.format_tb(exc.__traceback__))
    log.error("internal error in %s (ref %s): %s\n%s", method, reference, type(exc).__name__, frames)
    await context.abort(grpc.StatusCode.INTERNAL, f"internal error (reference {reference})")


class _WrappingInterceptor(grpc.aio.ServerInterceptor):
    """Wraps the behaviour of every matchmaker.v1 handler; health and reflection pass untouched."""

    @abc.abstractmethod
    def wrap(
        self, behavior: Behavior, method: str, metadata: tuple[tuple[str, str | bytes], ...]
    ) -> Behavior:
        """The behaviour to run instead of ``behavior``."""

    async def intercept_service(
        self,
        continuation: Callable[
            [grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[_Req, _Resp] | None]
        ],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[_Req, _Resp] | None:
        """Wrap matchmaker.v1 handlers; health and reflection pass through untouched."""
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or not method.startswith(PROTECTED_PREFIX):
            return handler
        if handler.response_streaming:
            raise TypeError(f"{method}: response-streaming methods are not wrapped")
        behavior = handler.stream_unary if handler.request_streaming else handler.unary_unary
        metadata = tuple(handler_call_details.invocation_metadata or ())
        return _rewrap(handler, self.wrap(cast(Behavior, behavior), method, metadata))


class ErrorInterceptor(_WrappingInterceptor):
    """Maps domain errors to their status codes (with BadRequest details), anything else to INTERNAL."""

    def wrap(
        self, behavior: Behavior, method: str, metadata: tuple[tuple[str, str | bytes], ...]
    ) -> Behavior:
        """Run the call; translate what it raises."""

        async def guarded(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            try:
                return await behavior(request, context)
            except grpc.aio.AbortError:
                raise
            except MatchmakerError as exc:
                await _abort(context, _status_for(exc))
            except Exception as exc:
                await _abort_internal(context, method, exc)

        return guarded


class AuthInterceptor(_WrappingInterceptor):
    """Checks the bearer token and the method's roles, and sets :data:`current_caller`.

    Health and reflection are open (probes and tools); every matchmaker.v1 method needs a token.
    """

    def __init__(self, tokens: TokenLookup, limiter: RateLimiter | None = None) -> None:
        self._tokens = tokens
        self._limiter = limiter

    def authenticate(self, method: str, metadata: tuple[tuple[str, str | bytes], ...]) -> Caller:
        """The caller of ``method`` given the call's metadata, or a domain error."""
        headers = {key.lower(): value for key, value in metadata if isinstance(value, str)}
        scheme, _, presented = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not presented.strip():
            raise Unauthenticated("missing bearer token (metadata authorization: Bearer <token>)")
        token = self._tokens.lookup(presented.strip())
        if token is None:
            raise Unauthenticated("unknown token")
        policy = METHOD_POLICIES.get(method)
        if policy is None or token.role not in policy.roles:
            raise PermissionDenied(f"the {token.role.value} role may not call this method")
        acting_user = headers.get(USER_HEADER) or None
        if acting_user is not None:
            violation = id_violation(acting_user, USER_HEADER)
            if violation is not None:
                raise InvalidInput([violation])
        if token.role is CallerRole.PORTAL and policy.user_scoped and acting_user is None:
            raise PermissionDenied(f"portal calls to this method must name the acting user in {USER_HEADER}")
        return Caller(client=token.client, role=token.role, acting_user=acting_user)

    def wrap(
        self, behavior: Behavior, method: str, metadata: tuple[tuple[str, str | bytes], ...]
    ) -> Behavior:
        """Authenticate, then run the call with the caller set."""

        async def authenticated(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            caller = self.authenticate(method, metadata)
            if self._limiter is not None:
                wait = self._limiter.admit(caller.client)
                if wait is not None:
                    await _abort(context, _rate_limited(wait))
            current_caller.set(caller)
            return await behavior(request, context)

        return authenticated


def _rate_limited(wait: float) -> grpc.Status:
    """RESOURCE_EXHAUSTED with a google.rpc.RetryInfo: when the client's next call would be admitted."""
    delay = duration_pb2.Duration()
    delay.FromNanoseconds(max(1, int(wait * 1e9)))
    status = status_pb2.Status(
        code=code_pb2.RESOURCE_EXHAUSTED,
        message=f"rate limit of this client exceeded; retry in {wait:.3f} s",
    )
    detail = any_pb2.Any()
    detail.Pack(error_details_pb2.RetryInfo(retry_delay=delay))
    status.details.append(detail)
    return cast(grpc.Status, rpc_status.to_status(status))


class Readiness:
    """Whether the catalogs are built; matchmaker.v1 calls wait for it (health answers before)."""

    def __init__(self, ready: bool = False) -> None:
        self.ready = ready


class ReadinessInterceptor(_WrappingInterceptor):
    """Refuses matchmaker.v1 calls with UNAVAILABLE until the catalogs are ready (health says so too)."""

    def __init__(self, readiness: Readiness, exempt: tuple[str, ...] = ()) -> None:
        self._readiness = readiness
        self._exempt = tuple(f"/{service}/" for service in exempt)

    def wrap(
        self, behavior: Behavior, method: str, metadata: tuple[tuple[str, str | bytes], ...]
    ) -> Behavior:
        """Run the call once the server is ready; before, answer UNAVAILABLE (retryable)."""
        if method.startswith(self._exempt):
            return behavior

        async def gated(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            if not self._readiness.ready:
                await context.abort(
                    grpc.StatusCode.UNAVAILABLE, "the server is starting (building its catalogs); retry"
                )
            return await behavior(request, context)

        return gated


class RequestIdInterceptor(_WrappingInterceptor):
    """Gives every matchmaker.v1 call a request id: in each of its log lines and in ``x-request-id``.

    A caller's own ``x-request-id`` is kept when it is a plain token (1-64 of ``[A-Za-z0-9._-]``),
    so a portal can follow one request through both logs; anything else gets a fresh id.
    """

    def wrap(
        self, behavior: Behavior, method: str, metadata: tuple[tuple[str, str | bytes], ...]
    ) -> Behavior:
        """Run the call with :data:`matchmaker.logcontext.request_id` set and sent back."""
        given = next((v for k, v in metadata if k.lower() == REQUEST_ID_HEADER and isinstance(v, str)), "")
        rid = given if _PLAIN_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex[:16]

        async def identified(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            request_id.set(rid)
            trace.get_current_span().set_attribute("matchmaker.request_id", rid)
            await context.send_initial_metadata(((REQUEST_ID_HEADER, rid),))
            return await behavior(request, context)

        return identified
