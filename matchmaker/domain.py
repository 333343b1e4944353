"""Value objects of the matchmaking domain: frozen dataclasses, free of gRPC and SQLAlchemy."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields, replace
from datetime import datetime


class Role(enum.Enum):
    """Which side of the expo a profile is on (values mirror the wire enum)."""

    UNSPECIFIED = 0
    EXHIBITOR = 1
    PURCHASER = 2

    @property
    def counterpart(self) -> Role:
        """The side this role is matched with."""
        if self is Role.EXHIBITOR:
            return Role.PURCHASER
        if self is Role.PURCHASER:
            return Role.EXHIBITOR
        raise ValueError("an unspecified role has no counterpart")


class CallerRole(enum.Enum):
    """The role a bearer token grants."""

    PORTAL = "portal"
    ADMIN = "admin"


@dataclass(frozen=True)
class Caller:
    """Who is calling: the token's client and role, and the end user a portal call acts for."""

    client: str
    role: CallerRole
    acting_user: str | None = None

    @property
    def is_admin(self) -> bool:
        """Admins may act on any user's data."""
        return self.role is CallerRole.ADMIN


@dataclass(frozen=True)
class ContactCard:
    """The registered contact person, in full. It may hold sensitive data and never leaves unfiltered."""

    name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    wechat: str = ""
    website: str = ""
    address: str = ""
    id_number: str = ""
    passport_number: str = ""
    notes: str = ""
    birth_date: str = ""

    @classmethod
    def text_field_names(cls) -> tuple[str, ...]:
        """Every field of the card (all are text)."""
        return tuple(f.name for f in fields(cls))

    def is_empty(self) -> bool:
        """True when no field is set."""
        return not any(getattr(self, name) for name in self.text_field_names())


@dataclass(frozen=True)
class PreferencesPatch:
    """Preferences as a request states them: ``None`` means "default" on creation, "unchanged" later."""

    personalized_recommendations: bool | None = None
    discoverable: bool | None = None
    share_contact_card: bool | None = None
    do_not_track: bool | None = None


@dataclass(frozen=True)
class Preferences:
    """A user's privacy choices, with the defaults of the API contract."""

    personalized_recommendations: bool = True
    discoverable: bool = True
    share_contact_card: bool = False
    do_not_track: bool = False

    def merged(self, patch: PreferencesPatch) -> Preferences:
        """These preferences with the fields present in ``patch`` applied."""
        changes = {
            f.name: getattr(patch, f.name) for f in fields(patch) if getattr(patch, f.name) is not None
        }
        return replace(self, **changes)


@dataclass(frozen=True)
class Profile:
    """One exhibitor or purchaser as the portal registered it."""

    id: str
    role: Role
    organization: str = ""
    country: str = ""
    categories: tuple[str, ...] = ()
    offering: str = ""
    seeking: str = ""
    description: str = ""
    target_markets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    hall: str = ""
    contact: ContactCard = field(default_factory=ContactCard)
    preferences: Preferences = field(default_factory=Preferences)
    guardian_consent: bool = False
    # Exhibitors: the meetings they can take at this fair; 0 = not stated.
    meeting_capacity: int = 0
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def without_contact(self) -> Profile:
        """The profile with the contact card left out (what GetProfile returns)."""
        return replace(self, contact=ContactCard())


@dataclass(frozen=True)
class UpsertResult:
    """What an upsert did."""

    profile_id: str
    version: int
    created: bool


@dataclass(frozen=True)
class BulkError:
    """One record of a bulk import that failed, by its 0-based position."""

    index: int
    profile_id: str
    message: str


@dataclass(frozen=True)
class BulkResult:
    """The outcome of a bulk import: counts and the failed records."""

    upserted: int
    failed: int
    errors: tuple[BulkError, ...]


@dataclass(frozen=True)
class ErasureReceipt:
    """What an erasure removed and whom it told."""

    profile_id: str
    erased_at: datetime
    notified_recipients: tuple[str, ...] = ()
    #: What the erased id became in every record that keeps a reference (decisions, audit log).
    tombstone: str = ""


class FeedbackAction(enum.Enum):
    """What a user did with a recommended candidate (values mirror the wire enum)."""

    UNSPECIFIED = 0
    SAVE = 1
    DECLINE = 2
    REQUEST_MEETING = 3
    MEETING_HELD = 4
    NO_SHOW = 5


class Direction(str, enum.Enum):  # noqa: UP042 - StrEnum would print as its value
    """Which way a factor compares the pair.

    A ``str`` as well (its value), so that orjson writes it as a string directly: a stored
    decision's thousand factors each name their direction, and a plain Enum member is serialised
    through its Python-level ``value`` property (about 10x the time). ``str()`` and ``format()``
    of a member are those of a plain Enum (``Direction.SUBJECT_TO_CANDIDATE``) on Python 3.11.
    """

    SUBJECT_TO_CANDIDATE = "subject_to_candidate"
    CANDIDATE_TO_SUBJECT = "candidate_to_subject"


@dataclass(frozen=True)
class Factor:
    """One named term of a score: ``contribution == weight * similarity``."""

    name: str
    direction: Direction
    weight: float
    similarity: float
    contribution: float
    evidence: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        name: str,
        direction: Direction,
        weight: float,
        similarity: float,
        contribution: float,
        evidence: tuple[str, ...] = (),
    ) -> Factor:
        """The instance ``Factor(...)`` builds, equal in every field, made about twice as fast.

        A frozen dataclass sets each field through ``object.__setattr__``; a ranking builds a
        thousand factors (ten for each of the hundred stored items), so those calls were a visible
        part of it. Factor has no ``__post_init__`` for this to skip (a test holds it to that).
        """
        factor = object.__new__(cls)
        factor.__dict__.update(
            name=name,
            direction=direction,
            weight=weight,
            similarity=similarity,
            contribution=contribution,
            evidence=evidence,
        )
        return factor


@dataclass(frozen=True)
class Adjustment:
    """A re-ranking term of a score (diversity, exposure)."""

    name: str
    contribution: float


@dataclass(frozen=True)
class RankedItem:
    """One candidate of a decision, with the exact reasons for its score."""

    candidate_id: str
    rank: int
    score: float
    factors: tuple[Factor, ...]
    adjustments: tuple[Adjustment, ...]
    headline: str


@dataclass(frozen=True)
class RecommendFilter:
    """Explicit filters the user chose; empty lists mean "any"."""

    countries: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    halls: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()

    def describe(self) -> tuple[str, ...]:
        """Plain-language lines, one per filter in force."""
        out = []
        for name in ("countries", "categories", "halls", "languages"):
            values = getattr(self, name)
            if values:
                out.append(f"{name}: {', '.join(values)}")
        return tuple(out)


@dataclass(frozen=True)
class RecommendQuery:
    """A request for recommendations for one subject."""

    subject_id: str
    candidate_role: Role
    limit: int = 0
    page_token: str = ""
    filter: RecommendFilter = field(default_factory=RecommendFilter)
    non_personalized: bool = False
    include_contact_cards: bool = False
    exclude_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """One automated ranking, as recorded when it was made."""

    id: str
    subject_id: str
    candidate_role: Role
    decided_at: datetime
    personalized: bool
    model_version: str
    parameters: dict[str, float]
    filter: RecommendFilter
    data_used: tuple[str, ...]
    items: tuple[RankedItem, ...]
    subject_languages: tuple[str, ...] = ()
    weights_version: str = ""


@dataclass(frozen=True)
class CandidateView:
    """What a recommendation shows of a candidate."""

    organization: str
    country: str
    categories: tuple[str, ...]
    hall: str


@dataclass(frozen=True)
class ServedItem:
    """A ranked item as served: what it shows of the candidate, and its filtered card if shared."""

    item: RankedItem
    view: CandidateView
    card: SharedContactCard | None = None


@dataclass(frozen=True)
class RecommendationPage:
    """One page of a decision's ranking."""

    decision_id: str
    personalized: bool
    model_version: str
    items: tuple[ServedItem, ...]
    next_page_token: str


@dataclass(frozen=True)
class FeedbackEvent:
    """A stored feedback action."""

    decision_id: str
    subject_id: str
    candidate_id: str
    action: FeedbackAction
    recorded_at: datetime


@dataclass(frozen=True)
class Redaction:
    """What the card filter removed from one field: the kind, never the value."""

    field: str
    kind: str


# Fields of a contact card that may be shared (after scanning); id_number, passport_number and
# birth_date never leave the service.
SHAREABLE_CARD_FIELDS = ("name", "title", "email", "phone", "mobile", "wechat", "website", "address", "notes")


@dataclass(frozen=True)
class SharedContactCard:
    """The only form in which a contact card leaves the service.

    Only ``matchmaker.privacy.card_filter`` builds these (a test checks the code base for any
    other construction). There is no field for identity numbers at all.
    """

    owner_id: str
    organization: str
    name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    mobile: str = ""
    wechat: str = ""
    website: str = ""
    address: str = ""
    notes: str = ""
    redactions: tuple[Redaction, ...] = ()

    def disclosed_fields(self) -> tuple[str, ...]:
        """The names of the non-empty fields (what a disclosure record lists)."""
        return tuple(name for name in SHAREABLE_CARD_FIELDS if getattr(self, name))


@dataclass(frozen=True)
class Disclosure:
    """One contact card that left the service."""

    owner_id: str
    recipient_id: str
    disclosed_at: datetime
    fields: tuple[str, ...]
    decision_id: str = ""


class ReviewStatus(enum.Enum):
    """Where a contested decision stands (values mirror the wire enum)."""

    UNSPECIFIED = 0
    OPEN = 1
    RESOLVED = 2


@dataclass(frozen=True)
class ReviewTicket:
    """A user's request that a person review a recommendation."""

    id: str
    decision_id: str
    candidate_id: str
    subject_id: str
    reason: str
    status: ReviewStatus
    created_at: datetime
    resolved_at: datetime | None = None
    resolution: str = ""


@dataclass(frozen=True)
class Explanation:
    """Why one candidate was recommended, exactly as recorded with the decision."""

    decision: Decision
    item: RankedItem
    filters_applied: tuple[str, ...]
    summary: str
    controls: tuple[str, ...]
    factor_labels: tuple[str, ...] = ()
    adjustment_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class RankingFactorInfo:
    """One published factor: its name, weight and what it measures."""

    name: str
    weight: float
    description: str


@dataclass(frozen=True)
class RankingParameters:
    """The live ranking's main parameters, in plain language and numbers (DSA Art. 27)."""

    summary: str
    factors: tuple[RankingFactorInfo, ...]
    rules: tuple[str, ...]
    non_personalized_rule: str
    model_name: str
    model_version: str
    weights_version: str = ""


@dataclass(frozen=True)
class DecisionSummary:
    """A decision as the user's data export lists it."""

    decision_id: str
    decided_at: datetime
    personalized: bool
    candidate_ids: tuple[str, ...]


@dataclass(frozen=True)
class ErasureNotice:
    """Tells a recipient that the owner of a card they received was erased."""

    owner_id: str
    erased_at: datetime


@dataclass(frozen=True)
class PersonalDataExport:
    """Everything the service stores about one user (identity numbers masked)."""

    profile: Profile
    contact: ContactCard
    decisions: tuple[DecisionSummary, ...]
    feedback: tuple[FeedbackEvent, ...]
    disclosures_out: tuple[Disclosure, ...]
    disclosures_in: tuple[Disclosure, ...]


def mask(value: str) -> str:
    """All but the last four characters replaced by ``*``."""
    return "*" * max(0, len(value) - 4) + value[-4:] if len(value) > 4 else "*" * len(value)


@dataclass(frozen=True)
class Change:
    """One entry of the change log: a position and what changed there.

    ``op`` is ``upsert``, ``prefs``, ``delete`` or ``erase``. An erasure's entry carries a
    tombstone instead of the erased id (and so do the erased user's older entries): a replica
    applies it by dropping whatever it holds that the database no longer has.
    """

    seq: int
    profile_id: str
    op: str


class AuditAction(enum.Enum):
    """The admin actions the audit log records."""

    BULK_IMPORT = "bulk_import"
    DELETION = "deletion"
    ERASURE = "erasure"
    EXPORT = "export"
    REVIEW_RESOLUTION = "review_resolution"
    PURGE = "purge"


@dataclass(frozen=True)
class AuditEntry:
    """One admin action: who, what, when and the ids involved.

    ``client`` is the token's client name (``local:<account>`` for a local command, ``server`` for
    the server's own scheduled purge); ``ids`` are profile, decision or ticket ids (an erasure
    leaves only its tombstone); ``detail`` holds counts and options, never personal data.
    """

    at: datetime
    client: str
    action: AuditAction
    ids: tuple[str, ...] = ()
    detail: dict[str, int | str] = field(default_factory=dict)
    id: int = 0
