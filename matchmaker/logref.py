"""Pseudonymous references for log lines: a keyed hash of a profile id, never the id itself.

Logs outlive erasure (they are append-only), so they must not hold an id that erasure removes
everywhere else. The key is derived from the service's encryption key, so every replica writes the
same reference for the same user and an operator holding the key can compute it on purpose.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

_key = secrets.token_bytes(32)


def configure(key: bytes) -> None:
    """Derive the reference key from the service key (called once at start-up)."""
    global _key
    _key = hmac.new(key, b"matchmaker log references v1", hashlib.sha256).digest()


def ref(profile_id: str) -> str:
    """A 12-character reference to ``profile_id`` for log lines."""
    return hmac.new(_key, profile_id.encode("utf-8"), hashlib.sha256).hexdigest()[:12]
