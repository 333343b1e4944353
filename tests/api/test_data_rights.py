"""Export, correction, erasure with notices, retention and minors, over a real channel."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import pytest
from google.protobuf import json_format
from sqlalchemy import LargeBinary, select

from matchmaker import cli
from matchmaker.api._gen.matchmaker.v1 import (
    common_pb2,
    match_service_pb2,
    privacy_service_pb2,
    profile_service_pb2,
)
from matchmaker.demo.generator import generate_dataset
from matchmaker.domain import Caller, CallerRole, FeedbackAction, FeedbackEvent, RecommendQuery, Role
from matchmaker.runtime import open_runtime
from matchmaker.storage.tables import Base
from tests.support import (
    ADMIN_TOKEN,
    PORTAL_TOKEN,
    HashingEmbedder,
    Running,
    make_profile,
    make_settings,
    metadata,
    start_server,
    stop_server,
)

DATASET = generate_dataset(2026, 320, 2100)
PROFILES = {p["id"]: p for p in DATASET.exhibitors + DATASET.purchasers}
PLAIN_PURCHASERS = [p["id"] for p in DATASET.purchasers if not p.get("preferences")]


def victim_id() -> str:
    """A sharing, discoverable exhibitor with identity numbers in its card and in free text."""
    in_text = {p.profile_id for p in DATASET.identifiers if p.field in ("notes", "address")}
    return next(
        p["id"]
        for p in DATASET.exhibitors
        if p.get("preferences", {}).get("shareContactCard")
        and p.get("preferences", {}).get("discoverable", True)
        and p.get("preferences", {}).get("personalizedRecommendations", True)
        and not p.get("preferences", {}).get("doNotTrack")
        and p["id"] in in_text
        and p.get("contact", {}).get("email")
    )


def secrets_of(profile_id: str) -> list[str]:
    contact = PROFILES[profile_id]["contact"]
    values = [profile_id] + [contact[f] for f in ("name", "email", "phone", "mobile") if contact.get(f)]
    for planted in DATASET.identifiers:
        if planted.profile_id == profile_id:
            values += [planted.value, planted.text]
    return values


def scan_database(server_settings_dir: Path, runtime_cipher_open, needles: list[str]) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Every text and blob column of every table, contact cards decrypted; hits by table."""
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{server_settings_dir / 'matchmaker.db'}")
    hits: dict[str, list[str]] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(select(table)).mappings():
                values = []
                for column in table.columns:
                    value = row[column.name]
                    if isinstance(column.type, LargeBinary) and value is not None:
                        if table.name == "contact_cards":
                            value = runtime_cipher_open(bytes(value), row["profile_id"], "contact_card")
                        else:
                            value = bytes(value).decode("latin-1")
                    values.append(json.dumps(value, ensure_ascii=False, default=str))
                blob = " ".join(values)
                for needle in needles:
                    if needle in blob:
                        hits.setdefault(table.name, []).append(needle)
    engine.dispose()
    return hits


async def test_erasure_leaves_no_trace_and_notifies_every_recipient(
    own_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    victim = victim_id()
    country = PROFILES[victim]["country"]
    settings = make_settings(own_dir)
    server = await start_server(settings, HashingEmbedder())
    try:
        recipients = []
        for viewer in PLAIN_PURCHASERS[:6]:
            response = await server.client.matches.RecommendExhibitors(
                match_service_pb2.RecommendRequest(
                    subject_id=viewer,
                    limit=100,
                    include_contact_cards=True,
                    filter=match_service_pb2.RecommendFilter(countries=[country]),
                ),
                metadata=metadata(PORTAL_TOKEN, viewer),
            )
            if any(i.candidate_id == victim and i.HasField("contact_card") for i in response.items):
                recipients.append(viewer)
        assert len(recipients) >= 3
        # The victim as a subject too: a decision, feedback and a contested item of theirs.
        md = metadata(PORTAL_TOKEN, victim)
        own = await server.client.matches.RecommendPurchasers(
            match_service_pb2.RecommendRequest(subject_id=victim, limit=5), metadata=md
        )
        await server.client.matches.RecordFeedback(
            match_service_pb2.RecordFeedbackRequest(
                decision_id=own.decision_id,
                candidate_id=own.items[0].candidate_id,
                action=common_pb2.FEEDBACK_ACTION_SAVE,
            ),
            metadata=md,
        )
        await server.client.matches.ContestDecision(
            match_service_pb2.ContestDecisionRequest(
                decision_id=own.decision_id, candidate_id=own.items[1].candidate_id, reason="Please review."
            ),
            metadata=md,
        )
        receipt = await server.client.privacy.ErasePersonalData(
            privacy_service_pb2.ErasePersonalDataRequest(profile_id=victim), metadata=md
        )
        assert receipt.profile_id == victim and sorted(receipt.notified_recipients) == sorted(recipients)
        for recipient in recipients:
            notices = await server.client.privacy.ListErasureNotices(
                privacy_service_pb2.ListErasureNoticesRequest(recipient_id=recipient),
                metadata=metadata(PORTAL_TOKEN, recipient),
            )
            assert [n.owner_id for n in notices.notices] == [victim]
        for call, request in (
            (server.client.profiles.GetProfile, profile_service_pb2.GetProfileRequest(profile_id=victim)),
            (
                server.client.privacy.ErasePersonalData,
                privacy_service_pb2.ErasePersonalDataRequest(profile_id=victim),
            ),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as info:
                await call(request, metadata=metadata(ADMIN_TOKEN))
            assert info.value.code() == grpc.StatusCode.NOT_FOUND
        for viewer in PLAIN_PURCHASERS[:6]:
            response = await server.client.matches.RecommendExhibitors(
                match_service_pb2.RecommendRequest(subject_id=viewer, limit=100),
                metadata=metadata(PORTAL_TOKEN, viewer),
            )
            assert victim not in [i.candidate_id for i in response.items]
        # The victim's own decision is still explainable, numbers intact, texts gone.
        why = await server.client.matches.ExplainRecommendation(
            match_service_pb2.ExplainRecommendationRequest(
                decision_id=own.decision_id, candidate_id=own.items[0].candidate_id
            ),
            metadata=metadata(ADMIN_TOKEN),
        )
        assert why.subject_id.startswith("erased:") and why.score == own.items[0].score
        assert (
            abs(
                sum(f.contribution for f in why.factors)
                + sum(a.contribution for a in why.adjustments)
                - why.score
            )
            < 1e-6
        )
        assert all(e == "[erased]" for f in why.factors for e in f.evidence)
        open_card = server.runtime.repositories.profiles._cipher.open  # type: ignore[attr-defined]
    finally:
        await stop_server(server)
    needles = secrets_of(victim)
    hits = scan_database(own_dir, open_card, needles)
    # The one place that must name the erased user: the notices telling recipients to delete the
    # card. Their owner id is sealed for the recipient, so it shows only when decrypted on purpose.
    assert hits == {}
    raw = b"".join(p.read_bytes() for p in own_dir.rglob("*") if p.is_file())
    assert [n for n in needles if n.encode("utf-8") in raw] == []
    assert [n for n in needles if n in caplog.text] == []


async def test_export_round_trip_masks_identity_numbers(
    running: Running, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    buyer = make_profile("pur-x", contact={"notes": "Prefers WeChat"})
    buyer.preferences.share_contact_card = True
    seller = make_profile("exh-x", common_pb2.ROLE_EXHIBITOR)
    seller.preferences.share_contact_card = True
    for profile in (buyer, seller):
        await running.client.profiles.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata()
        )
    md = metadata(PORTAL_TOKEN, "pur-x")
    response = await running.client.matches.RecommendExhibitors(
        match_service_pb2.RecommendRequest(subject_id="pur-x", include_contact_cards=True), metadata=md
    )
    await running.client.matches.RecordFeedback(
        match_service_pb2.RecordFeedbackRequest(
            decision_id=response.decision_id,
            candidate_id="exh-x",
            action=common_pb2.FEEDBACK_ACTION_REQUEST_MEETING,
        ),
        metadata=md,
    )
    seller_view = await running.client.matches.RecommendPurchasers(
        match_service_pb2.RecommendRequest(subject_id="exh-x"), metadata=metadata(PORTAL_TOKEN, "exh-x")
    )
    await running.client.privacy.GetContactCard(
        privacy_service_pb2.GetContactCardRequest(owner_id="pur-x"), metadata=metadata(PORTAL_TOKEN, "exh-x")
    )
    export = await running.client.privacy.ExportPersonalData(
        privacy_service_pb2.ExportPersonalDataRequest(profile_id="pur-x"), metadata=md
    )
    stored = export.profile
    assert (stored.id, stored.seeking, stored.organization, list(stored.categories)) == (
        "pur-x",
        buyer.seeking,
        buyer.organization,
        list(buyer.categories),
    )
    assert not stored.HasField("contact")
    assert export.preferences.share_contact_card is True
    assert export.contact.name == "Li Wei" and export.contact.email == buyer.contact.email
    assert export.contact.id_number == "*" * 14 + "002X" and export.contact.passport_number == "*****5678"
    assert export.contact.notes == "Prefers WeChat" and export.contact.birth_date == "1980-05-17"
    assert [d.decision_id for d in export.decisions] == [response.decision_id]
    assert list(export.decisions[0].candidate_ids) == ["exh-x"]
    assert [(f.candidate_id, f.action) for f in export.feedback] == [
        ("exh-x", common_pb2.FEEDBACK_ACTION_REQUEST_MEETING)
    ]
    assert [d.owner_id for d in export.disclosures_in] == ["exh-x"]
    assert [(d.recipient_id, d.decision_id) for d in export.disclosures_out] == [("exh-x", "")]
    assert seller_view.items[0].candidate_id == "pur-x"
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await running.client.privacy.ExportPersonalData(
            privacy_service_pb2.ExportPersonalDataRequest(profile_id="pur-x"),
            metadata=metadata(PORTAL_TOKEN, "exh-x"),
        )
    assert info.value.code() == grpc.StatusCode.PERMISSION_DENIED
    # The command writes the same document.
    settings = running.runtime.settings
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("MATCHMAKER_DATA_DIR", str(settings.data_dir))
    monkeypatch.setattr("matchmaker.runtime.load_embedder", lambda _settings: HashingEmbedder())
    assert cli.main(["export", "pur-x", "--output", str(tmp_path / "x.json")]) == 0
    written = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    assert written == json_format.MessageToDict(export)
    assert cli.main(["export", "pur-none"]) == 1


async def test_correction_reembeds_only_what_changed_and_survives_restart(own_dir: Path) -> None:
    subject = PLAIN_PURCHASERS[7]
    embedder = HashingEmbedder()
    server = await start_server(make_settings(own_dir), embedder)
    md = metadata(PORTAL_TOKEN, subject)
    try:
        before = [
            i.candidate_id
            for i in (
                await server.client.matches.RecommendExhibitors(
                    match_service_pb2.RecommendRequest(subject_id=subject, limit=10), metadata=md
                )
            ).items
        ]
        profile = await server.client.profiles.GetProfile(
            profile_service_pb2.GetProfileRequest(profile_id=subject), metadata=md
        )
        old_seeking = profile.seeking
        profile.seeking = "multi-parameter patient monitors and gynaecological examination chairs"
        cache = server.runtime.repositories.embeddings
        version = embedder.model_version
        from matchmaker.embedding.embedder import text_hash

        assert cache.get_many(version, [text_hash(old_seeking)])
        calls = embedder.calls
        await server.client.profiles.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=md
        )
        assert embedder.calls == calls + 1, "one batch: only the new texts"
        assert not cache.get_many(version, [text_hash(old_seeking)]), "the old text's vector left the cache"
        after = await server.client.matches.RecommendExhibitors(
            match_service_pb2.RecommendRequest(subject_id=subject, limit=10), metadata=md
        )
        after_ids = [i.candidate_id for i in after.items]
        assert after_ids != before
        assert "exh-0200" in after_ids[:3], "the one exhibitor offering exactly that now ranks near the top"
    finally:
        await stop_server(server)
    server = await start_server(make_settings(own_dir), HashingEmbedder())
    try:
        again = await server.client.matches.RecommendExhibitors(
            match_service_pb2.RecommendRequest(subject_id=subject, limit=10), metadata=md
        )
        assert [i.candidate_id for i in again.items] == after_ids
    finally:
        await stop_server(server)


def test_retention_purge_removes_exactly_what_is_past_its_period(tmp_path: Path) -> None:
    now = [datetime(2026, 1, 1, tzinfo=UTC)]
    settings = make_settings(tmp_path)
    runtime = open_runtime(settings, lambda: now[0], embedder=HashingEmbedder())
    admin = Caller("ops", CallerRole.ADMIN)
    from matchmaker.api.convert import from_proto_profile

    for profile in (make_profile("pur-1"), make_profile("exh-1", common_pb2.ROLE_EXHIBITOR)):
        write = from_proto_profile(profile)
        runtime.engine.upsert_profile(admin, write)
    runtime.engine.update_preferences(
        admin,
        "exh-1",
        from_proto_profile(make_profile("exh-1", common_pb2.ROLE_EXHIBITOR)).preferences.__class__(
            share_contact_card=True
        ),
    )
    stamps = {}
    for days in (0, 100, 200, 300, 400):
        now[0] = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=days)
        page = runtime.engine.recommend(
            admin, RecommendQuery("pur-1", Role.EXHIBITOR, include_contact_cards=True)
        )
        runtime.repositories.feedback.add(
            FeedbackEvent(page.decision_id, "pur-1", "exh-1", FeedbackAction.SAVE, now[0])
        )
        stamps[days] = page.decision_id
    now[0] = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=500)
    report = runtime.engine.purge()
    # Decisions 180 days: those of days 0, 100, 200, 300 are older than day 320. Feedback 365 days:
    # days 0 and 100 are older than day 135. Disclosures 730 days: none.
    assert (report.decisions, report.feedback, report.notices, report.disclosures) == (4, 2, 0, 0)
    assert [runtime.repositories.decisions.get(stamps[d]) is None for d in (0, 100, 200, 300, 400)] == [
        True
    ] * 4 + [False]
    assert len(runtime.repositories.feedback.for_subject("pur-1")) == 3
    # Erasure notices: 90 days.
    runtime.engine.erase(admin, "exh-1")
    assert runtime.engine.erasure_notices(admin, "pur-1")
    now[0] += timedelta(days=91)
    assert runtime.engine.purge().notices == 1
    assert runtime.engine.erasure_notices(admin, "pur-1") == []
    runtime.close()


async def test_a_stored_minor_without_consent_never_appears_nor_receives(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    from matchmaker.api.convert import from_proto_profile

    runtime = open_runtime(settings, embedder=HashingEmbedder())
    # Stored before the rule (or the age limit) changed: written past the validation on purpose.
    for profile in (
        make_profile("pur-1"),
        make_profile("exh-1", common_pb2.ROLE_EXHIBITOR),
        make_profile("exh-minor", common_pb2.ROLE_EXHIBITOR, contact={"birth_date": "2016-03-01"}),
        make_profile("pur-minor", contact={"birth_date": "2016-03-01"}),
    ):
        runtime.repositories.profiles.upsert(from_proto_profile(profile), datetime.now(UTC))
    runtime.close()
    server = await start_server(settings, HashingEmbedder())
    try:
        response = await server.client.matches.RecommendExhibitors(
            match_service_pb2.RecommendRequest(subject_id="pur-1"), metadata=metadata(PORTAL_TOKEN, "pur-1")
        )
        assert [i.candidate_id for i in response.items] == ["exh-1"]
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await server.client.matches.RecommendExhibitors(
                match_service_pb2.RecommendRequest(subject_id="pur-minor"),
                metadata=metadata(PORTAL_TOKEN, "pur-minor"),
            )
        assert info.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        # Making a stored adult a minor without consent is refused.
        adult = make_profile("pur-1", contact={"birth_date": "2016-03-01"})
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await server.client.profiles.UpsertProfile(
                profile_service_pb2.UpsertProfileRequest(profile=adult), metadata=metadata()
            )
        assert info.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    finally:
        await stop_server(server)
