"""Recommender: candidate generation (dense + lexical), exact two-sided scoring, diversity re-ranking.

It reads the catalogs only; recording the decision is the engine's job.
"""

from __future__ import annotations

import heapq
from collections import Counter

import numpy as np
import numpy.typing as npt

from matchmaker.config import RankingSettings
from matchmaker.domain import Adjustment, Direction, Factor, RankedItem, Role
from matchmaker.matching.catalog import Catalog, Mask, present_fields
from matchmaker.ranking.congestion import NAME as CONGESTION
from matchmaker.ranking.congestion import MarketState
from matchmaker.ranking.diversity import diversify
from matchmaker.ranking.factors import Batch
from matchmaker.ranking.features import FACETS, ProfileFeatures
from matchmaker.ranking.headline import headline
from matchmaker.ranking.lexical import LexicalModel
from matchmaker.ranking.scoring import Scorer, relevance
from matchmaker.ranking.weights import WeightTable

# What personalised ranking reads of the subject (shown in explanations as data_used).
PERSONAL_DATA_USED = (
    "offering",
    "seeking",
    "description",
    "categories",
    "country",
    "target_markets",
    "languages",
)
NON_PERSONAL_RULE = (
    "Without personalisation, candidates that pass the filters you chose are ordered by how complete "
    "their public profile is (offering, needs, description, categories, markets, languages, hall, "
    "each counting equally), then by organisation name; nothing about you is read."
)


def query_vector(subject: ProfileFeatures, weights: WeightTable) -> npt.NDArray[np.float32]:
    """The retrieval query: inner product with a candidate's index vector = the weighted dense terms.

    Candidate vectors hold the facets (offering, seeking, description, categories) side by side, so
    each slot of the query is the subject's facet that the candidate's facet is compared with.
    """
    slots = {facet: np.zeros_like(subject.vectors[0]) for facet in FACETS}
    # The phrase term is a sharper form of the whole-text need term: retrieve with both.
    need = weights.of("need_semantic") + weights.of("need_phrases")
    if subject.role is Role.PURCHASER:
        slots["offering"] = need * subject.facet("seeking")
        slots["seeking"] = weights.of("fit_semantic") * subject.facet("offering")
        slots["description"] = weights.of("need_description") * subject.facet("seeking")
    else:
        slots["offering"] = weights.of("fit_semantic") * subject.facet("seeking")
        slots["seeking"] = need * subject.facet("offering") + (
            weights.of("need_description") * subject.facet("description")
        )
    # Categories are scored by shared paths; their embedding only helps retrieval.
    slots["categories"] = max(weights.of("categories"), 0.05) * subject.facet("categories")
    return np.concatenate([slots[f] for f in FACETS]).astype(np.float32)


def _diversity_vectors(
    facets: npt.NDArray[np.float32], keep: npt.NDArray[np.intp], groups: list[str]
) -> npt.NDArray[np.float32]:
    """The unit rows ``diversify`` compares: each kept item's facets side by side, normalised.

    Only items that share their organisation with another kept item are ever compared, so only
    their rows are computed (most organisations have one listing among the candidates); the other
    rows stay zero and are never read. Each row is computed as it would be with all of them.
    """
    counts = Counter(groups)
    rows = [i for i, group in enumerate(groups) if counts[group] > 1]
    out = np.zeros((len(keep), facets.shape[1] * facets.shape[2]), dtype=np.float32)
    if rows:
        stacked = facets[keep[rows]].reshape(len(rows), -1)
        norms = np.linalg.norm(stacked, axis=1, keepdims=True)
        out[rows] = (stacked / np.where(norms == 0, 1.0, norms)).astype(np.float32)
    return out


class Recommender:
    """Ranks one side's candidates for a subject of the other side."""

    def __init__(
        self,
        weights: WeightTable,
        settings: RankingSettings,
        lexical: LexicalModel,
        market: MarketState | None = None,
    ) -> None:
        self.weights = weights
        self.settings = settings
        self.scorer = Scorer(weights, lexical)
        # The congestion stage (matchmaker.ranking.congestion); None or strength 0 = off.
        self.market = market if market is not None and market.enabled else None

    def candidates(self, subject: ProfileFeatures, catalog: Catalog, mask: Mask) -> list[int]:
        """Union of the dense and the lexical top candidates (keys), deterministic order."""
        pool = self.settings.candidate_pool
        dense_keys, _ = catalog.vectors.search(query_vector(subject, self.weights), pool, mask)
        lexical_facet = "offering" if subject.role is Role.PURCHASER else "seeking"
        query = subject.lexical["seeking" if subject.role is Role.PURCHASER else "offering"]
        lexical_keys, _ = catalog.lexical[lexical_facet].search(query, pool, mask)
        return sorted({int(k) for k in dense_keys} | {int(k) for k in lexical_keys})

    def rank(
        self, subject: ProfileFeatures, catalog: Catalog, mask: Mask, depth: int, *, chinese: bool = False
    ) -> list[RankedItem]:
        """The top ``depth`` candidates with their factors and diversity adjustment; scores non-increasing."""
        keys = self.candidates(subject, catalog, mask)
        if not keys:
            return []
        # Read before the features: the catalog's lexical rows are used only if nothing changed.
        sequence = catalog.sequence
        features = [catalog.features_at(k) for k in keys]
        key_array = np.asarray(keys, dtype=np.int64)
        batch = Batch(
            subject,
            features,
            lambda facet, query: catalog.lexical_dots(facet, query, key_array, sequence),
            lambda: catalog.facet_vectors(key_array, sequence),
            lambda: catalog.path_rows(key_array, features, sequence),
        )
        similarities = self.scorer.similarities(subject, features, batch)
        rel = np.array(self.scorer.relevance(similarities), dtype=np.float64)
        # Pre-select by relevance so the re-ranker works on a bounded set.
        keep = np.argsort(-rel, kind="stable")[: max(depth * 3, depth)]
        groups = [features[i].organization.casefold().strip() for i in keep]
        vectors = _diversity_vectors(batch.facets, keep, groups)
        ids = [features[i].profile_id for i in keep]
        congestion = self.market.terms(rel[keep], ids) if self.market is not None else None
        chosen = diversify(
            rel[keep] if congestion is None else rel[keep] + congestion,
            vectors,
            ids,
            groups,
            depth=depth,
            penalty=self.settings.diversity_penalty,
            threshold=self.settings.diversity_threshold,
        )
        picked = [int(keep[pick.index]) for pick in chosen]
        all_factors = self.scorer.factors_many(
            subject, [features[i] for i in picked], similarities[picked].tolist(), batch.subset(picked)
        )
        items: list[RankedItem] = []
        for rank, (pick, index, factors) in enumerate(zip(chosen, picked, all_factors, strict=True), start=1):
            adjustments: tuple[Adjustment, ...] = (Adjustment("diversity", pick.adjustment),)
            if congestion is not None:
                adjustments = (Adjustment(CONGESTION, float(congestion[pick.index]) + 0.0), *adjustments)
            items.append(
                RankedItem(
                    candidate_id=features[index].profile_id,
                    rank=rank,
                    # Added as the explanation adds them: factors, then the adjustments' own sum.
                    score=relevance(factors) + sum(a.contribution for a in adjustments),
                    factors=factors,
                    adjustments=adjustments,
                    headline=headline(factors, chinese),
                )
            )
        return items


def rank_non_personalized(
    catalog: Catalog, mask: Mask, depth: int, *, filtered: bool, chinese: bool = False
) -> list[RankedItem]:
    """The documented non-personal order (NON_PERSONAL_RULE): same filters, same list, for anyone."""
    keys = np.flatnonzero(mask)
    # Each profile's place in the order is kept by the catalog; only the ``depth`` first of the
    # allowed ones are picked (a heap over the keys, not a sort of every candidate's fields).
    top = heapq.nsmallest(depth, catalog.public_order(keys.tolist()))
    items: list[RankedItem] = []
    for negative, _, profile_id in top:
        completeness = -negative
        features = catalog.features(profile_id)
        if features is None:  # removed by a writer since: it is not served
            continue
        factors = (
            Factor(
                "profile_completeness",
                Direction.CANDIDATE_TO_SUBJECT,
                1.0,
                completeness,
                completeness,
                tuple(present_fields(features)),
            ),
        )
        items.append(
            RankedItem(
                candidate_id=profile_id,
                rank=len(items) + 1,
                score=relevance(factors),
                factors=factors,
                adjustments=(),
                headline=_non_personal_headline(completeness, filtered, chinese),
            )
        )
    return items


def _non_personal_headline(completeness: float, filtered: bool, chinese: bool) -> str:
    """Says what the order is, and never that filters were chosen when none were."""
    if chinese:
        basis = "符合您的筛选条件，" if filtered else ""
        return f"非个性化推荐：{basis}按公开资料完整度排序（{completeness:.0%}）"
    basis = "matches your filters; " if filtered else ""
    return f"Not personalised: {basis}ordered by profile completeness ({completeness:.0%})"
