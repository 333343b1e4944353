"""The key check: every process on one database must hold the key its cards were sealed with.

A replica started with another key would otherwise serve until the first call that reads a card
and then fail every such call. The database keeps one value sealed with its key; a start that
cannot open it refuses to serve.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from matchmaker.errors import KeyMismatch
from matchmaker.storage.crypto import FieldCipher
from matchmaker.storage.database import Database
from matchmaker.storage.repositories import CARD_COLUMN
from matchmaker.storage.tables import ContactCardRow, ServiceMetaRow

_NAME = "key_check"
_PLAINTEXT = "matchmaker key check v1"
_COLUMN = "service_meta.value"


def verify_key(db: Database, cipher: FieldCipher) -> None:
    """Raise ``KeyMismatch`` unless ``cipher`` holds the database's key; record it on first use.

    A database from before the check gets it on the first start whose key opens an existing
    card (or on the first start at all, when there is no card yet).
    """
    with db.read() as session:
        row = session.get(ServiceMetaRow, _NAME)
        if row is not None:
            _require_open(cipher, row.value, _NAME, _COLUMN)
            return
        card = session.scalars(select(ContactCardRow).limit(1)).first()
        if card is not None:
            _require_open(cipher, card.sealed, card.profile_id, CARD_COLUMN)
    try:
        with db.write() as session:
            session.add(ServiceMetaRow(name=_NAME, value=cipher.seal(_PLAINTEXT, _NAME, _COLUMN)))
    except IntegrityError:
        # Another replica starting at the same moment recorded its key first: it must be this one.
        verify_key(db, cipher)


def _require_open(cipher: FieldCipher, blob: bytes, row_id: str, column: str) -> None:
    try:
        cipher.open(blob, row_id, column)
    except ValueError:
        raise KeyMismatch(
            "this database was sealed with another encryption key: start every replica with the "
            "same MATCHMAKER_ENCRYPTION_KEY (base64 of 32 bytes), or the same key file under "
            "MATCHMAKER_DATA_DIR/keys/card.key"
        ) from None
