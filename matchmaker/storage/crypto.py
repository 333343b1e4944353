"""Encryption at rest for the sensitive card columns (AES-256-GCM, bound to row and column)."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_VERSION = b"\x01"
_NONCE_BYTES = 12


class FieldCipher:
    """Seals one text value per (row id, column); a ciphertext moved to another row fails to open."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the encryption key must be 32 bytes (AES-256)")
        self._aead = AESGCM(key)

    @staticmethod
    def _context(row_id: str, column: str) -> bytes:
        return f"{row_id}\x00{column}".encode()

    def seal(self, plaintext: str, row_id: str, column: str) -> bytes:
        """The ciphertext of ``plaintext``: version byte, random nonce, sealed text and tag."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        return (
            _VERSION
            + nonce
            + self._aead.encrypt(nonce, plaintext.encode("utf-8"), self._context(row_id, column))
        )

    def open(self, blob: bytes, row_id: str, column: str) -> str:
        """The plaintext of a value sealed for the same row and column."""
        if blob[:1] != _VERSION:
            raise ValueError("unknown ciphertext version")
        nonce, sealed = blob[1 : 1 + _NONCE_BYTES], blob[1 + _NONCE_BYTES :]
        try:
            return self._aead.decrypt(nonce, sealed, self._context(row_id, column)).decode("utf-8")
        except InvalidTag as exc:
            raise ValueError("a sealed column failed authentication (wrong key or tampered row)") from exc


def load_or_create_key(configured: str | None, key_file: Path) -> bytes:
    """The key from configuration (base64), else from ``key_file``, created with mode 0600 if absent."""
    if configured:
        try:
            key = base64.b64decode(configured, validate=True)
        except ValueError as exc:
            raise ValueError("MATCHMAKER_ENCRYPTION_KEY must be base64") from exc
        if len(key) != 32:
            raise ValueError("MATCHMAKER_ENCRYPTION_KEY must decode to 32 bytes")
        return key
    key_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = base64.b64decode(key_file.read_text(encoding="ascii").strip(), validate=True)
        if len(key) != 32:
            raise ValueError(f"the key file {key_file.name} does not hold a 32-byte key") from None
        return key
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(base64.b64encode(key).decode("ascii") + "\n")
    return key
