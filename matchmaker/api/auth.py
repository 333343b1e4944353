"""Bearer tokens: loaded from MATCHMAKER_TOKENS_FILE, or demo tokens kept under the data folder.

A file entry holds either the token itself (``token``) or only the lowercase hex SHA-256 of it
(``token_sha256``), so that the file on disk need not contain usable secrets. A running server
re-reads the file on SIGHUP (:class:`ReloadableTokens`): new tokens work and removed ones fail from
the next call. See docs/operations.md, "Tokens".
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from matchmaker.domain import CallerRole

log = logging.getLogger(__name__)

_HEX_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Token:
    """One configured token: the digest it is known by, the client it names and the role it grants.

    ``token`` is the secret itself when the file holds it (demo tokens do), else None.
    """

    client: str
    role: CallerRole
    sha256: bytes
    token: str | None = None


def digest(token: str) -> bytes:
    """The SHA-256 a token is known by."""
    return hashlib.sha256(token.encode()).digest()


class TokenLookup(Protocol):
    """Anything that finds the configured token for a presented one."""

    def lookup(self, presented: str) -> Token | None:
        """The token matching ``presented``, or None."""
        ...


class TokenTable:
    """Looks tokens up in constant time (every entry is compared, digests of equal length)."""

    def __init__(self, tokens: list[Token]) -> None:
        if not tokens:
            raise ValueError("no tokens configured: the service would refuse every call")
        self.tokens = tuple(tokens)

    def lookup(self, presented: str) -> Token | None:
        """The token matching ``presented``, or None."""
        wanted = digest(presented)
        found: Token | None = None
        for token in self.tokens:
            if hmac.compare_digest(token.sha256, wanted):
                found = token
        return found


_SHAPE = '{"tokens": [{"token" or "token_sha256", "client", "role": portal|admin}]}'


def _entry(entry: object, source: str, number: int) -> Token:
    if not isinstance(entry, dict):
        raise ValueError(f"{source}: token {number}: expected an object {_SHAPE}")
    try:
        client, role = str(entry["client"]), CallerRole(entry["role"])
    except (KeyError, ValueError) as exc:
        raise ValueError(f"{source}: token {number}: needs a client and a role (portal or admin)") from exc
    if ("token" in entry) == ("token_sha256" in entry):
        raise ValueError(f"{source}: token {number}: give exactly one of token and token_sha256")
    if "token" in entry:
        secret = str(entry["token"])
        if len(secret) < 16:
            raise ValueError(f"{source}: every token must be at least 16 characters")
        return Token(client=client, role=role, sha256=digest(secret), token=secret)
    hexdigest = str(entry["token_sha256"])
    if not _HEX_SHA256.fullmatch(hexdigest):
        raise ValueError(f"{source}: token {number}: token_sha256 must be 64 lowercase hex digits")
    return Token(client=client, role=role, sha256=bytes.fromhex(hexdigest))


def parse_tokens(text: str, source: str) -> TokenTable:
    """Parse the tokens file; a malformed file fails at start-up (and a reload keeps the old table)."""
    try:
        document = json.loads(text)
        entries = document["tokens"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{source}: expected {_SHAPE}") from exc
    if not isinstance(entries, list):
        raise ValueError(f"{source}: expected {_SHAPE}")
    return TokenTable([_entry(e, source, n) for n, e in enumerate(entries, 1)])


def tokens_path(tokens_file: Path | None, data_dir: Path) -> Path:
    """The file the tokens are read from: the configured one, or the demo tokens under the data folder."""
    return tokens_file if tokens_file is not None else data_dir / "demo-tokens.json"


def load_tokens(tokens_file: Path | None, data_dir: Path) -> tuple[TokenTable, bool]:
    """The configured tokens, or demo tokens (created once, mode 0600); True when they are demo tokens."""
    if tokens_file is not None:
        return parse_tokens(tokens_file.read_text(encoding="utf-8"), str(tokens_file)), False
    path = tokens_path(None, data_dir)
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


class ReloadableTokens:
    """The tokens of one file, re-read on request (the server asks on SIGHUP).

    A file that no longer parses leaves the tokens in force unchanged (and says so in the log), so
    a typo during a rotation does not lock every client out.
    """

    def __init__(self, path: Path, table: TokenTable) -> None:
        self.path = path
        self._table = table

    @property
    def table(self) -> TokenTable:
        """The tokens in force."""
        return self._table

    def lookup(self, presented: str) -> Token | None:
        """The token matching ``presented`` in the tokens in force, or None."""
        return self._table.lookup(presented)

    def reload(self) -> bool:
        """Re-read the file; True when its tokens are now in force."""
        try:
            table = parse_tokens(self.path.read_text(encoding="utf-8"), str(self.path))
        except (OSError, ValueError) as exc:
            log.error("tokens file not reloaded, the previous tokens stay in force: %s", exc)
            return False
        self._table = table
        log.info("tokens file reloaded", extra={"count": len(table.tokens)})
        return True


def new_token(client: str, role: CallerRole) -> tuple[str, dict[str, str]]:
    """A fresh random token and the tokens-file entry that admits it (by its SHA-256 only)."""
    secret = f"{role.value}-{secrets.token_urlsafe(32)}"
    return secret, {"token_sha256": digest(secret).hex(), "client": client, "role": role.value}
