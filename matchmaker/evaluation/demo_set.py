"""The demo generator as a labelled set: relevance 2 when two parties share a topic leaf, 1 a parent."""

from __future__ import annotations

from matchmaker.demo.generator import generate_with_truth, relevance
from matchmaker.evaluation.labelled_set import LabelledSet


def demo_set(seed: int = 11, exhibitors: int = 150, purchasers: int = 500) -> LabelledSet:
    """A freshly generated demo market with its hidden topics as the labels."""
    exh_docs, pur_docs, truth = generate_with_truth(seed, exhibitors, purchasers)
    grades: dict[tuple[str, str], int] = {}
    for p in pur_docs:
        for e in exh_docs:
            g = relevance(truth[str(p["id"])], truth[str(e["id"])])
            if g:
                grades[(str(p["id"]), str(e["id"]))] = g
    return LabelledSet(
        name="demo",
        description=f"the demo generator (seed {seed}), topics as labels",
        exhibitors=tuple(exh_docs),
        purchasers=tuple(pur_docs),
        grades=grades,
    )
