"""ProfileService end to end, over a real channel to a server on 127.0.0.1:0."""

from __future__ import annotations

import asyncio
import json

import grpc
import pytest
from google.protobuf import json_format
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from matchmaker.api import servicers
from matchmaker.api._gen.matchmaker.v1 import (
    common_pb2,
    match_service_pb2,
    privacy_service_pb2,
    profile_service_pb2,
)
from tests.support import PORTAL_TOKEN, Running, make_profile, metadata, read_fixture_lines


async def upsert(running: Running, profile: common_pb2.Profile) -> profile_service_pb2.UpsertProfileResponse:
    return await running.client.profiles.UpsertProfile(
        profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata(), timeout=10
    )


async def test_upsert_get_delete(running: Running) -> None:
    created = await upsert(running, make_profile("pur-1"))
    assert (created.profile_id, created.version, created.created) == ("pur-1", 1, True)
    again = await upsert(running, make_profile("pur-1", seeking="olive oil"))
    assert (again.version, again.created) == (2, False)

    got = await running.client.profiles.GetProfile(
        profile_service_pb2.GetProfileRequest(profile_id="pur-1"), metadata=metadata(), timeout=10
    )
    assert got.seeking == "olive oil" and got.version == 2 and got.country == "CN"
    assert not got.HasField("contact"), "GetProfile never returns the contact card"
    assert got.preferences.HasField("share_contact_card") and got.preferences.share_contact_card is False
    assert got.created_at.seconds > 0

    receipt = await running.client.profiles.DeleteProfile(
        profile_service_pb2.DeleteProfileRequest(profile_id="pur-1"), metadata=metadata(), timeout=10
    )
    assert receipt.profile_id == "pur-1" and receipt.erased_at.seconds > 0
    for call, request in (
        (running.client.profiles.GetProfile, profile_service_pb2.GetProfileRequest(profile_id="pur-1")),
        (running.client.profiles.DeleteProfile, profile_service_pb2.DeleteProfileRequest(profile_id="pur-1")),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await call(request, metadata=metadata(), timeout=10)
        assert info.value.code() == grpc.StatusCode.NOT_FOUND


async def test_preferences_given_on_creation_are_kept_and_absent_ones_default(running: Running) -> None:
    profile = make_profile("pur-2")
    profile.preferences.discoverable = False
    await upsert(running, profile)
    got = await running.client.profiles.GetProfile(
        profile_service_pb2.GetProfileRequest(profile_id="pur-2"), metadata=metadata(), timeout=10
    )
    assert (got.preferences.discoverable, got.preferences.personalized_recommendations) == (False, True)
    # An update that states no preference leaves the stored choice alone.
    await upsert(running, make_profile("pur-2"))
    got = await running.client.profiles.GetProfile(
        profile_service_pb2.GetProfileRequest(profile_id="pur-2"), metadata=metadata(), timeout=10
    )
    assert got.preferences.discoverable is False


async def test_portal_user_upserts_and_reads_own_profile(running: Running) -> None:
    md = metadata(PORTAL_TOKEN, user="pur-9")
    await running.client.profiles.UpsertProfile(
        profile_service_pb2.UpsertProfileRequest(profile=make_profile("pur-9")), metadata=md, timeout=10
    )
    got = await running.client.profiles.GetProfile(
        profile_service_pb2.GetProfileRequest(profile_id="pur-9"), metadata=md, timeout=10
    )
    assert got.id == "pur-9"


async def test_bulk_upsert_of_1000_fixture_profiles_with_3_malformed(running: Running) -> None:
    lines = read_fixture_lines("purchasers.jsonl")[:1000]
    assert len(lines) == 1000
    profiles = [json_format.Parse(line, common_pb2.Profile()) for line in lines]
    profiles[17].country = "ZZZ"
    profiles[500].id = ""
    profiles[999].role = common_pb2.ROLE_UNSPECIFIED

    async def stream():  # type: ignore[no-untyped-def]
        for profile in profiles:
            yield profile_service_pb2.UpsertProfileRequest(profile=profile)

    answer = await running.client.profiles.BulkUpsertProfiles(stream(), metadata=metadata(), timeout=120)
    assert (answer.upserted, answer.failed) == (997, 3)
    assert [e.index for e in answer.errors] == [17, 500, 999]
    assert "profile.country" in answer.errors[0].message
    assert "profile.id" in answer.errors[1].message
    assert answer.errors[2].profile_id == profiles[999].id and "profile.role" in answer.errors[2].message
    assert running.runtime.profiles.count() == 997


async def test_bulk_upsert_is_admin_only(running: Running) -> None:
    async def stream():  # type: ignore[no-untyped-def]
        yield profile_service_pb2.UpsertProfileRequest(profile=make_profile("pur-1"))

    with pytest.raises(grpc.aio.AioRpcError) as info:
        await running.client.profiles.BulkUpsertProfiles(stream(), metadata=metadata(PORTAL_TOKEN, "pur-1"))
    assert info.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert running.runtime.profiles.count() == 0


async def test_reflection_lists_the_three_services(running: Running) -> None:
    stub = reflection_pb2_grpc.ServerReflectionStub(running.client.channel)

    async def ask():  # type: ignore[no-untyped-def]
        yield reflection_pb2.ServerReflectionRequest(list_services="")

    names = set()
    async for answer in stub.ServerReflectionInfo(ask(), timeout=10):
        names |= {s.name for s in answer.list_services_response.service}
    assert {
        "matchmaker.v1.ProfileService",
        "matchmaker.v1.MatchService",
        "matchmaker.v1.PrivacyService",
    } <= names


async def test_health_needs_no_token(running: Running) -> None:
    stub = health_pb2_grpc.HealthStub(running.client.channel)
    for service in ("", "matchmaker.v1.ProfileService"):
        answer = await stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=10)
        assert answer.status == health_pb2.HealthCheckResponse.SERVING


def test_every_contract_method_is_served() -> None:
    for servicer, module in (
        (servicers.ProfileServicer, profile_service_pb2),
        (servicers.MatchServicer, match_service_pb2),
        (servicers.PrivacyServicer, privacy_service_pb2),
    ):
        service = next(iter(module.DESCRIPTOR.services_by_name.values()))
        for method in service.methods:
            assert method.name in vars(servicer), f"{service.name}.{method.name} is not served"


async def test_answers_carry_no_internals_for_unexpected_failures(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_args: object) -> None:
        raise RuntimeError("SELECT * FROM contact_cards WHERE name = 'Li Wei' /srv/matchmaker/db.py")

    monkeypatch.setattr(running.runtime.profiles, "get", explode)
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await running.client.profiles.GetProfile(
            profile_service_pb2.GetProfileRequest(profile_id="pur-1"), metadata=metadata(), timeout=10
        )
    assert info.value.code() == grpc.StatusCode.INTERNAL
    details = info.value.details() or ""
    assert "SELECT" not in details and "Li Wei" not in details and ".py" not in details
    assert json.dumps(details).startswith('"internal error')


async def test_a_call_past_its_deadline_answers_deadline_exceeded(running: Running) -> None:
    async def slow_stream():  # type: ignore[no-untyped-def]
        yield profile_service_pb2.UpsertProfileRequest(profile=make_profile("pur-1"))
        await asyncio.sleep(5)  # the client keeps the stream open past its deadline
        yield profile_service_pb2.UpsertProfileRequest(profile=make_profile("pur-2"))

    with pytest.raises(grpc.aio.AioRpcError) as info:
        await running.client.profiles.BulkUpsertProfiles(slow_stream(), metadata=metadata(), timeout=0.5)
    assert info.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    # The server is still answering.
    got = await running.client.profiles.UpsertProfile(
        profile_service_pb2.UpsertProfileRequest(profile=make_profile("pur-3")),
        metadata=metadata(),
        timeout=10,
    )
    assert got.created
