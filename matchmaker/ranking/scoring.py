"""Two-sided hybrid scoring: every score is the exact sum of named, weighted similarities.

Weights belong to the pair's roles, not to who asks: the purchaser's needs against the exhibitor's
offering ("need" terms) and the exhibitor's ideal buyers against the purchaser's business ("fit"
terms). A match therefore scores the same from either side; only the factor directions, which
say whose text was compared with whose, depend on the subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matchmaker.config import RankingWeights
from matchmaker.domain import Direction, Factor, Role
from matchmaker.ranking.features import FACETS, Phrases, ProfileFeatures
from matchmaker.ranking.lexical import LexicalModel, dots

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
    """Computes the factors of (subject, candidate) pairs.

    ``similarities`` scores many candidates at once (one matrix product per dense term, one sparse
    product per lexical term); ``factors`` then builds the named terms, with their evidence, for
    the few candidates that are served. Evidence never changes a number.
    """

    def __init__(self, weights: RankingWeights, lexical: LexicalModel) -> None:
        self.weights = weights
        self.lexical = lexical
        self._weights = tuple(float(getattr(weights, spec.weight_field)) for spec in FACTOR_SPECS)

    def similarities(
        self, subject: ProfileFeatures, candidates: Sequence[ProfileFeatures]
    ) -> npt.NDArray[np.float64]:
        """One row per candidate, one column per factor of FACTOR_SPECS, each clipped to [0, 1]."""
        n = len(candidates)
        out = np.zeros((n, len(FACTOR_SPECS)), dtype=np.float64)
        if n == 0:
            return out
        facets = np.stack([c.vectors for c in candidates]).astype(np.float32)  # (n, facets, dim)

        def dense(candidate_facet: str, subject_facet: str) -> npt.NDArray[np.float64]:
            column = facets[:, FACETS.index(candidate_facet), :] @ subject.facet(subject_facet)
            return column.astype(np.float64)

        def lexical(candidate_facet: str, subject_facet: str) -> npt.NDArray[np.float64]:
            return dots(subject.lexical[subject_facet], [c.lexical[candidate_facet] for c in candidates])

        if subject.role is Role.PURCHASER:
            out[:, 0] = dense("offering", "seeking")
            out[:, 1] = lexical("offering", "seeking")
            out[:, 2] = dense("description", "seeking")
            out[:, 3] = dense("seeking", "offering")
            out[:, 4] = lexical("seeking", "offering")
        else:
            out[:, 0] = dense("seeking", "offering")
            out[:, 1] = lexical("seeking", "offering")
            out[:, 2] = dense("seeking", "description")
            out[:, 3] = dense("offering", "seeking")
            out[:, 4] = lexical("offering", "seeking")
        for row, candidate in enumerate(candidates):
            purchaser, exhibitor = (
                (subject, candidate) if subject.role is Role.PURCHASER else (candidate, subject)
            )
            out[row, 5] = category_overlap(subject, candidate)[0]
            out[row, 6] = 1.0 if purchaser.country in exhibitor.target_markets else 0.0
            out[row, 7] = (
                1.0 if purchaser.target_markets & (exhibitor.target_markets | {exhibitor.country}) else 0.0
            )
            out[row, 8] = 1.0 if subject.languages & candidate.languages else 0.0
        np.clip(out, 0.0, 1.0, out=out)
        return out

    def relevance(self, similarities: npt.NDArray[np.float64]) -> list[float]:
        """Per row, the sum of ``weight * similarity`` in factor order.

        The same arithmetic as the contributions of :meth:`factors`, so a served score is their
        exact sum.
        """
        weights = self._weights
        totals = []
        for row in similarities.tolist():
            total = 0.0
            for weight, similarity in zip(weights, row, strict=True):
                total += weight * similarity
            totals.append(total)
        return totals

    def factors(
        self, subject: ProfileFeatures, candidate: ProfileFeatures, similarities: Sequence[float]
    ) -> tuple[Factor, ...]:
        """The named terms of one pair, with evidence, from its row of :meth:`similarities`."""
        if subject.role is Role.PURCHASER:
            purchaser, exhibitor, need_dir, fit_dir = subject, candidate, S2C, C2S
        else:
            purchaser, exhibitor, need_dir, fit_dir = candidate, subject, C2S, S2C
        shared_terms = self.lexical.shared_terms
        served_markets = purchaser.target_markets & (exhibitor.target_markets | {exhibitor.country})
        evidence: tuple[tuple[Direction, tuple[str, ...]], ...] = (
            (
                need_dir,
                _pair_evidence(best_phrase_pair(purchaser.phrases["seeking"], exhibitor.phrases["offering"])),
            ),
            (need_dir, tuple(shared_terms(purchaser.tokens["seeking"], exhibitor.tokens["offering"]))),
            (need_dir, tuple(shared_terms(purchaser.tokens["seeking"], exhibitor.tokens["description"]))),
            (
                fit_dir,
                _pair_evidence(best_phrase_pair(exhibitor.phrases["seeking"], purchaser.phrases["offering"])),
            ),
            (fit_dir, tuple(shared_terms(exhibitor.tokens["seeking"], purchaser.tokens["offering"]))),
            (S2C, category_overlap(subject, candidate)[1]),
            (fit_dir, (purchaser.country,) if purchaser.country in exhibitor.target_markets else ()),
            (need_dir, tuple(sorted(served_markets))[:5]),
            (S2C, tuple(sorted(subject.languages & candidate.languages))),
        )
        out = []
        for spec, weight, similarity, (direction, proof) in zip(
            FACTOR_SPECS, self._weights, similarities, evidence, strict=True
        ):
            out.append(
                Factor(
                    spec.name,
                    direction,
                    weight,
                    similarity,
                    weight * similarity,
                    proof if similarity > 0 else (),
                )
            )
        return tuple(out)


def _pair_evidence(pair: tuple[str, str] | None) -> tuple[str, ...]:
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
