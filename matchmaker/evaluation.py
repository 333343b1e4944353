"""Offline evaluation: nDCG@10 and recall@50 of the rankers on a labelled set from the demo generator.

The generator knows which taxonomy topics every profile really needs or offers; the relevance of
a purchaser and an exhibitor is 2 when they share a topic leaf, 1 when they share its parent and 0
otherwise. The texts phrase needs and offers differently, exhibitors list several categories and
their "seeking" texts are mostly generic, so no single signal solves the task.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer

from matchmaker.api.jsonl import parse_line
from matchmaker.config import Settings
from matchmaker.demo.generator import generate_with_truth, relevance
from matchmaker.domain import Profile, RecommendFilter, Role
from matchmaker.embedding.cache import CachingEmbedder
from matchmaker.embedding.embedder import Embedder
from matchmaker.matcher import Matcher
from matchmaker.recommender import Recommender

RANKERS = ("full", "embedding", "tfidf", "random")


class MemoryStore:
    """An in-memory vector store for the embedding cache (evaluation needs no database)."""

    def __init__(self) -> None:
        self._vectors: dict[tuple[str, str], npt.NDArray[np.float32]] = {}

    def get_many(self, model_version: str, hashes: Sequence[str]) -> dict[str, npt.NDArray[np.float32]]:
        """The stored vectors among ``hashes``."""
        return {h: self._vectors[(model_version, h)] for h in hashes if (model_version, h) in self._vectors}

    def put_many(self, model_version: str, vectors: Mapping[str, npt.NDArray[np.float32]]) -> None:
        """Store vectors."""
        for key, vector in vectors.items():
            self._vectors[(model_version, key)] = vector


@dataclass(frozen=True)
class Score:
    """One ranker's figures in one direction."""

    ranker: str
    direction: str
    ndcg_at_10: float
    recall_at_50: float
    subjects: int


def ndcg(ranked: Sequence[int], all_grades: Sequence[int], k: int = 10) -> float:
    """nDCG@k with gains 2^grade - 1; ``ranked`` are the grades in ranked order."""
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ranked[:k]))
    ideal = sorted(all_grades, reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best > 0 else 0.0


def recall(ranked_ids: Sequence[str], relevant: set[str], k: int = 50) -> float:
    """Share of the fully relevant (grade 2) candidates found in the top k."""
    return len(set(ranked_ids[:k]) & relevant) / len(relevant) if relevant else 0.0


def _profiles(documents: Sequence[dict[str, object]]) -> list[Profile]:
    return [parse_line(json.dumps(d)).profile for d in documents]


def evaluate(
    embedder: Embedder,
    settings: Settings,
    *,
    seed: int = 11,
    exhibitors: int = 150,
    purchasers: int = 500,
    max_subjects: int = 300,
    progress: Callable[[int], object] | None = None,
) -> list[Score]:
    """Every ranker in both directions on a freshly generated labelled set."""
    exh_docs, pur_docs, truth = generate_with_truth(seed, exhibitors, purchasers)
    profiles = _profiles(exh_docs) + _profiles(pur_docs)
    matcher = Matcher(settings, CachingEmbedder(embedder, MemoryStore()))
    matcher.build(profiles, 0, date(2026, 11, 29), progress, allow_load=False)
    recommender = Recommender(settings.weights, settings.ranking, matcher.lexical)
    by_id = {p.id: p for p in profiles}
    tfidf = TfidfVectorizer(sublinear_tf=True).fit(
        [p.offering for p in profiles] + [p.seeking for p in profiles]
    )
    rng = random.Random(seed)
    out: list[Score] = []
    for subject_role in (Role.PURCHASER, Role.EXHIBITOR):
        candidate_role = subject_role.counterpart
        catalog = matcher.catalog(candidate_role)
        mask = catalog.mask(RecommendFilter())
        candidates = [catalog.profile_id(int(k)) for k in np.flatnonzero(mask)]
        subjects = [p.id for p in profiles if p.role is subject_role][:max_subjects]

        # The need side is always the purchaser's seeking against the exhibitor's offering.
        def need_texts(subject: Profile, others: list[Profile]) -> tuple[list[str], list[str]]:
            if subject.role is Role.PURCHASER:
                return [subject.seeking], [o.offering for o in others]
            return [subject.offering], [o.seeking for o in others]

        others = [by_id[c] for c in candidates]
        other_features = [catalog.features_at(int(k)) for k in np.flatnonzero(mask)]
        sums = {r: [0.0, 0.0, 0] for r in RANKERS}
        for subject_id in subjects:
            subject = by_id[subject_id]
            grades = [relevance(*_need_offer(truth, subject, o)) for o in others]
            relevant = {c for c, g in zip(candidates, grades, strict=True) if g == 2}
            if not any(grades):
                continue
            grade_of = dict(zip(candidates, grades, strict=True))
            features = matcher.catalog(subject_role).features(subject_id)
            assert features is not None
            rankings: dict[str, list[str]] = {}
            rankings["full"] = [i.candidate_id for i in recommender.rank(features, catalog, mask, 50)]
            if subject_role is Role.PURCHASER:
                dense = [float(features.facet("seeking") @ f.facet("offering")) for f in other_features]
            else:
                dense = [float(features.facet("offering") @ f.facet("seeking")) for f in other_features]
            rankings["embedding"] = _by_score(candidates, dense)
            left, right = need_texts(subject, others)
            sims = (tfidf.transform(left) @ tfidf.transform(right).T).toarray().ravel()
            rankings["tfidf"] = _by_score(candidates, [float(s) for s in sims])
            shuffled = list(candidates)
            rng.shuffle(shuffled)
            rankings["random"] = shuffled
            for name, ranked in rankings.items():
                sums[name][0] += ndcg([grade_of[c] for c in ranked], grades)
                sums[name][1] += recall(ranked, relevant)
                sums[name][2] += 1
        direction = "purchaser -> exhibitors" if subject_role is Role.PURCHASER else "exhibitor -> purchasers"
        for name in RANKERS:
            total_ndcg, total_recall, count = sums[name]
            count = max(int(count), 1)
            out.append(Score(name, direction, total_ndcg / count, total_recall / count, count))
    return out


def _need_offer(
    truth: Mapping[str, frozenset[str]], a: Profile, b: Profile
) -> tuple[frozenset[str], frozenset[str]]:
    purchaser, exhibitor = (a, b) if a.role is Role.PURCHASER else (b, a)
    return truth[purchaser.id], truth[exhibitor.id]


def _by_score(ids: list[str], scores: list[float]) -> list[str]:
    order = sorted(range(len(ids)), key=lambda i: (-scores[i], ids[i]))
    return [ids[i] for i in order]


def format_table(scores: Sequence[Score]) -> str:
    """A plain-text table of the figures."""
    lines = [f"{'direction':26} {'ranker':10} {'nDCG@10':>8} {'recall@50':>10} {'subjects':>9}"]
    for s in scores:
        lines.append(
            f"{s.direction:26} {s.ranker:10} {s.ndcg_at_10:8.3f} {s.recall_at_50:10.3f} {s.subjects:9d}"
        )
    return "\n".join(lines)
