"""Evaluation through the API, with the plain baselines in the same table.

A labelled set is loaded into a fresh service, every subject asks for its recommendations over a
real gRPC channel, and the served order is scored (nDCG@10, recall@50) next to plain baselines
computed on the same candidates: two-sided TF-IDF, two-sided embedding cosine, random.
"""

from __future__ import annotations

import asyncio
import json
import random
import secrets
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from matchmaker.api.jsonl import parse_line
from matchmaker.config import Settings
from matchmaker.domain import Role
from matchmaker.embedding.embedder import Embedder
from matchmaker.evaluation.demo_set import demo_set
from matchmaker.evaluation.labelled_set import LabelledSet, ndcg, recall
from matchmaker.evaluation.taxonomy_sets import build
from matchmaker.ranking.features import ProfileFeatures
from matchmaker.ranking.text import tokens
from matchmaker.runtime import Runtime, open_runtime

RANKERS = ("service", "tfidf", "embedding", "random")
#: Sets reported by ``matchmaker eval``; ``taxonomy-train`` is for fitting and is never reported.
REPORTED_SETS = ("demo", "taxonomy", "crosslingual")
ALL_SETS = (*REPORTED_SETS, "taxonomy-train")
DIRECTIONS = ((Role.PURCHASER, "purchaser -> exhibitors"), (Role.EXHIBITOR, "exhibitor -> purchasers"))


def load_set(name: str) -> LabelledSet:
    """A labelled set by name."""
    if name == "demo":
        return demo_set()
    if name in ("taxonomy", "crosslingual", "taxonomy-train"):
        return build(name)
    raise ValueError(f"unknown labelled set {name!r}; choose one of {', '.join(ALL_SETS)}")


@dataclass(frozen=True)
class Score:
    """One ranker's figures in one direction of one set."""

    set_name: str
    direction: str
    ranker: str
    ndcg_at_10: float
    recall_at_50: float
    subjects: int


#: A fresh admin token for the throw-away service of one evaluation run.
ADMIN_TOKEN = secrets.token_urlsafe(24)


@contextmanager
def loaded(
    labelled: LabelledSet, settings: Settings, embedder: Embedder, workdir: Path | None = None
) -> Iterator[Runtime]:
    """A fresh service runtime on a temporary SQLite database holding every profile of the set."""
    with tempfile.TemporaryDirectory(prefix="matchmaker-eval-", dir=workdir) as tmp:
        folder = Path(tmp)
        tokens_file = folder / "tokens.json"
        tokens_file.write_text(
            json.dumps({"tokens": [{"token": ADMIN_TOKEN, "client": "eval", "role": "admin"}]}),
            encoding="utf-8",
        )
        isolated = settings.model_copy(
            update={
                "database_url": f"sqlite:///{folder / 'eval.db'}",
                "data_dir": folder / "var",
                "tokens_file": tokens_file,
                "encryption_key": None,
            }
        )
        runtime = open_runtime(isolated, embedder=embedder, start=True)
        try:
            batch = [(i, parse_line(json.dumps(doc))) for i, doc in enumerate(labelled.documents)]
            for start in range(0, len(batch), 512):
                _, errors = runtime.engine.upsert_batch(batch[start : start + 512])
                if errors:
                    raise ValueError(
                        f"{labelled.name}: record {errors[0].index} refused: {errors[0].message}"
                    )
            yield runtime
        finally:
            runtime.close()


def _subjects(labelled: LabelledSet, role: Role, limit: int) -> list[str]:
    docs = labelled.purchasers if role is Role.PURCHASER else labelled.exhibitors
    return [str(d["id"]) for d in docs][:limit]


def subject_grade(labelled: LabelledSet, role: Role, subject: str, candidate: str) -> int:
    """The relevance of a candidate for a subject of ``role`` (grades are keyed purchaser first)."""
    return (
        labelled.grade(subject, candidate) if role is Role.PURCHASER else labelled.grade(candidate, subject)
    )


async def _served_rankings(
    runtime: Runtime, settings: Settings, role: Role, subjects: Sequence[str], depth: int
) -> dict[str, list[str]]:
    """Each subject's served order, through RecommendExhibitors / RecommendPurchasers on a real channel."""
    import grpc

    from matchmaker.api._gen.matchmaker.v1 import match_service_pb2, match_service_pb2_grpc
    from matchmaker.api.auth import load_tokens
    from matchmaker.api.server import create_server

    table, _ = load_tokens(runtime.settings.tokens_file, runtime.settings.data_dir)
    service = await create_server(runtime.settings, "127.0.0.1:0", runtime, table)
    out: dict[str, list[str]] = {}
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{service.port}") as channel:
            stub = match_service_pb2_grpc.MatchServiceStub(channel)
            call = stub.RecommendExhibitors if role is Role.PURCHASER else stub.RecommendPurchasers
            metadata = (("authorization", f"Bearer {ADMIN_TOKEN}"),)
            gate = asyncio.Semaphore(4)

            async def one(subject: str) -> None:
                async with gate:
                    reply = await call(
                        match_service_pb2.RecommendRequest(subject_id=subject, limit=depth),
                        metadata=metadata,
                        timeout=60,
                    )
                out[subject] = [item.candidate_id for item in reply.items]

            await asyncio.gather(*(one(s) for s in subjects))
    finally:
        await service.stop(0)
    return out


def _features(runtime: Runtime, role: Role) -> dict[str, ProfileFeatures]:
    catalog = runtime.engine.matcher.catalog(role)
    return {pid: catalog.features_at(k) for k, pid in enumerate(catalog.ids) if pid is not None}


def evaluate_set(
    labelled: LabelledSet,
    settings: Settings,
    embedder: Embedder,
    *,
    max_subjects: int = 300,
    seed: int = 11,
    progress: Callable[[str], object] | None = None,
) -> list[Score]:
    """Every ranker in both directions on one labelled set."""
    top = max(labelled.grades.values(), default=1)
    out: list[Score] = []
    with loaded(labelled, settings, embedder) as runtime:
        by_role = {role: _features(runtime, role) for role in (Role.PURCHASER, Role.EXHIBITOR)}
        docs = {str(d["id"]): d for d in labelled.documents}
        vectorizer = TfidfVectorizer(analyzer=tokens, sublinear_tf=True).fit(
            [str(d.get("offering", "")) for d in docs.values()]
            + [str(d.get("seeking", "")) for d in docs.values()]
        )
        rng = random.Random(seed)
        for role, direction in DIRECTIONS:
            if progress is not None:
                progress(f"{labelled.name}: {direction}")
            subjects = _subjects(labelled, role, max_subjects)
            served = asyncio.run(_served_rankings(runtime, settings, role, subjects, 50))
            candidates = sorted(by_role[role.counterpart])
            cand_features = [by_role[role.counterpart][c] for c in candidates]
            need_c = "offering" if role is Role.PURCHASER else "seeking"
            need_s = "seeking" if role is Role.PURCHASER else "offering"
            c_need = np.stack([f.facet(need_c) for f in cand_features])
            c_fit = np.stack([f.facet(need_s) for f in cand_features])
            t_need = vectorizer.transform([str(docs[c].get(need_c, "")) for c in candidates])
            t_fit = vectorizer.transform([str(docs[c].get(need_s, "")) for c in candidates])
            sums = {r: [0.0, 0.0, 0] for r in RANKERS}
            for subject in subjects:
                grades = [subject_grade(labelled, role, subject, c) for c in candidates]
                if not any(grades):
                    continue
                grade_of = dict(zip(candidates, grades, strict=True))
                relevant = {c for c, g in grade_of.items() if g == top}
                f = by_role[role][subject]
                dense = c_need @ f.facet(need_s) + c_fit @ f.facet(need_c)
                d = docs[subject]
                lexical = (t_need @ vectorizer.transform([str(d.get(need_s, ""))]).T).toarray().ravel() + (
                    t_fit @ vectorizer.transform([str(d.get(need_c, ""))]).T
                ).toarray().ravel()
                shuffled = list(candidates)
                rng.shuffle(shuffled)
                rankings = {
                    "service": served.get(subject, []),
                    "tfidf": _by_score(candidates, lexical.tolist()),
                    "embedding": _by_score(candidates, dense.tolist()),
                    "random": shuffled,
                }
                for name, ranked in rankings.items():
                    sums[name][0] += ndcg([grade_of.get(c, 0) for c in ranked], grades)
                    sums[name][1] += recall(ranked, relevant)
                    sums[name][2] += 1
            for name in RANKERS:
                total_ndcg, total_recall, count = sums[name]
                n = max(int(count), 1)
                out.append(
                    Score(labelled.name, direction, name, total_ndcg / n, total_recall / n, int(count))
                )
    return out


def _by_score(ids: list[str], scores: list[float]) -> list[str]:
    order = sorted(range(len(ids)), key=lambda i: (-scores[i], ids[i]))
    return [ids[i] for i in order]


def format_table(scores: Sequence[Score]) -> str:
    """A Markdown table of the figures."""
    lines = [
        "| set | direction | ranker | nDCG@10 | recall@50 | subjects |",
        "|---|---|---|---|---|---|",
    ]
    for s in scores:
        lines.append(
            f"| {s.set_name} | {s.direction} | {s.ranker} | {s.ndcg_at_10:.3f} | {s.recall_at_50:.3f} "
            f"| {s.subjects} |"
        )
    return "\n".join(lines)
