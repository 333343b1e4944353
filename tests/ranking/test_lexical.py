"""Tokens for English and Chinese, TF-IDF vectors, and the searchable matrix."""

from __future__ import annotations

import numpy as np

from matchmaker.ranking.lexical import LexicalMatrix, LexicalModel, dots
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
