"""Plain-language explanations of recorded decisions, and the published ranking parameters.

Everything here is derived from what the decision recorded (factors, evidence, adjustments,
filters, data used), never from live profiles, so the same decision always reads the same.
"""

from __future__ import annotations

from matchmaker.config import Settings
from matchmaker.domain import (
    Decision,
    Explanation,
    Factor,
    RankedItem,
    RankingFactorInfo,
    RankingParameters,
)
from matchmaker.ranking.factors import BY_NAME, FACTORS
from matchmaker.ranking.weights import WeightTable

CONTROLS_EN = (
    "Turn personalisation off: set personalized_recommendations to false in your privacy settings "
    "(PrivacyService.UpdatePreferences), or ask for one non-personalised list (non_personalized=true); "
    "it applies from your very next request.",
    "Contest this recommendation: MatchService.ContestDecision with this decision_id and candidate_id "
    "and your reason; a person reviews it and answers you.",
)
CONTROLS_ZH = (
    "关闭个性化推荐：在隐私设置中将 personalized_recommendations 设为 false"
    "（PrivacyService.UpdatePreferences），或在单次请求中设置 non_personalized=true；下一次请求即生效。",
    "对本条推荐提出异议：调用 MatchService.ContestDecision，提供本决定的 decision_id、candidate_id 和理由；"
    "将由工作人员人工复核并答复。",
)


def wants_chinese(languages: tuple[str, ...]) -> bool:
    """True when the subject's meeting languages include Chinese."""
    return any(tag.lower().split("-")[0] == "zh" for tag in languages)


def factor_label(factor: Factor, chinese: bool) -> str:
    """What a factor means for the subject, in their language."""
    spec = BY_NAME.get(factor.name)
    if factor.name == "profile_completeness":
        return "对方公开资料的完整程度（非个性化排序）" if chinese else "how complete their public profile is (non-personal order)"
    if spec is None:
        return factor.name
    wording = spec.wording(factor.direction)
    return wording.zh if chinese else wording.en


def _reason(factor: Factor, chinese: bool) -> str:
    text = factor_label(factor, chinese)
    if factor.evidence:
        quoted = "; ".join(factor.evidence[:3])
        text += f"（{quoted}）" if chinese else f" ({quoted})"
    return text


_DATA_NAMES = {
    "offering": ("offering", "供应"),
    "seeking": ("needs", "需求"),
    "description": ("description", "简介"),
    "categories": ("categories", "类别"),
    "country": ("country", "国家"),
    "target_markets": ("target markets", "目标市场"),
    "languages": ("languages", "语言"),
    "feedback (declined candidates)": ("the candidates you declined", "您已拒绝的对象"),
}


def _data_used(names: tuple[str, ...], chinese: bool) -> str:
    words = [_DATA_NAMES.get(n, (n, n))[1 if chinese else 0] for n in names]
    if chinese:
        return "、".join(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def summary(decision: Decision, item: RankedItem) -> str:
    """A few plain sentences: rank and score, the strongest reasons, what was read, what applied."""
    chinese = wants_chinese(decision.subject_languages)
    filtered = bool(decision.filter.describe())
    if not decision.personalized:
        share = item.factors[0].similarity if item.factors else 0.0
        if chinese:
            basis = "只依据您选择的筛选条件，" if filtered else "未设置筛选条件，"
            return (
                f"本条为非个性化推荐，排名第 {item.rank}。排序未使用您的任何个人信息：{basis}"
                f"参展商/采购商按公开资料的完整程度（本条为 {share:.0%}）排序，相同时按机构名称排序。"
            )
        basis = "that pass the filters you chose" if filtered else "(you chose no filters)"
        return (
            f"This is a non-personalised recommendation, ranked #{item.rank}. Nothing about you was used: "
            f"candidates {basis} are ordered by how complete their public profile is (this one: {share:.0%}), "
            "then by organisation name."
        )
    top = [f for f in sorted(item.factors, key=lambda f: -f.contribution) if f.contribution > 0][:3]
    reasons = [_reason(f, chinese) for f in top]
    lowered = [a for a in item.adjustments if a.contribution < 0]
    used = _data_used(decision.data_used, chinese) if decision.data_used else ""
    if chinese:
        text = f"本条推荐排名第 {item.rank}，得分 {item.score:.3f}。主要原因：" + "；".join(reasons) + "。"
        for adjustment in lowered:
            text += f"{adjustment_label(adjustment.name, True)}：得分下调 {-adjustment.contribution:.3f}。"
        if used:
            text += f"本次推荐使用了您资料中的{used}。"
        return text
    text = f"Ranked #{item.rank} with a score of {item.score:.3f}. The strongest reasons: " + "; ".join(reasons) + "."
    for adjustment in lowered:
        text += f" {adjustment_label(adjustment.name, False)}: the score was lowered by {-adjustment.contribution:.3f}."
    if used:
        text += f" This used your profile's {used}."
    return text


_ADJUSTMENTS = {
    "diversity": (
        "Another listing of the same organisation, much like it, ranks higher",
        "同一机构的另一条相似信息排名更高",
    ),
    "congestion": (
        "Few free meeting slots left (many have asked them for meetings already)",
        "对方可预约的会面时段所剩不多（已有很多人向其提出会面请求）",
    ),
}


def adjustment_label(name: str, chinese: bool) -> str:
    """What a re-ranking adjustment means, in the subject's language."""
    en, zh = _ADJUSTMENTS.get(name, (name, name))
    return zh if chinese else en


def explain(decision: Decision, item: RankedItem) -> Explanation:
    """The explanation of one recorded item."""
    chinese = wants_chinese(decision.subject_languages)
    return Explanation(
        decision=decision,
        item=item,
        filters_applied=decision.filter.describe(),
        summary=summary(decision, item),
        controls=CONTROLS_ZH if chinese else CONTROLS_EN,
        factor_labels=tuple(factor_label(f, chinese) for f in item.factors),
        adjustment_labels=tuple(adjustment_label(a.name, chinese) for a in item.adjustments),
    )


def congestion_rule(settings: Settings) -> str:
    """The published rule of the congestion stage, with its numbers."""
    ranking = settings.ranking
    if ranking.congestion <= 0:
        return "Re-ranking (congestion): off (MATCHMAKER_RANKING__CONGESTION=0)."
    purchasers = (
        f"purchasers {ranking.congestion_purchaser_capacity}"
        if ranking.congestion_purchaser_capacity > 0
        else "purchasers are not limited"
    )
    return (
        "Re-ranking (congestion, 'few free meeting slots left'): a recommendation is worth something when a "
        "meeting can follow, so each candidate's score is multiplied by 1 - "
        f"{ranking.congestion:g} x (the chance that they have no free meeting slot left). That chance comes "
        "from their meeting capacity (what an exhibitor stated, else "
        f"{ranking.congestion_default_capacity} slots; {purchasers}), the meetings they held, "
        f"{ranking.congestion_accept_share:g} of the meeting requests they have pending, and "
        f"{ranking.congestion_request_rate:g} meetings per unit of recent exposure (1/rank in the lists they "
        "were served in, not yet answered). Nothing of your profile is read: only the candidates' meeting state, "
        "built from the decisions and feedback of users who allow tracking. Not applied to non-personalised "
        "lists."
    )


def ranking_parameters(
    settings: Settings, weights: WeightTable, model_name: str, model_version: str, non_personal_rule: str
) -> RankingParameters:
    """The live configuration, in plain language and numbers."""
    ranking = settings.ranking
    factors = tuple(RankingFactorInfo(f.name, weights.of(f.weight_key), f.description) for f in FACTORS)
    trained = f" Weights version {weights.version}"
    if weights.trained_on:
        trained += f", learned from labelled pairs ({weights.trained_on})"
    rules = (
        f"Candidate generation: the {ranking.candidate_pool} nearest candidates by meaning (FAISS over "
        f"sentence embeddings of offering, needs, description and categories) together with the "
        f"{ranking.candidate_pool} best by shared keywords, after your filters.",
        "Scoring: every candidate's score is the sum of the factors below, each weight times a similarity "
        "between 0 and 1, computed in both directions (your needs against their offer, and theirs against yours)."
        + trained
        + ".",
        f"Re-ranking (diversity): when one organisation has several listings, a listing whose similarity to a "
        f"higher-ranked listing of the same organisation exceeds {ranking.diversity_threshold:g} loses "
        f"{ranking.diversity_penalty:g} points per unit of similarity above that threshold, so one organisation's "
        "near-identical listings do not fill the page; other suppliers of the same product are never pushed down.",
        congestion_rule(settings),
        f"Each decision ranks and records up to {ranking.depth} candidates; pages read that record.",
        "Never shown: yourself, people who chose not to be discoverable, candidates you declined, and contact "
        f"persons under {settings.min_age_without_guardian} without a guardian's consent.",
    )
    total = sum(f.weight for f in factors)
    return RankingParameters(
        summary=(
            "Recommendations match purchasers' needs with exhibitors' offers in both directions. The score adds "
            f"{len(factors)} weighted factors (weights sum to {total:g}, version {weights.version}); a diversity "
            "rule then keeps one organisation's near-identical listings apart"
            + (", and candidates with few free meeting slots left move down" if ranking.congestion > 0 else "")
            + ". You can turn personalisation off at any time."
        ),
        factors=factors,
        rules=rules,
        non_personalized_rule=non_personal_rule,
        model_name=model_name,
        model_version=model_version,
        weights_version=weights.version,
    )
