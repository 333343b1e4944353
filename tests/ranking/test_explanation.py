"""Explanation texts follow the subject's side and language."""

from __future__ import annotations

from datetime import UTC, datetime

from matchmaker.domain import Adjustment, Decision, Direction, Factor, RankedItem, RecommendFilter, Role
from matchmaker.ranking.explanation import explain

MARKET_C2S = Factor("market", Direction.CANDIDATE_TO_SUBJECT, 0.07, 1.0, 0.07, ("CN",))
MARKET_S2C = Factor("market", Direction.SUBJECT_TO_CANDIDATE, 0.07, 1.0, 0.07, ("DE",))


def decision(factor: Factor, languages: tuple[str, ...], role: Role) -> tuple[Decision, RankedItem]:
    item = RankedItem("x", 1, 0.05, (factor,), (Adjustment("diversity", -0.02),), "h")
    return (
        Decision(
            "d",
            "s",
            role,
            datetime(2026, 11, 29, tzinfo=UTC),
            True,
            "m",
            {},
            RecommendFilter(),
            ("seeking",),
            (item,),
            languages,
        ),
        item,
    )


def test_market_reads_right_for_a_purchaser_and_for_an_exhibitor() -> None:
    # A purchaser subject gets exhibitors (market is candidate_to_subject): they sell to you.
    text = explain(*decision(MARKET_C2S, ("en",), Role.EXHIBITOR)).summary
    assert "they sell to your market (CN)" in text and "lowered by 0.020" in text
    # An exhibitor subject gets purchasers (subject_to_candidate): they are where you sell.
    assert (
        "they are in a market you sell to (DE)"
        in explain(*decision(MARKET_S2C, ("en",), Role.PURCHASER)).summary
    )


def test_chinese_for_chinese_speakers() -> None:
    why = explain(*decision(MARKET_C2S, ("zh-Hans", "en"), Role.EXHIBITOR))
    assert "对方的销售覆盖您所在的市场" in why.summary and "关闭个性化推荐" in why.controls[0]
    assert (
        explain(*decision(MARKET_C2S, ("de",), Role.EXHIBITOR))
        .controls[0]
        .startswith("Turn personalisation off")
    )
