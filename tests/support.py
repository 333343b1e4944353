"""Shared test helpers: settings on a temporary folder, tokens, valid profiles, a client for a server."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import numpy as np

from matchmaker.api._gen.matchmaker.v1 import (
    common_pb2,
    match_service_pb2_grpc,
    privacy_service_pb2_grpc,
    profile_service_pb2_grpc,
)
from matchmaker.api.auth import load_tokens
from matchmaker.api.server import Service, create_server
from matchmaker.config import Settings
from matchmaker.embedding.embedder import Embedder, Vectors
from matchmaker.ranking.text import tokens
from matchmaker.runtime import Runtime, open_runtime

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "data" / "fixtures"
PORTAL_TOKEN = "portal-test-token-0123456789"
ADMIN_TOKEN = "admin-test-token-0123456789"
OTHER_PORTAL_TOKEN = "portal-other-token-0123456789"


def write_tokens(path: Path) -> Path:
    path.write_text(
        json.dumps(
            {
                "tokens": [
                    {"token": PORTAL_TOKEN, "client": "portal-web", "role": "portal"},
                    {"token": OTHER_PORTAL_TOKEN, "client": "portal-app", "role": "portal"},
                    {"token": ADMIN_TOKEN, "client": "ops", "role": "admin"},
                ]
            }
        ),
        encoding="utf-8",
    )
    return path


def make_settings(tmp_path: Path, database_url: str | None = None, **overrides: Any) -> Settings:
    tokens = write_tokens(tmp_path / "tokens.json")
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=database_url or f"sqlite:///{tmp_path / 'matchmaker.db'}",
        data_dir=tmp_path / "var",
        tokens_file=tokens,
        **overrides,
    )


def make_profile(
    profile_id: str = "pur-1", role: int = common_pb2.ROLE_PURCHASER, **fields: Any
) -> common_pb2.Profile:
    """A valid profile; keyword arguments override fields (``contact`` takes a dict)."""
    contact = fields.pop("contact", None)
    base: dict[str, Any] = {
        "id": profile_id,
        "role": role,
        "organization": "Shanghai Fresh Trading Co.",
        "country": "CN",
        "categories": ["Food & Agricultural Products"],
        "offering": "supermarket chain in East China",
        "seeking": "frozen seafood and dairy from Europe",
        "description": "A retail group with 120 stores.",
        "target_markets": ["CN"],
        "languages": ["zh", "en"],
    }
    if role == common_pb2.ROLE_EXHIBITOR:
        base.update(
            organization="Nordic Seafood AS",
            country="NO",
            hall="1.1",
            offering="frozen salmon and cod",
            seeking="importers in China",
            target_markets=["CN", "JP"],
        )
    base.update(fields)
    profile = common_pb2.Profile(**base)
    card = {
        "name": "Li Wei",
        "email": "li.wei@example.cn",
        "mobile": "13812345678",
        "id_number": "11010519491231002X",
        "passport_number": "E12345678",
        "birth_date": "1980-05-17",
    }
    card.update(contact or {})
    profile.contact.CopyFrom(common_pb2.ContactCard(**card))
    return profile


def metadata(token: str | None = ADMIN_TOKEN, user: str | None = None) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    if token is not None:
        pairs.append(("authorization", f"Bearer {token}"))
    if user is not None:
        pairs.append(("x-matchmaker-user", user))
    return tuple(pairs)


@dataclass
class Running:
    """A server started in-process on 127.0.0.1:0, with a client on a real channel."""

    service: Service
    runtime: Runtime
    client: Client
    address: str


async def start_server(settings: Settings, embedder: Embedder) -> Running:
    runtime = open_runtime(settings, embedder=embedder)
    tokens, _ = load_tokens(settings.tokens_file, settings.data_dir)
    service = await create_server(settings, "127.0.0.1:0", runtime, tokens)
    address = f"127.0.0.1:{service.port}"
    return Running(service, runtime, Client.connect(address), address)


async def stop_server(running: Running) -> None:
    await running.client.channel.close()
    await running.service.stop(0)
    running.runtime.engine.save_index()
    running.runtime.close()


@dataclass
class Client:
    """Stubs over one real channel."""

    channel: grpc.aio.Channel
    profiles: profile_service_pb2_grpc.ProfileServiceStub
    matches: match_service_pb2_grpc.MatchServiceStub
    privacy: privacy_service_pb2_grpc.PrivacyServiceStub

    @classmethod
    def connect(cls, address: str) -> Client:
        channel = grpc.aio.insecure_channel(
            address, options=[("grpc.max_send_message_length", 64 * 1024 * 1024)]
        )
        return cls(
            channel,
            profile_service_pb2_grpc.ProfileServiceStub(channel),
            match_service_pb2_grpc.MatchServiceStub(channel),
            privacy_service_pb2_grpc.PrivacyServiceStub(channel),
        )


def read_fixture_lines(name: str) -> list[str]:
    return [line for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if line.strip()]


class HashingEmbedder(Embedder):
    """Test fake of the Embedder interface: hashed bag of words, unit norm, instant and deterministic."""

    model_name = "test/hashing-bag-of-words"
    model_version = "hashing-v1"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0

    def _encode(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokens(text) or text.split():
                out[row, zlib.crc32(token.encode()) % self.dim] += 1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out
