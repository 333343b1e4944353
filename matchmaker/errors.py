"""Domain errors. The API layer maps each class to one gRPC status code in a single table.

Messages are meant for the caller and must never carry personal data: name the field and the
rule, never the value.
"""

from __future__ import annotations

from dataclasses import dataclass


class MatchmakerError(Exception):
    """Base class of every error the service reports to a caller on purpose."""


@dataclass(frozen=True)
class FieldViolation:
    """One bad field of a request: its path (e.g. ``profile.country``) and the rule it broke."""

    field: str
    description: str


class InvalidInput(MatchmakerError):
    """The request is malformed; nothing was written."""

    def __init__(self, violations: list[FieldViolation] | tuple[FieldViolation, ...]) -> None:
        self.violations = tuple(violations)
        fields = ", ".join(v.field for v in self.violations)
        super().__init__(f"invalid request: {fields}" if fields else "invalid request")


class NotFound(MatchmakerError):
    """An id that the service does not know (or no longer knows)."""


class PolicyRefused(MatchmakerError):
    """A privacy or safety rule refuses the call (e.g. a minor without guardian consent)."""


class PermissionDenied(MatchmakerError):
    """The caller's role or acting user may not do this."""


class Unauthenticated(MatchmakerError):
    """No credentials, or credentials the server does not know."""


class StorageRejected(Exception):
    """The database refused a write (a constraint, a value it cannot store). Not a caller error."""


class KeyMismatch(Exception):
    """The encryption key does not open what the database was sealed with; the process must not serve."""
