"""MatchService end to end on the demo fixtures, over a real channel."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
import pytest_asyncio

from matchmaker.api._gen.matchmaker.v1 import common_pb2, match_service_pb2, profile_service_pb2
from tests.support import FIXTURES, PORTAL_TOKEN, HashingEmbedder, Running, make_settings, metadata
from tests.support import start_server as start
from tests.support import stop_server as stop

pytestmark = pytest.mark.asyncio(loop_scope="module")


def fixture_profiles() -> dict[str, dict]:  # type: ignore[type-arg]
    out = {}
    for name in ("exhibitors.jsonl", "purchasers.jsonl"):
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                document = json.loads(line)
                out[document["id"]] = document
    return out


PROFILES = fixture_profiles()
PURCHASERS = sorted(i for i, p in PROFILES.items() if p["role"] == "ROLE_PURCHASER")
EXHIBITORS = sorted(i for i, p in PROFILES.items() if p["role"] == "ROLE_EXHIBITOR")
UNDISCOVERABLE = {i for i, p in PROFILES.items() if p.get("preferences", {}).get("discoverable") is False}


def personalised(ids: list[str]) -> list[str]:
    return [i for i in ids if PROFILES[i].get("preferences", {}).get("personalizedRecommendations", True)]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def demo(demo_dir: Path) -> AsyncIterator[Running]:
    running = await start(make_settings(demo_dir), HashingEmbedder())
    yield running
    await stop(running)


async def recommend(
    running: Running, subject: str, *, exhibitors: bool = True, token: str = PORTAL_TOKEN, **fields: object
) -> match_service_pb2.RecommendResponse:
    request = match_service_pb2.RecommendRequest(subject_id=subject, **fields)  # type: ignore[arg-type]
    call = (
        running.client.matches.RecommendExhibitors
        if exhibitors
        else running.client.matches.RecommendPurchasers
    )
    return await call(request, metadata=metadata(token, subject), timeout=60)


def ids(response: match_service_pb2.RecommendResponse) -> list[str]:
    return [item.candidate_id for item in response.items]


async def test_items_are_ranked_sorted_and_described(demo: Running) -> None:
    for subject, exhibitors in [(PURCHASERS[0], True), (EXHIBITORS[0], False)]:
        response = await recommend(demo, subject, exhibitors=exhibitors, limit=50)
        assert response.decision_id and response.model_version == "hashing-v1"
        assert response.personalized == PROFILES[subject].get("preferences", {}).get(
            "personalizedRecommendations", True
        )
        assert [item.rank for item in response.items] == list(range(1, len(response.items) + 1))
        scores = [item.score for item in response.items]
        assert scores == sorted(scores, reverse=True)
        assert len(response.items) == 50
        wanted = "ROLE_EXHIBITOR" if exhibitors else "ROLE_PURCHASER"
        assert all(PROFILES[i]["role"] == wanted for i in ids(response))
        assert all(item.headline and item.organization and item.country for item in response.items)


async def test_decision_ids_are_unique(demo: Running) -> None:
    seen = {(await recommend(demo, PURCHASERS[1])).decision_id for _ in range(3)}
    assert len(seen) == 3


@pytest.mark.parametrize(
    ("field", "values", "check"),
    [
        ("countries", ["DE", "FR"], lambda p: p["country"] in {"DE", "FR"}),
        ("languages", ["zh"], lambda p: any(t.split("-")[0] == "zh" for t in p.get("languages", []))),
        (
            "categories",
            ["Medical Equipment & Healthcare Products"],
            lambda p: "Medical Equipment & Healthcare Products" in p.get("categories", []),
        ),
    ],
)
async def test_filters_are_always_respected(demo: Running, field: str, values: list[str], check) -> None:  # type: ignore[no-untyped-def]
    for subject in personalised(PURCHASERS)[:10]:
        response = await recommend(
            demo, subject, limit=100, filter=match_service_pb2.RecommendFilter(**{field: values})
        )
        assert response.items, f"{subject}: nothing passed the filter"
        assert all(check(PROFILES[i]) for i in ids(response))


async def test_hall_filter_for_exhibitors(demo: Running) -> None:
    hall = PROFILES[EXHIBITORS[0]]["hall"]
    response = await recommend(
        demo, PURCHASERS[2], limit=100, filter=match_service_pb2.RecommendFilter(halls=[hall])
    )
    assert response.items and all(PROFILES[i]["hall"] == hall for i in ids(response))


async def test_combined_filters_and_a_filter_nothing_passes(demo: Running) -> None:
    flt = match_service_pb2.RecommendFilter(countries=["CN"], languages=["zh"])
    response = await recommend(demo, EXHIBITORS[3], exhibitors=False, limit=100, filter=flt)
    assert all(PROFILES[i]["country"] == "CN" for i in ids(response))
    empty = await recommend(demo, PURCHASERS[3], filter=match_service_pb2.RecommendFilter(countries=["AQ"]))
    assert list(empty.items) == [] and empty.next_page_token == ""


async def test_undiscoverable_profiles_and_self_never_appear(demo: Running) -> None:
    assert UNDISCOVERABLE, "the fixtures must contain undiscoverable profiles"
    for subject in PURCHASERS[:15]:
        found = ids(await recommend(demo, subject, limit=100))
        assert not set(found) & UNDISCOVERABLE and subject not in found
    for subject in EXHIBITORS[:15]:
        found = ids(await recommend(demo, subject, exhibitors=False, limit=100))
        assert not set(found) & UNDISCOVERABLE and subject not in found


async def test_exclude_ids_are_respected(demo: Running) -> None:
    first = ids(await recommend(demo, PURCHASERS[4], limit=5))
    again = ids(await recommend(demo, PURCHASERS[4], limit=5, exclude_ids=first[:3]))
    assert not set(first[:3]) & set(again)


async def test_pages_have_no_duplicates_and_no_gaps(demo: Running) -> None:
    subject = personalised(PURCHASERS)[5]
    full = ids(await recommend(demo, subject, limit=100))
    paged: list[str] = []
    token = ""
    pages = 0
    while True:
        response = await recommend(demo, subject, limit=7, page_token=token)
        paged += ids(response)
        pages += 1
        token = response.next_page_token
        if not token:
            break
    assert pages == 15
    assert paged == full and len(set(paged)) == len(paged) == 100


async def test_page_token_must_belong_to_the_query(demo: Running) -> None:
    subject = PURCHASERS[6]
    token = (await recommend(demo, subject, limit=5)).next_page_token
    for changes in (
        {"filter": match_service_pb2.RecommendFilter(countries=["DE"])},
        {"page_token": token + "x"},
    ):
        fields = {"limit": 5, "page_token": token, **changes}
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await recommend(demo, subject, **fields)
        assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_wrong_side_subject_unknown_subject_and_bad_limit(demo: Running) -> None:
    cases = [
        (EXHIBITORS[0], True, {}, grpc.StatusCode.INVALID_ARGUMENT),
        (PURCHASERS[0], False, {}, grpc.StatusCode.INVALID_ARGUMENT),
        ("pur-does-not-exist", True, {}, grpc.StatusCode.NOT_FOUND),
        (PURCHASERS[0], True, {"limit": 101}, grpc.StatusCode.INVALID_ARGUMENT),
        (PURCHASERS[0], True, {"limit": -1}, grpc.StatusCode.INVALID_ARGUMENT),
        (
            PURCHASERS[0],
            True,
            {"filter": match_service_pb2.RecommendFilter(countries=["XX"])},
            grpc.StatusCode.INVALID_ARGUMENT,
        ),
    ]
    for subject, exhibitors, fields, code in cases:
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await recommend(demo, subject, exhibitors=exhibitors, **fields)
        assert info.value.code() == code, (subject, fields)


async def test_portal_user_may_only_ask_for_themselves(demo: Running) -> None:
    request = match_service_pb2.RecommendRequest(subject_id=PURCHASERS[0])
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await demo.client.matches.RecommendExhibitors(
            request, metadata=metadata(PORTAL_TOKEN, PURCHASERS[1]), timeout=10
        )
    assert info.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_limit_zero_means_twenty(demo: Running) -> None:
    assert len((await recommend(demo, PURCHASERS[7])).items) == 20


# -- tests that change data run on their own copy ---------------------------------------------


@pytest_asyncio.fixture(loop_scope="module")
async def own(own_dir: Path) -> AsyncIterator[Running]:
    running = await start(make_settings(own_dir), HashingEmbedder())
    yield running
    await stop(running)


def tracked(ids_: list[str]) -> list[str]:
    return [i for i in personalised(ids_) if not PROFILES[i].get("preferences", {}).get("doNotTrack")]


async def test_declined_candidates_never_come_back(own: Running) -> None:
    subject = tracked(PURCHASERS)[0]
    response = await recommend(own, subject, limit=10)
    declined = response.items[0].candidate_id
    answer = await own.client.matches.RecordFeedback(
        match_service_pb2.RecordFeedbackRequest(
            decision_id=response.decision_id, candidate_id=declined, action=common_pb2.FEEDBACK_ACTION_DECLINE
        ),
        metadata=metadata(PORTAL_TOKEN, subject),
        timeout=10,
    )
    assert answer.recorded
    assert declined not in ids(await recommend(own, subject, limit=100))


async def test_do_not_track_stores_no_feedback(own: Running) -> None:
    subject = PURCHASERS[8]
    md = metadata(PORTAL_TOKEN, subject)
    profile = (
        await own.client.profiles.GetProfile(
            profile_service_pb2.GetProfileRequest(profile_id=subject), metadata=md
        )
    ).__class__()
    profile.CopyFrom(
        await own.client.profiles.GetProfile(
            profile_service_pb2.GetProfileRequest(profile_id=subject), metadata=md
        )
    )
    profile.preferences.do_not_track = True
    profile.preferences.personalized_recommendations = True
    await own.client.profiles.UpsertProfile(
        profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=md
    )
    response = await recommend(own, subject, limit=3)
    answer = await own.client.matches.RecordFeedback(
        match_service_pb2.RecordFeedbackRequest(
            decision_id=response.decision_id,
            candidate_id=response.items[0].candidate_id,
            action=common_pb2.FEEDBACK_ACTION_DECLINE,
        ),
        metadata=md,
        timeout=10,
    )
    assert answer.recorded is False
    assert own.runtime.repositories.feedback.for_subject(subject) == []
    assert response.items[0].candidate_id in ids(await recommend(own, subject, limit=3))


async def test_feedback_validation(own: Running) -> None:
    subject = PURCHASERS[9]
    response = await recommend(own, subject, limit=3)
    md = metadata(PORTAL_TOKEN, subject)
    cases = [
        (
            {"decision_id": response.decision_id, "candidate_id": response.items[0].candidate_id},
            grpc.StatusCode.INVALID_ARGUMENT,
        ),
        ({"decision_id": "nope", "candidate_id": "x", "action": 1}, grpc.StatusCode.NOT_FOUND),
        (
            {"decision_id": response.decision_id, "candidate_id": "pur-none", "action": 1},
            grpc.StatusCode.NOT_FOUND,
        ),
    ]
    for fields, code in cases:
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await own.client.matches.RecordFeedback(
                match_service_pb2.RecordFeedbackRequest(**fields), metadata=md, timeout=10
            )  # type: ignore[arg-type]
        assert info.value.code() == code
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await own.client.matches.RecordFeedback(
            match_service_pb2.RecordFeedbackRequest(
                decision_id=response.decision_id, candidate_id=response.items[0].candidate_id, action=1
            ),
            metadata=metadata(PORTAL_TOKEN, PURCHASERS[10]),
            timeout=10,
        )
    assert info.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_an_upsert_changes_the_very_next_result(own: Running) -> None:
    subject = personalised(PURCHASERS)[11]
    md = metadata(PORTAL_TOKEN, subject)
    before = ids(await recommend(own, subject, limit=10))
    target = next(e for e in EXHIBITORS if e not in before and e not in UNDISCOVERABLE)
    profile = await own.client.profiles.GetProfile(
        profile_service_pb2.GetProfileRequest(profile_id=target), metadata=metadata()
    )
    profile.offering = "zyxwidgets quantum flux capacitor zyxwidgets"
    profile.ClearField("contact")
    await own.client.profiles.UpsertProfile(
        profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata()
    )
    me = await own.client.profiles.GetProfile(
        profile_service_pb2.GetProfileRequest(profile_id=subject), metadata=md
    )
    me.seeking = "quantum flux capacitor zyxwidgets"
    await own.client.profiles.UpsertProfile(profile_service_pb2.UpsertProfileRequest(profile=me), metadata=md)
    after = ids(await recommend(own, subject, limit=10))
    assert after[0] == target and after != before


async def test_results_survive_restart_and_forced_rebuild(own_dir: Path) -> None:
    settings = make_settings(own_dir)
    first = await start(settings, HashingEmbedder())
    subjects = personalised(PURCHASERS)[12:15]
    before = [ids(await recommend(first, s, limit=30)) for s in subjects]
    await stop(first)
    embedder = HashingEmbedder()
    restarted = await start(settings, embedder)
    try:
        assert restarted.runtime.engine.matcher.loaded_from_disk
        assert embedder.calls == 0, "a restart must not re-embed anything"
        assert [ids(await recommend(restarted, s, limit=30)) for s in subjects] == before
    finally:
        await stop(restarted)
    restarted.runtime.engine.matcher.discard_saved()
    rebuilt = await start(settings, HashingEmbedder())
    try:
        assert not rebuilt.runtime.engine.matcher.loaded_from_disk
        assert [ids(await recommend(rebuilt, s, limit=30)) for s in subjects] == before
    finally:
        await stop(rebuilt)
