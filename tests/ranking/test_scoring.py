"""The factor registry and the scorer: columns, exact sums with the learned weights, wording, headlines."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.domain import Direction, Profile, Role
from matchmaker.embedding.cache import CachingEmbedder
from matchmaker.evaluation.runner import ALL_SETS
from matchmaker.ranking.factors import BY_NAME, FACTORS, WEIGHT_KEYS, Batch, category_overlap
from matchmaker.ranking.featurizer import LEXICAL_FACETS, Featurizer, profile_tokens
from matchmaker.ranking.headline import headline, quote
from matchmaker.ranking.lexical import LexicalModel
from matchmaker.ranking.scoring import Scorer, relevance
from matchmaker.ranking.weights import WeightTable, load_weights, parse_weights, read_weights_file
from tests.support import HashingEmbedder, make_settings


class _Store:
    def __init__(self) -> None:
        self.data: dict[tuple[str, str], np.ndarray] = {}

    def get_many(self, version: str, hashes):  # type: ignore[no-untyped-def]
        return {h: self.data[(version, h)] for h in hashes if (version, h) in self.data}

    def put_many(self, version: str, vectors) -> None:  # type: ignore[no-untyped-def]
        for h, v in vectors.items():
            self.data[(version, h)] = v


def _profiles() -> list[Profile]:
    purchaser = Profile(
        id="p1",
        role=Role.PURCHASER,
        organization="Buyer",
        country="CN",
        categories=("Food > Seafood",),
        offering="supermarket chain in Shanghai",
        seeking="frozen salmon, canned tuna and red wine",
        description="retail group",
        target_markets=("CN",),
        languages=("zh", "en"),
    )
    exhibitors = [
        Profile(
            id=f"e{i}",
            role=Role.EXHIBITOR,
            organization=f"Seller {i}",
            country=country,
            categories=(category,),
            offering=offering,
            seeking="importers in China",
            description="family company",
            target_markets=markets,
            languages=languages,
            hall="1.1",
        )
        for i, (country, category, offering, markets, languages) in enumerate(
            [
                ("NO", "Food > Seafood > Fish", "frozen salmon and cod", ("CN", "JP"), ("en",)),
                ("FR", "Food > Beverages > Wine", "red wine from Bordeaux", ("DE",), ("fr",)),
                ("DE", "Hardware > Tools", "hand saws and drills", ("US",), ("de",)),
            ]
        )
    ]
    return [purchaser, *exhibitors]


@pytest.fixture
def featurized() -> tuple[Featurizer, list]:  # type: ignore[type-arg]
    profiles = _profiles()
    tokens = [profile_tokens(p) for p in profiles]
    lexical = LexicalModel.fit(t[f] for t in tokens for f in LEXICAL_FACETS)
    featurizer = Featurizer(CachingEmbedder(HashingEmbedder(), _Store()), lexical)
    return featurizer, featurizer.build(profiles, tokens)


def test_every_factor_has_a_unique_name_weight_and_both_wordings() -> None:
    assert len({f.name for f in FACTORS}) == len(FACTORS) == len(set(WEIGHT_KEYS))
    for factor in FACTORS:
        for direction in Direction:
            wording = factor.wording(direction)
            assert wording.en and wording.zh and factor.description
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in wording.en)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in wording.zh)


def test_the_bundled_weights_are_learned_and_cover_every_factor() -> None:
    table = read_weights_file(None)
    assert table.version.startswith("learned-") and table.trained_on.startswith("taxonomy-train:")
    assert "taxonomy-train" in ALL_SETS
    assert set(table.values) == set(WEIGHT_KEYS) and all(v >= 0 for v in table.values.values())
    assert sum(table.values.values()) == pytest.approx(1.0, abs=1e-4)


def test_an_override_changes_the_version(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path, weights={"market": 0.5})
    table = load_weights(settings)
    assert table.of("market") == 0.5 and "+env-" in table.version
    with pytest.raises(ValueError, match="missing weights"):
        parse_weights({"version": "x", "weights": {"market": 1}}, "test")
    with pytest.raises(ValueError, match=">= 0"):
        parse_weights({"version": "x", "weights": {k: -1 if k == "market" else 0 for k in WEIGHT_KEYS}}, "t")


def test_columns_match_the_pairwise_definitions_and_scores_are_exact_sums(featurized) -> None:  # type: ignore[no-untyped-def]
    featurizer, features = featurized
    subject, candidates = features[0], features[1:]
    scorer = Scorer(read_weights_file(None), featurizer.lexical)
    sims = scorer.similarities(subject, candidates)
    assert sims.shape == (3, len(FACTORS)) and (sims >= 0).all() and (sims <= 1).all()
    col = {f.name: i for i, f in enumerate(FACTORS)}
    for row, candidate in enumerate(candidates):
        assert sims[row, col["seeking_vs_offering"]] == pytest.approx(
            max(0.0, float(subject.facet("seeking") @ candidate.facet("offering"))), abs=1e-6
        )
        best = (
            candidate.phrases["offering"].vectors.astype(np.float32)
            @ subject.phrases["seeking"].vectors.astype(np.float32).T
        ).max()
        assert sims[row, col["seeking_vs_offering_phrases"]] == pytest.approx(max(0.0, float(best)), abs=1e-3)
        assert sims[row, col["categories"]] == pytest.approx(category_overlap(subject, candidate)[0])
        assert sims[row, col["market"]] == (1.0 if "CN" in candidate.target_markets else 0.0)
        factors = scorer.factors(subject, candidate, sims[row].tolist())
        assert relevance(factors) == scorer.relevance(sims)[row]
        assert all(f.contribution == f.weight * f.similarity for f in factors)
    # The salmon seller's evidence names the product; the tool maker shares nothing.
    salmon = scorer.factors(subject, candidates[0], sims[0].tolist())
    phrases = next(f for f in salmon if f.name == "seeking_vs_offering_phrases")
    assert phrases.evidence == ("frozen salmon", "frozen salmon") or "salmon" in " ".join(phrases.evidence)
    assert next(f for f in salmon if f.name == "market").evidence == ("CN",)


def test_headlines_speak_the_subject_language_and_never_cut_a_word(featurized) -> None:  # type: ignore[no-untyped-def]
    featurizer, features = featurized
    scorer = Scorer(read_weights_file(None), featurizer.lexical)
    sims = scorer.similarities(features[0], features[1:2])
    factors = scorer.factors(features[0], features[1], sims[0].tolist())
    english, chinese = headline(factors, chinese=False), headline(factors, chinese=True)
    assert "salmon" in english and english.isascii()
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese) and "salmon" in chinese
    long = "manufactures single-origin green coffee beans and roasted specialty coffee for cafes worldwide"
    short = quote(long, 40)
    assert short.endswith("…") and long.startswith(short[:-1]) and long[len(short) - 1] == " "
    assert BY_NAME["market"].direction(Role.PURCHASER) is Direction.CANDIDATE_TO_SUBJECT


@pytest.mark.parametrize("subject_role", [Role.PURCHASER, Role.EXHIBITOR])
def test_batched_columns_and_evidence_equal_the_pairwise_definitions(subject_role: Role) -> None:
    """The whole-batch paths (interned category prefixes, one clause product per batch) give
    exactly what the pairwise definitions give, on a generated market with shared categories."""
    import json

    from matchmaker.api.jsonl import parse_line
    from matchmaker.demo.generator import generate
    from matchmaker.ranking.factors import _best_prefixes, _served

    exhibitors, purchasers = generate(3, 40, 40)
    profiles = [parse_line(json.dumps(p)).profile for p in (*exhibitors, *purchasers)]
    tokens = [profile_tokens(p) for p in profiles]
    lexical = LexicalModel.fit(t[f] for t in tokens for f in LEXICAL_FACETS)
    features = Featurizer(CachingEmbedder(HashingEmbedder(), _Store()), lexical).build(profiles, tokens)
    subjects = [f for f in features if f.role is subject_role]
    candidates = [f for f in features if f.role is not subject_role]
    scorer = Scorer(read_weights_file(None), lexical)
    col = {f.name: i for i, f in enumerate(FACTORS)}
    compared = 0
    hits: dict[str, set[bool]] = {"market": set(), "sourcing_market": set(), "languages": set()}
    for subject in subjects[:12]:
        batch = Batch(subject, candidates)
        sims = scorer.similarities(subject, candidates, batch)
        # The items kept, in another order, read the products of the whole batch.
        order = list(range(len(candidates)))[::-1]
        subset = scorer.factors_many(
            subject, [candidates[i] for i in order], sims[order].tolist(), batch.subset(order)
        )
        many = [subset[order.index(row)] for row in range(len(candidates))]
        assert many == scorer.factors_many(subject, candidates, sims.tolist())
        for row, candidate in enumerate(candidates):
            reference = (
                _best_prefixes(subject.paths, candidate.paths)[0]
                if subject.paths and candidate.paths
                else 0.0
            )
            assert sims[row, col["categories"]] == min(reference, 1.0)
            purchaser, exhibitor = (
                (subject, candidate) if subject_role is Role.PURCHASER else (candidate, subject)
            )
            binary = {
                "market": purchaser.country in exhibitor.target_markets,
                "sourcing_market": bool(_served(purchaser, exhibitor)),
                "languages": bool(subject.languages & candidate.languages),
            }
            for name, expected_hit in binary.items():
                assert sims[row, col[name]] == (1.0 if expected_hit else 0.0), (name, row)
                hits[name].add(expected_hit)
            for factor, built in zip(FACTORS, many[row], strict=True):
                expected = (
                    factor.evidence(purchaser, exhibitor, subject, lexical) if built.similarity > 0 else ()
                )
                assert built.evidence == expected, (factor.name, subject.profile_id, candidate.profile_id)
                compared += bool(expected)
    assert compared > 100
    # Each binary factor was seen both ways.
    assert all(seen == {True, False} for seen in hits.values()), hits


@pytest.mark.parametrize("deepest", [3, 8, 11])
def test_category_column_equals_the_pairwise_share_at_every_depth(deepest: int) -> None:
    """Fixed-width path rows (paths up to PATH_WIDTH deep) and the padded block beyond give the
    pairwise ``_best_prefixes`` exactly; candidates without categories score 0."""
    from matchmaker.ranking.factors import _best_prefixes

    rng = np.random.default_rng(deepest)
    words = ["food", "drink", "wine", "red", "white", "tools", "hand", "power", "tea", "green", "x", "y"]

    def path() -> str:
        return " > ".join(words[int(i)] for i in rng.integers(0, 3, size=int(rng.integers(1, deepest + 1))))

    profiles = [
        Profile(
            id=f"c{i}",
            role=Role.EXHIBITOR if i else Role.PURCHASER,
            organization=f"Org {i}",
            country="DE",
            categories=tuple(path() for _ in range(int(rng.integers(0 if i else 1, 4)))),
            offering="goods",
            seeking="buyers",
            description="",
            target_markets=(),
            languages=("en",),
        )
        for i in range(60)
    ]
    tokens = [profile_tokens(p) for p in profiles]
    lexical = LexicalModel.fit(t[f] for t in tokens for f in LEXICAL_FACETS)
    features = Featurizer(CachingEmbedder(HashingEmbedder(), _Store()), lexical).build(profiles, tokens)
    subject, candidates = features[0], features[1:]
    shares = Batch(subject, candidates).category_shares()
    for row, candidate in enumerate(candidates):
        expected = _best_prefixes(subject.paths, candidate.paths)[0] if candidate.paths else 0.0
        assert shares[row] == expected, (row, subject.paths, candidate.paths)
    assert any(not c.paths for c in candidates) and (shares > 0).any()
    # The shared paths quoted as evidence: the first best path of the candidate, as pairwise.
    evidence = Batch(subject, candidates).category_evidence()
    assert evidence == [category_overlap(subject, c)[1] for c in candidates]
    assert sum(bool(e) for e in evidence) > 10
    assert any(c.path_rows is None for c in candidates) is (deepest > 8)


@pytest.mark.parametrize("seed", range(6))
def test_clause_pair_evidence_breaks_ties_as_the_pairwise_argmax(featurized, seed: int) -> None:  # type: ignore[no-untyped-def]
    """Clause vectors from {-1, 0, 1} make equal cosines common: the whole-batch evidence still
    names the clauses ``best_phrase_pair`` names, for both sides as subject and both facet pairs."""
    from dataclasses import replace

    from matchmaker.ranking.factors import best_phrase_pair
    from matchmaker.ranking.features import Phrases

    _, features = featurized
    rng = np.random.default_rng(seed)

    def clauses(owner: str, facet: str) -> Phrases:
        count = int(rng.integers(0, 4))
        vectors = rng.integers(-1, 2, size=(count, 3)).astype(np.float32)
        return Phrases(tuple(f"{owner}-{facet}-{i}" for i in range(count)), vectors)

    pool = [
        replace(
            f,
            profile_id=f"{f.profile_id}-{n}",
            phrases={x: clauses(f"{f.profile_id}{n}", x) for x in ("offering", "seeking")},
        )
        for n in range(8)
        for f in features
    ]
    for subject in pool[:10]:
        candidates = [c for c in pool if c.role is not subject.role]
        batch = Batch(subject, candidates)
        for purchaser_facet, exhibitor_facet, purchaser_first in (
            ("seeking", "offering", True),
            ("offering", "seeking", False),
        ):
            got = batch.best_clause_pairs(purchaser_facet, exhibitor_facet, purchaser_first=purchaser_first)
            for candidate, pair in zip(candidates, got, strict=True):
                purchaser, exhibitor = (
                    (subject, candidate) if subject.role is Role.PURCHASER else (candidate, subject)
                )
                left, right = purchaser.phrases[purchaser_facet], exhibitor.phrases[exhibitor_facet]
                expected = best_phrase_pair(left, right) if purchaser_first else best_phrase_pair(right, left)
                assert pair == expected


@settings(max_examples=200, deadline=None)
@given(
    weights=st.lists(
        st.floats(-2.0, 2.0, allow_nan=False, allow_subnormal=False),
        min_size=len(FACTORS),
        max_size=len(FACTORS),
    ),
    rows=st.lists(
        st.lists(st.floats(0.0, 1.0, allow_nan=False), min_size=len(FACTORS), max_size=len(FACTORS)),
        max_size=30,
    ),
)
def test_relevance_is_the_running_sum_of_each_row_in_factor_order(
    weights: list[float], rows: list[list[float]]
) -> None:
    # The served score adds the contributions one by one in factor order; the batched relevance
    # that sorts the candidates must be that very float, bit for bit.
    table = WeightTable(version="test", values=dict(zip(WEIGHT_KEYS, weights, strict=True)))
    scorer = Scorer(table, LexicalModel(np.ones(1 << 18, dtype=np.float32)))
    similarities = np.array(rows, dtype=np.float64).reshape(len(rows), len(FACTORS))
    expected = []
    for row in rows:
        total = 0.0
        for weight, similarity in zip(weights, row, strict=True):
            total += weight * similarity
        expected.append(total)
    got = scorer.relevance(similarities)
    assert [float(x).hex() for x in got] == [x.hex() for x in expected]


def test_factors_are_built_field_for_field_and_a_negative_zero_keeps_its_sign(featurized) -> None:  # type: ignore[no-untyped-def]
    """Zero terms may share one instance per column; every factor still equals its plain build."""
    import math

    from matchmaker.domain import Factor

    featurizer, features = featurized
    subject, candidates = features[0], features[1:]
    scorer = Scorer(read_weights_file(None), featurizer.lexical)
    sims = scorer.similarities(subject, candidates)
    col = {f.name: i for i, f in enumerate(FACTORS)}
    sims[:, col["market"]] = 0.0  # a column of +0.0
    sims[0, col["languages"]] = -0.0  # one -0.0 among others
    sims[1, col["languages"]] = 0.0
    built = scorer.factors_many(subject, candidates, sims.tolist())
    weights = read_weights_file(None).ordered()
    for row, factors in enumerate(built):
        for column, (factor, made) in enumerate(zip(FACTORS, factors, strict=True)):
            value = float(sims[row, column])
            plain = Factor(
                factor.name,
                factor.direction(subject.role),
                weights[column],
                value,
                weights[column] * value,
                made.evidence if value > 0 else (),
            )
            assert made == plain and math.copysign(1.0, made.similarity) == math.copysign(1.0, value)
    assert math.copysign(1.0, built[0][col["languages"]].similarity) == -1.0
    assert math.copysign(1.0, built[1][col["languages"]].similarity) == 1.0
    assert built[0][col["market"]] == built[1][col["market"]] and built[0][col["market"]].contribution == 0.0
