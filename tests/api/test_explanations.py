"""ExplainRecommendation, ContestDecision and GetRankingParameters over a real channel."""

from __future__ import annotations

import json
from pathlib import Path

import grpc
import pytest

from matchmaker import cli
from matchmaker.api._gen.matchmaker.v1 import match_service_pb2, profile_service_pb2
from matchmaker.ranking.factors import FACTORS
from matchmaker.ranking.weights import read_weights_file
from tests.support import (
    ADMIN_TOKEN,
    FIXTURES,
    OTHER_PORTAL_TOKEN,
    PORTAL_TOKEN,
    HashingEmbedder,
    Running,
    make_settings,
    metadata,
    start_server,
    stop_server,
)

PROFILES = {
    d["id"]: d
    for name in ("exhibitors.jsonl", "purchasers.jsonl")
    for d in map(json.loads, (FIXTURES / name).read_text(encoding="utf-8").splitlines())
}
PERSONAL = [
    i for i, p in PROFILES.items() if p.get("preferences", {}).get("personalizedRecommendations", True)
]
PURCHASERS = sorted(i for i in PERSONAL if i.startswith("pur-"))
EXHIBITORS = sorted(i for i in PERSONAL if i.startswith("exh-"))


async def recommend(server: Running, subject: str, **fields: object) -> match_service_pb2.RecommendResponse:
    call = (
        server.client.matches.RecommendPurchasers
        if subject.startswith("exh-")
        else server.client.matches.RecommendExhibitors
    )
    return await call(
        match_service_pb2.RecommendRequest(subject_id=subject, **fields),  # type: ignore[arg-type]
        metadata=metadata(PORTAL_TOKEN, subject),
        timeout=60,
    )


async def explain(
    server: Running, subject: str, decision_id: str, candidate_id: str, token: str = PORTAL_TOKEN
) -> match_service_pb2.Explanation:
    return await server.client.matches.ExplainRecommendation(
        match_service_pb2.ExplainRecommendationRequest(decision_id=decision_id, candidate_id=candidate_id),
        metadata=metadata(token, subject if token != ADMIN_TOKEN else None),
        timeout=30,
    )


async def test_contributions_sum_to_the_served_score_for_50_subjects(own_dir: Path) -> None:
    learned = read_weights_file(None)
    assert learned.version.startswith("learned-")  # the bundled, fitted weights are what serves
    server = await start_server(make_settings(own_dir), HashingEmbedder())
    try:
        subjects = PURCHASERS[:25] + EXHIBITORS[:25]
        for subject in subjects:
            response = await recommend(server, subject, limit=10)
            assert len(response.items) == 10
            for item in response.items:
                why = await explain(server, subject, response.decision_id, item.candidate_id)
                total = sum(f.contribution for f in why.factors) + sum(
                    a.contribution for a in why.adjustments
                )
                assert abs(total - item.score) <= 1e-6
                assert why.score == item.score and why.rank == item.rank and why.personalized
                assert {f.direction for f in why.factors} == {"subject_to_candidate", "candidate_to_subject"}
                for f in why.factors:
                    assert abs(f.weight * f.similarity - f.contribution) <= 1e-12 and 0 <= f.similarity <= 1
                assert why.data_used and why.summary and len(why.controls) == 2
                assert why.decided_at.seconds > 0 and why.model_version == response.model_version
                if item.rank <= 3:
                    assert any(f.evidence for f in why.factors if f.contribution > 0), (
                        subject,
                        item.candidate_id,
                    )
                chinese = any(t.split("-")[0] == "zh" for t in PROFILES[subject].get("languages", []))
                assert ("排名" in why.summary) == chinese
                assert why.weights_version == learned.version
                assert {f.name: f.weight for f in why.factors} == {
                    f.name: learned.of(f.weight_key) for f in FACTORS
                }
                # One language throughout: every factor label, the summary and the headline.
                def cjk(text: str) -> bool:
                    return any("\u4e00" <= ch <= "\u9fff" for ch in text)

                assert all(f.label and cjk(f.label) == chinese for f in why.factors), why.factors
                # A headline may quote the candidate's own words; its frame is in the subject's language.
                assert item.headline and (cjk(item.headline) or not chinese), item.headline
    finally:
        await stop_server(server)


async def test_non_personalised_decisions_read_no_profile_field(own_dir: Path) -> None:
    server = await start_server(make_settings(own_dir), HashingEmbedder())
    try:
        subject = PURCHASERS[0]
        flt = match_service_pb2.RecommendFilter(countries=["DE"], languages=["en"])
        response = await recommend(server, subject, limit=5, non_personalized=True, filter=flt)
        why = await explain(server, subject, response.decision_id, response.items[0].candidate_id)
        assert not why.personalized and list(why.data_used) == []
        assert list(why.filters_applied) == ["countries: DE", "languages: en"]
        assert "personalis" in why.summary or "个性化" in why.summary
        total = sum(f.contribution for f in why.factors) + sum(a.contribution for a in why.adjustments)
        assert abs(total - why.score) <= 1e-6
    finally:
        await stop_server(server)


async def test_stored_explanation_survives_profile_changes_weight_changes_and_restarts(own_dir: Path) -> None:
    settings = make_settings(own_dir)
    server = await start_server(settings, HashingEmbedder())
    subject = PURCHASERS[1]
    response = await recommend(server, subject, limit=5)
    candidate = response.items[0].candidate_id
    before = await explain(server, subject, response.decision_id, candidate)
    for profile_id, change in ((subject, "seeking"), (candidate, "offering")):
        profile = await server.client.profiles.GetProfile(
            profile_service_pb2.GetProfileRequest(profile_id=profile_id), metadata=metadata(ADMIN_TOKEN)
        )
        setattr(profile, change, "completely different text about industrial robots")
        await server.client.profiles.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata(ADMIN_TOKEN)
        )
    assert await explain(server, subject, response.decision_id, candidate) == before
    await stop_server(server)
    reweighted = make_settings(own_dir, weights={"market": 0.9, "need_semantic": 0.01})
    server = await start_server(reweighted, HashingEmbedder())
    try:
        assert await explain(server, subject, response.decision_id, candidate) == before
    finally:
        await stop_server(server)


async def test_who_may_read_and_what_is_not_found(running_demo: Running) -> None:
    server = running_demo
    subject = PURCHASERS[2]
    response = await recommend(server, subject, limit=3)
    candidate = response.items[0].candidate_id
    assert (
        await explain(server, subject, response.decision_id, candidate, ADMIN_TOKEN)
    ).candidate_id == candidate
    cases = [
        (
            metadata(PORTAL_TOKEN, PURCHASERS[3]),
            response.decision_id,
            candidate,
            grpc.StatusCode.PERMISSION_DENIED,
        ),
        (
            metadata(OTHER_PORTAL_TOKEN, PURCHASERS[3]),
            response.decision_id,
            candidate,
            grpc.StatusCode.PERMISSION_DENIED,
        ),
        (metadata(PORTAL_TOKEN), response.decision_id, candidate, grpc.StatusCode.PERMISSION_DENIED),
        (metadata(PORTAL_TOKEN, subject), "no-such-decision", candidate, grpc.StatusCode.NOT_FOUND),
        (metadata(PORTAL_TOKEN, subject), response.decision_id, "exh-9999", grpc.StatusCode.NOT_FOUND),
        (metadata(PORTAL_TOKEN, subject), "", candidate, grpc.StatusCode.INVALID_ARGUMENT),
        ((), response.decision_id, candidate, grpc.StatusCode.UNAUTHENTICATED),
    ]
    for md, decision_id, candidate_id, code in cases:
        for call, request in (
            (
                server.client.matches.ExplainRecommendation,
                match_service_pb2.ExplainRecommendationRequest(
                    decision_id=decision_id, candidate_id=candidate_id
                ),
            ),
            (
                server.client.matches.ContestDecision,
                match_service_pb2.ContestDecisionRequest(
                    decision_id=decision_id, candidate_id=candidate_id, reason="wrong"
                ),
            ),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as info:
                await call(request, metadata=md, timeout=10)
            assert info.value.code() == code, (md, decision_id, candidate_id)


async def test_contest_opens_a_ticket_operators_can_resolve(
    running_demo: Running, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    server = running_demo
    subject = PURCHASERS[4]
    response = await recommend(server, subject, limit=3)
    candidate = response.items[1].candidate_id
    md = metadata(PORTAL_TOKEN, subject)
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await server.client.matches.ContestDecision(
            match_service_pb2.ContestDecisionRequest(
                decision_id=response.decision_id, candidate_id=candidate, reason=" "
            ),
            metadata=md,
        )
    assert info.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    answer = await server.client.matches.ContestDecision(
        match_service_pb2.ContestDecisionRequest(
            decision_id=response.decision_id, candidate_id=candidate, reason="They do not sell what I need."
        ),
        metadata=md,
    )
    assert answer.ticket_id and answer.status == match_service_pb2.REVIEW_STATUS_OPEN
    settings = server.runtime.settings
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("MATCHMAKER_DATA_DIR", str(settings.data_dir))
    assert cli.main(["reviews", "list"]) == 0
    listed = capsys.readouterr().out
    assert answer.ticket_id in listed and "They do not sell what I need." in listed
    assert (
        cli.main(
            ["reviews", "resolve", answer.ticket_id, "--note", "Checked: the ranking followed its rules."]
        )
        == 0
    )
    assert cli.main(["reviews", "list", "--status", "resolved"]) == 0
    assert "Checked: the ranking followed its rules." in capsys.readouterr().out
    assert cli.main(["reviews", "resolve", "nope", "--note", "x"]) == 1


async def test_ranking_parameters_follow_the_live_configuration(tmp_path: Path) -> None:
    for market_weight in (0.07, 0.5):
        folder = tmp_path / str(market_weight)
        folder.mkdir()
        settings = make_settings(folder, weights={"market": market_weight})
        server = await start_server(settings, HashingEmbedder())
        try:
            for md in (metadata(PORTAL_TOKEN), metadata(ADMIN_TOKEN)):
                parameters = await server.client.matches.GetRankingParameters(
                    match_service_pb2.GetRankingParametersRequest(), metadata=md, timeout=10
                )
                weights = {f.name: f.weight for f in parameters.factors}
                assert weights["market"] == market_weight
                assert all(f.description for f in parameters.factors)
                assert parameters.rules and parameters.non_personalized_rule and parameters.summary
                assert parameters.model_version == "hashing-v1"
                assert parameters.weights_version.startswith("learned-") and "+env-" in parameters.weights_version
        finally:
            await stop_server(server)
