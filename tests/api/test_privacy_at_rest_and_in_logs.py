"""No identity number in clear on disk; no personal data in logs; the card filter fails closed."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import grpc
import pytest

from matchmaker.api._gen.matchmaker.v1 import (
    common_pb2,
    match_service_pb2,
    privacy_service_pb2,
    profile_service_pb2,
)
from matchmaker.demo.generator import generate_dataset
from matchmaker.privacy.scanner import IdentifierScanner, ScanResult
from tests.support import (
    ADMIN_TOKEN,
    FIXTURES,
    PORTAL_TOKEN,
    HashingEmbedder,
    make_settings,
    metadata,
    start_server,
    stop_server,
)

DATASET = generate_dataset(2026, 320, 2100)


def test_database_files_hold_no_identity_number_in_clear(demo_dir: Path) -> None:
    raw = b"".join(p.read_bytes() for p in demo_dir.iterdir() if p.name.startswith("matchmaker.db"))
    assert len(raw) > 1_000_000
    found = set()
    for planted in DATASET.identifiers:
        for form in {planted.value, planted.text}:
            if form.encode("utf-8") in raw:
                found.add(planted.profile_id)
    assert found == set()
    # Nor the other card fields: the whole card is sealed.
    for profile in DATASET.purchasers[:200]:
        contact = profile.get("contact", {})
        for field in ("email", "mobile"):
            if contact.get(field):
                assert contact[field].encode("utf-8") not in raw


def card_secrets() -> list[str]:
    out = []
    for profile in DATASET.exhibitors[:40] + DATASET.purchasers[:40]:
        contact = profile.get("contact", {})
        out += [
            contact.get(f, "") for f in ("name", "email", "phone", "mobile", "idNumber", "passportNumber")
        ]
    out += [p.value for p in DATASET.identifiers]
    return [s for s in out if len(s) >= 4]


async def test_no_personal_data_in_logs_at_debug_level(
    own_dir: Path, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    server = await start_server(make_settings(own_dir), HashingEmbedder())
    try:
        documents = [
            json.loads(line) for line in (FIXTURES / "exhibitors.jsonl").read_text().splitlines()[:40]
        ]
        documents += [
            json.loads(line) for line in (FIXTURES / "purchasers.jsonl").read_text().splitlines()[:40]
        ]
        from google.protobuf import json_format

        for document in documents:
            profile = json_format.ParseDict(document, common_pb2.Profile())
            md = metadata(PORTAL_TOKEN, profile.id)
            await server.client.profiles.UpsertProfile(
                profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=md
            )
            await server.client.privacy.UpdatePreferences(
                privacy_service_pb2.UpdatePreferencesRequest(
                    profile_id=profile.id, preferences=common_pb2.Preferences(share_contact_card=True)
                ),
                metadata=md,
            )
        for document in documents:
            subject = document["id"]
            md = metadata(PORTAL_TOKEN, subject)
            call = (
                server.client.matches.RecommendPurchasers
                if subject.startswith("exh-")
                else server.client.matches.RecommendExhibitors
            )
            response = await call(
                match_service_pb2.RecommendRequest(subject_id=subject, limit=10, include_contact_cards=True),
                metadata=md,
            )
            for item in response.items[:2]:
                try:
                    await server.client.privacy.GetContactCard(
                        privacy_service_pb2.GetContactCardRequest(owner_id=item.candidate_id), metadata=md
                    )
                except grpc.aio.AioRpcError as exc:  # owners outside the 80 do not share
                    assert exc.code() == grpc.StatusCode.FAILED_PRECONDITION
            with pytest.raises(grpc.aio.AioRpcError):  # a validation error path too
                bad = json_format.ParseDict(document, common_pb2.Profile())
                bad.country = "ZZZ"
                await server.client.profiles.UpsertProfile(
                    profile_service_pb2.UpsertProfileRequest(profile=bad), metadata=md
                )
        await server.client.profiles.DeleteProfile(
            profile_service_pb2.DeleteProfileRequest(profile_id=documents[0]["id"]),
            metadata=metadata(ADMIN_TOKEN),
        )
    finally:
        await stop_server(server)
    captured = caplog.text + capfd.readouterr().err
    assert "profile upserted" in caplog.text, "the flows did log"
    leaked = [s for s in card_secrets() if s in captured]
    assert leaked == []


class FailingScanner(IdentifierScanner):
    def scan(self, text: str) -> ScanResult:
        if "@" in text:
            raise RuntimeError(f"boom on {text}")
        return super().scan(text)


async def test_card_filter_failure_fails_the_call_and_shares_nothing(
    own_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    server = await start_server(make_settings(own_dir), HashingEmbedder())
    try:
        engine = server.runtime.engine
        engine._cards._scanner = FailingScanner()  # type: ignore[attr-defined]
        sharing = next(
            p
            for p in DATASET.exhibitors
            if p.get("preferences", {}).get("shareContactCard")
            and p.get("preferences", {}).get("discoverable", True)
        )
        subject = next(p["id"] for p in DATASET.purchasers if not p.get("preferences"))
        md = metadata(PORTAL_TOKEN, subject)
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await server.client.matches.RecommendExhibitors(
                match_service_pb2.RecommendRequest(
                    subject_id=subject,
                    limit=100,
                    include_contact_cards=True,
                    filter=match_service_pb2.RecommendFilter(countries=[sharing["country"]]),
                ),
                metadata=md,
            )
        assert info.value.code() == grpc.StatusCode.INTERNAL
        assert "@" not in (info.value.details() or "")
        assert server.runtime.repositories.disclosures.to_recipient(subject) == []
        assert "boom" not in caplog.text and sharing["contact"]["email"] not in caplog.text
    finally:
        await stop_server(server)
