"""Builds ProfileFeatures for many profiles at once, embedding through the cache in batches."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from matchmaker.domain import Profile
from matchmaker.embedding.cache import CachingEmbedder
from matchmaker.embedding.embedder import text_hash
from matchmaker.ranking.features import (
    FACETS,
    PHRASE_FACETS,
    Phrases,
    ProfileFeatures,
    category_paths,
    facet_text,
    phrase_vectors,
    primary_language,
)
from matchmaker.ranking.lexical import LexicalModel
from matchmaker.ranking.text import phrases, tokens

LEXICAL_FACETS = ("offering", "seeking", "description")


def profile_tokens(profile: Profile) -> dict[str, tuple[str, ...]]:
    """Content words of the lexical facets."""
    return {facet: tuple(tokens(facet_text(profile, facet))) for facet in LEXICAL_FACETS}


class Featurizer:
    """Turns profiles into features: facet and phrase embeddings (cached), TF-IDF vectors, facts."""

    def __init__(self, embedder: CachingEmbedder, lexical: LexicalModel) -> None:
        self.embedder = embedder
        self.lexical = lexical

    def build(
        self,
        profiles: Sequence[Profile],
        token_lists: Sequence[dict[str, tuple[str, ...]]] | None = None,
        progress: Callable[[int], object] | None = None,
    ) -> list[ProfileFeatures]:
        """Features of each profile, in order. ``token_lists`` may pass tokens already computed."""
        facet_texts = [[facet_text(p, f) for f in FACETS] for p in profiles]
        phrase_texts = [{f: phrases(facet_text(p, f)) for f in PHRASE_FACETS} for p in profiles]
        flat: list[str] = []
        for facets, clauses in zip(facet_texts, phrase_texts, strict=True):
            flat.extend(facets)
            for facet in PHRASE_FACETS:
                flat.extend(clauses[facet])
        vectors = self.embedder.embed(flat, progress)
        out: list[ProfileFeatures] = []
        cursor = 0
        for i, profile in enumerate(profiles):
            facet_vectors = vectors[cursor : cursor + len(FACETS)]
            cursor += len(FACETS)
            phrase_map: dict[str, Phrases] = {}
            for facet in PHRASE_FACETS:
                texts = phrase_texts[i][facet]
                phrase_map[facet] = Phrases(
                    tuple(texts), phrase_vectors(vectors[cursor : cursor + len(texts)])
                )
                cursor += len(texts)
            texts_used = facet_texts[i] + [t for facet in PHRASE_FACETS for t in phrase_texts[i][facet]]
            toks = token_lists[i] if token_lists is not None else profile_tokens(profile)
            out.append(
                ProfileFeatures(
                    profile_id=profile.id,
                    role=profile.role,
                    organization=profile.organization,
                    country=profile.country,
                    categories=profile.categories,
                    paths=category_paths(profile.categories),
                    target_markets=frozenset(profile.target_markets),
                    languages=frozenset(primary_language(t) for t in profile.languages),
                    hall=profile.hall,
                    # A copy: a view would keep the whole batch's embeddings (clauses included,
                    # about 20 KB a profile) alive for as long as the features live.
                    vectors=np.array(facet_vectors, dtype=np.float32, copy=True),
                    lexical={f: self.lexical.vector(toks[f]) for f in LEXICAL_FACETS},
                    tokens=toks,
                    phrases=phrase_map,
                    text_hashes=frozenset(text_hash(t) for t in texts_used),
                )
            )
        return out
