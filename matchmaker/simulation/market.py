"""A two-sided meeting market, to measure what a ranking policy does to meetings (``matchmaker simulate``).

The parties and their graded relevance come from the taxonomy-based evaluation set (built without
looking at any ranker). On top of the grades each side has its own preference:

- purchaser i requests exhibitor j, once examined, with ``p[i, j] = base[grade] * fame[j]``
  (capped at 1): a few exhibitors are famous and draw more requests at the same relevance;
- exhibitor j requests or accepts purchaser i with ``q[i, j] = base[grade] * appeal[i]``.

The platform knows these preferences (the setting of Su et al., WWW 2022, and Tomita et al.,
RecSys 2023). Each side sees a list of ``depth`` candidates and examines rank r with probability
``1 / r``. A pair meets when one side examines and requests and the other side accepts:
``m = 1 - (1 - vP * p * q) * (1 - vE * q * p)``. Exhibitor j can hold at most ``capacity[j]``
meetings, so its expected meetings are ``E[min(capacity, N)]`` with ``N ~ Poisson(sum_i m[i, j])``.
Purchasers are not capacity-limited here.

Policies: ``relevance`` (each side ranked by its own preference), ``product`` (both sides by
``p * q``), ``tu-ipfp`` (the Choo-Siow equilibrium by IPFP, an offline reference), and
``congestion``: the product with the service's congestion stage
(:mod:`matchmaker.ranking.congestion`), fed by the same market state the service keeps and
iterated to a fixed point, as the service's state settles while decisions are served. Everything
is deterministic for a seed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from matchmaker.evaluation.taxonomy_sets import build
from matchmaker.ranking.congestion import (
    CongestionParameters,
    demand,
    discount,
    free_slot_probability,
)

Array = npt.NDArray[np.float64]
BASE = np.array([0.0, 0.05, 0.2, 0.5])  # request / accept probability by grade 0-3, before fame
POLICIES = ("relevance", "product", "tu-ipfp", "congestion")


@dataclass(frozen=True)
class Market:
    """Both sides' preferences, the grades and the exhibitors' capacities."""

    name: str
    grades: npt.NDArray[np.int64]  # (purchasers, exhibitors)
    p: Array  # purchaser i's request probability for exhibitor j
    q: Array  # exhibitor j's request/accept probability for purchaser i
    capacity: npt.NDArray[np.int64]  # (exhibitors,)

    def with_tightness(self, factor: float) -> Market:
        """The same market with every capacity scaled by ``factor`` (at least 1 slot)."""
        scaled = np.maximum(1, np.rint(self.capacity * factor)).astype(np.int64)
        return Market(f"{self.name} x{factor:g}", self.grades, self.p, self.q, scaled)


def build_market(seed: int, *, exhibitors: int = 200, purchasers: int = 6000, groups: int = 20) -> Market:
    """The market of one seed: the taxonomy set's parties and grades, fame, appeal and capacities."""
    labelled = build("taxonomy", exhibitors=exhibitors, purchasers=purchasers, seed=seed, groups=groups)
    p_index = {str(d["id"]): i for i, d in enumerate(labelled.purchasers)}
    e_index = {str(d["id"]): j for j, d in enumerate(labelled.exhibitors)}
    grades = np.zeros((purchasers, exhibitors), dtype=np.int64)
    for (pid, eid), g in labelled.grades.items():
        grades[p_index[pid], e_index[eid]] = g
    rng = np.random.default_rng(seed)
    fame = rng.lognormal(0.0, 1.0, exhibitors)
    appeal = rng.lognormal(0.0, 0.6, purchasers)
    base = BASE[grades]
    p = np.minimum(1.0, base * (fame / fame.mean())[None, :])
    q = np.minimum(1.0, base * (appeal / appeal.mean())[:, None])
    # Most exhibitors have 10-40 slots; about one in twelve (large booths) 60-200.
    large = rng.random(exhibitors) < 1 / 12
    capacity = np.where(large, rng.integers(60, 201, exhibitors), rng.integers(10, 41, exhibitors))
    return Market(f"taxonomy seed {seed}", grades, p, q, capacity.astype(np.int64))


def examination(scores: Array, depth: int) -> Array:
    """``1 / rank`` for each row's top ``depth`` columns by score (ties: lower index first), else 0."""
    cols = scores.shape[1]
    depth = min(depth, cols)
    order = np.lexsort((np.broadcast_to(np.arange(cols), scores.shape), -scores), axis=1)[:, :depth]
    out = np.zeros_like(scores)
    np.put_along_axis(out, order, 1.0 / np.arange(1, depth + 1)[None, :], axis=1)
    return out


@dataclass(frozen=True)
class Outcome:
    """What one policy gave on one market."""

    policy: str
    meetings: float
    exhibitors_with_meeting: float
    exposure_gini: float
    ndcg10: float

    def row(self) -> dict[str, float | str]:
        """As a table row."""
        return {
            "policy": self.policy,
            "expected_meetings": round(self.meetings, 1),
            "exhibitors_with_meeting": round(self.exhibitors_with_meeting, 3),
            "exposure_gini": round(self.exposure_gini, 3),
            "ndcg10": round(self.ndcg10, 3),
        }


def gini(values: Array) -> float:
    """The Gini coefficient of non-negative values (0 = equal)."""
    v = np.sort(np.asarray(values, dtype=np.float64))
    if v.sum() <= 0:
        return 0.0
    n = v.size
    return float((2 * np.arange(1, n + 1) - n - 1) @ v / (n * v.sum()))


def expected_min(capacity: npt.NDArray[np.int64], mean: Array) -> Array:
    """``E[min(capacity, Poisson(mean))] = sum_{k < capacity} P(N > k)``, elementwise."""
    top = int(capacity.max())
    ks = np.arange(top, dtype=np.float64)
    log_factorial = np.cumsum(np.log(np.maximum(ks, 1.0)))  # log k!
    m = np.asarray(mean, dtype=np.float64)[:, None]
    with np.errstate(divide="ignore"):
        log_pmf = np.where(
            m > 0, ks * np.log(np.where(m > 0, m, 1.0)) - m - log_factorial, np.where(ks == 0, 0.0, -np.inf)
        )
    survive = 1.0 - np.minimum(np.cumsum(np.exp(log_pmf), axis=1), 1.0)
    return np.asarray(np.where(ks[None, :] < capacity[:, None], survive, 0.0).sum(axis=1), dtype=np.float64)


def ndcg_at_10(grades: npt.NDArray[np.int64], scores: Array) -> float:
    """Mean nDCG@10 of the purchasers' lists (gains 2^grade - 1), over those with a relevant exhibitor."""
    gains = (2.0**grades) - 1.0
    cols = scores.shape[1]
    k = min(10, cols)
    order = np.lexsort((np.broadcast_to(np.arange(cols), scores.shape), -scores), axis=1)[:, :k]
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    dcg = (np.take_along_axis(gains, order, axis=1) * discounts).sum(axis=1)
    ideal = (-np.sort(-gains, axis=1)[:, :k] * discounts).sum(axis=1)
    has = ideal > 0
    return float((dcg[has] / ideal[has]).mean())


def _outcome(
    policy: str, market: Market, purchaser_scores: Array, exhibitor_scores: Array, depth: int
) -> Outcome:
    v_p = examination(purchaser_scores, depth)  # (P, E): purchaser i examines exhibitor j
    v_e = examination(exhibitor_scores, depth)  # (E, P): exhibitor j examines purchaser i
    pq = market.p * market.q
    meet = 1.0 - (1.0 - v_p * pq) * (1.0 - v_e.T * pq)
    demand = meet.sum(axis=0)
    meetings = expected_min(market.capacity, demand)
    return Outcome(
        policy,
        float(meetings.sum()),
        float((1.0 - np.exp(-demand)).mean()),
        gini(v_p.sum(axis=0)),
        ndcg_at_10(market.grades, purchaser_scores),
    )


def congestion_scores(
    market: Market, parameters: CongestionParameters, depth: int = 100, rounds: int = 30
) -> tuple[Array, Array]:
    """Both sides' scores: the two-sided product with the congestion stage, at the state's fixed point.

    The state is the one the service keeps, half-way through the fair: half of the served pairs
    have been answered (their expected requests are pending claims) and half are still open
    exposure (``sum 1/rank``). Each round ranks with the current discounts; the state is the
    running average of the rounds' outcomes (fictitious play), as the service's state settles while
    decisions are served.
    """
    purchasers, exhibitors = market.p.shape
    pq = market.p * market.q
    pur_capacity = np.full(purchasers, parameters.purchaser_capacity, dtype=np.int64)
    exh_pending, exh_open = np.zeros(exhibitors), np.zeros(exhibitors)
    pur_pending, pur_open = np.zeros(purchasers), np.zeros(purchasers)
    purchaser_scores, exhibitor_scores = pq, pq.T
    for t in range(rounds):
        exh_discount = discount(
            free_slot_probability(0.0, demand(exh_pending, exh_open, parameters), market.capacity),
            parameters.strength,
        )
        pur_discount = discount(
            free_slot_probability(0.0, demand(pur_pending, pur_open, parameters), pur_capacity),
            parameters.strength,
        )
        purchaser_scores = pq * (1.0 - exh_discount)[None, :]
        exhibitor_scores = pq.T * (1.0 - pur_discount)[None, :]
        v_p = examination(purchaser_scores, depth)
        v_e = examination(exhibitor_scores, depth)
        # Requests each side sends and receives (both take a slot of both parties when they meet).
        requests = v_p * market.p + v_e.T * market.q
        step = 1.0 / (t + 1)
        exh_pending += step * (0.5 * requests.sum(axis=0) - exh_pending)
        pur_pending += step * (0.5 * requests.sum(axis=1) - pur_pending)
        exh_open += step * (0.5 * v_p.sum(axis=0) - exh_open)
        pur_open += step * (0.5 * v_e.sum(axis=0) - pur_open)
    return purchaser_scores, exhibitor_scores


def tu_equilibrium_scores(market: Market, iterations: int = 300) -> tuple[Array, Array]:
    """Both sides' scores from Choo-Siow's transferable-utility matching, computed by IPFP.

    The reference of Tomita et al. (RecSys 2023) with capacities as the exhibitors' margins and one
    unit per purchaser: ``mu_ij = a_i b_j sqrt(p_ij q_ij)``; purchaser i's list is ordered by
    ``b_j sqrt(p_ij q_ij)``, exhibitor j's by ``a_i sqrt(p_ij q_ij)``. It needs every pair's
    preferences at once, so it is an offline benchmark here, not something the request path can run.
    """
    kernel = np.sqrt(market.p * market.q)
    a = np.ones(kernel.shape[0])
    b = np.ones(kernel.shape[1])
    slots = market.capacity.astype(np.float64)
    for _ in range(iterations):
        into_a = kernel @ b
        a = (-into_a + np.sqrt(into_a * into_a + 4.0)) / 2.0
        into_b = kernel.T @ a
        b = (-into_b + np.sqrt(into_b * into_b + 4.0 * slots)) / 2.0
    return kernel * b[None, :], (kernel * a[:, None]).T


def meeting_bound(market: Market, depth: int = 100, iterations: int = 60) -> float:
    """An upper bound on the expected meetings of *any* ranking policy on this market.

    A pair's chance of meeting, ``1 - (1 - vP p q) (1 - vE p q)``, is at most ``(vP + vE) p q``, so
    every policy's meetings are at most ``f(D) = sum_j E[min(capacity_j, Poisson(D_j))]`` with
    ``D_j = sum_i (vP_ij + vE_ji) p_ij q_ij``. ``f`` is concave in the examination weights and they
    range over (mixtures of) rankings, so Frank-Wolfe bounds the maximum from above: at any point d,
    ``max f <= f(d) + max_s grad f(d) . (s - d)``, the linear step ``s`` being each purchaser's list
    sorted by ``grad_j p_ij q_ij`` (``grad_j = P(Poisson(d_j) < capacity_j)``; each exhibitor's own
    list by ``p q``, its gradient being one number). The smallest such bound over the iterations is
    returned. It ignores nDCG, so it also bounds every policy within an nDCG budget.
    """
    pq = market.p * market.q
    from_exhibitors = (examination(pq.T, depth).T * pq).sum(axis=0)

    def served(purchaser_scores: Array) -> Array:
        return np.asarray((examination(purchaser_scores, depth) * pq).sum(axis=0) + from_exhibitors)

    d = served(pq)
    bound = math.inf
    for t in range(iterations):
        gradient = free_slot_probability(0.0, d, market.capacity)
        step = served(pq * gradient[None, :])
        value = float(expected_min(market.capacity, d).sum())
        bound = min(bound, value + float(gradient @ (step - d)))
        d = d + (step - d) * 2.0 / (t + 3)
    return bound


def evaluate(market: Market, parameters: CongestionParameters, depth: int = 100) -> list[Outcome]:
    """Every policy on one market."""
    pq = market.p * market.q
    out = [
        _outcome("relevance", market, market.p, market.q.T, depth),
        _outcome("product", market, pq, pq.T, depth),
    ]
    out.append(_outcome("tu-ipfp", market, *tu_equilibrium_scores(market), depth))
    purchaser_scores, exhibitor_scores = congestion_scores(market, parameters, depth)
    out.append(_outcome("congestion", market, purchaser_scores, exhibitor_scores, depth))
    return out


def tune(
    market: Market,
    strengths: tuple[float, ...] = (0.7, 0.9, 1.0),
    accept_shares: tuple[float, ...] = (0.25, 0.5),
    request_rates: tuple[float, ...] = (0.1, 0.3),
    max_ndcg_loss: float = 0.05,
    depth: int = 100,
) -> tuple[CongestionParameters, list[tuple[CongestionParameters, Outcome]]]:
    """The parameters with the most meetings whose nDCG@10 stays within ``max_ndcg_loss`` of relevance."""
    baseline = _outcome("relevance", market, market.p, market.q.T, depth)
    tried: list[tuple[CongestionParameters, Outcome]] = []
    for strength in strengths:
        for share in accept_shares:
            for rate in request_rates:
                parameters = CongestionParameters(strength=strength, accept_share=share, request_rate=rate)
                scores = congestion_scores(market, parameters, depth)
                tried.append((parameters, _outcome("congestion", market, *scores, depth)))
    allowed = [t for t in tried if baseline.ndcg10 - t[1].ndcg10 <= max_ndcg_loss] or tried
    best = max(allowed, key=lambda t: t[1].meetings)
    return best[0], tried


TIGHTNESS = (0.25, 0.5, 1.0, 2.0, 4.0)
HELD_OUT = (3, 4)  # further reporting markets, at the stated capacities


@dataclass(frozen=True)
class Report:
    """The tuning on one market and the outcomes on others, across capacity tightness.

    ``rows`` are the default reporting market at each tightness, ``held_out`` further markets at
    the stated capacities; each comes with :func:`meeting_bound`, the most any ranking could give.
    """

    tuned_on: str
    reported_on: str
    parameters: CongestionParameters
    tuning: list[Outcome]
    rows: list[tuple[float, list[Outcome]]]
    bounds: dict[float, float] = field(default_factory=dict)
    held_out: list[tuple[str, list[Outcome], float]] = field(default_factory=list)
    tuning_bound: float = math.nan

    def default(self) -> list[Outcome]:
        """The outcomes on the reporting market at the stated capacities (tightness 1)."""
        return next(outcomes for factor, outcomes in self.rows if factor == 1.0)


def report(
    tune_seed: int = 1,
    seed: int = 2,
    tightness: tuple[float, ...] = TIGHTNESS,
    held_out: tuple[int, ...] = HELD_OUT,
) -> Report:
    """Tune the stage on the market of ``tune_seed``; report every policy on ``seed`` and ``held_out``."""
    if tune_seed == seed or tune_seed in held_out:
        raise ValueError("tune and report on different markets (seeds)")
    tuning_market = build_market(tune_seed)
    parameters, _ = tune(tuning_market)
    tuning = evaluate(tuning_market, parameters)
    market = build_market(seed)
    factors = tuple(sorted({*tightness, 1.0}))
    rows, bounds = [], {}
    for factor in factors:
        scaled = market.with_tightness(factor)
        rows.append((factor, evaluate(scaled, parameters)))
        bounds[factor] = meeting_bound(scaled)
    more = []
    for other in dict.fromkeys(s for s in held_out if s != seed):
        extra = build_market(other)
        more.append((extra.name, evaluate(extra, parameters), meeting_bound(extra)))
    return Report(
        tuning_market.name,
        market.name,
        parameters,
        tuning,
        rows,
        bounds,
        more,
        meeting_bound(tuning_market),
    )


def markdown(result: Report) -> str:
    """The report as Markdown tables."""
    p = result.parameters
    lines = [
        f"Tuned on {result.tuned_on} (capacities as drawn): strength {p.strength:g}, "
        f"accept_share {p.accept_share:g}, request_rate {p.request_rate:g}.",
        "",
        "| market | capacity x | policy | expected meetings | vs relevance | exhibitors with >= 1 meeting "
        "| Gini of exposure | nDCG@10 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    groups = [(result.tuned_on + " (tuning)", 1.0, result.tuning, result.tuning_bound)]
    groups += [
        (result.reported_on, f, outcomes, result.bounds.get(f, math.nan)) for f, outcomes in result.rows
    ]
    groups += [(name, 1.0, outcomes, bound) for name, outcomes, bound in result.held_out]
    for name, factor, outcomes, bound in groups:
        base = outcomes[0].meetings
        for o in outcomes:
            lines.append(
                f"| {name} | {factor:g} | {o.policy} | {o.meetings:.1f} | {o.meetings / base:.2f}x "
                f"| {o.exhibitors_with_meeting:.1%} | {o.exposure_gini:.3f} | {o.ndcg10:.3f} |"
            )
        if not math.isnan(bound):
            lines.append(
                f"| {name} | {factor:g} | bound (any ranking) | {bound:.1f} | {bound / base:.2f}x | | | |"
            )
    default = {o.policy: o for o in result.default()}
    ratio = default["congestion"].meetings / default["relevance"].meetings
    loss = default["relevance"].ndcg10 - default["congestion"].ndcg10
    target = ratio >= 1.5 and loss <= 0.05
    lines += [
        "",
        f"Default market ({result.reported_on}, capacity x1): congestion gives {ratio:.2f}x the expected "
        f"meetings of relevance-only with nDCG@10 {-loss:+.3f}; target (>= 1.5x, nDCG@10 at most 0.05 lower) "
        + ("met." if target else "NOT met."),
    ]
    bound = result.bounds.get(1.0, math.nan)
    if not math.isnan(bound):
        most = bound / default["relevance"].meetings
        lines.append(
            f"No ranking can give more than {most:.3f}x there (the bound); the stage gives "
            f"{default['congestion'].meetings / bound:.0%} of it."
            + (" The target is out of reach of any ranking on this market." if most < 1.5 else "")
        )
    return "\n".join(lines)
