"""PrivacyService and the privacy choices end to end, on the demo fixtures over a real channel."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
import pytest_asyncio

from matchmaker.api._gen.matchmaker.v1 import common_pb2, match_service_pb2, privacy_service_pb2
from tests.support import (
    ADMIN_TOKEN,
    FIXTURES,
    PORTAL_TOKEN,
    HashingEmbedder,
    Running,
    make_settings,
    metadata,
    start_server,
    stop_server,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

PROFILES = {
    d["id"]: d
    for name in ("exhibitors.jsonl", "purchasers.jsonl")
    for d in map(json.loads, (FIXTURES / name).read_text(encoding="utf-8").splitlines())
}


def prefs(profile_id: str) -> dict[str, bool]:
    return PROFILES[profile_id].get("preferences", {})  # type: ignore[no-any-return]


PURCHASERS = sorted(i for i, p in PROFILES.items() if p["role"] == "ROLE_PURCHASER")
EXHIBITORS = sorted(i for i, p in PROFILES.items() if p["role"] == "ROLE_EXHIBITOR")
PLAIN_PURCHASERS = [i for i in PURCHASERS if not prefs(i)]  # all defaults
SHARING_EXHIBITORS = [
    i for i in EXHIBITORS if prefs(i).get("shareContactCard") and prefs(i).get("discoverable", True)
]


@pytest_asyncio.fixture(loop_scope="module")
async def server(own_dir: Path) -> AsyncIterator[Running]:
    running = await start_server(make_settings(own_dir), HashingEmbedder())
    yield running
    await stop_server(running)


async def recommend(server: Running, subject: str, **fields: object) -> match_service_pb2.RecommendResponse:
    return await server.client.matches.RecommendExhibitors(
        match_service_pb2.RecommendRequest(subject_id=subject, **fields),  # type: ignore[arg-type]
        metadata=metadata(PORTAL_TOKEN, subject),
        timeout=60,
    )


async def update(server: Running, profile_id: str, **choices: bool) -> common_pb2.Preferences:
    return await server.client.privacy.UpdatePreferences(
        privacy_service_pb2.UpdatePreferencesRequest(
            profile_id=profile_id, preferences=common_pb2.Preferences(**choices)
        ),
        metadata=metadata(PORTAL_TOKEN, profile_id),
        timeout=10,
    )


def ids(response: match_service_pb2.RecommendResponse) -> list[str]:
    return [i.candidate_id for i in response.items]


async def test_preferences_default_and_merge(server: Running) -> None:
    subject = PLAIN_PURCHASERS[0]
    md = metadata(PORTAL_TOKEN, subject)
    got = await server.client.privacy.GetPreferences(
        privacy_service_pb2.GetPreferencesRequest(profile_id=subject), metadata=md
    )
    assert (got.personalized_recommendations, got.discoverable, got.share_contact_card, got.do_not_track) == (
        True,
        True,
        False,
        False,
    )
    merged = await update(server, subject, share_contact_card=True)
    assert (merged.share_contact_card, merged.discoverable, merged.personalized_recommendations) == (
        True,
        True,
        True,
    )
    merged = await update(server, subject, do_not_track=True)
    assert (merged.share_contact_card, merged.do_not_track) == (True, True)


async def test_preferences_permissions_and_unknown_ids(server: Running) -> None:
    request = privacy_service_pb2.GetPreferencesRequest(profile_id=PURCHASERS[1])
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await server.client.privacy.GetPreferences(request, metadata=metadata(PORTAL_TOKEN, PURCHASERS[2]))
    assert info.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await server.client.privacy.GetPreferences(
            privacy_service_pb2.GetPreferencesRequest(profile_id="pur-none"), metadata=metadata(ADMIN_TOKEN)
        )
    assert info.value.code() == grpc.StatusCode.NOT_FOUND


async def test_opting_out_of_personalisation_applies_to_the_next_call(server: Running) -> None:
    subject = PLAIN_PURCHASERS[1]
    before = await recommend(server, subject, limit=20)
    assert before.personalized
    await update(server, subject, personalized_recommendations=False)
    after = await recommend(server, subject, limit=20)
    assert not after.personalized and ids(after) != ids(before)
    await update(server, subject, personalized_recommendations=True)
    assert (await recommend(server, subject, limit=20)).personalized


async def test_two_opted_out_subjects_with_the_same_filters_get_the_same_list(server: Running) -> None:
    a, b = PLAIN_PURCHASERS[2], PLAIN_PURCHASERS[3]
    await update(server, a, personalized_recommendations=False)
    flt = match_service_pb2.RecommendFilter(countries=["DE", "FR", "IT", "JP"])
    first = await recommend(server, a, limit=50, filter=flt)
    second = await recommend(server, b, limit=50, filter=flt, non_personalized=True)
    assert not first.personalized and not second.personalized
    assert ids(first) == ids(second) and len(ids(first)) > 5
    assert [i.score for i in first.items] == [i.score for i in second.items]
    assert ids(await recommend(server, b, limit=50, filter=flt)) != ids(second)  # b itself did not opt out


async def test_undiscoverable_applies_to_the_next_call(server: Running) -> None:
    subject = PLAIN_PURCHASERS[4]
    top = ids(await recommend(server, subject, limit=5))[0]
    owner_md = metadata(PORTAL_TOKEN, top)
    await server.client.privacy.UpdatePreferences(
        privacy_service_pb2.UpdatePreferencesRequest(
            profile_id=top, preferences=common_pb2.Preferences(discoverable=False)
        ),
        metadata=owner_md,
    )
    assert top not in ids(await recommend(server, subject, limit=100))
    assert top not in ids(await recommend(server, subject, limit=100, non_personalized=True))
    await server.client.privacy.UpdatePreferences(
        privacy_service_pb2.UpdatePreferencesRequest(
            profile_id=top, preferences=common_pb2.Preferences(discoverable=True)
        ),
        metadata=owner_md,
    )
    assert ids(await recommend(server, subject, limit=5))[0] == top


async def test_contact_cards_only_with_consent_after_a_match_and_every_disclosure_recorded(
    server: Running,
) -> None:
    viewer = PLAIN_PURCHASERS[5]
    owner = SHARING_EXHIBITORS[0]
    md = metadata(PORTAL_TOKEN, viewer)
    card_request = privacy_service_pb2.GetContactCardRequest(owner_id=owner)
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await server.client.privacy.GetContactCard(card_request, metadata=md)
    assert info.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "matched" in (info.value.details() or "")
    # Being served the owner in a recommendation makes them matched.
    response = await recommend(
        server,
        viewer,
        limit=100,
        filter=match_service_pb2.RecommendFilter(countries=[PROFILES[owner]["country"]]),
        include_contact_cards=True,
    )
    assert owner in ids(response)
    for item in response.items:
        shares = bool(prefs(item.candidate_id).get("shareContactCard"))
        assert item.HasField("contact_card") == shares, item.candidate_id
    card = await server.client.privacy.GetContactCard(card_request, metadata=md)
    assert card.owner_id == owner and card.name
    ledger = await server.client.privacy.ListDisclosures(
        privacy_service_pb2.ListDisclosuresRequest(profile_id=owner), metadata=metadata(PORTAL_TOKEN, owner)
    )
    mine = [d for d in ledger.disclosures if d.recipient_id == viewer]
    assert len(mine) == 2
    assert mine[0].decision_id == response.decision_id and mine[1].decision_id == ""
    assert "name" in mine[0].fields and all(f not in ("id_number", "passport_number") for f in mine[0].fields)
    # Withdrawing consent applies to the very next call.
    await update(server, owner, share_contact_card=False)
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await server.client.privacy.GetContactCard(card_request, metadata=md)
    assert info.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    again = await recommend(
        server,
        viewer,
        limit=100,
        include_contact_cards=True,
        filter=match_service_pb2.RecommendFilter(countries=[PROFILES[owner]["country"]]),
    )
    assert all(not i.HasField("contact_card") for i in again.items if i.candidate_id == owner)


async def test_a_card_of_someone_who_does_not_share_is_refused(server: Running) -> None:
    viewer = PLAIN_PURCHASERS[6]
    response = await recommend(server, viewer, limit=100)
    silent = next(i for i in ids(response) if not prefs(i).get("shareContactCard"))
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await server.client.privacy.GetContactCard(
            privacy_service_pb2.GetContactCardRequest(owner_id=silent),
            metadata=metadata(PORTAL_TOKEN, viewer),
        )
    assert info.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "agreed" in (info.value.details() or "")


async def test_contact_cards_need_an_acting_portal_user(server: Running) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await server.client.privacy.GetContactCard(
            privacy_service_pb2.GetContactCardRequest(owner_id=EXHIBITORS[0]), metadata=metadata(ADMIN_TOKEN)
        )
    assert info.value.code() == grpc.StatusCode.PERMISSION_DENIED
