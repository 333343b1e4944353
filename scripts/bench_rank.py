"""CPU per ranking in process: ``Recommender.rank`` (100 items) for subjects of both sides.

On a database the end-to-end benchmark prepared (``var/bench/e2000-p2000`` after
``matchmaker bench --sections e2e --quick``), with one BLAS thread and ``gc.freeze()`` as the
server runs. Nothing is written: the decisions are not stored. To compare two commits on a machine
whose speed drifts, run them at the same time, one per core, each on its own copy of the database
(a worktree of the other commit on ``PYTHONPATH``), then swap the cores:

    taskset -c 0 env PYTHONPATH=/tmp/base .venv/bin/python scripts/bench_rank.py /tmp/db-a &
    taskset -c 1 .venv/bin/python scripts/bench_rank.py /tmp/db-b; wait
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("home", type=Path, help="a benchmark database directory (bench.db, tokens.json)")
    parser.add_argument("--subjects", type=int, default=80, help="subjects per side")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    home: Path = args.home
    os.environ.update(
        {
            "MATCHMAKER_DATABASE_URL": f"sqlite:///{home / 'bench.db'}",
            "MATCHMAKER_DATA_DIR": str(home / "var"),
            "MATCHMAKER_TOKENS_FILE": str(home / "tokens.json"),
            "MATCHMAKER_LOG_LEVEL": "WARNING",
            "HF_HUB_OFFLINE": "1",
        }
    )
    import numpy  # noqa: F401 - loaded before the thread limit, so that it reaches numpy's BLAS
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    from matchmaker.bench.e2e_bench import subject_ids
    from matchmaker.config import Settings
    from matchmaker.domain import RecommendFilter, Role
    from matchmaker.matching.recommender import Recommender
    from matchmaker.runtime import open_runtime

    settings = Settings()
    runtime = open_runtime(settings)
    engine, matcher = runtime.engine, runtime.engine.matcher
    recommender = Recommender(engine.weights, settings.ranking, matcher.lexical, engine.market)
    purchasers, exhibitors = subject_ids(home)
    work = []
    for ids, side, own in (
        (purchasers, Role.EXHIBITOR, Role.PURCHASER),
        (exhibitors, Role.PURCHASER, Role.EXHIBITOR),
    ):
        catalog = matcher.catalog(side)
        for subject_id in ids[: args.subjects]:
            features = matcher.catalog(own).features(subject_id)
            if features is not None:
                work.append((features, catalog, catalog.mask(RecommendFilter(), {subject_id})))
    gc.freeze()
    for features, catalog, mask in work[:20]:
        recommender.rank(features, catalog, mask, settings.ranking.depth)
    rounds = []
    for _ in range(args.rounds):
        started = time.process_time()
        for features, catalog, mask in work:
            recommender.rank(features, catalog, mask, settings.ranking.depth)
        rounds.append((time.process_time() - started) / len(work) * 1000)
    print(
        f"{len(work)} rankings per round: " + " / ".join(f"{r:.2f}" for r in rounds) + " ms CPU per ranking"
    )


if __name__ == "__main__":
    main()
