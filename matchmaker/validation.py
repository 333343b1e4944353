"""Validation of everything a caller submits. Violations name the field and the rule, never the value."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from matchmaker.config import Settings
from matchmaker.countries import ISO_ALPHA2
from matchmaker.domain import ContactCard, Profile, RecommendQuery, Role
from matchmaker.errors import FieldViolation, InvalidInput, PolicyRefused

PROFILE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# BCP-47 well-formedness (RFC 5646 shape): primary language, then subtags of 1-8 alphanumerics.
_BCP47 = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-[A-Za-z0-9]{1,8})*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ORGANIZATION_MAX = 300
_HALL_MAX = 100
MEETING_CAPACITY_MAX = 10_000


def id_violation(value: str, field: str) -> FieldViolation | None:
    """The violation for a malformed profile id, or None when it is well-formed."""
    if not value:
        return FieldViolation(field, "is required")
    if not PROFILE_ID.fullmatch(value):
        return FieldViolation(field, "must be 1-64 characters of A-Z a-z 0-9 . _ : -")
    return None


def require_id(value: str, field: str) -> str:
    """Return ``value`` when it is a well-formed profile id, else raise InvalidInput."""
    violation = id_violation(value, field)
    if violation is not None:
        raise InvalidInput([violation])
    return value


def _text(value: str, field: str, limit: int, out: list[FieldViolation]) -> None:
    if len(value) > limit:
        out.append(FieldViolation(field, f"must be at most {limit} characters"))
    elif "\x00" in value:
        out.append(FieldViolation(field, "must not contain NUL characters"))


def _countries(values: Sequence[str], field: str, limit: int, out: list[FieldViolation]) -> None:
    if len(values) > limit:
        out.append(FieldViolation(field, f"must have at most {limit} entries"))
        return
    for i, code in enumerate(values):
        if code not in ISO_ALPHA2:
            out.append(FieldViolation(f"{field}[{i}]", "must be an ISO 3166-1 alpha-2 code such as CN or DE"))


def parse_birth_date(value: str) -> date | None:
    """The date of a ``YYYY-MM-DD`` string, or None when it is not a real calendar date."""
    if not _DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def age_on(birth: date, today: date) -> int:
    """Completed years between ``birth`` and ``today``."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _contact(card: ContactCard, settings: Settings, today: date, out: list[FieldViolation]) -> None:
    for name in ContactCard.text_field_names():
        if name != "birth_date":
            _text(getattr(card, name), f"profile.contact.{name}", settings.max_text_chars, out)
    if card.email and len(card.email) <= settings.max_text_chars and not _EMAIL.fullmatch(card.email):
        out.append(FieldViolation("profile.contact.email", "must be an e-mail address such as a@example.com"))
    if card.birth_date:
        birth = parse_birth_date(card.birth_date)
        if birth is None:
            out.append(FieldViolation("profile.contact.birth_date", "must be a real date as YYYY-MM-DD"))
        elif birth > today:
            out.append(FieldViolation("profile.contact.birth_date", "must not be in the future"))
        elif birth.year < 1900:
            out.append(FieldViolation("profile.contact.birth_date", "must not be before 1900"))


def profile_violations(profile: Profile, settings: Settings, today: date) -> list[FieldViolation]:
    """Every rule ``profile`` breaks, one violation per bad field (empty when it is valid)."""
    out: list[FieldViolation] = []
    violation = id_violation(profile.id, "profile.id")
    if violation is not None:
        out.append(violation)
    if profile.role not in (Role.EXHIBITOR, Role.PURCHASER):
        out.append(FieldViolation("profile.role", "must be ROLE_EXHIBITOR or ROLE_PURCHASER"))
    if not profile.organization.strip():
        out.append(FieldViolation("profile.organization", "is required"))
    else:
        _text(profile.organization, "profile.organization", _ORGANIZATION_MAX, out)
    if profile.country not in ISO_ALPHA2:
        out.append(FieldViolation("profile.country", "must be an ISO 3166-1 alpha-2 code such as CN or DE"))
    if len(profile.categories) > settings.max_categories:
        out.append(
            FieldViolation("profile.categories", f"must have at most {settings.max_categories} entries")
        )
    else:
        for i, category in enumerate(profile.categories):
            if not category.strip():
                out.append(FieldViolation(f"profile.categories[{i}]", "must not be blank"))
            else:
                _text(category, f"profile.categories[{i}]", settings.max_category_chars, out)
    for name in ("offering", "seeking", "description"):
        _text(getattr(profile, name), f"profile.{name}", settings.max_text_chars, out)
    _countries(profile.target_markets, "profile.target_markets", settings.max_target_markets, out)
    if len(profile.languages) > settings.max_languages:
        out.append(FieldViolation("profile.languages", f"must have at most {settings.max_languages} entries"))
    else:
        for i, tag in enumerate(profile.languages):
            if not _BCP47.fullmatch(tag):
                out.append(
                    FieldViolation(f"profile.languages[{i}]", "must be a BCP-47 tag such as en or zh-Hans")
                )
    if profile.hall and profile.role is Role.PURCHASER:
        out.append(FieldViolation("profile.hall", "must be empty for purchasers"))
    else:
        _text(profile.hall, "profile.hall", _HALL_MAX, out)
    if profile.meeting_capacity and profile.role is Role.PURCHASER:
        out.append(FieldViolation("profile.meeting_capacity", "must be 0 for purchasers"))
    elif not 0 <= profile.meeting_capacity <= MEETING_CAPACITY_MAX:
        out.append(
            FieldViolation("profile.meeting_capacity", f"must be between 0 and {MEETING_CAPACITY_MAX:,}")
        )
    _contact(profile.contact, settings, today, out)
    return out


def validate_profile(profile: Profile, settings: Settings, today: date) -> None:
    """Raise InvalidInput for a malformed profile, PolicyRefused for an under-age contact without consent."""
    violations = profile_violations(profile, settings, today)
    if violations:
        raise InvalidInput(violations)
    birth = parse_birth_date(profile.contact.birth_date) if profile.contact.birth_date else None
    minor = birth is not None and age_on(birth, today) < settings.min_age_without_guardian
    if minor and not profile.guardian_consent:
        raise PolicyRefused(
            f"the contact person is under {settings.min_age_without_guardian}: "
            "a guardian's consent (guardian_consent) is required"
        )


_MAX_EXCLUDE = 1000
_MAX_FILTER_VALUES = 64


def validate_query(query: RecommendQuery, settings: Settings) -> None:
    """Raise InvalidInput for a malformed recommendation request (one violation per bad field)."""
    out: list[FieldViolation] = []
    violation = id_violation(query.subject_id, "subject_id")
    if violation is not None:
        out.append(violation)
    if not 0 <= query.limit <= 100:
        out.append(FieldViolation("limit", "must be between 1 and 100 (0 means 20)"))
    if len(query.page_token) > 1024:
        out.append(FieldViolation("page_token", "is not a page token issued for this query"))
    flt = query.filter
    for name in ("countries", "categories", "halls", "languages"):
        if len(getattr(flt, name)) > _MAX_FILTER_VALUES:
            out.append(FieldViolation(f"filter.{name}", f"must have at most {_MAX_FILTER_VALUES} entries"))
    for i, code in enumerate(flt.countries[:_MAX_FILTER_VALUES]):
        if code not in ISO_ALPHA2:
            out.append(
                FieldViolation(
                    f"filter.countries[{i}]", "must be an ISO 3166-1 alpha-2 code such as CN or DE"
                )
            )
    for i, tag in enumerate(flt.languages[:_MAX_FILTER_VALUES]):
        if not _BCP47.fullmatch(tag):
            out.append(FieldViolation(f"filter.languages[{i}]", "must be a BCP-47 tag such as en or zh-Hans"))
    for name, limit in (("categories", settings.max_category_chars), ("halls", _HALL_MAX)):
        for i, value in enumerate(getattr(flt, name)[:_MAX_FILTER_VALUES]):
            if not value.strip() or len(value) > limit or "\x00" in value:
                out.append(FieldViolation(f"filter.{name}[{i}]", f"must be 1-{limit} characters"))
    if len(query.exclude_ids) > _MAX_EXCLUDE:
        out.append(FieldViolation("exclude_ids", f"must have at most {_MAX_EXCLUDE} entries"))
    else:
        for i, value in enumerate(query.exclude_ids):
            bad = id_violation(value, f"exclude_ids[{i}]")
            if bad is not None:
                out.append(bad)
    if out:
        raise InvalidInput(out)


def is_unconsented_minor(profile: Profile, settings: Settings, today: date) -> bool:
    """A contact person under the minimum age whose guardian has not consented."""
    birth = parse_birth_date(profile.contact.birth_date) if profile.contact.birth_date else None
    if birth is None or profile.guardian_consent:
        return False
    return age_on(birth, today) < settings.min_age_without_guardian
