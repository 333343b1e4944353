"""Plain-language explanations of recorded decisions, and the published ranking parameters.

Everything here is derived from what the decision recorded (factors, evidence, adjustments,
filters, data used), never from live profiles, so the same decision always reads the same.
"""

from __future__ import annotations

from matchmaker.config import Settings
from matchmaker.domain import (
    Decision,
    Direction,
    Explanation,
    Factor,
    RankedItem,
    RankingFactorInfo,
    RankingParameters,
)
from matchmaker.ranking.scoring import FACTOR_SPECS

_EN_FACTOR = {
    ("seeking_vs_offering", True): "what you are looking for is close in meaning to what they offer",
    ("seeking_vs_offering", False): "what they are looking for is close in meaning to what you offer",
    ("seeking_vs_offering_keywords", True): "your needs and their offering share the words",
    ("seeking_vs_offering_keywords", False): "their needs and your offering share the words",
    ("seeking_vs_description", True): "your needs match their description of themselves",
    ("seeking_vs_description", False): "their needs match your description of yourself",
    ("buyer_fit", True): "they resemble the buyers you are looking for",
    ("buyer_fit", False): "you resemble the buyers they are looking for",
    ("buyer_fit_keywords", True): "their business shares words with the buyers you want",
    ("buyer_fit_keywords", False): "your business shares words with the buyers they want",
    ("categories", True): "you share product categories",
    # market: subject_to_candidate when the subject is the exhibitor, the other way round otherwise.
    ("market", True): "they are in a market you sell to",
    ("market", False): "they sell to your market",
    ("sourcing_market", True): "they come from or serve a market you buy for",
    ("sourcing_market", False): "you come from or serve a market they buy for",
    ("languages", True): "you share a meeting language",
}
_ZH_FACTOR = {
    ("seeking_vs_offering", True): "您的采购需求与对方的供应内容语义相近",
    ("seeking_vs_offering", False): "对方的需求与您的供应内容语义相近",
    ("seeking_vs_offering_keywords", True): "您的需求与对方的供应有共同关键词",
    ("seeking_vs_offering_keywords", False): "对方的需求与您的供应有共同关键词",
    ("seeking_vs_description", True): "您的需求与对方的企业介绍相符",
    ("seeking_vs_description", False): "对方的需求与您的企业介绍相符",
    ("buyer_fit", True): "对方与您寻找的买家类型相似",
    ("buyer_fit", False): "您与对方寻找的买家类型相似",
    ("buyer_fit_keywords", True): "对方的业务与您期望的买家有共同关键词",
    ("buyer_fit_keywords", False): "您的业务与对方期望的买家有共同关键词",
    ("categories", True): "双方的产品类别相同",
    ("market", True): "对方位于您销售覆盖的市场",
    ("market", False): "对方的销售覆盖您所在的市场",
    ("sourcing_market", True): "对方来自或覆盖您采购的目标市场",
    ("sourcing_market", False): "您来自或覆盖对方采购的目标市场",
    ("languages", True): "双方有共同的洽谈语言",
}

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


def _reason(factor: Factor, chinese: bool) -> str:
    s2c = factor.direction is Direction.SUBJECT_TO_CANDIDATE
    table = _ZH_FACTOR if chinese else _EN_FACTOR
    text = table.get((factor.name, s2c)) or table.get((factor.name, True)) or factor.name
    if factor.evidence:
        quoted = "; ".join(e.split(": ", 1)[-1] for e in factor.evidence[:3])
        text += f"（{quoted}）" if chinese else f" ({quoted})"
    return text


def summary(decision: Decision, item: RankedItem) -> str:
    """A few plain sentences: rank and score, the strongest reasons, what was read, what applied."""
    chinese = wants_chinese(decision.subject_languages)
    if not decision.personalized:
        if chinese:
            return (
                f"本条为非个性化推荐，排名第 {item.rank}（得分 {item.score:.3f}）。排序未使用您的任何个人信息，"
                "只依据您选择的筛选条件：符合条件的参展商/采购商按公开资料的完整程度排序，相同时按机构名称排序。"
            )
        return (
            f"This is a non-personalised recommendation, ranked #{item.rank} (score {item.score:.3f}). Nothing "
            "about you was used: candidates that pass the filters you chose are ordered by how complete their "
            "public profile is, then by organisation name."
        )
    top = [f for f in sorted(item.factors, key=lambda f: -f.contribution) if f.contribution > 0][:3]
    reasons = [_reason(f, chinese) for f in top]
    penalty = sum(a.contribution for a in item.adjustments)
    if chinese:
        text = f"本条推荐排名第 {item.rank}，得分 {item.score:.3f}。主要原因：" + "；".join(reasons) + "。"
        if penalty < 0:
            text += f"为避免推荐过于相似的对象，得分下调了 {-penalty:.3f}。"
        text += "本次推荐使用了您资料中的供应、需求、简介、类别、国家、目标市场和语言，以及您已拒绝的对象。"
        return text
    text = (
        f"Ranked #{item.rank} with a score of {item.score:.3f}. The strongest reasons: "
        + "; ".join(reasons)
        + "."
    )
    if penalty < 0:
        text += f" The score was lowered by {-penalty:.3f} so that near-duplicates do not crowd your list."
    text += (
        " This used your profile's offering, needs, description, categories, country, target markets and "
        "languages, and the candidates you declined."
    )
    return text


def explain(decision: Decision, item: RankedItem) -> Explanation:
    """The explanation of one recorded item."""
    chinese = wants_chinese(decision.subject_languages)
    return Explanation(
        decision=decision,
        item=item,
        filters_applied=decision.filter.describe(),
        summary=summary(decision, item),
        controls=CONTROLS_ZH if chinese else CONTROLS_EN,
    )


def ranking_parameters(
    settings: Settings, model_name: str, model_version: str, non_personal_rule: str
) -> RankingParameters:
    """The live configuration, in plain language and numbers."""
    weights = settings.weights
    ranking = settings.ranking
    factors = tuple(
        RankingFactorInfo(spec.name, float(getattr(weights, spec.weight_field)), spec.description)
        for spec in FACTOR_SPECS
    )
    rules = (
        f"Candidate generation: the {ranking.candidate_pool} nearest candidates by meaning (FAISS over "
        f"sentence embeddings of offering, needs, description and categories) together with the "
        f"{ranking.candidate_pool} best by shared keywords, after your filters.",
        "Scoring: every candidate's score is the sum of the factors below, each weight times a similarity "
        "between 0 and 1, computed in both directions (your needs against their offer, and theirs against yours).",
        f"Re-ranking for diversity: a candidate whose similarity to one ranked above it exceeds "
        f"{ranking.diversity_threshold:g} loses {ranking.diversity_penalty:g} points per unit of similarity "
        "above that threshold, so near-duplicates do not crowd the list.",
        f"Each decision ranks and records up to {ranking.depth} candidates; pages read that record.",
        "Never shown: yourself, people who chose not to be discoverable, candidates you declined, and contact "
        f"persons under {settings.min_age_without_guardian} without a guardian's consent.",
    )
    total = sum(f.weight for f in factors)
    return RankingParameters(
        summary=(
            "Recommendations match purchasers' needs with exhibitors' offers in both directions. The score adds "
            f"{len(factors)} weighted factors (weights sum to {total:g}); a diversity rule then keeps "
            "near-duplicates apart. You can turn personalisation off at any time."
        ),
        factors=factors,
        rules=rules,
        non_personalized_rule=non_personal_rule,
        model_name=model_name,
        model_version=model_version,
    )
