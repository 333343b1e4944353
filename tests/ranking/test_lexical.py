"""Tokens for English and Chinese, TF-IDF vectors, and the searchable matrix."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from matchmaker.ranking.lexical import N_FEATURES, LexicalMatrix, LexicalModel, _scores, dots
from matchmaker.ranking.text import phrases, tokens


def test_tokens_fold_plurals_drop_stop_words_and_cut_chinese() -> None:
    assert tokens("We are looking for FROZEN shrimps and fillets") == ["frozen", "shrimp", "fillet"]
    assert "三文鱼" in tokens("寻找挪威三文鱼供应商") and "寻找" not in tokens("寻找挪威三文鱼供应商")
    assert tokens("ｆｒｏｚｅｎ ｃｏｄ") == ["frozen", "cod"]


def test_phrases_split_at_punctuation_and_conjunctions() -> None:
    assert phrases("Frozen salmon, cod fillets and shrimps. 冷冻海鲜；乳制品") == [
        "Frozen salmon",
        "cod fillets",
        "shrimps",
        "冷冻海鲜",
        "乳制品",
    ]


def test_matrix_search_respects_mask_and_updates() -> None:
    docs = [tokens(d) for d in ["frozen salmon and cod", "milk powder", "frozen shrimp seafood", "冷冻 海鲜"]]
    model = LexicalModel.fit(docs)
    matrix = LexicalMatrix(merge_at=2)
    for key, doc in enumerate(docs):
        matrix.upsert(key, model.vector(doc))
    query = model.vector(tokens("frozen seafood"))
    keys, scores = matrix.search(query, 10)
    assert keys.tolist()[0] == 2 and 1 not in keys.tolist() and list(scores) == sorted(scores, reverse=True)
    assert matrix.search(query, 10, np.array([True, False, False]))[0].tolist() == [0]
    matrix.remove(2)
    assert 2 not in matrix.search(query, 10)[0].tolist()
    assert np.allclose(
        dots(query, [model.vector(d) for d in docs]), [query.dot(model.vector(d)) for d in docs]
    )
    assert model.shared_terms(tokens("frozen seafood"), docs[2]) == ["seafood", "frozen"]


@pytest.mark.parametrize(
    ("mine", "limit"),
    [
        ("frozen seafood", 5),
        ("frozen salmon cod shrimp seafood milk powder", 2),
        ("frozen frozen salmon", 5),
        ("冷冻 海鲜 frozen", 5),
        ("", 5),
        ("nothing shared here", 5),
    ],
)
def test_shared_terms_many_equals_shared_terms_pair_by_pair(mine: str, limit: int) -> None:
    docs = [tokens(d) for d in ["frozen salmon and cod", "milk powder", "frozen shrimp seafood", "冷冻 海鲜", ""]]
    model = LexicalModel.fit(docs)
    many = model.shared_terms_many(tokens(mine), docs, limit)
    assert many == [model.shared_terms(tokens(mine), doc, limit) for doc in docs]
    assert many == [model.shared_terms(doc, tokens(mine), limit) for doc in docs]


@pytest.mark.parametrize("seed", range(4))
def test_search_scores_are_the_sparse_products_bit_for_bit(seed: int) -> None:
    # The inverted index reads only the query's feature columns; each score must still be the
    # float32 value of the row-times-query sparse product, so the candidates retrieved (and every
    # stored number after them) are those of that product.
    rng = np.random.default_rng(seed)
    vocabulary = [f"w{i}" for i in range(400)]
    documents = [list(rng.choice(vocabulary, size=int(rng.integers(0, 25)))) for _ in range(600)]
    model = LexicalModel.fit(documents)
    matrix = LexicalMatrix(merge_at=10**9)
    for key, document in enumerate(documents):
        matrix.upsert(key, model.vector(document))
    matrix._merge()
    by_row = matrix._base.tocsr()  # type: ignore[union-attr]
    for _ in range(25):
        query = model.vector(list(rng.choice(vocabulary, size=int(rng.integers(1, 15)))))
        q = sparse.csr_matrix(
            (query.values, query.indices, np.array([0, query.indices.size])), shape=(1, N_FEATURES)
        )
        expected = np.asarray((by_row @ q.T).todense()).ravel().astype(np.float32)
        assert _scores(matrix._base, query).tobytes() == expected.tobytes()  # type: ignore[arg-type]
        keys, scores = matrix.search(query, 50)
        positive = np.flatnonzero(expected > 0)
        best = positive[np.lexsort((positive, -expected[positive]))][:50]
        assert keys.tolist() == matrix._base_keys[best].tolist()
        assert scores.tobytes() == expected[best].tobytes()


@pytest.mark.parametrize("seed", range(4))
def test_dots_at_equals_dots_of_the_rows_bit_for_bit_through_changes_and_merges(seed: int) -> None:
    """Rows from the merged base (gathered at once), changed since, removed, empty, or never there."""
    rng = np.random.default_rng(seed)
    vocabulary = [f"w{i}" for i in range(300)]

    def document() -> list[str]:
        return list(rng.choice(vocabulary, size=int(rng.integers(0, 30))))

    documents = [document() for _ in range(400)]
    model = LexicalModel.fit(documents)
    matrix = LexicalMatrix(merge_at=10**9)
    for key, words in enumerate(documents):
        matrix.upsert(key, model.vector(words))

    def check() -> None:
        for _ in range(10):
            query = model.vector(list(rng.choice(vocabulary, size=int(rng.integers(0, 12)))))
            keys = rng.integers(0, 520, size=int(rng.integers(0, 300))).astype(np.int64)
            expected = dots(query, [matrix.get(int(k)) for k in keys])
            assert matrix.dots_at(query, keys).tobytes() == expected.tobytes()

    assert matrix._base_rows is None
    check()  # 400 rows since the last merge: the first call merges them, as a search would
    assert matrix._base_rows is not None and not matrix._delta
    for key in rng.choice(400, size=40, replace=False).tolist():
        matrix.upsert(int(key), model.vector(document()))  # changed since the merge
    for key in rng.choice(400, size=20, replace=False).tolist():
        matrix.remove(int(key))
    for key in range(400, 450):
        matrix.upsert(key, model.vector(document()))  # beyond the merged keys
    check()  # 110 rows changed since the merge: read one by one
    assert matrix._delta
    matrix._merge()
    check()
