"""Fixtures: a real server on 127.0.0.1:0 with a real channel, and databases (SQLite, PostgreSQL)."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from matchmaker.config import Settings
from matchmaker.embedding.embedder import Embedder
from matchmaker.embedding.sentence_transformer import SentenceTransformerEmbedder
from matchmaker.importer import import_file
from matchmaker.runtime import open_runtime
from tests.support import FIXTURES, HashingEmbedder, Running, make_settings, start_server, stop_server

POSTGRES_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="session")
def real_embedder() -> Embedder:
    """The bundled sentence-transformers model, loaded once per session."""
    return SentenceTransformerEmbedder()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
async def running(settings: Settings) -> AsyncIterator[Running]:
    server = await start_server(settings, HashingEmbedder())
    try:
        yield server
    finally:
        await stop_server(server)


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Settings folder whose database holds every fixture profile (built once per session)."""
    path = tmp_path_factory.mktemp("demo")
    runtime = open_runtime(make_settings(path), embedder=HashingEmbedder())
    for name in ("exhibitors.jsonl", "purchasers.jsonl"):
        summary = import_file(runtime.engine, FIXTURES / name)
        assert summary.failed == 0, summary.failures[:3]
    runtime.engine.save_index()
    runtime.close()
    return path


@pytest.fixture
def own_dir(demo_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database, for tests that change data."""
    shutil.copytree(demo_dir, tmp_path / "copy")
    return tmp_path / "copy"


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


@pytest.fixture
async def running_demo(own_dir: Path) -> AsyncIterator[Running]:
    """A server on a private copy of the demo database."""
    server = await start_server(make_settings(own_dir), HashingEmbedder())
    try:
        yield server
    finally:
        await stop_server(server)
