"""MatchEngine: the service's use cases, with its collaborators passed into the constructor."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from matchmaker.access import require_access
from matchmaker.config import Settings
from matchmaker.domain import (
    BulkError,
    Caller,
    CandidateView,
    Change,
    Decision,
    Disclosure,
    ErasureNotice,
    ErasureReceipt,
    Explanation,
    FeedbackAction,
    FeedbackEvent,
    PersonalDataExport,
    Preferences,
    PreferencesPatch,
    Profile,
    RankedItem,
    RankingParameters,
    RecommendationPage,
    RecommendQuery,
    ReviewStatus,
    ReviewTicket,
    Role,
    ServedItem,
    SharedContactCard,
    UpsertResult,
    mask,
)
from matchmaker.errors import (
    FieldViolation,
    InvalidInput,
    MatchmakerError,
    NotFound,
    PermissionDenied,
    PolicyRefused,
    StorageRejected,
)
from matchmaker.logref import ref
from matchmaker.matching.matcher import Matcher
from matchmaker.matching.recommender import (
    NON_PERSONAL_RULE,
    PERSONAL_DATA_USED,
    Recommender,
    rank_non_personalized,
)
from matchmaker.paging import PagePosition, PageTokens
from matchmaker.privacy.card_filter import CardFilter
from matchmaker.privacy.consent import card_refusal, may_attach_card
from matchmaker.ranking.congestion import MarketFollower, MarketState, Retention, parameters_from
from matchmaker.ranking.explanation import explain, ranking_parameters, wants_chinese
from matchmaker.ranking.features import ProfileFeatures
from matchmaker.ranking.weights import WeightTable, load_weights
from matchmaker.storage.decisions import DecisionRepository, FeedbackRepository
from matchmaker.storage.disclosures import DisclosureRepository
from matchmaker.storage.embedding_cache import EmbeddingCacheRepository
from matchmaker.storage.erasure import ErasureRepository
from matchmaker.storage.exposure import ExposureRepository
from matchmaker.storage.repositories import ProfileRepository, ProfileWrite
from matchmaker.storage.retention import PurgeReport, RetentionPeriods, RetentionRepository
from matchmaker.storage.reviews import ReviewRepository
from matchmaker.validation import (
    id_violation,
    is_unconsented_minor,
    require_id,
    validate_profile,
    validate_query,
)

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

#: Features this replica computed for the profile versions it just wrote, by profile id.
Hints = dict[str, tuple[int, ProfileFeatures]]

#: Change-log entries applied per step of a catch-up.
_CATCH_UP_CHUNK = 5000


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


def describe_failure(error: MatchmakerError) -> str:
    """A one-line reason for a failed record: fields and rules, never values."""
    if isinstance(error, InvalidInput):
        return "; ".join(f"{v.field}: {v.description}" for v in error.violations) or str(error)
    return str(error)


@dataclass(frozen=True)
class Repositories:
    """The storage the engine works on."""

    profiles: ProfileRepository
    decisions: DecisionRepository
    feedback: FeedbackRepository
    disclosures: DisclosureRepository
    reviews: ReviewRepository
    erasure: ErasureRepository
    retention: RetentionRepository
    embeddings: EmbeddingCacheRepository
    exposure: ExposureRepository | None = None


class MatchEngine:
    """Profiles in, ranked two-sided matches out; every decision recorded."""

    def __init__(
        self,
        settings: Settings,
        repositories: Repositories,
        matcher: Matcher,
        page_tokens: PageTokens,
        card_filter: CardFilter,
        clock: Clock = utc_now,
    ) -> None:
        self._settings = settings
        self._profiles = repositories.profiles
        self._decisions = repositories.decisions
        self._feedback = repositories.feedback
        self._disclosures = repositories.disclosures
        self._reviews = repositories.reviews
        self._erasure = repositories.erasure
        self._retention = repositories.retention
        self._embeddings = repositories.embeddings
        self._cards = card_filter
        self._matcher = matcher
        self._pages = page_tokens
        self._clock = clock
        # The weights in force: a bad weights file fails here, at start-up.
        self._weights: WeightTable = load_weights(settings)
        # Catalog updates follow database writes in the same order.
        self._write_lock = threading.RLock()
        # CPU-bound ranking, a few at a time (Settings.ranking_slots): threads beyond that only
        # fight over the GIL, while a call waiting on its durable commit needs no slot.
        self._ranking_slots = threading.BoundedSemaphore(settings.ranking_slots)
        self._saved_position = -1
        self._exposure = repositories.exposure
        #: The congestion stage's market state (matchmaker.ranking.congestion), built by start().
        self.market = MarketState(parameters_from(settings.ranking))
        #: Keeps the market state current with every replica's served decisions and feedback.
        # Each replica drops, on its own clock, what the retention purge deletes (wherever it runs).
        self.market_follower = MarketFollower(
            self.market,
            repositories.exposure,
            clock,
            interval=settings.ranking.congestion_refresh_seconds,
            retention=Retention(
                decisions=timedelta(days=settings.retention_decisions_days),
                feedback=timedelta(days=settings.retention_feedback_days),
            ),
        )

    @property
    def weights(self) -> WeightTable:
        """The factor weights in force."""
        return self._weights

    @property
    def matcher(self) -> Matcher:
        """The searchable state (for operators' commands and tests)."""
        return self._matcher

    # -- start-up and shutdown -------------------------------------------------------------

    def start(self, progress: Callable[[int], object] | None = None, *, allow_load: bool = True) -> None:
        """Build the catalogs from the database (loading saved indexes when they are current)."""
        with self._write_lock:
            position = self._profiles.last_change()
            profiles = list(self._profiles.iter_profiles())
            self._matcher.build(profiles, position, self._clock().date(), progress, allow_load=allow_load)
            if self._exposure is not None:
                self.market_follower.load(profiles)
        log.info("catalogs ready", extra={"count": len(profiles)})

    def save_index(self) -> None:
        """Persist the indexes with the position they reflect."""
        with self._write_lock:
            self._matcher.save(self._matcher.position)
            self._saved_position = self._matcher.position

    def save_index_if_moved(self) -> bool:
        """Persist the indexes if they moved on since the last save; whether they were saved."""
        with self._write_lock:
            if self._matcher.position == self._saved_position:
                return False
            self.save_index()
            return True

    # -- following the change log ----------------------------------------------------------

    def catch_up(self) -> int:
        """Apply every change-log entry after the catalogs' position; how many were applied.

        Any replica may have written them: the log is the one order every replica follows.
        """
        with self._write_lock:
            return self._catch_up_locked({})

    def freshen(self) -> None:
        """Catch up if the log moved on: one indexed read when nothing changed.

        Called before a recommendation is served, so that an opt-out, an undiscoverable user or
        an erasure made through another replica is honoured on the very next call.
        """
        if self._profiles.last_change() > self._matcher.position:
            self.catch_up()
        # What other replicas served and recorded (at most every few seconds; never waits).
        self.market_follower.maybe_refresh()

    def _catch_up_locked(self, hints: Hints) -> int:
        """Apply the log after the position (the write lock is held).

        ``hints`` are features this replica computed for the versions it just wrote, so its own
        writes are not featurized twice; they are used only where the stored version still matches.
        """
        applied = 0
        while True:
            changes = self._profiles.changes_since(self._matcher.position, limit=_CATCH_UP_CHUNK)
            if not changes:
                return applied
            self._apply_changes(changes, hints)
            self._matcher.position = changes[-1].seq
            applied += len(changes)
            if any(c.op == "erase" for c in changes) and self._matcher.has_saved():
                # The erased user's vectors must leave this replica's index files too.
                self._matcher.save(self._matcher.position)
            if len(changes) < _CATCH_UP_CHUNK:
                return applied

    def _apply_changes(self, changes: Sequence[Change], hints: Hints) -> None:
        today = self._clock().date()
        model = self._matcher.embedder.model_version
        touched: dict[str, bool] = {}  # profile id -> its text may have changed
        erased = False
        for change in changes:
            if change.op == "erase":
                erased = True
            else:
                touched[change.profile_id] = touched.get(change.profile_id, False) or change.op == "upsert"
        stored = self._profiles.get_many(touched)
        for profile_id in touched:
            if profile_id not in stored:  # deleted, or erased (its entries now carry a tombstone)
                self._matcher.remove(profile_id)
                self.market.remove_profile(profile_id)
        self._follow_market(stored.values())
        # Text changed (or not indexed here yet): (re)index, with this replica's own features when
        # they are of the stored version. Preferences only: re-evaluate eligibility.
        own: list[Profile] = []
        others: list[Profile] = []
        for profile in stored.values():
            if not touched[profile.id] and self._matcher.holds(profile):
                self._matcher.set_eligible(profile, today)
            elif profile.id in hints and hints[profile.id][0] == profile.version:
                own.append(profile)
            else:
                others.append(profile)
        if own:
            released = self._matcher.apply(own, [hints[p.id][1] for p in own], today)
            # A correction: embeddings of the old texts that nothing uses any more leave the cache.
            self._embeddings.delete(model, released)
        if others:
            # Another replica's writes: the cache holds their embeddings. Nothing is deleted from
            # the shared cache here; the writing replica did that.
            self._matcher.apply(others, self._matcher.featurize(others), today)
        if erased:
            live = self._profiles.ids()
            released = set()
            for profile_id in self._matcher.profile_ids() - live:
                released |= self._matcher.remove(profile_id)
                self.market.remove_profile(profile_id)
            self._embeddings.delete(model, released)
            self._matcher.purge_vectors()
        if self._matcher.refit_due(self._matcher.size()):
            self._matcher.refit_lexical()

    # -- profiles --------------------------------------------------------------------------

    def upsert_profile(self, caller: Caller, write: ProfileWrite) -> UpsertResult:
        """Validate, embed and store one profile; it is searchable when this returns."""
        require_access(caller, write.profile.id)
        now = self._clock()
        validate_profile(write.profile, self._settings, now.date())
        features = self._matcher.featurize([write.profile])
        with self._write_lock:
            result = self._profiles.upsert(write, now)
            self._catch_up_locked({result.profile_id: (result.version, features[0])})
        log.info("profile upserted", extra={"ref": ref(result.profile_id), "version": result.version})
        return result

    def upsert_batch(self, batch: Sequence[tuple[int, ProfileWrite]]) -> tuple[int, list[BulkError]]:
        """Store the valid records of a bulk import; each bad record fails alone.

        Returns how many were stored and the failures by their position in the import. Valid
        records go in one transaction; should the database refuse it, each is retried alone so
        that one bad record cannot take the others down with it.
        """
        now = self._clock()
        errors: list[BulkError] = []
        valid: list[tuple[int, ProfileWrite]] = []
        for index, write in batch:
            try:
                validate_profile(write.profile, self._settings, now.date())
            except (InvalidInput, PolicyRefused) as exc:
                errors.append(BulkError(index, write.profile.id, describe_failure(exc)))
            else:
                valid.append((index, write))
        # The last record with a given id wins, as it would if the records were sent one by one.
        latest = {write.profile.id: write for _, write in valid}
        # Embed the whole batch in one go, before taking the write lock.
        featurized = dict(
            zip(latest, self._matcher.featurize([w.profile for w in latest.values()]), strict=True)
        )
        versions: dict[str, int] = {}
        with self._write_lock:
            try:
                results = self._profiles.upsert_many([write for _, write in valid], now)
                versions = {r.profile_id: r.version for r in results}
                stored = len(valid)
            except StorageRejected:
                log.warning("bulk batch refused by the database; retrying its records one by one")
                stored = 0
                for index, write in valid:
                    try:
                        result = self._profiles.upsert(write, now)
                        stored += 1
                        versions[result.profile_id] = result.version
                    except StorageRejected:
                        errors.append(BulkError(index, write.profile.id, "the database refused this record"))
            # Features were made from the last record of each id: its version is the highest.
            self._catch_up_locked(
                {pid: (version, featurized[pid]) for pid, version in versions.items() if pid in featurized}
            )
        errors.sort(key=lambda e: e.index)
        return stored, errors

    def _own_profile(self, caller: Caller, profile_id: str) -> Profile:
        """The stored profile, once the id is well-formed and the caller may act on it."""
        require_id(profile_id, "profile_id")
        require_access(caller, profile_id)
        profile = self._profiles.get(profile_id)
        if profile is None:
            raise NotFound(f"no profile {profile_id}")
        return profile

    def get_profile(self, caller: Caller, profile_id: str) -> Profile:
        """The profile without its contact card."""
        profile = self._own_profile(caller, profile_id)
        return profile.without_contact()

    def delete_profile(self, caller: Caller, profile_id: str) -> ErasureReceipt:
        """DeleteProfile: the same as an erasure."""
        return self.erase(caller, profile_id)

    def erase(self, caller: Caller, profile_id: str) -> ErasureReceipt:
        """Erase everything of a user; tell everyone who received their card.

        The profile, card, preferences, feedback and review tickets go; stored decisions keep their
        numbers but every id and text of the user becomes a tombstone; the vectors leave the index
        files and the embedding cache; SQLite's WAL is checkpointed so freed pages are overwritten.
        """
        require_id(profile_id, "profile_id")
        require_access(caller, profile_id)
        now = self._clock()
        tombstone = f"erased:{uuid.uuid4().hex[:12]}"
        with self._write_lock:
            recipients = self._erasure.erase(profile_id, tombstone, now)
            if recipients is None:
                raise NotFound(f"no profile {profile_id}")
            released = self._matcher.remove(profile_id)
            self.market.remove_profile(profile_id)
            self._embeddings.delete(self._matcher.embedder.model_version, released)
            # The erase entry: the vectors are purged and the index files rewritten without them.
            self._catch_up_locked({})
            if not self._matcher.has_saved():
                self._matcher.save(self._matcher.position)
        self._erasure.compact_files()
        log.info("profile erased", extra={"ref": ref(profile_id), "count": len(recipients)})
        return ErasureReceipt(
            profile_id=profile_id, erased_at=now, notified_recipients=tuple(recipients), tombstone=tombstone
        )

    def erasure_notices(self, caller: Caller, recipient_id: str) -> list[ErasureNotice]:
        """The erasure notices addressed to a recipient of others' cards."""
        require_id(recipient_id, "recipient_id")
        require_access(caller, recipient_id)
        return self._erasure.notices_for(recipient_id)

    def export(self, caller: Caller, profile_id: str) -> PersonalDataExport:
        """Everything stored about the user, identity numbers masked."""
        profile = self._own_profile(caller, profile_id)
        contact = replace(
            profile.contact,
            id_number=mask(profile.contact.id_number),
            passport_number=mask(profile.contact.passport_number),
        )
        return PersonalDataExport(
            profile=profile.without_contact(),
            contact=contact,
            decisions=tuple(self._decisions.summaries_for_subject(profile_id)),
            feedback=tuple(self._feedback.for_subject(profile_id)),
            disclosures_out=tuple(self._disclosures.of_owner(profile_id)),
            disclosures_in=tuple(self._disclosures.to_recipient(profile_id)),
        )

    def purge(self) -> PurgeReport:
        """Delete every record past its retention period."""
        s = self._settings
        periods = RetentionPeriods(
            decisions=timedelta(days=s.retention_decisions_days),
            feedback=timedelta(days=s.retention_feedback_days),
            notices=timedelta(days=s.retention_notices_days),
            disclosures=timedelta(days=s.retention_disclosures_days),
        )
        report = self._retention.purge(periods, self._clock())
        log.info(
            "retention purge",
            extra={"count": report.decisions + report.feedback + report.notices + report.disclosures},
        )
        return report

    # -- recommendations -------------------------------------------------------------------

    def recommend(self, caller: Caller, query: RecommendQuery) -> RecommendationPage:
        """One page of ranked candidates for the subject; the decision is stored before it returns."""
        validate_query(query, self._settings)
        require_access(caller, query.subject_id)
        self.freshen()
        subject = self._profiles.get(query.subject_id)
        if subject is None:
            raise NotFound(f"no profile {query.subject_id}")
        if subject.role is not query.candidate_role.counterpart:
            wanted = "purchaser" if query.candidate_role is Role.EXHIBITOR else "exhibitor"
            raise InvalidInput([FieldViolation("subject_id", f"must be a {wanted} for this call")])
        now = self._clock()
        if is_unconsented_minor(subject, self._settings, now.date()):
            raise PolicyRefused(
                "recommendations need a guardian's consent for a contact person under the minimum age"
            )
        limit = query.limit or 20
        if query.page_token:
            position = self._pages.read(query.page_token, query)
            decision = self._decisions.get(position.decision_id)
            if decision is None or decision.subject_id != subject.id:
                raise InvalidInput(
                    [FieldViolation("page_token", "is not a page token issued for this query")]
                )
        else:
            with self._ranking_slots:
                decision = self._decide(subject, query, now)
            position = PagePosition(decision.id, 0)
            self._decisions.record(decision, min(limit, len(decision.items)), now)
        page = self._page(decision, position, limit, query, now)
        if decision.personalized and not subject.preferences.do_not_track:
            served = [(s.item.candidate_id, s.item.rank) for s in page.items]
            self.market_follower.served(subject.id, decision.decided_at, served)
        return page

    def _decide(self, subject: Profile, query: RecommendQuery, now: datetime) -> Decision:
        catalog = self._matcher.catalog(query.candidate_role)
        personalized = subject.preferences.personalized_recommendations and not query.non_personalized
        depth = self._settings.ranking.depth
        # Only for the language of headlines and explanations; not a ranking input.
        chinese = wants_chinese(subject.languages)
        if personalized:
            declined = self._feedback.declined_by(subject.id)
            exclude = {subject.id, *query.exclude_ids, *declined}
            features = self._matcher.catalog(subject.role).features(subject.id)
            if features is None:  # not indexed yet (another replica stored it): featurize on the fly
                features = self._matcher.featurize([subject])[0]
            items = self._matcher_recommender().rank(
                features, catalog, catalog.mask(query.filter, exclude), depth, chinese=chinese
            )
            # What was read: the profile fields, and the declines only when there were any.
            data_used: tuple[str, ...] = PERSONAL_DATA_USED + (
                ("feedback (declined candidates)",) if declined else ()
            )
        else:
            # Nothing about the subject is read: only the explicit filters and exclusions of the request.
            exclude = {subject.id, *query.exclude_ids}
            items = rank_non_personalized(
                catalog,
                catalog.mask(query.filter, exclude),
                depth,
                filtered=bool(query.filter.describe()),
                chinese=chinese,
            )
            data_used = ()
        parameters = {
            **{f"weight.{k}": v for k, v in self._weights.values.items()},
            "diversity_penalty": self._settings.ranking.diversity_penalty,
            "diversity_threshold": self._settings.ranking.diversity_threshold,
            "congestion": self._settings.ranking.congestion,
        }
        return Decision(
            id=str(uuid.uuid4()),
            subject_id=subject.id,
            candidate_role=query.candidate_role,
            decided_at=now,
            personalized=personalized,
            model_version=self._matcher.embedder.model_version,
            parameters=parameters if personalized else {},
            filter=query.filter,
            data_used=data_used,
            items=tuple(items),
            # Only for the language of explanations; not a ranking input.
            subject_languages=subject.languages,
            weights_version=self._weights.version if personalized else "",
        )

    def _matcher_recommender(self) -> Recommender:
        return Recommender(self._weights, self._settings.ranking, self._matcher.lexical, self.market)

    def _follow_market(self, profiles: Iterable[Profile]) -> None:
        """Capacities into the market state; a subject who opted out takes back what they put in."""
        current = list(profiles)
        self.market.set_profiles(current)
        for profile in current:
            if profile.preferences.do_not_track or not profile.preferences.personalized_recommendations:
                self.market.forget(profile.id)

    def _page(
        self, decision: Decision, position: PagePosition, limit: int, query: RecommendQuery, now: datetime
    ) -> RecommendationPage:
        catalog = self._matcher.catalog(decision.candidate_role)
        window = decision.items[position.offset : position.offset + limit]
        # Whoever became undiscoverable or was erased since the decision does not appear.
        shown: list[ServedItem] = []
        for item in window:
            features = catalog.features(item.candidate_id)
            key = catalog.key(item.candidate_id)
            if features is None or key is None or not catalog.eligible_at(key):
                continue
            if item.candidate_id in query.exclude_ids:
                continue
            view = CandidateView(features.organization, features.country, features.categories, features.hall)
            shown.append(ServedItem(item, view))
        if query.include_contact_cards:
            shown = self._attach_cards(decision, shown, now)
        if position.offset > 0:
            self._decisions.mark_served(decision.id, [s.item.rank for s in shown], now)
        next_offset = position.offset + limit
        token = (
            self._pages.issue(PagePosition(decision.id, next_offset), query)
            if next_offset < len(decision.items)
            else ""
        )
        return RecommendationPage(
            decision.id, decision.personalized, decision.model_version, tuple(shown), token
        )

    def _attach_cards(self, decision: Decision, shown: list[ServedItem], now: datetime) -> list[ServedItem]:
        """Filter and attach the cards of candidates who share them; record each disclosure first."""
        owners = self._profiles.get_many([s.item.candidate_id for s in shown])
        out: list[ServedItem] = []
        disclosures: list[Disclosure] = []
        for served in shown:
            owner = owners.get(served.item.candidate_id)
            if owner is None or not may_attach_card(owner, self._settings, now.date()):
                out.append(served)
                continue
            card = self._cards.share(owner.id, owner.organization, owner.contact)
            out.append(ServedItem(served.item, served.view, card))
            disclosures.append(
                Disclosure(owner.id, decision.subject_id, now, card.disclosed_fields(), decision.id)
            )
        self._disclosures.record(disclosures)
        return out

    # -- privacy choices and contact cards -------------------------------------------------

    def get_preferences(self, caller: Caller, profile_id: str) -> Preferences:
        """The user's privacy choices (defaults filled in)."""
        profile = self._own_profile(caller, profile_id)
        return profile.preferences

    def update_preferences(self, caller: Caller, profile_id: str, patch: PreferencesPatch) -> Preferences:
        """Merge the stated choices; they apply from the very next call."""
        require_id(profile_id, "profile_id")
        require_access(caller, profile_id)
        now = self._clock()
        with self._write_lock:
            merged = self._profiles.update_preferences(profile_id, patch, now)
            if merged is None:
                raise NotFound(f"no profile {profile_id}")
            self._catch_up_locked({})
        log.info("preferences updated", extra={"ref": ref(profile_id)})
        return merged

    def get_contact_card(self, caller: Caller, owner_id: str) -> SharedContactCard:
        """The owner's filtered card for the acting user, if the owner consents and they were matched."""
        require_id(owner_id, "owner_id")
        viewer = caller.acting_user
        if viewer is None:
            raise PermissionDenied("contact cards are given to an acting user (x-matchmaker-user)")
        owner = self._profiles.get(owner_id)
        if owner is None:
            raise NotFound(f"no profile {owner_id}")
        now = self._clock()
        matched = owner_id in self._decisions.served_pairs_for(viewer)
        refusal = card_refusal(owner, matched, self._settings, now.date())
        if refusal is not None:
            raise PolicyRefused(refusal)
        card = self._cards.share(owner.id, owner.organization, owner.contact)
        self._disclosures.record([Disclosure(owner.id, viewer, now, card.disclosed_fields())])
        log.info("contact card disclosed", extra={"ref": ref(owner.id)})
        return card

    def list_disclosures(self, caller: Caller, profile_id: str) -> list[Disclosure]:
        """Who received this user's contact card."""
        self._own_profile(caller, profile_id)
        return self._disclosures.of_owner(profile_id)

    # -- explanations and review -----------------------------------------------------------

    def _decision_item(
        self, caller: Caller, decision_id: str, candidate_id: str, others: Sequence[FieldViolation] = ()
    ) -> tuple[Decision, RankedItem]:
        """The decision and its item, for its subject or an admin.

        ``others`` are violations of the caller's other fields, reported together with these two.
        """
        checks = (id_violation(decision_id, "decision_id"), id_violation(candidate_id, "candidate_id"))
        violations = [v for v in checks if v is not None] + list(others)
        if violations:
            raise InvalidInput(violations)
        decision = self._decisions.get(decision_id)
        if decision is None:
            raise NotFound(f"no decision {decision_id}")
        require_access(caller, decision.subject_id)
        item = next((i for i in decision.items if i.candidate_id == candidate_id), None)
        if item is None:
            raise NotFound(f"candidate {candidate_id} is not in decision {decision_id}")
        return decision, item

    def explain(self, caller: Caller, decision_id: str, candidate_id: str) -> Explanation:
        """The explanation recorded with the decision, for its subject or an admin."""
        decision, item = self._decision_item(caller, decision_id, candidate_id)
        return explain(decision, item)

    def contest(self, caller: Caller, decision_id: str, candidate_id: str, reason: str) -> ReviewTicket:
        """Open a review ticket: a person will look at this recommendation."""
        decision, item = self._decision_item(caller, decision_id, candidate_id)
        if not reason.strip():
            raise InvalidInput(
                [FieldViolation("reason", "is required: say what is wrong with the recommendation")]
            )
        if len(reason) > self._settings.max_text_chars or "\x00" in reason:
            raise InvalidInput(
                [FieldViolation("reason", f"must be at most {self._settings.max_text_chars} characters")]
            )
        ticket = ReviewTicket(
            id=str(uuid.uuid4()),
            decision_id=decision.id,
            candidate_id=item.candidate_id,
            subject_id=decision.subject_id,
            reason=reason,
            status=ReviewStatus.OPEN,
            created_at=self._clock(),
        )
        self._reviews.open(ticket)
        log.info("decision contested", extra={"decision_id": decision.id})
        return ticket

    def ranking_parameters(self) -> RankingParameters:
        """The live ranking's main parameters (from the configuration in force)."""
        embedder = self._matcher.embedder.embedder
        return ranking_parameters(
            self._settings, self._weights, embedder.model_name, embedder.model_version, NON_PERSONAL_RULE
        )

    def record_feedback(
        self, caller: Caller, decision_id: str, candidate_id: str, action: FeedbackAction
    ) -> bool:
        """Store a feedback action on a served candidate; False (and nothing stored) under do-not-track."""
        bad_action = []
        if action is FeedbackAction.UNSPECIFIED:
            bad_action.append(FieldViolation("action", "must be one of the FEEDBACK_ACTION values"))
        decision, _ = self._decision_item(caller, decision_id, candidate_id, bad_action)
        subject = self._profiles.get(decision.subject_id)
        if subject is None:
            raise NotFound(f"no profile {decision.subject_id}")
        if subject.preferences.do_not_track:
            return False
        self._feedback.add(FeedbackEvent(decision_id, subject.id, candidate_id, action, self._clock()))
        if decision.personalized and subject.preferences.personalized_recommendations:
            self.market_follower.feedback_recorded(subject.id, candidate_id, action)
        return True
