"""Opaque, signed page tokens: which decision to page through, from where, for which query."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass

from matchmaker.domain import RecommendQuery
from matchmaker.errors import FieldViolation, InvalidInput


@dataclass(frozen=True)
class PagePosition:
    """A decision and the offset of the next page in its ranking."""

    decision_id: str
    offset: int


def query_fingerprint(query: RecommendQuery) -> str:
    """What must stay the same between pages: subject, side, filters, mode and exclusions."""
    material = json.dumps(
        [
            query.subject_id,
            query.candidate_role.name,
            [
                sorted(query.filter.countries),
                sorted(query.filter.categories),
                sorted(query.filter.halls),
                sorted(query.filter.languages),
            ],
            query.non_personalized,
            sorted(query.exclude_ids),
        ],
        ensure_ascii=True,
    )
    return hashlib.sha256(material.encode()).hexdigest()[:16]


class PageTokens:
    """Issues and checks page tokens with an HMAC, so a client can neither forge nor alter them."""

    def __init__(self, key: bytes) -> None:
        self._key = hmac.new(key, b"matchmaker page tokens v1", hashlib.sha256).digest()

    def issue(self, position: PagePosition, query: RecommendQuery) -> str:
        """The token of the page that starts at ``position``."""
        body = json.dumps([position.decision_id, position.offset, query_fingerprint(query)]).encode()
        payload = base64.urlsafe_b64encode(body).rstrip(b"=")
        signature = base64.urlsafe_b64encode(
            hmac.new(self._key, payload, hashlib.sha256).digest()[:16]
        ).rstrip(b"=")
        return (payload + b"." + signature).decode("ascii")

    def read(self, token: str, query: RecommendQuery) -> PagePosition:
        """The position in a token issued for this same query; INVALID_ARGUMENT otherwise."""
        bad = InvalidInput([FieldViolation("page_token", "is not a page token issued for this query")])
        try:
            payload, signature = token.encode("ascii").split(b".")
            expected = base64.urlsafe_b64encode(
                hmac.new(self._key, payload, hashlib.sha256).digest()[:16]
            ).rstrip(b"=")
            if not hmac.compare_digest(signature, expected):
                raise bad
            decision_id, offset, fingerprint = json.loads(
                base64.urlsafe_b64decode(payload + b"=" * (-len(payload) % 4))
            )
        except (ValueError, UnicodeError, TypeError):
            raise bad from None
        if fingerprint != query_fingerprint(query) or not isinstance(offset, int) or offset < 0:
            raise bad
        return PagePosition(str(decision_id), offset)
