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
erased. The stage reads nothing of the subject it ranks for: only the candidates' state. Nor does
it keep counting what the retention purge deletes: every served position and reaction carries the
time its record is purged, and each replica drops it then, on its own clock.
"""

from __future__ import annotations

import bisect
import heapq
import logging
import math
import threading
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
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

#: The expiry of a record that is never purged (told without one: no database behind the state).
_FOREVER = datetime.max.replace(tzinfo=UTC)
_EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass(slots=True)
class _Pair:
    """What one (subject, candidate) pair contributes, and the records it is computed from.

    ``exposure`` (counted in the candidate's open exposure) is the best ``1 / rank`` among the
    served positions kept, while no reaction is kept; ``claim`` folds the kept reactions in order.
    Both are recomputed when a record expires, so they always equal what the kept records give.
    """

    exposure: float = 0.0
    claim: int = _NONE
    # Served positions kept, (expires, 1 / rank): by expiry, the weights falling, so the first is
    # the best one still kept. A position both older and no better than another is not kept.
    served: list[tuple[datetime, float]] = field(default_factory=list)
    # Reactions kept, (order: the feedback id, expires, action), by order.
    events: list[tuple[int, datetime, FeedbackAction]] = field(default_factory=list)
    # The expiry this pair is queued under in the state's heap (None: not queued).
    due: datetime | None = None


def _keep_position(served: list[tuple[datetime, float]], expires: datetime, weight: float) -> bool:
    """Add a served position to a pair's list unless one as late and as good is kept; whether added."""
    at = 0
    while at < len(served) and served[at][0] < expires:
        at += 1
    if at < len(served) and served[at][1] >= weight:
        return False  # the first position expiring no earlier is at least as good
    start = at
    while start > 0 and served[start - 1][1] <= weight:
        start -= 1  # earlier and no better: never the best again
    end = at
    while end < len(served) and served[end][0] == expires:
        end += 1  # as late and worse (a better one returned above)
    served[start:end] = [(expires, weight)]
    return True


def _fold(events: Sequence[tuple[int, datetime, FeedbackAction]]) -> int:
    """The claim the reactions give, applied in order: held, pending, or none (a no-show frees it)."""
    claim = _NONE
    for _, _, action in events:
        if action is FeedbackAction.MEETING_HELD:
            claim = _HELD
        elif action is FeedbackAction.REQUEST_MEETING and claim == _NONE:
            claim = _PENDING
        elif action is FeedbackAction.NO_SHOW:
            claim = _NONE
    return claim


class MarketState:
    """Held meetings, pending requests, open exposure and capacity per profile, kept incrementally.

    ``discounts`` is all the request path calls: dictionary look-ups of numbers computed when each
    profile's state last changed.

    Every served position and reaction may carry the time its stored record is purged (retention);
    :meth:`expire` drops what is past it, in the order of a heap of the pairs' next expiries, and
    recomputes the pairs it touched, so the state equals one loaded from the records still kept.
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
        # Pairs counting in each candidate's open exposure: at none, it is exactly 0.
        self._open_pairs: dict[str, int] = {}
        self._discount: dict[str, float] = {}
        # (expires, subject, candidate): each pair's next expiry (entries a pair left are skipped).
        self._heap: list[tuple[datetime, str, str]] = []
        # Records that expired before this are dropped when they arrive (as if taken in, then expired).
        self._expired_to = _EARLIEST
        self._sequence = 0  # the order of reactions told without an id

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
    def pairs(self) -> int:
        """How many (subject, candidate) pairs the state holds a record of."""
        return len(self._pairs)

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
        """Rebuild from stored state: capacities, served pairs (best rank), feedback in order.

        Records loaded this way never expire; :class:`MarketFollower` loads with their expiries.
        """
        with self._lock:
            self._pairs.clear()
            self._by_subject.clear()
            self._heap.clear()
            self._expired_to = _EARLIEST
            self._sequence = 0
            tables: tuple[dict[str, int] | dict[str, float], ...] = (
                self._capacity,
                self._held,
                self._pending,
                self._open,
                self._open_pairs,
                self._discount,
            )
            for table in tables:
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

    def served(
        self, subject_id: str, ranked: Iterable[tuple[str, int]], expires: datetime | None = None
    ) -> None:
        """A personalised decision of a tracked subject served these (candidate id, rank) pairs.

        ``expires``: when the decision's stored record is purged (None: never).
        """
        until = _FOREVER if expires is None else expires
        with self._lock:
            if until < self._expired_to:
                return
            for candidate_id, rank in ranked:
                pair = self._pair(subject_id, candidate_id)
                if not _keep_position(pair.served, until, 1.0 / rank):
                    continue
                self._schedule(subject_id, candidate_id, pair, until)
                if self._set_exposure(candidate_id, pair):
                    self._refresh(candidate_id)

    def feedback(
        self,
        subject_id: str,
        candidate_id: str,
        action: FeedbackAction,
        *,
        expires: datetime | None = None,
        event_id: int | None = None,
    ) -> None:
        """A tracked subject reacted to a candidate: its forecast becomes a claim, or nothing.

        ``expires``: when the stored event stops being read (purged, or its decision is; None:
        never). ``event_id``: its stored id, the order reactions are folded in (an event already
        taken in is ignored); without one, the order they are told in.
        """
        until = _FOREVER if expires is None else expires
        with self._lock:
            if until < self._expired_to:
                return
            pair = self._pair(subject_id, candidate_id)
            if event_id is None:
                order = self._sequence
                self._sequence += 1
            elif any(kept[0] == event_id for kept in pair.events):
                return
            else:
                order = event_id
            bisect.insort(pair.events, (order, until, action), key=lambda kept: kept[0])
            self._schedule(subject_id, candidate_id, pair, until)
            self._set_exposure(candidate_id, pair)
            self._set_claim(subject_id, candidate_id, pair, _fold(pair.events))
            self._refresh(subject_id)
            self._refresh(candidate_id)

    def expire(self, now: datetime) -> int:
        """Drop every served position and reaction that expired before ``now``; how many pairs changed.

        Only the pairs whose next expiry has passed are visited (a heap), so the cost follows
        what expires, not the size of the state. Time never runs back: an earlier ``now`` drops
        nothing.
        """
        changed = 0
        with self._lock:
            self._expired_to = cutoff = max(self._expired_to, now)
            touched: set[str] = set()
            while self._heap and self._heap[0][0] < cutoff:
                due, subject_id, candidate_id = heapq.heappop(self._heap)
                pair = self._pairs.get((subject_id, candidate_id))
                if pair is None or pair.due != due:
                    continue  # the pair left, or was queued again for an earlier expiry
                pair.due = None
                kept = 0
                while kept < len(pair.served) and pair.served[kept][0] < cutoff:
                    kept += 1
                del pair.served[:kept]
                events = [e for e in pair.events if e[1] >= cutoff]
                dropped = kept + len(pair.events) - len(events)
                pair.events = events
                self._set_exposure(candidate_id, pair)
                self._set_claim(subject_id, candidate_id, pair, _fold(events))
                if pair.served or pair.events:
                    upcoming = [pair.served[0][0]] if pair.served else []
                    upcoming.extend(e[1] for e in pair.events)
                    self._schedule(subject_id, candidate_id, pair, min(upcoming))
                else:
                    del self._pairs[(subject_id, candidate_id)]
                    candidates = self._by_subject.get(subject_id)
                    if candidates is not None:
                        candidates.discard(candidate_id)
                        if not candidates:
                            del self._by_subject[subject_id]
                if dropped:
                    changed += 1
                    touched.update((subject_id, candidate_id))
            for profile_id in touched:
                self._refresh(profile_id)
        return changed

    def forget(self, profile_id: str) -> None:
        """Drop everything a subject contributed (opt-out, erasure)."""
        with self._lock:
            touched = {profile_id}
            for candidate_id in self._by_subject.pop(profile_id, set()):
                pair = self._pairs.pop((profile_id, candidate_id))
                self._drop(profile_id, candidate_id, pair)
                touched.add(candidate_id)
            for profile in touched:
                self._refresh(profile)

    def remove_profile(self, profile_id: str) -> None:
        """An erased profile: what it contributed as a subject and its own state go."""
        self.forget(profile_id)
        with self._lock:
            for key in [k for k in self._pairs if k[1] == profile_id]:
                pair = self._pairs.pop(key)
                self._drop(key[0], profile_id, pair)
                self._by_subject.get(key[0], set()).discard(profile_id)
                self._refresh(key[0])
            self._capacity.pop(profile_id, None)
            self._held.pop(profile_id, None)
            self._pending.pop(profile_id, None)
            self._open.pop(profile_id, None)
            self._open_pairs.pop(profile_id, None)
            self._discount.pop(profile_id, None)

    def _drop(self, subject_id: str, candidate_id: str, pair: _Pair) -> None:
        """Take a pair's contributions back (it has left ``_pairs``; its heap entry is skipped)."""
        pair.served.clear()
        pair.events.clear()
        self._set_exposure(candidate_id, pair)
        self._set_claim(subject_id, candidate_id, pair, _NONE)

    def _set_exposure(self, candidate_id: str, pair: _Pair) -> bool:
        """Bring the pair's open exposure in line with its records; whether it changed."""
        weight = pair.served[0][1] if pair.served and not pair.events else 0.0
        if weight == pair.exposure:
            return False
        count = self._open_pairs.get(candidate_id, 0) + (weight > 0) - (pair.exposure > 0)
        self._open_pairs[candidate_id] = count
        if count:
            self._open[candidate_id] = self._open.get(candidate_id, 0.0) + weight - pair.exposure
        else:
            self._open[candidate_id] = 0.0
        pair.exposure = weight
        return True

    def _schedule(self, subject_id: str, candidate_id: str, pair: _Pair, expires: datetime) -> None:
        if expires == _FOREVER:
            return
        if pair.due is None or expires < pair.due:
            pair.due = expires
            heapq.heappush(self._heap, (expires, subject_id, candidate_id))

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


#: ``(subject_id, candidate_id, best rank, decided_at)``: a pair as served by a subject's decisions
#: of one time (the time the retention purge goes by).
ServedRecord = tuple[str, str, int, datetime]
#: ``(id, subject_id, candidate_id, action, recorded_at, decided_at)``: a stored feedback event, and
#: when the decision it answers was made (the event is read only while that decision is kept).
FeedbackRecord = tuple[int, str, str, FeedbackAction, datetime, datetime]


@dataclass(frozen=True)
class Retention:
    """How long the records the state is built from are kept (``MATCHMAKER_RETENTION_*_DAYS``).

    A decision and its served items are purged once ``decided_at`` is more than ``decisions``
    old, a feedback event once ``recorded_at`` is more than ``feedback`` old; an event whose
    decision is gone is no longer read either (``matchmaker.storage.retention``).
    """

    decisions: timedelta
    feedback: timedelta

    def served_until(self, decided_at: datetime) -> datetime:
        """When the served items of a decision made at ``decided_at`` are purged (after it)."""
        return decided_at + self.decisions

    def feedback_until(self, recorded_at: datetime, decided_at: datetime) -> datetime:
        """When a feedback event stops being read: it is purged, or its decision is."""
        return min(recorded_at + self.feedback, decided_at + self.decisions)


class ExposureSource(Protocol):
    """Where the market state's events are stored (``matchmaker.storage.exposure.ExposureRepository``).

    Every read returns only what subjects who allow it contributed (see that module).
    """

    def served_pairs(self) -> Iterable[ServedRecord]:
        """Every served pair, with the time of the decisions that served it."""
        ...

    def served_counts_since(self, since: datetime) -> Mapping[str, int]:
        """Per decision id, how many of its items were served at or after ``since`` (of anyone)."""
        ...

    def served_of(self, decision_ids: Collection[str]) -> Iterable[tuple[str, ServedRecord]]:
        """``(decision id, served pair)`` of these decisions, every item served so far."""
        ...

    def feedback_after(self, after_id: int, also: Collection[int] = ()) -> Sequence[FeedbackRecord]:
        """The events after ``after_id`` or in ``also``, by id."""
        ...


class MarketFollower:
    """Keeps one replica's :class:`MarketState` current with what every replica serves and records.

    The database is the one record: at start the state is rebuilt from it, then :meth:`refresh`
    reads only what was stored since, by two watermarks:

    - served items from ``served_at >= last refresh - lookback``, so a late commit or another
      replica's clock up to ``lookback`` behind is still picked up. Each refresh counts, per
      decision, the items served in that window (an index-only read) and reads the items only of
      the decisions whose count differs from the last refresh's: a new decision, a later page
      served. Replaying a served pair is harmless (the state keeps the best rank per pair, and
      ignores a pair that was answered), so a decision read twice changes nothing; one with a
      party the state does not know (yet) is read again at the next refresh, as long as it is in
      the window;
    - feedback after the highest id applied. Ids are handed out when a row is inserted, not when it
      commits, so an id skipped over may still appear: it is looked for again on every refresh
      until it is ``lookback`` old. Each feedback id is applied once.

    A replica's own feedback reaches its state the same way (``feedback_recorded`` refreshes at
    once), so there is one path and nothing is counted twice; its own served pages are applied
    directly as well (idempotent). ``maybe_refresh`` starts a refresh at most every ``interval``
    seconds, on a thread of its own: no request waits for the two indexed reads.

    Retention: every record is taken in with the time it is purged (``retention``), and every
    load and refresh ends by expiring, on this replica's clock, what is past it. So whichever
    process runs the purge (this replica, another, ``matchmaker purge``), the state is the one a
    start after it would rebuild, without reading the purge or coordinating with anyone.
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
        retention: Retention | None = None,
    ) -> None:
        self.market = market
        self._source = source
        self._clock = clock
        self._monotonic = monotonic
        self.interval = interval
        self.lookback = lookback
        #: None: records never expire (no purge behind the source).
        self.retention = retention
        self._lock = threading.Lock()
        self._served_from: datetime | None = None
        self._last_id = 0
        # Feedback ids skipped over -> when first missed (at most MAX_GAPS, the newest).
        self._gaps: dict[int, datetime] = {}
        # Per decision id, its items served in the window at the last refresh (read, or not due).
        self._seen: dict[str, int] = {}
        self._next_due = -math.inf

    def load(self, profiles: Iterable[Profile]) -> None:
        """Rebuild the state from everything stored (start-up), without what is past retention."""
        with self._lock:
            if self._source is None:
                self.market.load(profiles, (), ())
                return
            started = self._clock()
            events = list(self._source.feedback_after(0))
            self.market.load(profiles, (), ())
            for subject_id, candidate_id, rank, decided_at in self._source.served_pairs():
                self.market.served(subject_id, [(candidate_id, rank)], self._served_until(decided_at))
            for event in events:
                self._apply_feedback(event)
            self.market.expire(started)
            self._gaps.clear()
            self._last_id = 0
            self._take_ids([e[0] for e in events], started)
            self._served_from = started - self.lookback
            # The first refresh reads the whole window once more: what the load read of it was
            # read before (or as) the profiles it names were known.
            self._seen = {}
            self._next_due = self._monotonic() + self.interval

    def served(self, subject_id: str, decided_at: datetime, ranked: Iterable[tuple[str, int]]) -> None:
        """A page this replica served of a decision made at ``decided_at``: into the state at once."""
        self.market.served(subject_id, ranked, self._served_until(decided_at))

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

    def _served_until(self, decided_at: datetime) -> datetime | None:
        return None if self.retention is None else self.retention.served_until(decided_at)

    def _apply_feedback(self, event: FeedbackRecord) -> None:
        event_id, subject_id, candidate_id, action, recorded_at, decided_at = event
        until = None if self.retention is None else self.retention.feedback_until(recorded_at, decided_at)
        self.market.feedback(subject_id, candidate_id, action, expires=until, event_id=event_id)

    def _refresh_locked(self) -> None:
        assert self._source is not None
        started = self._clock()
        since = self._served_from if self._served_from is not None else started - self.lookback
        known = self.market.known
        counts = dict(self._source.served_counts_since(since))
        changed = [d for d, count in counts.items() if self._seen.get(d) != count]
        for decision_id, (subject_id, candidate_id, rank, decided_at) in self._source.served_of(changed):
            # An erased or deleted party (its profile left the state) is not brought back; one
            # not known yet (its profile not caught up with) may be at the next refresh.
            if known(subject_id) and known(candidate_id):
                self.market.served(subject_id, [(candidate_id, rank)], self._served_until(decided_at))
            else:
                counts.pop(decision_id, None)
        events = self._source.feedback_after(self._last_id, self._gaps.keys())
        for event in events:
            if known(event[1]) and known(event[2]):
                self._apply_feedback(event)
        # Past retention on this replica's clock: what a start now would not read any more.
        self.market.expire(started)
        self._take_ids([e[0] for e in events], started)
        self._served_from = started - self.lookback
        self._seen = counts
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
