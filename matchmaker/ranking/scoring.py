"""Two-sided hybrid scoring: every score is the exact sum of named, weighted similarities.

Weights belong to the pair's roles, not to who asks: the purchaser's needs against the exhibitor's
offering ("need" terms) and the exhibitor's ideal buyers against the purchaser's business ("fit"
terms). A match therefore scores the same from either side; only the factor directions, which
say whose text was compared with whose, depend on the subject.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matchmaker.config import RankingWeights
from matchmaker.domain import Direction, Factor, Role
from matchmaker.ranking.features import Phrases, ProfileFeatures
from matchmaker.ranking.lexical import LexicalModel

S2C = Direction.SUBJECT_TO_CANDIDATE
C2S = Direction.CANDIDATE_TO_SUBJECT


@dataclass(frozen=True)
class FactorSpec:
    """One term of the score as published by GetRankingParameters."""

    name: str
    weight_field: str
    description: str


FACTOR_SPECS = (
    FactorSpec(
        "seeking_vs_offering",
        "need_semantic",
        "how closely what the purchaser is looking for means the same as what the exhibitor offers "
        "(sentence embeddings, cosine)",
    ),
    FactorSpec(
        "seeking_vs_offering_keywords",
        "need_keywords",
        "words the purchaser's needs and the exhibitor's offering share, rarer words counting more "
        "(TF-IDF cosine; Chinese cut into words)",
    ),
    FactorSpec(
        "seeking_vs_description",
        "need_description",
        "how closely the purchaser's needs match the exhibitor's description of itself",
    ),
    FactorSpec(
        "buyer_fit",
        "fit_semantic",
        "how closely the buyers the exhibitor is looking for resemble the purchaser's own business",
    ),
    FactorSpec(
        "buyer_fit_keywords",
        "fit_keywords",
        "words the exhibitor's ideal-buyer text and the purchaser's business share",
    ),
    FactorSpec(
        "categories",
        "categories",
        "overlap of the two parties' product categories (shared taxonomy path depth)",
    ),
    FactorSpec("market", "market", "the exhibitor sells to the purchaser's country"),
    FactorSpec(
        "sourcing_market",
        "sourcing_market",
        "the purchaser buys for a market the exhibitor comes from or serves",
    ),
    FactorSpec("languages", "languages", "the two parties share a meeting language"),
)


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return max(0.0, float(np.dot(a.astype(np.float32), b.astype(np.float32))))


def best_phrase_pair(left: Phrases, right: Phrases) -> tuple[str, str] | None:
    """The clause of each side that are most alike, or None when either side has none."""
    if not left.texts or not right.texts:
        return None
    sims = left.vectors.astype(np.float32) @ right.vectors.astype(np.float32).T
    i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
    if sims[i, j] <= 0:
        return None
    return left.texts[int(i)], right.texts[int(j)]


def category_overlap(a: ProfileFeatures, b: ProfileFeatures) -> tuple[float, tuple[str, ...]]:
    """Mean over ``a``'s categories of the best shared-prefix share with ``b``'s, and the shared paths."""
    if not a.paths or not b.paths:
        return 0.0, ()
    total = 0.0
    shared: dict[str, None] = {}
    for path in a.paths:
        best, best_other, best_depth = 0.0, -1, 0
        for index, other in enumerate(b.paths):
            depth = 0
            for x, y in zip(path, other, strict=False):
                if x != y:
                    break
                depth += 1
            share = depth / max(len(path), len(other))
            if share > best:
                best, best_other, best_depth = share, index, depth
        total += best
        if best_other >= 0:
            # Quote the candidate's own spelling of the shared part of the path.
            parts = [p.strip() for p in b.categories[best_other].split(">") if p.strip()]
            shared.setdefault(" > ".join(parts[:best_depth]), None)
    return total / len(a.paths), tuple(sorted(shared, key=lambda s: (-s.count(">"), s)))[:5]


class Scorer:
    """Computes the factors of one (subject, candidate) pair."""

    def __init__(self, weights: RankingWeights, lexical: LexicalModel) -> None:
        self.weights = weights
        self.lexical = lexical

    def factors(self, subject: ProfileFeatures, candidate: ProfileFeatures) -> tuple[Factor, ...]:
        """Every factor, in the published order; contributions are ``weight * similarity``."""
        if subject.role is Role.PURCHASER:
            purchaser, exhibitor, need_dir, fit_dir = subject, candidate, S2C, C2S
        else:
            purchaser, exhibitor, need_dir, fit_dir = candidate, subject, C2S, S2C
        w = self.weights
        out: list[Factor] = []

        def add(
            name: str, direction: Direction, weight: float, similarity: float, evidence: tuple[str, ...]
        ) -> None:
            similarity = min(1.0, max(0.0, similarity))
            out.append(Factor(name, direction, weight, similarity, weight * similarity, evidence))

        # The purchaser's needs against the exhibitor's offering.
        sim = _cos(purchaser.facet("seeking"), exhibitor.facet("offering"))
        pair = best_phrase_pair(purchaser.phrases["seeking"], exhibitor.phrases["offering"])
        add("seeking_vs_offering", need_dir, w.need_semantic, sim, self._pair_evidence(pair, need_dir))
        sim = purchaser.lexical["seeking"].dot(exhibitor.lexical["offering"])
        terms = self.lexical.shared_terms(purchaser.tokens["seeking"], exhibitor.tokens["offering"])
        add("seeking_vs_offering_keywords", need_dir, w.need_keywords, sim, tuple(terms))
        sim = _cos(purchaser.facet("seeking"), exhibitor.facet("description"))
        terms = self.lexical.shared_terms(purchaser.tokens["seeking"], exhibitor.tokens["description"])
        add("seeking_vs_description", need_dir, w.need_description, sim, tuple(terms))
        # The exhibitor's ideal buyers against the purchaser's business.
        sim = _cos(exhibitor.facet("seeking"), purchaser.facet("offering"))
        pair = best_phrase_pair(exhibitor.phrases["seeking"], purchaser.phrases["offering"])
        add("buyer_fit", fit_dir, w.fit_semantic, sim, self._pair_evidence(pair, fit_dir))
        sim = exhibitor.lexical["seeking"].dot(purchaser.lexical["offering"])
        terms = self.lexical.shared_terms(exhibitor.tokens["seeking"], purchaser.tokens["offering"])
        add("buyer_fit_keywords", fit_dir, w.fit_keywords, sim, tuple(terms))
        # Categories, markets, languages.
        sim, shared = category_overlap(subject, candidate)
        add("categories", S2C, w.categories, sim, shared)
        sells_there = purchaser.country in exhibitor.target_markets
        add(
            "market",
            fit_dir,
            w.market,
            1.0 if sells_there else 0.0,
            (purchaser.country,) if sells_there else (),
        )
        served = purchaser.target_markets & (exhibitor.target_markets | {exhibitor.country})
        add("sourcing_market", need_dir, w.sourcing_market, 1.0 if served else 0.0, tuple(sorted(served))[:5])
        common = subject.languages & candidate.languages
        add("languages", S2C, w.languages, 1.0 if common else 0.0, tuple(sorted(common)))
        return tuple(out)

    @staticmethod
    def _pair_evidence(pair: tuple[str, str] | None, direction: Direction) -> tuple[str, ...]:
        """The seeking clause first, then the offering clause (whoever's they are)."""
        if pair is None:
            return ()
        return (f"seeking: {pair[0]}", f"offering: {pair[1]}")


def relevance(factors: tuple[Factor, ...]) -> float:
    """The sum of the factor contributions, in order (the score before re-ranking)."""
    total = 0.0
    for factor in factors:
        total += factor.contribution
    return total
