"""Bad input never yields UNKNOWN or INTERNAL: each malformed request gets its code and field violation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2

from matchmaker.api._gen.matchmaker.v1 import common_pb2, profile_service_pb2
from tests.support import Running, make_profile, metadata

Mutation = Callable[[common_pb2.Profile], Any]

INVALID = grpc.StatusCode.INVALID_ARGUMENT


def setter(**fields: Any) -> Mutation:
    def apply(profile: common_pb2.Profile) -> None:
        for name, value in fields.items():
            target = profile
            *path, last = name.split("__")
            for part in path:
                target = getattr(target, part)
            if isinstance(value, list):
                del getattr(target, last)[:]
                getattr(target, last).extend(value)
            else:
                setattr(target, last, value)

    return apply


CASES: list[tuple[str, Mutation, grpc.StatusCode, set[str]]] = [
    ("empty id", setter(id=""), INVALID, {"profile.id"}),
    ("65-char id", setter(id="a" * 65), INVALID, {"profile.id"}),
    ("id with space", setter(id="pur 1"), INVALID, {"profile.id"}),
    ("id with slash", setter(id="pur/1"), INVALID, {"profile.id"}),
    ("id with CJK", setter(id="采购商1"), INVALID, {"profile.id"}),
    ("unspecified role", setter(role=common_pb2.ROLE_UNSPECIFIED), INVALID, {"profile.role"}),
    ("unknown role number", setter(role=7), INVALID, {"profile.role"}),
    ("country ZZZ", setter(country="ZZZ"), INVALID, {"profile.country"}),
    ("country unassigned ZZ", setter(country="ZZ"), INVALID, {"profile.country"}),
    ("country lower case", setter(country="cn"), INVALID, {"profile.country"}),
    ("country empty", setter(country=""), INVALID, {"profile.country"}),
    ("organization empty", setter(organization="  "), INVALID, {"profile.organization"}),
    ("organization too long", setter(organization="x" * 301), INVALID, {"profile.organization"}),
    ("offering over 4000", setter(offering="x" * 4001), INVALID, {"profile.offering"}),
    ("seeking over 4000", setter(seeking="需" * 4001), INVALID, {"profile.seeking"}),
    ("description over 4000", setter(description="x" * 4001), INVALID, {"profile.description"}),
    ("NUL in description", setter(description="a\x00b"), INVALID, {"profile.description"}),
    ("65 categories", setter(categories=[f"c{i}" for i in range(65)]), INVALID, {"profile.categories"}),
    ("201-char category", setter(categories=["ok", "c" * 201]), INVALID, {"profile.categories[1]"}),
    ("blank category", setter(categories=[" "]), INVALID, {"profile.categories[0]"}),
    ("251 target markets", setter(target_markets=["CN"] * 251), INVALID, {"profile.target_markets"}),
    ("bad target market", setter(target_markets=["CN", "XX"]), INVALID, {"profile.target_markets[1]"}),
    ("21 languages", setter(languages=["en"] * 21), INVALID, {"profile.languages"}),
    ("bad language tag", setter(languages=["english!"]), INVALID, {"profile.languages[0]"}),
    ("hall for a purchaser", setter(hall="4.1"), INVALID, {"profile.hall"}),
    ("meeting capacity for a purchaser", setter(meeting_capacity=5), INVALID, {"profile.meeting_capacity"}),
    (
        "negative meeting capacity",
        setter(role=common_pb2.ROLE_EXHIBITOR, meeting_capacity=-1),
        INVALID,
        {"profile.meeting_capacity"},
    ),
    (
        "meeting capacity over 10,000",
        setter(role=common_pb2.ROLE_EXHIBITOR, meeting_capacity=10_001),
        INVALID,
        {"profile.meeting_capacity"},
    ),
    (
        "birth date not a date",
        setter(contact__birth_date="1980-02-30"),
        INVALID,
        {"profile.contact.birth_date"},
    ),
    (
        "birth date wrong form",
        setter(contact__birth_date="17/05/1980"),
        INVALID,
        {"profile.contact.birth_date"},
    ),
    (
        "birth date in future",
        setter(contact__birth_date="2099-01-01"),
        INVALID,
        {"profile.contact.birth_date"},
    ),
    ("email malformed", setter(contact__email="not-an-email"), INVALID, {"profile.contact.email"}),
    ("card notes over 4000", setter(contact__notes="n" * 4001), INVALID, {"profile.contact.notes"}),
    ("card name over 4000", setter(contact__name="n" * 4001), INVALID, {"profile.contact.name"}),
    (
        "several bad fields at once",
        setter(country="ZZZ", id="", offering="x" * 4001),
        INVALID,
        {"profile.country", "profile.id", "profile.offering"},
    ),
    (
        "under 14 without consent",
        setter(contact__birth_date="2015-01-01"),
        grpc.StatusCode.FAILED_PRECONDITION,
        set(),
    ),
    (
        "5 MB description",
        setter(description="x" * (5 * 1024 * 1024)),
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        set(),
    ),
]


def field_violations(error: grpc.aio.AioRpcError) -> set[str]:
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            out: set[str] = set()
            for detail in status.details:
                bad = error_details_pb2.BadRequest()
                if detail.Unpack(bad):
                    out |= {v.field for v in bad.field_violations}
            return out
    return set()


@pytest.mark.parametrize(("name", "mutate", "code", "fields"), CASES, ids=[c[0] for c in CASES])
async def test_malformed_upsert(
    running: Running, name: str, mutate: Mutation, code: grpc.StatusCode, fields: set[str]
) -> None:
    profile = make_profile("pur-1")
    mutate(profile)
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await running.client.profiles.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata(), timeout=30
        )
    assert info.value.code() == code, info.value.details()
    assert field_violations(info.value) == fields
    assert running.runtime.profiles.count() == 0, "nothing is written"


def test_at_least_25_cases() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("profile_id", ["", "x" * 65, "a b"])
async def test_malformed_ids_in_get_and_delete(running: Running, profile_id: str) -> None:
    for call, request in (
        (running.client.profiles.GetProfile, profile_service_pb2.GetProfileRequest(profile_id=profile_id)),
        (
            running.client.profiles.DeleteProfile,
            profile_service_pb2.DeleteProfileRequest(profile_id=profile_id),
        ),
    ):
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await call(request, metadata=metadata(), timeout=10)
        assert info.value.code() == INVALID
        assert field_violations(info.value) == {"profile_id"}


async def test_under_14_with_guardian_consent_is_accepted(running: Running) -> None:
    profile = make_profile("pur-1", guardian_consent=True, contact={"birth_date": "2015-01-01"})
    answer = await running.client.profiles.UpsertProfile(
        profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata(), timeout=10
    )
    assert answer.created


async def test_violation_messages_do_not_echo_values(running: Running) -> None:
    profile = make_profile("pur-1", contact={"email": "secret-value-li.wei"}, country="QQ")
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await running.client.profiles.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata(), timeout=10
        )
    text = (info.value.details() or "") + repr(info.value.trailing_metadata())
    assert "secret-value" not in text and "QQ" not in text
