"""Labelled sets, metrics and the evaluation runner through the API."""

from __future__ import annotations

import pytest

from matchmaker.config import Settings
from matchmaker.embedding.use_multilingual import UseMultilingualEmbedder
from matchmaker.evaluation.labelled_set import ndcg, recall
from matchmaker.evaluation.runner import evaluate_set
from matchmaker.evaluation.taxonomy_sets import (
    TEST_BRANCHES,
    TRAIN_BRANCHES,
    build,
    chinese_names,
    grade,
    taxonomy,
)


def test_ndcg_and_recall_definitions() -> None:
    assert ndcg([2, 1, 0], [2, 1, 0]) == pytest.approx(1.0)
    assert ndcg([0, 0, 2], [2, 0, 0]) == pytest.approx(3 / 2 / 3)
    assert ndcg([0, 0], [0, 0]) == 0.0
    assert recall(["a", "b", "c"], {"c", "d"}, k=3) == 0.5


def test_grades_follow_the_tree() -> None:
    tree = taxonomy()
    siblings = tree.children["1709"]  # Liquor & Spirits
    assert grade(tree, [siblings[0]], [siblings[0]]) == 3
    assert grade(tree, [siblings[0]], [siblings[1]]) == 2
    assert grade(tree, [siblings[0]], ["1723"]) == 1  # Coffee: same branch (Beverages)
    assert grade(tree, [siblings[0]], ["2011"]) == 0  # Fresh & Frozen Meats: Food Items


def test_training_and_test_sets_share_no_branch_and_no_id() -> None:
    assert not set(TRAIN_BRANCHES) & set(TEST_BRANCHES)
    tree = taxonomy()
    train = build("taxonomy-train", exhibitors=40, purchasers=60)
    test = build("taxonomy", exhibitors=40, purchasers=60)
    tops = {
        tree.path(n)[0]
        for doc in train.exhibitors
        for c in doc["categories"]  # type: ignore[attr-defined]
        for n in [next(k for k, v in tree.title.items() if v == c.split(" > ")[0] and not tree.parent[k])]
    }
    assert tops <= set(TRAIN_BRANCHES)
    assert not {d["id"] for d in train.documents} & {d["id"] for d in test.documents}


def test_the_cross_lingual_set_writes_chinese_needs_against_english_offers() -> None:
    labelled = build("crosslingual", exhibitors=30, purchasers=40)
    names = set(chinese_names().values())
    assert len(names) >= 150
    for doc in labelled.purchasers:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(doc["seeking"]))
    for doc in labelled.exhibitors:
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in str(doc["offering"]))
    assert labelled.grades


def test_sets_are_deterministic() -> None:
    assert build("taxonomy", exhibitors=20, purchasers=20) == build("taxonomy", exhibitors=20, purchasers=20)


@pytest.mark.slow
def test_the_service_through_its_api_beats_the_baselines_on_the_cross_lingual_set() -> None:
    labelled = build("crosslingual", exhibitors=80, purchasers=120)
    scores = evaluate_set(labelled, Settings(_env_file=None), UseMultilingualEmbedder(), max_subjects=60)  # type: ignore[call-arg]
    by = {(s.direction, s.ranker): s for s in scores}
    for direction in ("purchaser -> exhibitors", "exhibitor -> purchasers"):
        service = by[(direction, "service")]
        assert service.subjects >= 30
        for other in ("tfidf", "random"):
            assert service.ndcg_at_10 > by[(direction, other)].ndcg_at_10 + 0.2, (direction, other, scores)
        assert service.ndcg_at_10 >= by[(direction, "embedding")].ndcg_at_10, scores
