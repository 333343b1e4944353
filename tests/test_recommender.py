"""Unit tests of the matching core: catalog masks, candidate generation and ranking (no server)."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest

from matchmaker.config import RankingSettings
from matchmaker.domain import RecommendFilter, Role
from matchmaker.matching.catalog import Catalog
from matchmaker.matching.recommender import Recommender, _diversity_vectors, rank_non_personalized
from matchmaker.ranking.featurizer import Featurizer
from matchmaker.ranking.weights import read_weights_file
from tests.ranking.test_scoring import featurized  # noqa: F401  (fixture)


@pytest.fixture
def catalog(featurized) -> Catalog:  # type: ignore[no-untyped-def]  # noqa: F811
    _, features = featurized
    catalog = Catalog(Role.EXHIBITOR, features[0].vectors.shape[1], RankingSettings())
    catalog.upsert_many([(f, True) for f in features[1:]])
    return catalog


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (RecommendFilter(), {"e0", "e1", "e2"}),
        (RecommendFilter(countries=("NO",)), {"e0"}),
        (RecommendFilter(countries=("no", "FR")), {"e0", "e1"}),
        (RecommendFilter(categories=("Food",)), {"e0", "e1"}),  # a category matches everything below it
        (RecommendFilter(categories=("Food > Seafood > Fish",)), {"e0"}),
        (RecommendFilter(categories=("Fish",)), set()),  # not a path prefix
        (RecommendFilter(languages=("fr-FR",)), {"e1"}),
        (RecommendFilter(halls=(" 1.1 ",)), {"e0", "e1", "e2"}),
        (RecommendFilter(countries=("NO",), languages=("fr",)), set()),  # filters together must all hold
    ],
)
def test_masks(catalog: Catalog, flt: RecommendFilter, expected: set[str]) -> None:
    mask = catalog.mask(flt)
    assert {catalog.profile_id(int(k)) for k in mask.nonzero()[0]} == expected


def test_exclusions_and_eligibility(catalog: Catalog) -> None:
    catalog.set_eligible("e1", False)
    mask = catalog.mask(RecommendFilter(), exclude=["e2", "unknown"])
    assert {catalog.profile_id(int(k)) for k in mask.nonzero()[0]} == {"e0"}
    catalog.remove("e0")
    assert "e0" not in catalog
    assert {catalog.profile_id(int(k)) for k in catalog.mask(RecommendFilter()).nonzero()[0]} == {"e2"}


def test_rank_puts_the_product_match_first_with_non_increasing_exact_scores(featurized, catalog) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    featurizer: Featurizer = featurized[0]
    subject = featurized[1][0]
    recommender = Recommender(read_weights_file(None), RankingSettings(), featurizer.lexical)
    items = recommender.rank(subject, catalog, catalog.mask(RecommendFilter()), 10)
    assert items[0].candidate_id == "e0"  # frozen salmon for a salmon buyer
    assert [i.rank for i in items] == list(range(1, len(items) + 1))
    assert all(a.score >= b.score for a, b in itertools.pairwise(items))
    for item in items:
        assert item.score == sum(f.contribution for f in item.factors) + sum(
            a.contribution for a in item.adjustments
        )
        assert [a.name for a in item.adjustments] == ["diversity"]
    # A filter is a hard constraint on what can be ranked.
    only_tools = recommender.rank(subject, catalog, catalog.mask(RecommendFilter(countries=("DE",))), 10)
    assert [i.candidate_id for i in only_tools] == ["e2"]


def test_the_non_personal_order_is_public_and_says_so(catalog: Catalog) -> None:
    items = rank_non_personalized(catalog, catalog.mask(RecommendFilter()), 10, filtered=False)
    assert [i.candidate_id for i in items] == sorted(
        (i.candidate_id for i in items),
        key=lambda c: {"e0": "seller 0", "e1": "seller 1", "e2": "seller 2"}[c],
    )
    assert all("filters" not in i.headline and "completeness" in i.headline for i in items)
    chinese = rank_non_personalized(catalog, catalog.mask(RecommendFilter()), 10, filtered=True, chinese=True)
    assert all("筛选" in i.headline for i in chinese)


def test_the_non_personal_order_follows_corrections_and_removals(catalog: Catalog) -> None:
    """The catalog keeps each profile's place in the public order: a profile that fills in more of
    its fields moves up at once, a removed one leaves it, and the list equals a sort of every
    allowed candidate by the documented rule."""
    from dataclasses import replace

    from matchmaker.matching.catalog import present_fields

    def by_rule(mask_ids: set[str]) -> list[str]:
        rows = [catalog.features(p) for p in mask_ids]
        return [
            f.profile_id
            for f in sorted(
                (f for f in rows if f is not None),
                key=lambda f: (
                    -(len(present_fields(f)) * (1.0 / 7)),
                    f.organization.casefold(),
                    f.profile_id,
                ),
            )
        ]

    everyone = {p for p in catalog.ids if p}
    before = [
        i.candidate_id
        for i in rank_non_personalized(catalog, catalog.mask(RecommendFilter()), 10, filtered=False)
    ]
    assert before == by_rule(everyone)
    last = catalog.features(before[-1])
    assert last is not None
    # The last one loses its hall and languages, then gets them back with a description: it moves.
    sparse = replace(last, hall="", languages=frozenset())
    catalog.upsert_many([(sparse, True)])
    after = [
        i.candidate_id
        for i in rank_non_personalized(catalog, catalog.mask(RecommendFilter()), 10, filtered=False)
    ]
    assert after == by_rule(everyone) and after[-1] == last.profile_id
    item = rank_non_personalized(catalog, catalog.mask(RecommendFilter()), 10, filtered=False)[-1]
    assert "hall" not in item.factors[0].evidence and item.score == len(present_fields(sparse)) * (1.0 / 7)
    catalog.remove(before[0])
    gone = [
        i.candidate_id
        for i in rank_non_personalized(catalog, catalog.mask(RecommendFilter()), 10, filtered=False)
    ]
    assert before[0] not in gone and gone == by_rule(everyone - {before[0]})


@pytest.mark.parametrize("seed", range(5))
def test_diversity_vectors_are_the_normalised_rows_of_organisations_with_several_listings(seed: int) -> None:
    # Only the rows diversify compares are computed, bit for bit as if every row were; the rows of
    # an organisation with one kept listing stay zero.
    rng = np.random.default_rng(seed)
    facets = rng.standard_normal((40, 4, 16)).astype(np.float32)
    facets[3] = 0.0  # a profile with no text at all: its row stays zero, not NaN
    keep = rng.permutation(np.arange(4, 40))[:25]
    keep[0] = 3  # in the shared group below
    groups = [f"org{int(g)}" for g in rng.integers(0, 15, size=25)]
    groups[0] = groups[1] = "shared"
    stacked = facets[keep].reshape(len(keep), -1)
    norms = np.linalg.norm(stacked, axis=1, keepdims=True)
    every_row = (stacked / np.where(norms == 0, 1.0, norms)).astype(np.float32)
    got = _diversity_vectors(facets, keep, groups)
    counts = Counter(groups)
    for row, group in enumerate(groups):
        if counts[group] > 1:
            assert got[row].tobytes() == every_row[row].tobytes()
        else:
            assert not got[row].any()


def test_lexical_dots_come_from_the_catalog_only_while_nothing_changed(featurized, catalog) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The catalog's matrices give the features' own dots; during or after a write, None."""
    from matchmaker.ranking.lexical import dots

    subject = featurized[1][0]
    keys = np.array([catalog.key(p) for p in ("e0", "e1", "e2")], dtype=np.int64)
    query = subject.lexical["seeking"]
    catalog.lexical["offering"].search(query, 5)  # a search merges the rows into the base
    sequence = catalog.sequence
    assert sequence % 2 == 0
    rows = [catalog.features_at(int(k)).lexical["offering"] for k in keys]
    found = catalog.lexical_dots("offering", query, keys, sequence)
    assert found is not None and found.tobytes() == dots(query, rows).tobytes() and found.max() > 0
    assert catalog.lexical_dots("description", query, keys, sequence) is None  # no matrix of it
    with catalog._writing():
        assert catalog.lexical_dots("offering", query, keys, catalog.sequence) is None
    catalog.upsert_many([(catalog.features_at(int(keys[0])), True)])
    assert catalog.sequence == sequence + 4  # two writes, each odd while it lasted
    assert catalog.lexical_dots("offering", query, keys, sequence) is None


def test_a_batch_without_the_catalogs_rows_computes_them_from_the_features(featurized, catalog) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from matchmaker.ranking.factors import Batch

    subject = featurized[1][0]
    features = [catalog.features_at(k) for k in range(3)]
    plain = Batch(subject, features).lexical("offering", "seeking")
    refused = Batch(subject, features, lambda facet, query: None).lexical("offering", "seeking")
    assert plain.tobytes() == refused.tobytes() and plain.max() > 0


def test_facet_vectors_come_from_the_index_only_while_nothing_changed(featurized, catalog) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from matchmaker.ranking.factors import Batch

    subject = featurized[1][0]
    keys = np.array([catalog.key(p) for p in ("e2", "e0", "e1")], dtype=np.int64)
    features = [catalog.features_at(int(k)) for k in keys]
    stacked = np.stack([f.vectors for f in features]).astype(np.float32)
    sequence = catalog.sequence
    found = catalog.facet_vectors(keys, sequence)
    assert found is not None and found.shape == stacked.shape and found.tobytes() == stacked.tobytes()
    batch = Batch(subject, features, facet_rows=lambda: found)
    assert (
        batch.dense("offering", "seeking").tobytes()
        == Batch(subject, features).dense("offering", "seeking").tobytes()
    )
    assert Batch(subject, features, facet_rows=lambda: None).facets.tobytes() == stacked.tobytes()
    with catalog._writing():
        assert catalog.facet_vectors(keys, catalog.sequence) is None
    catalog.remove("e0")
    assert catalog.facet_vectors(keys, sequence) is None  # changed since
    assert catalog.facet_vectors(keys, catalog.sequence) is None  # e0 is gone from the index


def test_path_rows_come_from_the_catalog_only_while_nothing_changed(featurized, catalog) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from matchmaker.ranking.factors import Batch

    subject = featurized[1][0]
    keys = np.array([catalog.key(p) for p in ("e1", "e0", "e2", "e0")], dtype=np.int64)
    features = [catalog.features_at(int(k)) for k in keys]
    sequence = catalog.sequence
    found = catalog.path_rows(keys, features, sequence)
    assert found is not None
    own = [f.path_rows for f in features]
    assert found[0].tobytes() == np.concatenate([r[0] for r in own if r is not None]).tobytes()
    assert found[2].tolist() == [r[1].size for r in own if r is not None]
    plain, stored = Batch(subject, features), Batch(subject, features, path_rows=lambda: found)
    assert stored.category_shares().tobytes() == plain.category_shares().tobytes()
    assert stored.category_evidence() == plain.category_evidence()
    subset = stored.subset([2, 0])
    assert subset.category_evidence() == Batch(subject, [features[2], features[0]]).category_evidence()
    catalog.upsert_many([(features[0], True)])
    assert catalog.path_rows(keys, features, sequence) is None
