"""Fixtures: a real server on 127.0.0.1:0 with a real channel, and databases (SQLite, PostgreSQL)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from matchmaker.api.auth import load_tokens
from matchmaker.api.server import Service, create_server
from matchmaker.config import Settings
from matchmaker.runtime import Runtime, open_runtime
from tests.support import Client, HashingEmbedder, make_settings

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@dataclass
class Running:
    service: Service
    runtime: Runtime
    client: Client
    address: str


@pytest.fixture
async def running(settings: Settings) -> AsyncIterator[Running]:
    runtime = open_runtime(settings, embedder=HashingEmbedder())
    tokens, _ = load_tokens(settings.tokens_file, settings.data_dir)
    service = await create_server(settings, "127.0.0.1:0", runtime, tokens)
    address = f"127.0.0.1:{service.port}"
    client = Client.connect(address)
    try:
        yield Running(service, runtime, client, address)
    finally:
        await client.channel.close()
        await service.stop(0)
        runtime.close()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema in the ``test`` database of the local PostgreSQL, dropped afterwards."""
    schema = f"mm_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_ADMIN_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
