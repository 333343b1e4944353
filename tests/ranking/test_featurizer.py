"""Featurizer: what the features of a profile keep in memory."""

from __future__ import annotations

import numpy as np

from matchmaker.domain import Profile, Role
from matchmaker.embedding.cache import CachingEmbedder
from matchmaker.ranking.features import FACETS, PHRASE_FACETS
from matchmaker.ranking.featurizer import LEXICAL_FACETS, Featurizer, profile_tokens
from matchmaker.ranking.lexical import LexicalModel
from tests.support import HashingEmbedder


class _Store:
    def get_many(self, version: str, hashes):  # type: ignore[no-untyped-def]
        return {}

    def put_many(self, version: str, vectors) -> None:  # type: ignore[no-untyped-def]
        return None


def _profile(i: int) -> Profile:
    return Profile(
        id=f"e{i}",
        role=Role.EXHIBITOR,
        organization=f"Seller {i}",
        country="NO",
        categories=("Food > Seafood > Fish",),
        offering=f"frozen salmon {i}, smoked cod and canned mackerel",
        seeking="importers in China; supermarket chains",
        description="family company",
        languages=("en",),
    )


def test_features_own_their_vectors_and_keep_no_batch_alive() -> None:
    # Every array of the features is its own allocation of exactly its own size: a view into the
    # batch's embedding matrix would keep every other text's vector of the batch in memory.
    profiles = [_profile(i) for i in range(5)]
    tokens = [profile_tokens(p) for p in profiles]
    lexical = LexicalModel.fit(t[f] for t in tokens for f in LEXICAL_FACETS)
    built = Featurizer(CachingEmbedder(HashingEmbedder(), _Store()), lexical).build(profiles, tokens)
    for features in built:
        assert features.vectors.base is None
        assert features.vectors.shape == (len(FACETS), HashingEmbedder().dim)
        assert features.vectors.flags.c_contiguous
        for facet in PHRASE_FACETS:
            vectors = features.phrases[facet].vectors
            assert vectors.base is None
            assert vectors.shape[0] == len(features.phrases[facet].texts) > 0
            assert vectors.dtype == np.float32
