"""Authentication and authorisation over a real channel."""

from __future__ import annotations

import grpc
import pytest

from matchmaker.api._gen.matchmaker.v1 import (
    match_service_pb2,
    operations_service_pb2,
    privacy_service_pb2,
    profile_service_pb2,
)
from matchmaker.api.interceptors import METHOD_POLICIES
from matchmaker.api.server import SERVICE_NAMES
from tests.support import ADMIN_TOKEN, PORTAL_TOKEN, Running, make_profile, metadata


async def get(running: Running, profile_id: str, md: tuple[tuple[str, str], ...]) -> grpc.StatusCode:
    try:
        await running.client.profiles.GetProfile(
            profile_service_pb2.GetProfileRequest(profile_id=profile_id), metadata=md, timeout=10
        )
    except grpc.aio.AioRpcError as exc:
        return exc.code()
    return grpc.StatusCode.OK


@pytest.fixture
async def with_two_users(running: Running) -> Running:
    for profile_id in ("user-a", "user-b"):
        await running.client.profiles.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(profile=make_profile(profile_id)),
            metadata=metadata(),
            timeout=10,
        )
    return running


@pytest.mark.parametrize(
    ("md", "expected"),
    [
        pytest.param((), grpc.StatusCode.UNAUTHENTICATED, id="no token"),
        pytest.param(
            (("authorization", "Bearer nope-not-a-token-000000"),),
            grpc.StatusCode.UNAUTHENTICATED,
            id="unknown token",
        ),
        pytest.param(
            (("authorization", f"Basic {ADMIN_TOKEN}"),), grpc.StatusCode.UNAUTHENTICATED, id="not bearer"
        ),
        pytest.param((("authorization", "Bearer "),), grpc.StatusCode.UNAUTHENTICATED, id="empty bearer"),
        pytest.param(
            metadata(PORTAL_TOKEN, "user-a"), grpc.StatusCode.PERMISSION_DENIED, id="portal A reads B"
        ),
        pytest.param(
            metadata(PORTAL_TOKEN), grpc.StatusCode.PERMISSION_DENIED, id="portal without acting user"
        ),
        pytest.param(metadata(PORTAL_TOKEN, "user-b"), grpc.StatusCode.OK, id="portal B reads B"),
        pytest.param(metadata(ADMIN_TOKEN), grpc.StatusCode.OK, id="admin reads anyone"),
        pytest.param(
            metadata(PORTAL_TOKEN, "bad user!"), grpc.StatusCode.INVALID_ARGUMENT, id="malformed user"
        ),
    ],
)
async def test_reading_user_b(
    with_two_users: Running, md: tuple[tuple[str, str], ...], expected: grpc.StatusCode
) -> None:
    assert await get(with_two_users, "user-b", md) == expected


async def test_portal_user_a_cannot_write_user_b(with_two_users: Running) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await with_two_users.client.profiles.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(profile=make_profile("user-b", seeking="hijacked")),
            metadata=metadata(PORTAL_TOKEN, "user-a"),
            timeout=10,
        )
    assert info.value.code() == grpc.StatusCode.PERMISSION_DENIED
    profile = with_two_users.runtime.profiles.get("user-b")
    assert profile is not None and profile.seeking != "hijacked"


async def test_refusal_does_not_reveal_whether_an_id_exists(with_two_users: Running) -> None:
    md = metadata(PORTAL_TOKEN, "user-a")
    assert await get(with_two_users, "user-b", md) == await get(with_two_users, "no-such-user", md)


async def test_portal_may_not_delete(with_two_users: Running) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await with_two_users.client.profiles.DeleteProfile(
            profile_service_pb2.DeleteProfileRequest(profile_id="user-a"),
            metadata=metadata(PORTAL_TOKEN, "user-a"),
            timeout=10,
        )
    assert info.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert with_two_users.runtime.profiles.get("user-a") is not None


def test_every_contract_method_has_a_policy() -> None:
    methods = {
        f"/{service.full_name}/{method.name}"
        for module in (profile_service_pb2, match_service_pb2, privacy_service_pb2, operations_service_pb2)
        for service in module.DESCRIPTOR.services_by_name.values()
        for method in service.methods
    }
    assert methods == set(METHOD_POLICIES)
    assert {m.split("/")[1] for m in methods} == set(SERVICE_NAMES)
