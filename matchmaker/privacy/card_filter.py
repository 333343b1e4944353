"""The contact-card filter: the only producer of SharedContactCard, and it fails closed.

``id_number``, ``passport_number`` and ``birth_date`` are never copied. Every other field is
scanned for identity-document numbers, which are replaced by ``[removed: <kind>]`` and listed as
redactions by field and kind, never by value. If anything goes wrong, no card is produced.
"""

from __future__ import annotations

import logging

from matchmaker.domain import SHAREABLE_CARD_FIELDS, ContactCard, Redaction, SharedContactCard
from matchmaker.logref import ref
from matchmaker.privacy.scanner import IdentifierScanner

log = logging.getLogger(__name__)


class CardFilterError(Exception):
    """The filter could not vouch for a card: nothing is shared. Carries no card content."""


class CardFilter:
    """Scrubs contact cards before they leave the service."""

    def __init__(self, scanner: IdentifierScanner | None = None) -> None:
        self._scanner = scanner or IdentifierScanner()

    def share(self, owner_id: str, organization: str, card: ContactCard) -> SharedContactCard:
        """The shareable form of ``card``; raises CardFilterError (never a partial card) on failure."""
        try:
            values: dict[str, str] = {}
            redactions: list[Redaction] = []
            for name in SHAREABLE_CARD_FIELDS:
                result = self._scanner.scan(getattr(card, name))
                values[name] = result.text
                redactions.extend(Redaction(name, kind) for kind in result.kinds)
            scrubbed_org = self._scanner.scan(organization)
            redactions.extend(Redaction("organization", kind) for kind in scrubbed_org.kinds)
            return SharedContactCard(
                owner_id=owner_id, organization=scrubbed_org.text, redactions=tuple(redactions), **values
            )
        except Exception as exc:
            # The exception text could quote the card: log the owner and the type only.
            log.error("card filter failed; nothing shared", extra={"ref": ref(owner_id)})
            raise CardFilterError(f"the card filter failed ({type(exc).__name__})") from None
