"""Bearer tokens: loaded from MATCHMAKER_TOKENS_FILE, or demo tokens kept under the data folder."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from matchmaker.domain import CallerRole


@dataclass(frozen=True)
class Token:
    """One configured token: its secret, the client it names and the role it grants."""

    token: str
    client: str
    role: CallerRole


class TokenTable:
    """Looks tokens up in constant time (every entry is compared, digests of equal length)."""

    def __init__(self, tokens: list[Token]) -> None:
        if not tokens:
            raise ValueError("no tokens configured: the service would refuse every call")
        self._entries = [(hashlib.sha256(t.token.encode()).digest(), t) for t in tokens]
        self.tokens = tuple(tokens)

    def lookup(self, presented: str) -> Token | None:
        """The token matching ``presented``, or None."""
        digest = hashlib.sha256(presented.encode()).digest()
        found: Token | None = None
        for known, token in self._entries:
            if hmac.compare_digest(known, digest):
                found = token
        return found


def parse_tokens(text: str, source: str) -> TokenTable:
    """Parse ``{"tokens": [{"token", "client", "role"}, ...]}``; a malformed file fails at start-up."""
    try:
        document = json.loads(text)
        entries = document["tokens"]
        tokens = [
            Token(token=str(e["token"]), client=str(e["client"]), role=CallerRole(e["role"])) for e in entries
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(
            f'{source}: expected {{"tokens": [{{"token", "client", "role": portal|admin}}]}}'
        ) from exc
    if any(len(t.token) < 16 for t in tokens):
        raise ValueError(f"{source}: every token must be at least 16 characters")
    return TokenTable(tokens)


def load_tokens(tokens_file: Path | None, data_dir: Path) -> tuple[TokenTable, bool]:
    """The configured tokens, or demo tokens (created once, mode 0600); True when they are demo tokens."""
    if tokens_file is not None:
        return parse_tokens(tokens_file.read_text(encoding="utf-8"), str(tokens_file)), False
    path = data_dir / "demo-tokens.json"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        document = {
            "tokens": [
                {"token": "portal-" + secrets.token_urlsafe(24), "client": "demo-portal", "role": "portal"},
                {"token": "admin-" + secrets.token_urlsafe(24), "client": "demo-admin", "role": "admin"},
            ]
        }
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2)
    return parse_tokens(path.read_text(encoding="utf-8"), str(path)), True
