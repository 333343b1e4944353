"""The congestion stage end to end: a full exhibitor sinks, the explanation names it, opted-out subjects stay out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt

from matchmaker.api._gen.matchmaker.v1 import (
    common_pb2,
    match_service_pb2,
    privacy_service_pb2,
    profile_service_pb2,
)
from matchmaker.domain import FeedbackAction
from matchmaker.ranking.congestion import MarketState
from matchmaker.storage.exposure import ExposureRepository
from tests.support import (
    PORTAL_TOKEN,
    HashingEmbedder,
    Running,
    make_profile,
    make_settings,
    metadata,
    start_server,
    stop_server,
)

SEEKING = "frozen salmon fillets and smoked salmon"


async def upsert(running: Running, profile: common_pb2.Profile) -> None:
    await running.client.profiles.UpsertProfile(
        profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata(), timeout=10
    )


async def market(running: Running) -> None:
    """Two near-identical salmon exhibitors with one slot each, a cod exhibitor, and purchasers."""
    for exhibitor_id, offering in (
        ("exh-a", "frozen salmon fillets and smoked salmon from Norway"),
        ("exh-b", "frozen salmon fillets and smoked salmon from the Faroe Islands"),
    ):
        await upsert(
            running,
            make_profile(exhibitor_id, common_pb2.ROLE_EXHIBITOR, offering=offering, meeting_capacity=1),
        )
    await upsert(running, make_profile("exh-c", common_pb2.ROLE_EXHIBITOR, offering="dried cod"))
    for purchaser_id, languages in (("pur-1", ["en"]), ("pur-2", ["en"]), ("pur-3", ["zh"])):
        await upsert(running, make_profile(purchaser_id, seeking=SEEKING, languages=languages))


async def recommend(running: Running, subject: str, **fields: object) -> match_service_pb2.RecommendResponse:
    return await running.client.matches.RecommendExhibitors(
        match_service_pb2.RecommendRequest(subject_id=subject, limit=10, **fields),  # type: ignore[arg-type]
        metadata=metadata(PORTAL_TOKEN, subject),
        timeout=30,
    )


async def feedback(running: Running, subject: str, decision_id: str, candidate: str, action: int) -> bool:
    answer = await running.client.matches.RecordFeedback(
        match_service_pb2.RecordFeedbackRequest(
            decision_id=decision_id, candidate_id=candidate, action=action
        ),  # type: ignore[arg-type]
        metadata=metadata(PORTAL_TOKEN, subject),
        timeout=10,
    )
    return answer.recorded


async def explain(
    running: Running, subject: str, decision_id: str, candidate: str
) -> match_service_pb2.Explanation:
    return await running.client.matches.ExplainRecommendation(
        match_service_pb2.ExplainRecommendationRequest(decision_id=decision_id, candidate_id=candidate),
        metadata=metadata(PORTAL_TOKEN, subject),
        timeout=10,
    )


async def set_preferences(running: Running, profile_id: str, **fields: bool) -> None:
    await running.client.privacy.UpdatePreferences(
        privacy_service_pb2.UpdatePreferencesRequest(
            profile_id=profile_id, preferences=common_pb2.Preferences(**fields)
        ),
        metadata=metadata(),
        timeout=10,
    )


def order(response: match_service_pb2.RecommendResponse) -> list[str]:
    return [item.candidate_id for item in response.items]


async def book_the_top_salmon_exhibitor(running: Running, subject: str) -> tuple[str, str]:
    """The subject requests and holds a meeting with its top salmon exhibitor; (that one, the other)."""
    first = await recommend(running, subject)
    salmon = [c for c in order(first) if c in ("exh-a", "exh-b")]
    top, other = salmon
    scores = {item.candidate_id: item.score for item in first.items}
    # Precondition: the two are close, so that a full calendar is what moves one below the other.
    assert scores[other] > 0.5 * scores[top] > 0
    assert await feedback(
        running, subject, first.decision_id, top, common_pb2.FEEDBACK_ACTION_REQUEST_MEETING
    )
    assert await feedback(running, subject, first.decision_id, top, common_pb2.FEEDBACK_ACTION_MEETING_HELD)
    return top, other


async def test_an_exhibitor_at_capacity_sinks_and_the_explanation_says_why(running: Running) -> None:
    await market(running)
    full, free = await book_the_top_salmon_exhibitor(running, "pur-1")
    assert running.runtime.engine.market.snapshot(full)[:2] == (1, 1), "one slot, one meeting held"

    for subject, wording in (("pur-2", "Few free meeting slots left"), ("pur-3", "会面时段所剩不多")):
        response = await recommend(running, subject)
        ranked = order(response)
        assert ranked.index(free) < ranked.index(full), "the full exhibitor sinks below the free one"
        why = await explain(running, subject, response.decision_id, full)
        congestion = [a for a in why.adjustments if a.name == "congestion"]
        assert len(congestion) == 1 and congestion[0].contribution < 0
        assert wording in why.summary
        # Contributions still sum to the score, for every item of the decision.
        for item in response.items:
            explained = await explain(running, subject, response.decision_id, item.candidate_id)
            total = sum(f.contribution for f in explained.factors) + sum(
                a.contribution for a in explained.adjustments
            )
            assert abs(total - explained.score) < 1e-6
            assert abs(explained.score - item.score) < 1e-9
        # The full one keeps exactly 1 - strength of its score; the free one most of it.
        strength = running.runtime.settings.ranking.congestion
        kept = {}
        for candidate in (free, full):
            explained = await explain(running, subject, response.decision_id, candidate)
            term = next(a.contribution for a in explained.adjustments if a.name == "congestion")
            before = sum(f.contribution for f in explained.factors)
            kept[candidate] = (before + term) / before
        assert abs(kept[full] - (1 - strength)) < 1e-9, "no free slot: the full strength applies"
        assert kept[free] > 0.8, "one slot, but only a little exposure so far"

    # A no-show releases the slot: the exhibitor is back for the next subject.
    first = await recommend(running, "pur-1")
    assert await feedback(running, "pur-1", first.decision_id, full, common_pb2.FEEDBACK_ACTION_NO_SHOW)
    assert running.runtime.engine.market.discount_of(full) < 0.5


async def test_ranking_parameters_publish_the_stage(running: Running) -> None:
    parameters = await running.client.matches.GetRankingParameters(
        match_service_pb2.GetRankingParametersRequest(), metadata=metadata(), timeout=10
    )
    rule = next(r for r in parameters.rules if r.startswith("Re-ranking (congestion"))
    strength = running.runtime.settings.ranking.congestion
    assert f"1 - {strength:g} x" in rule and "few free meeting slots left" in rule
    assert "Not applied to non-personalised lists" in rule


class RecordingMarket(MarketState):
    """The real market state, noting every profile id it is asked about or told of."""

    def __init__(self, real: MarketState) -> None:
        super().__init__(real.parameters)
        self.read: list[str] = []
        self.told: list[str] = []

    def discounts(self, profile_ids: Sequence[str]) -> npt.NDArray[np.float64]:
        self.read.extend(profile_ids)
        return super().discounts(profile_ids)

    def served(
        self, subject_id: str, ranked: Iterable[tuple[str, int]], expires: datetime | None = None
    ) -> None:
        self.told.append(subject_id)
        super().served(subject_id, ranked, expires)

    def feedback(
        self,
        subject_id: str,
        candidate_id: str,
        action: FeedbackAction,
        *,
        expires: datetime | None = None,
        event_id: int | None = None,
    ) -> None:
        self.told.append(subject_id)
        super().feedback(subject_id, candidate_id, action, expires=expires, event_id=event_id)


async def test_the_stage_reads_nothing_of_an_opted_out_subject(running: Running) -> None:
    await market(running)
    await set_preferences(running, "pur-2", personalized_recommendations=False)
    await set_preferences(running, "pur-3", do_not_track=True)
    engine = running.runtime.engine
    stored = ExposureRepository(running.runtime.db)
    spy = RecordingMarket(engine.market)
    engine.market = spy
    engine.market_follower.market = spy  # what other replicas stored reaches the state through it
    engine.market_follower.load(running.runtime.profiles.iter_profiles())
    spy.told.clear()

    # Not personalised (by preference, or for one request): the stage is not asked anything.
    for subject, fields in (("pur-2", {}), ("pur-1", {"non_personalized": True})):
        response = await recommend(running, subject, **fields)
        assert not response.personalized
        assert spy.read == [] and spy.told == []
        why = await explain(running, subject, response.decision_id, response.items[0].candidate_id)
        assert [a.name for a in why.adjustments] == []
        # Stored (both allow tracking), but feedback on a non-personalised list never enters the state.
        assert await feedback(
            running,
            subject,
            response.decision_id,
            response.items[0].candidate_id,
            common_pb2.FEEDBACK_ACTION_REQUEST_MEETING,
        )
        assert spy.told == []

    # Do not track: ranked with the candidates' state, but nothing of theirs enters it.
    response = await recommend(running, "pur-3")
    assert response.personalized and spy.read and "pur-3" not in spy.read
    assert not await feedback(
        running,
        "pur-3",
        response.decision_id,
        response.items[0].candidate_id,
        common_pb2.FEEDBACK_ACTION_MEETING_HELD,
    )
    assert "pur-3" not in spy.told
    assert all(spy.snapshot(c)[1:3] == (0, 0) for c in ("exh-a", "exh-b", "exh-c"))

    # What the state is rebuilt from at start-up leaves them out as well.
    assert {s for s, _, _, _ in stored.served_pairs()} <= {"pur-1"}
    assert {s for s, _, _ in stored.feedback()} <= {"pur-1"}


async def test_opting_out_takes_back_what_a_subject_put_in(running: Running) -> None:
    await market(running)
    full, _ = await book_the_top_salmon_exhibitor(running, "pur-1")
    engine = running.runtime.engine
    assert engine.market.discount_of(full) > 0.5
    await set_preferences(running, "pur-1", do_not_track=True)
    assert engine.market.snapshot(full)[1:] == (0, 0, 0.0)
    assert engine.market.discount_of(full) == 0.0


async def test_the_mirror_for_recommend_purchasers_when_purchasers_have_slots(tmp_path: Path) -> None:
    from matchmaker.config import RankingSettings

    settings = make_settings(tmp_path, ranking=RankingSettings(congestion_purchaser_capacity=1))
    running = await start_server(settings, HashingEmbedder())
    try:
        await market(running)
        seeking = "importers of frozen salmon fillets"
        for exhibitor_id in ("exh-x", "exh-y"):
            await upsert(running, make_profile(exhibitor_id, common_pb2.ROLE_EXHIBITOR, seeking=seeking))

        async def purchasers_for(subject: str) -> match_service_pb2.RecommendResponse:
            return await running.client.matches.RecommendPurchasers(
                match_service_pb2.RecommendRequest(subject_id=subject, limit=10),
                metadata=metadata(PORTAL_TOKEN, subject),
                timeout=30,
            )

        first = await purchasers_for("exh-x")
        top = first.items[0].candidate_id
        assert await feedback(
            running, "exh-x", first.decision_id, top, common_pb2.FEEDBACK_ACTION_MEETING_HELD
        )
        again = await purchasers_for("exh-y")
        booked = next(item for item in again.items if item.candidate_id == top)
        why = await explain(running, "exh-y", again.decision_id, top)
        term = next(a.contribution for a in why.adjustments if a.name == "congestion")
        factors = sum(f.contribution for f in why.factors)
        assert abs((factors + term) / factors - (1 - settings.ranking.congestion)) < 1e-9
        # The three purchasers seek the same; the one without a free slot comes last.
        assert len(again.items) == 3 and booked.rank == 3
    finally:
        await stop_server(running)
