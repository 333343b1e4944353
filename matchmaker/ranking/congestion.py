"""Congestion-aware re-ranking: a recommendation is worth something only if a meeting can follow.

Every profile has meeting slots (an exhibitor's stated ``meeting_capacity``, a default when it
states none; purchasers are not limited unless a purchaser capacity is configured). The market state
holds, per profile:

- ``held``: meetings held (MEETING_HELD feedback), each a slot used for certain;
- ``pending``: meeting requests not yet held (REQUEST_MEETING), of which a share ``accept_share``
  is expected to take a slot;
- ``open exposure``: for every subject the profile was served to who has not reacted yet, the
  examination weight ``1 / rank`` of the best position it was served at; each unit is expected to
  bring ``request_rate`` meetings.

NO_SHOW releases the pair's slot (and the pair no longer counts as pending or open). The chance that
a profile still has a free slot is

    free = P(held + Poisson(accept_share * pending + request_rate * open_exposure) < capacity)

and the congestion stage scales each candidate's score by ``1 - strength * (1 - free)``: the
adjustment (named ``congestion``, "few free meeting slots left") is ``-strength * (1 - free) *
score``. It is a capacity-aware price per candidate, the marginal value of one more request under a
Poisson demand (one more request turns into a meeting only while a slot is free). It is precomputed
per candidate whenever that candidate's state changes, so the request path only looks numbers up;
for a given state it is deterministic.

The state never takes in a decision or feedback of a subject who opted out (non-personalised
decisions, ``do_not_track``), and it drops a subject's contributions when they opt out or are
erased. The stage reads nothing of the subject it ranks for: only the candidates' state.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

import numpy as np
import numpy.typing as npt

from matchmaker.config import RankingSettings
from matchmaker.domain import FeedbackAction, Profile, Role

NAME = "congestion"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CongestionParameters:
    """How strongly congestion counts, and how demand and unstated capacity are estimated.

    The defaults are the service's (``RankingSettings``), tuned with ``matchmaker simulate``.
    """

    strength: float = 0.9
    request_rate: float = 0.1
    accept_share: float = 0.5
    default_exhibitor_capacity: int = 25
    purchaser_capacity: int = 0

    def capacity(self, role: Role, stated: int) -> int:
        """The slots assumed for a profile: what an exhibitor stated, else the defaults (0 = not limited)."""
        if role is Role.EXHIBITOR:
            return stated if stated > 0 else self.default_exhibitor_capacity
        return self.purchaser_capacity


def parameters_from(settings: RankingSettings) -> CongestionParameters:
    """The stage's parameters from the ranking settings (``MATCHMAKER_RANKING__CONGESTION*``)."""
    return CongestionParameters(
        strength=settings.congestion,
        request_rate=settings.congestion_request_rate,
        accept_share=settings.congestion_accept_share,
        default_exhibitor_capacity=settings.congestion_default_capacity,
        purchaser_capacity=settings.congestion_purchaser_capacity,
    )


def poisson_cdf(upto: npt.NDArray[np.int64], mean: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """``P(Poisson(mean) <= upto)`` elementwise (0 where ``upto < 0``)."""
    upto = np.asarray(upto, dtype=np.int64)
    mean = np.asarray(mean, dtype=np.float64)
    top = int(upto.max(initial=0))
    out = np.zeros(np.broadcast(upto, mean).shape, dtype=np.float64)
    if top < 0:
        return out
    k = np.arange(top + 1, dtype=np.float64)
    log_factorial = np.array([math.lgamma(v + 1.0) for v in k])
    m = np.broadcast_to(mean, out.shape)[..., None]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_pmf = np.where(
            m > 0, k * np.log(np.where(m > 0, m, 1.0)) - m - log_factorial, np.where(k == 0, 0.0, -np.inf)
        )
    cdf = np.cumsum(np.exp(log_pmf), axis=-1)
    index = np.clip(np.broadcast_to(upto, out.shape), 0, top)[..., None]
    picked = np.take_along_axis(cdf, index, axis=-1)[..., 0]
    return np.where(np.broadcast_to(upto, out.shape) < 0, 0.0, np.minimum(picked, 1.0))


def free_slot_probability(
    claims: npt.ArrayLike, expected_more: npt.ArrayLike, capacity: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """``P(claims + Poisson(expected_more) < capacity)``; fractional claims interpolate linearly.

    A capacity of 0 or less means "not limited": always 1.
    """
    claims_a = np.asarray(claims, dtype=np.float64)
    more = np.asarray(expected_more, dtype=np.float64)
    slots = np.asarray(capacity, dtype=np.float64)
    room = np.where(slots > 0, slots - claims_a, 1.0)
    low = np.floor(room)
    frac = room - low
    # P(N < r) for integer r is P(N <= r - 1).
    below = poisson_cdf((low - 1).astype(np.int64), more)
    above = poisson_cdf(low.astype(np.int64), more)
    return np.asarray(np.where(slots > 0, (1 - frac) * below + frac * above, 1.0), dtype=np.float64)


def free_slot_scalar(claims: float, expected_more: float, capacity: int) -> float:
    """:func:`free_slot_probability` for one profile, in plain Python (the state's refresh path)."""
    if capacity <= 0:
        return 1.0
    room = capacity - claims
    low = math.floor(room)
    frac = room - low
    if low <= 0:
        return frac * math.exp(-expected_more) if low == 0 else 0.0
    # P(N <= low - 1) and P(N <= low), summed term by term (low is at most the capacity).
    term = math.exp(-expected_more)
    below = 0.0
    for k in range(low):
        below += term
        term *= expected_more / (k + 1)
    above = below + term
    return min(1.0, (1 - frac) * below + frac * above)


def demand(
    pending: npt.ArrayLike, open_exposure: npt.ArrayLike, parameters: CongestionParameters
) -> npt.NDArray[np.float64]:
    """The Poisson mean of the meetings still expected: from pending requests and open exposure."""
    return np.asarray(
        parameters.accept_share * np.asarray(pending, dtype=np.float64)
        + parameters.request_rate * np.maximum(np.asarray(open_exposure, dtype=np.float64), 0.0),
        dtype=np.float64,
    )


def discount(free: npt.ArrayLike, strength: float) -> npt.NDArray[np.float64]:
    """The share of a score that the stage takes away: ``strength * (1 - free)``."""
    return np.asarray(strength * (1.0 - np.asarray(free, dtype=np.float64)), dtype=np.float64)


def adjustments(
    scores: npt.NDArray[np.float64], discounts: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """The congestion terms of scores (never positive; a non-positive score is left alone)."""
    return np.asarray(-discounts * np.maximum(scores, 0.0) + 0.0, dtype=np.float64)


_NONE, _PENDING, _HELD = 0, 1, 2


@dataclass
class _Pair:
    exposure: float = 0.0  # best 1/rank served, while the subject has not reacted
    reacted: bool = False
    claim: int = _NONE


class MarketState:
    """Held meetings, pending requests, open exposure and capacity per profile, kept incrementally.

    ``discounts`` is all the request path calls: dictionary look-ups of numbers computed when each
    profile's state last changed.
    """

    def __init__(self, parameters: CongestionParameters) -> None:
        self.parameters = parameters
        self._lock = threading.Lock()
        self._pairs: dict[tuple[str, str], _Pair] = {}
        self._by_subject: dict[str, set[str]] = {}
        self._capacity: dict[str, int] = {}
        self._held: dict[str, int] = {}
        self._pending: dict[str, int] = {}
        self._open: dict[str, float] = {}
        self._discount: dict[str, float] = {}

    # -- reading (the request path) ---------------------------------------------------------

    def discount_of(self, profile_id: str) -> float:
        """The share of this candidate's score the stage takes away (0 when it has room)."""
        return self._discount.get(profile_id, 0.0)

    def discounts(self, profile_ids: Sequence[str]) -> npt.NDArray[np.float64]:
        """``discount_of`` for many candidates."""
        table = self._discount
        return np.array([table.get(p, 0.0) for p in profile_ids], dtype=np.float64)

    def snapshot(self, profile_id: str) -> tuple[int, int, int, float]:
        """Capacity, held meetings, pending requests and open exposure of one profile."""
        return (
            self._capacity.get(profile_id, 0),
            self._held.get(profile_id, 0),
            self._pending.get(profile_id, 0),
            self._open.get(profile_id, 0.0),
        )

    def known(self, profile_id: str) -> bool:
        """Whether the state holds this profile (a live one: erased and deleted profiles leave)."""
        return profile_id in self._capacity

    @property
    def enabled(self) -> bool:
        """False when the strength is 0 (the stage is off)."""
        return self.parameters.strength > 0

    def terms(self, scores: npt.NDArray[np.float64], candidate_ids: Sequence[str]) -> npt.NDArray[np.float64]:
        """The congestion adjustment of each candidate's score (never positive)."""
        return adjustments(scores, self.discounts(candidate_ids))

    # -- writing ------------------------------------------------------------------------------

    def load(
        self,
        profiles: Iterable[Profile],
        served_pairs: Iterable[tuple[str, str, int]],
        feedback: Iterable[tuple[str, str, FeedbackAction]],
    ) -> None:
        """Rebuild from stored state: capacities, served pairs (best rank), feedback in order."""
        with self._lock:
            self._pairs.clear()
            self._by_subject.clear()
            for table in (self._capacity, self._held, self._pending, self._open, self._discount):
                table.clear()
        self.set_profiles(profiles)
        for subject_id, candidate_id, rank in served_pairs:
            self.served(subject_id, [(candidate_id, rank)])
        for subject_id, candidate_id, action in feedback:
            self.feedback(subject_id, candidate_id, action)

    def set_profiles(self, profiles: Iterable[Profile]) -> None:
        """Take the capacity of each profile (at start-up and after every upsert)."""
        with self._lock:
            for profile in profiles:
                self._capacity[profile.id] = self.parameters.capacity(profile.role, profile.meeting_capacity)
                self._refresh(profile.id)

    def served(self, subject_id: str, ranked: Iterable[tuple[str, int]]) -> None:
        """A personalised decision of a tracked subject served these (candidate id, rank) pairs."""
        with self._lock:
            for candidate_id, rank in ranked:
                pair = self._pair(subject_id, candidate_id)
                weight = 1.0 / rank
                if pair.reacted or weight <= pair.exposure:
                    continue
                self._open[candidate_id] = self._open.get(candidate_id, 0.0) + weight - pair.exposure
                pair.exposure = weight
                self._refresh(candidate_id)

    def feedback(self, subject_id: str, candidate_id: str, action: FeedbackAction) -> None:
        """A tracked subject reacted to a candidate: its forecast becomes a claim, or nothing."""
        with self._lock:
            pair = self._pair(subject_id, candidate_id)
            if not pair.reacted:
                pair.reacted = True
                self._open[candidate_id] = self._open.get(candidate_id, 0.0) - pair.exposure
                pair.exposure = 0.0
            claim = pair.claim
            if action is FeedbackAction.MEETING_HELD:
                claim = _HELD
            elif action is FeedbackAction.REQUEST_MEETING and claim == _NONE:
                claim = _PENDING
            elif action is FeedbackAction.NO_SHOW:
                claim = _NONE
            self._set_claim(subject_id, candidate_id, pair, claim)
            self._refresh(subject_id)
            self._refresh(candidate_id)

    def forget(self, profile_id: str) -> None:
        """Drop everything a subject contributed (opt-out, erasure)."""
        with self._lock:
            touched = {profile_id}
            for candidate_id in self._by_subject.pop(profile_id, set()):
                pair = self._pairs.pop((profile_id, candidate_id))
                self._open[candidate_id] = self._open.get(candidate_id, 0.0) - pair.exposure
                self._set_claim(profile_id, candidate_id, pair, _NONE)
                touched.add(candidate_id)
            for profile in touched:
                self._refresh(profile)

    def remove_profile(self, profile_id: str) -> None:
        """An erased profile: what it contributed as a subject and its own state go."""
        self.forget(profile_id)
        with self._lock:
            for key in [k for k in self._pairs if k[1] == profile_id]:
                pair = self._pairs.pop(key)
                self._set_claim(key[0], profile_id, pair, _NONE)
                self._by_subject.get(key[0], set()).discard(profile_id)
                self._refresh(key[0])
            self._capacity.pop(profile_id, None)
            self._held.pop(profile_id, None)
            self._pending.pop(profile_id, None)
            self._open.pop(profile_id, None)
            self._discount.pop(profile_id, None)

    def _set_claim(self, subject_id: str, candidate_id: str, pair: _Pair, claim: int) -> None:
        if claim == pair.claim:
            return
        for profile_id in (subject_id, candidate_id):
            if pair.claim == _PENDING:
                self._pending[profile_id] = self._pending.get(profile_id, 0) - 1
            elif pair.claim == _HELD:
                self._held[profile_id] = self._held.get(profile_id, 0) - 1
            if claim == _PENDING:
                self._pending[profile_id] = self._pending.get(profile_id, 0) + 1
            elif claim == _HELD:
                self._held[profile_id] = self._held.get(profile_id, 0) + 1
        pair.claim = claim

    def _pair(self, subject_id: str, candidate_id: str) -> _Pair:
        key = (subject_id, candidate_id)
        pair = self._pairs.get(key)
        if pair is None:
            pair = self._pairs[key] = _Pair()
            self._by_subject.setdefault(subject_id, set()).add(candidate_id)
        return pair

    def _refresh(self, profile_id: str) -> None:
        capacity = self._capacity.get(profile_id)
        if capacity is None:  # not a known profile (yet): nothing to discount
            self._discount.pop(profile_id, None)
            return
        p = self.parameters
        more = p.accept_share * self._pending.get(profile_id, 0) + p.request_rate * max(
            self._open.get(profile_id, 0.0), 0.0
        )
        value = p.strength * (1.0 - free_slot_scalar(self._held.get(profile_id, 0), more, capacity))
        if value > 0:
            self._discount[profile_id] = value
        else:
            self._discount.pop(profile_id, None)


#: Feedback ids a follower keeps looking for (ids of opted-out subjects' events look skipped too,
#: since nothing of theirs is read; they age out after the lookback).
MAX_GAPS = 10_000


class ExposureSource(Protocol):
    """Where the market state's events are stored (``matchmaker.storage.exposure.ExposureRepository``).

    Every read returns only what subjects who allow it contributed (see that module).
    """

    def served_pairs(self) -> Iterable[tuple[str, str, int]]:
        """``(subject, candidate, best rank)`` of every served pair."""
        ...

    def served_since(self, since: datetime | None) -> Iterable[tuple[str, str, int]]:
        """The same, of the items served at or after ``since``."""
        ...

    def feedback_after(
        self, after_id: int, also: Collection[int] = ()
    ) -> Sequence[tuple[int, str, str, FeedbackAction]]:
        """``(id, subject, candidate, action)`` of the events after ``after_id`` or in ``also``, by id."""
        ...


class MarketFollower:
    """Keeps one replica's :class:`MarketState` current with what every replica serves and records.

    The database is the one record: at start the state is rebuilt from it, then :meth:`refresh`
    reads only what was stored since, by two watermarks:

    - served items from ``served_at >= last refresh - lookback`` (replaying a served pair is
      harmless: the state keeps the best rank per pair, and ignores a pair that was answered), so
      a late commit or another replica's clock up to ``lookback`` behind is still picked up;
    - feedback after the highest id applied. Ids are handed out when a row is inserted, not when it
      commits, so an id skipped over may still appear: it is looked for again on every refresh
      until it is ``lookback`` old. Each feedback id is applied once.

    A replica's own feedback reaches its state the same way (``feedback_recorded`` refreshes at
    once), so there is one path and nothing is counted twice; its own served pages are applied
    directly as well (idempotent). ``maybe_refresh`` starts a refresh at most every ``interval``
    seconds, on a thread of its own: no request waits for the two indexed reads.
    """

    def __init__(
        self,
        market: MarketState,
        source: ExposureSource | None,
        clock: Callable[[], datetime],
        *,
        interval: float = 5.0,
        lookback: timedelta = timedelta(seconds=120),
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.market = market
        self._source = source
        self._clock = clock
        self._monotonic = monotonic
        self.interval = interval
        self.lookback = lookback
        self._lock = threading.Lock()
        self._served_from: datetime | None = None
        self._last_id = 0
        # Feedback ids skipped over -> when first missed (at most MAX_GAPS, the newest).
        self._gaps: dict[int, datetime] = {}
        self._next_due = -math.inf

    def load(self, profiles: Iterable[Profile]) -> None:
        """Rebuild the state from everything stored (start-up)."""
        with self._lock:
            if self._source is None:
                self.market.load(profiles, (), ())
                return
            started = self._clock()
            events = list(self._source.feedback_after(0))
            self.market.load(profiles, self._source.served_pairs(), ((s, c, a) for _, s, c, a in events))
            self._gaps.clear()
            self._last_id = 0
            self._take_ids([e[0] for e in events], started)
            self._served_from = started - self.lookback
            self._next_due = self._monotonic() + self.interval

    def maybe_refresh(self) -> bool:
        """Start a refresh if ``interval`` seconds passed since the last; False if not due or under way.

        With an interval the refresh runs on a thread of its own, so the request that found it due
        does not wait for the reads either; with ``interval == 0`` (tests, a single small replica) it
        runs in line, before every recommendation.
        """
        if self._source is None or self._monotonic() < self._next_due:
            return False
        if not self._lock.acquire(blocking=False):
            return False
        if self.interval <= 0:
            try:
                self._refresh_locked()
            finally:
                self._lock.release()
            return True
        self._next_due = self._monotonic() + self.interval  # one thread per interval at most
        threading.Thread(target=self._refresh_and_release, name="market-refresh", daemon=True).start()
        return True

    def _refresh_and_release(self) -> None:
        try:
            self._refresh_locked()
        except Exception as exc:  # the next interval tries again; the state stays as it was
            log.error("refreshing the market state failed: %s", type(exc).__name__)
        finally:
            self._lock.release()

    def wait(self) -> None:
        """Until a refresh under way has finished (tests, shutdown)."""
        with self._lock:
            pass

    def refresh(self) -> None:
        """Take in everything stored since the last refresh, now (waits for one under way)."""
        if self._source is None:
            return
        with self._lock:
            self._refresh_locked()

    def feedback_recorded(self, subject_id: str, candidate_id: str, action: FeedbackAction) -> None:
        """Take in a feedback event this replica stored: through the database (once), or directly."""
        if self._source is None:
            self.market.feedback(subject_id, candidate_id, action)
        else:
            self.refresh()

    def _refresh_locked(self) -> None:
        assert self._source is not None
        started = self._clock()
        since = self._served_from if self._served_from is not None else started - self.lookback
        known = self.market.known
        for subject_id, candidate_id, rank in self._source.served_since(since):
            # An erased or deleted party (its profile left the state) is not brought back.
            if known(subject_id) and known(candidate_id):
                self.market.served(subject_id, [(candidate_id, rank)])
        events = self._source.feedback_after(self._last_id, self._gaps.keys())
        for _, subject_id, candidate_id, action in events:
            if known(subject_id) and known(candidate_id):
                self.market.feedback(subject_id, candidate_id, action)
        self._take_ids([e[0] for e in events], started)
        self._served_from = started - self.lookback
        self._next_due = self._monotonic() + self.interval

    def _take_ids(self, ids: Sequence[int], now: datetime) -> None:
        for event_id in ids:
            self._gaps.pop(event_id, None)
        top = max(ids, default=self._last_id)
        seen = set(ids)
        for skipped in range(self._last_id + 1, top):
            if skipped not in seen:
                self._gaps.setdefault(skipped, now)
        self._last_id = max(self._last_id, top)
        for event_id, missed_at in list(self._gaps.items()):
            if now - missed_at > self.lookback:
                del self._gaps[event_id]
        if len(self._gaps) > MAX_GAPS:
            for event_id in sorted(self._gaps)[: len(self._gaps) - MAX_GAPS]:
                del self._gaps[event_id]
