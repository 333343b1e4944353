"""MatchEngine: the service's use cases, with its collaborators passed into the constructor."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy.exc import SQLAlchemyError

from matchmaker.access import require_access
from matchmaker.config import Settings
from matchmaker.domain import BulkError, Caller, ErasureReceipt, Profile, UpsertResult
from matchmaker.errors import InvalidInput, MatchmakerError, NotFound, PolicyRefused
from matchmaker.storage.repositories import ProfileRepository, ProfileWrite
from matchmaker.validation import require_id, validate_profile

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time in UTC (the default clock)."""
    return datetime.now(UTC)


def describe_failure(error: MatchmakerError) -> str:
    """A one-line reason for a failed record: fields and rules, never values."""
    if isinstance(error, InvalidInput):
        return "; ".join(f"{v.field}: {v.description}" for v in error.violations) or str(error)
    return str(error)


class MatchEngine:
    """Upsert, read and delete profiles (recommendation, explanation and erasure build on this)."""

    def __init__(self, settings: Settings, profiles: ProfileRepository, clock: Clock = utc_now) -> None:
        self._settings = settings
        self._profiles = profiles
        self._clock = clock

    def upsert_profile(self, caller: Caller, write: ProfileWrite) -> UpsertResult:
        """Validate and store one profile; it is readable (and searchable) when this returns."""
        require_access(caller, write.profile.id)
        now = self._clock()
        validate_profile(write.profile, self._settings, now.date())
        result = self._profiles.upsert(write, now)
        log.info("profile upserted", extra={"profile_id": result.profile_id, "version": result.version})
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
        try:
            self._profiles.upsert_many([write for _, write in valid], now)
            stored = len(valid)
        except SQLAlchemyError:
            log.warning("bulk batch refused by the database; retrying its records one by one")
            stored = 0
            for index, write in valid:
                try:
                    self._profiles.upsert(write, now)
                    stored += 1
                except SQLAlchemyError:
                    errors.append(BulkError(index, write.profile.id, "the database refused this record"))
        errors.sort(key=lambda e: e.index)
        return stored, errors

    def get_profile(self, caller: Caller, profile_id: str) -> Profile:
        """The profile without its contact card."""
        require_id(profile_id, "profile_id")
        require_access(caller, profile_id)
        profile = self._profiles.get(profile_id)
        if profile is None:
            raise NotFound(f"no profile {profile_id}")
        return profile.without_contact()

    def delete_profile(self, caller: Caller, profile_id: str) -> ErasureReceipt:
        """Erase a profile with its contact card and preferences."""
        require_id(profile_id, "profile_id")
        require_access(caller, profile_id)
        now = self._clock()
        if not self._profiles.delete(profile_id, now):
            raise NotFound(f"no profile {profile_id}")
        log.info("profile erased", extra={"profile_id": profile_id})
        return ErasureReceipt(profile_id=profile_id, erased_at=now)
