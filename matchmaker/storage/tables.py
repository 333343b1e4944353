"""ORM tables. Rows never leave ``matchmaker.storage``: repositories turn them into domain objects."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so that migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
SeqInt = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base with the naming convention."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True)}


class ProfileRow(Base):
    """One exhibitor or purchaser (without the contact card and preferences)."""

    __tablename__ = "profiles"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(16), index=True)
    organization: Mapped[str] = mapped_column(Text)
    country: Mapped[str] = mapped_column(String(2))
    categories: Mapped[list[str]] = mapped_column(JSON)
    offering: Mapped[str] = mapped_column(Text)
    seeking: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    target_markets: Mapped[list[str]] = mapped_column(JSON)
    languages: Mapped[list[str]] = mapped_column(JSON)
    hall: Mapped[str] = mapped_column(Text)
    guardian_consent: Mapped[bool] = mapped_column(Boolean)
    # Exhibitors: meetings they can take at this fair (0 = not stated).
    meeting_capacity: Mapped[int] = mapped_column(Integer, server_default="0")
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ContactCardRow(Base):
    """The registered contact person, encrypted whole (AES-GCM, bound to the profile id).

    Not only ``id_number`` and ``passport_number``: free-text fields (notes, address) may quote
    identity numbers too, and every field of a card is personal data, so nothing of it is stored
    in clear.
    """

    __tablename__ = "contact_cards"

    profile_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class PreferencesRow(Base):
    """A user's privacy choices."""

    __tablename__ = "preferences"

    profile_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    personalized_recommendations: Mapped[bool] = mapped_column(Boolean)
    discoverable: Mapped[bool] = mapped_column(Boolean)
    share_contact_card: Mapped[bool] = mapped_column(Boolean)
    do_not_track: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime]


class ChangeRow(Base):
    """The change log: every profile change gets a monotonic position, so derived state can catch up."""

    __tablename__ = "profile_changes"
    __table_args__ = (Index("ix_profile_changes_profile_id", "profile_id"),)

    seq: Mapped[int] = mapped_column(SeqInt, primary_key=True, autoincrement=True)
    profile_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(8))
    at: Mapped[datetime]


class EmbeddingRow(Base):
    """Cached embeddings by model version and text hash: restarts and rebuilds never re-embed."""

    __tablename__ = "embedding_cache"

    model_version: Mapped[str] = mapped_column(String(80), primary_key=True)
    text_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class DecisionRow(Base):
    """One recorded ranking decision."""

    __tablename__ = "decisions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    subject_id: Mapped[str] = mapped_column(String(64), index=True)
    candidate_role: Mapped[str] = mapped_column(String(16))
    decided_at: Mapped[datetime] = mapped_column(index=True)
    personalized: Mapped[bool] = mapped_column(Boolean)
    model_version: Mapped[str] = mapped_column(String(80))
    weights_version: Mapped[str] = mapped_column(String(120), server_default="")
    parameters: Mapped[dict[str, float]] = mapped_column(JSON)
    filters: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    data_used: Mapped[list[str]] = mapped_column(JSON)
    subject_languages: Mapped[list[str]] = mapped_column(JSON)
    #: Every item's explanation in rank order, as one compressed blob (matchmaker.storage.decisions);
    #: None for decisions stored before it, whose items hold their own.
    explanations: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


#: The index of decision_items by (served_at, decision_id).
SERVED_DECISION_INDEX = "ix_decision_items_served_decision"
#: Its condition: only the items that were served.
SERVED_ONLY = "served_at IS NOT NULL"


class DecisionItemRow(Base):
    """One ranked candidate of a decision; its explanation is in the decision's blob (or here, if older)."""

    __tablename__ = "decision_items"
    # Replicas count each decision's items served since a time, and read them by that time
    # (storage/exposure.py): an index-only scan (migration 0013). Only served items are in it
    # (migration 0014): most stored items are never served, and nothing reads those by time.
    __table_args__ = (
        Index(
            SERVED_DECISION_INDEX,
            "served_at",
            "decision_id",
            sqlite_where=text(SERVED_ONLY),
            postgresql_where=text(SERVED_ONLY),
        ),
    )

    decision_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("decisions.id", ondelete="CASCADE"), primary_key=True
    )
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[str] = mapped_column(String(64), index=True)
    score: Mapped[float] = mapped_column(Float)
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON)
    served_at: Mapped[datetime | None] = mapped_column()


class FeedbackRow(Base):
    """A feedback action of a subject on a recommended candidate."""

    __tablename__ = "feedback"
    # SQLite would otherwise hand a purged newest id out again (migration 0012); replicas follow ids.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(SeqInt, primary_key=True, autoincrement=True)
    decision_id: Mapped[str] = mapped_column(String(36), index=True)
    subject_id: Mapped[str] = mapped_column(String(64), index=True)
    candidate_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(24))
    recorded_at: Mapped[datetime] = mapped_column(index=True)


class DisclosureRow(Base):
    """The disclosure ledger: every contact card that left the service."""

    __tablename__ = "disclosures"

    id: Mapped[int] = mapped_column(SeqInt, primary_key=True, autoincrement=True)
    owner_id: Mapped[str] = mapped_column(String(64), index=True)
    recipient_id: Mapped[str] = mapped_column(String(64), index=True)
    disclosed_at: Mapped[datetime]
    fields: Mapped[list[str]] = mapped_column(JSON)
    decision_id: Mapped[str] = mapped_column(String(36))


class ReviewRow(Base):
    """A contested decision awaiting (or given) human review."""

    __tablename__ = "reviews"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    decision_id: Mapped[str] = mapped_column(String(36), index=True)
    candidate_id: Mapped[str] = mapped_column(String(64))
    subject_id: Mapped[str] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str] = mapped_column(Text)


class ErasureNoticeRow(Base):
    """Tells a recipient of an erased user's card to delete it; the owner id is sealed for them."""

    __tablename__ = "erasure_notices"

    id: Mapped[int] = mapped_column(SeqInt, primary_key=True, autoincrement=True)
    recipient_id: Mapped[str] = mapped_column(String(64), index=True)
    owner_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    erased_at: Mapped[datetime] = mapped_column(index=True)


class AuditRow(Base):
    """The audit log: one append-only entry per admin action (who, what, when, which ids).

    ``client`` is the token's client name, never a user's name; ``ids`` are profile, decision or
    ticket ids, and an erasure leaves only the tombstone id here.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(SeqInt, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(index=True)
    client: Mapped[str] = mapped_column(String(120), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    ids: Mapped[list[str]] = mapped_column(JSON)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)


class ServiceMetaRow(Base):
    """Facts about the database itself, such as the sealed value that proves which key it uses."""

    __tablename__ = "service_meta"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[bytes] = mapped_column(LargeBinary)
