"""Operations end to end over real channels: metrics, health at start-up, rate limits, audit, status, tracing."""

from __future__ import annotations

import asyncio
import logging
import re
import urllib.request
from pathlib import Path

import grpc
import pytest
from google.rpc import error_details_pb2  # type: ignore[import-untyped]
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from matchmaker.api._gen.matchmaker.v1 import (
    common_pb2,
    match_service_pb2,
    operations_service_pb2,
    operations_service_pb2_grpc,
    privacy_service_pb2,
    profile_service_pb2,
)
from matchmaker.api.auth import load_tokens
from matchmaker.api.server import create_server
from matchmaker.domain import AuditAction
from matchmaker.logcontext import RequestIdFilter
from matchmaker.runtime import open_runtime
from matchmaker.storage.audit import AuditRepository
from tests.support import (
    ADMIN_TOKEN,
    PORTAL_TOKEN,
    Client,
    HashingEmbedder,
    Running,
    make_profile,
    make_settings,
    metadata,
    start_server,
    stop_server,
)

PURCHASER = "pur-00001"


def scrape(running: Running) -> str:
    endpoint = running.service.metrics_endpoint
    assert endpoint is not None
    with urllib.request.urlopen(endpoint.url, timeout=10) as answer:
        return str(answer.read().decode())


def sample(text: str, name: str, **labels: str) -> float | None:
    """The value of one sample of the exposition text, or None when it is absent."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.partition(" ")[0]))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return None


async def test_metrics_count_ok_and_invalid_argument_calls_of_recommend_exhibitors(own_dir: Path) -> None:
    running = await start_server(make_settings(own_dir, metrics_listen="127.0.0.1:0"), HashingEmbedder())
    try:
        for _ in range(3):
            await running.client.matches.RecommendExhibitors(
                match_service_pb2.RecommendRequest(subject_id=PURCHASER, limit=5),
                metadata=metadata(PORTAL_TOKEN, PURCHASER),
                timeout=30,
            )
        with pytest.raises(grpc.aio.AioRpcError) as bad:
            await running.client.matches.RecommendExhibitors(
                match_service_pb2.RecommendRequest(subject_id=PURCHASER, limit=1000),
                metadata=metadata(PORTAL_TOKEN, PURCHASER),
                timeout=30,
            )
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        text = scrape(running)
    finally:
        await stop_server(running)
    method = {"grpc_type": "unary", "grpc_service": "matchmaker.v1.MatchService"}
    method["grpc_method"] = "RecommendExhibitors"
    assert sample(text, "grpc_server_started_total", **method) == 4
    assert sample(text, "grpc_server_handled_total", **method, grpc_code="OK") == 3
    assert sample(text, "grpc_server_handled_total", **method, grpc_code="INVALID_ARGUMENT") == 1
    assert sample(text, "grpc_server_handling_seconds_count", **method) == 4
    assert sample(text, "grpc_server_handling_seconds_bucket", **method, le="+Inf") == 4
    # Domain metrics, by side and mode; the change log caught up.
    assert sample(text, "matchmaker_catalog_profiles", side="exhibitor") == 320
    assert sample(text, "matchmaker_catalog_profiles", side="purchaser") == 2100
    assert sample(text, "matchmaker_decisions_recorded_total", direction="purchaser_to_exhibitors") == 3
    assert sample(text, "matchmaker_recommendations_total", personalized="true") == 3
    assert (sample(text, "matchmaker_change_position") or 0) > 0
    assert sample(text, "matchmaker_change_lag") == 0
    assert sample(text, "matchmaker_decision_log_queue_depth") == 0
    assert sample(text, "matchmaker_embedding_cache_hits_total") is not None
    # No user id, name or number in any label value.
    values = set(re.findall(r'="([^"]*)"', text))
    assert not any(re.search(r"(pur|exh)-\d", v) for v in values), values


async def test_metrics_count_redactions_by_kind_and_erasures(tmp_path: Path) -> None:
    running = await start_server(make_settings(tmp_path, metrics_listen="127.0.0.1:0"), HashingEmbedder())
    try:
        note = "passport E12345678 for the visa"
        exhibitor = make_profile("exh-1", role=common_pb2.ROLE_EXHIBITOR, contact={"notes": note})
        exhibitor.preferences.share_contact_card = True
        await running.client.profiles.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(profile=exhibitor), metadata=metadata(), timeout=30
        )
        await running.client.profiles.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(profile=make_profile("pur-1")),
            metadata=metadata(),
            timeout=30,
        )
        answer = await running.client.matches.RecommendExhibitors(
            match_service_pb2.RecommendRequest(subject_id="pur-1", include_contact_cards=True),
            metadata=metadata(PORTAL_TOKEN, "pur-1"),
            timeout=30,
        )
        kinds = [r.kind for item in answer.items for r in item.contact_card.redactions]
        await running.client.privacy.ErasePersonalData(
            privacy_service_pb2.ErasePersonalDataRequest(profile_id="exh-1"), metadata=metadata(), timeout=30
        )
        text = scrape(running)
    finally:
        await stop_server(running)
    assert kinds, "the card's notes name a passport number"
    for kind in set(kinds):
        assert sample(text, "matchmaker_redactions_total", kind=kind) == kinds.count(kind)
    assert sample(text, "matchmaker_erasures_total") == 1
    assert "E12345678" not in text and "Li Wei" not in text


async def test_metrics_endpoint_serves_only_metrics_path(tmp_path: Path) -> None:
    running = await start_server(make_settings(tmp_path, metrics_listen="127.0.0.1:0"), HashingEmbedder())
    try:
        endpoint = running.service.metrics_endpoint
        assert endpoint is not None
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(endpoint.url.replace("/metrics", "/other"), timeout=10)
        assert missing.value.code == 404
    finally:
        await stop_server(running)


async def test_no_metrics_endpoint_unless_configured(running: Running) -> None:
    assert running.service.metrics_endpoint is None and running.service.metrics is None


async def test_health_is_not_serving_until_the_catalogs_are_ready(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    runtime = open_runtime(settings, embedder=HashingEmbedder(), start=False)
    tokens, _ = load_tokens(settings.tokens_file, settings.data_dir)
    service = await create_server(settings, "127.0.0.1:0", runtime, tokens, ready=False)
    client = Client.connect(f"127.0.0.1:{service.port}")
    health = health_pb2_grpc.HealthStub(client.channel)
    try:
        watch = health.Watch(health_pb2.HealthCheckRequest(service=""), timeout=30)
        first = await watch.read()
        assert first.status == health_pb2.HealthCheckResponse.NOT_SERVING
        checked = await health.Check(
            health_pb2.HealthCheckRequest(service="matchmaker.v1.MatchService"), timeout=10
        )
        assert checked.status == health_pb2.HealthCheckResponse.NOT_SERVING
        # Calls wait for the catalogs: UNAVAILABLE (retryable) until then.
        with pytest.raises(grpc.aio.AioRpcError) as early:
            await client.matches.GetRankingParameters(
                match_service_pb2.GetRankingParametersRequest(), metadata=metadata(), timeout=10
            )
        assert early.value.code() == grpc.StatusCode.UNAVAILABLE
        await asyncio.get_running_loop().run_in_executor(service.executor, runtime.engine.start)
        await service.set_ready()
        second = await watch.read()
        assert second.status == health_pb2.HealthCheckResponse.SERVING
        watch.cancel()
        await client.matches.GetRankingParameters(
            match_service_pb2.GetRankingParametersRequest(), metadata=metadata(), timeout=10
        )
        await service.stop(0)
        assert service.health_status == "NOT_SERVING"
    finally:
        await client.channel.close()
        runtime.close()


async def test_rate_limit_answers_resource_exhausted_with_retry_info(tmp_path: Path) -> None:
    running = await start_server(make_settings(tmp_path, rate_limit_per_client=2), HashingEmbedder())
    request = match_service_pb2.GetRankingParametersRequest()
    try:
        # A burst of one second's worth (2 calls) is admitted; the third is refused.
        for _ in range(2):
            await running.client.matches.GetRankingParameters(request, metadata=metadata(), timeout=10)
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await running.client.matches.GetRankingParameters(request, metadata=metadata(), timeout=10)
        # The limit is per client: another client still gets through.
        await running.client.matches.GetRankingParameters(
            request, metadata=metadata(PORTAL_TOKEN), timeout=10
        )
        error = refused.value
        assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
        status = rpc_status.from_call(error)
        assert status is not None
        infos = [d for d in status.details if d.Is(error_details_pb2.RetryInfo.DESCRIPTOR)]
        assert len(infos) == 1
        retry = error_details_pb2.RetryInfo()
        infos[0].Unpack(retry)
        delay = retry.retry_delay.ToTimedelta().total_seconds()
        assert 0 < delay <= 0.5
        await asyncio.sleep(delay + 0.05)
        await running.client.matches.GetRankingParameters(request, metadata=metadata(), timeout=10)
    finally:
        await stop_server(running)


async def test_every_admin_call_leaves_an_audit_entry_and_erasure_only_its_tombstone(tmp_path: Path) -> None:
    running = await start_server(make_settings(tmp_path), HashingEmbedder())
    client = running.client
    try:

        async def stream():  # type: ignore[no-untyped-def]
            for i in range(3):
                yield profile_service_pb2.UpsertProfileRequest(profile=make_profile(f"pur-{i}"))
            yield profile_service_pb2.UpsertProfileRequest(profile=make_profile("bad id!"))

        bulk = await client.profiles.BulkUpsertProfiles(stream(), metadata=metadata(), timeout=30)
        assert (bulk.upserted, bulk.failed) == (3, 1)
        await client.privacy.ExportPersonalData(
            privacy_service_pb2.ExportPersonalDataRequest(profile_id="pur-0"), metadata=metadata(), timeout=30
        )
        await client.profiles.DeleteProfile(
            profile_service_pb2.DeleteProfileRequest(profile_id="pur-1"), metadata=metadata(), timeout=30
        )
        await client.privacy.ErasePersonalData(
            privacy_service_pb2.ErasePersonalDataRequest(profile_id="pur-0"),
            metadata=metadata(PORTAL_TOKEN, "pur-0"),
            timeout=30,
        )
        entries = AuditRepository(running.runtime.db).entries()
    finally:
        await stop_server(running)
    assert [(e.client, e.action) for e in entries] == [
        ("ops", AuditAction.BULK_IMPORT),
        ("ops", AuditAction.EXPORT),
        ("ops", AuditAction.DELETION),
        ("portal-web", AuditAction.ERASURE),
    ]
    bulk_entry, export_entry, deletion, erasure = entries
    assert bulk_entry.detail == {"upserted": 3, "failed": 1}
    # Both erased users are gone from the log: their entries name only the tombstones.
    tomb_1, tomb_0 = deletion.ids[0], erasure.ids[0]
    assert tomb_0.startswith("erased:") and tomb_1.startswith("erased:") and tomb_0 != tomb_1
    assert bulk_entry.ids == (tomb_0, tomb_1, "pur-2")
    assert export_entry.ids == (tomb_0,)
    assert deletion.ids == (tomb_1,) and erasure.ids == (tomb_0,)
    assert all("pur-0" not in e.ids and "pur-1" not in e.ids for e in entries)
    assert all(e.at.tzinfo is not None for e in entries)


async def test_server_status_reports_catalogs_positions_and_versions(demo_dir: Path) -> None:
    running = await start_server(make_settings(demo_dir), HashingEmbedder())
    try:
        stub = operations_service_pb2_grpc.OperationsServiceStub(running.client.channel)
        status = await stub.GetServerStatus(
            operations_service_pb2.GetServerStatusRequest(), metadata=metadata(), timeout=10
        )
        with pytest.raises(grpc.aio.AioRpcError) as portal:
            await stub.GetServerStatus(
                operations_service_pb2.GetServerStatusRequest(), metadata=metadata(PORTAL_TOKEN), timeout=10
            )
    finally:
        await stop_server(running)
    assert portal.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert status.health == "SERVING"
    assert (status.exhibitors, status.purchasers) == (320, 2100)
    assert status.change_position == status.indexed_position > 0
    assert status.model_version == HashingEmbedder.model_version
    assert status.weights_version == running.runtime.engine.weights.version
    assert not status.tls and status.rate_limit_per_client == 0


async def test_spans_for_every_rpc_when_tracing_is_on(tmp_path: Path) -> None:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    settings = make_settings(tmp_path)
    runtime = open_runtime(settings, embedder=HashingEmbedder())
    tokens, _ = load_tokens(settings.tokens_file, settings.data_dir)
    service = await create_server(settings, "127.0.0.1:0", runtime, tokens, tracing=provider)
    client = Client.connect(f"127.0.0.1:{service.port}")
    try:
        call = client.matches.GetRankingParameters(
            match_service_pb2.GetRankingParametersRequest(), metadata=metadata(), timeout=10
        )
        await call
        request_id = dict(await call.initial_metadata())["x-request-id"]
        with pytest.raises(grpc.aio.AioRpcError):
            await client.profiles.GetProfile(
                profile_service_pb2.GetProfileRequest(profile_id="nobody"), metadata=metadata(), timeout=10
            )
    finally:
        await client.channel.close()
        await service.stop(0)
        runtime.close()
    spans = {s.name: s for s in exporter.get_finished_spans()}
    assert set(spans) >= {
        "/matchmaker.v1.MatchService/GetRankingParameters",
        "/matchmaker.v1.ProfileService/GetProfile",
    }
    assert spans["/matchmaker.v1.MatchService/GetRankingParameters"].attributes is not None
    assert spans["/matchmaker.v1.MatchService/GetRankingParameters"].attributes["matchmaker.request_id"] == (
        request_id
    )


async def test_every_log_line_of_a_call_carries_its_request_id(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.INFO):
        call = running.client.profiles.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(profile=make_profile("pur-7")),
            metadata=(*metadata(), ("x-request-id", "portal-req-42")),
            timeout=30,
        )
        await call
        sent_back = dict(await call.initial_metadata())["x-request-id"]
        other = running.client.profiles.GetProfile(
            profile_service_pb2.GetProfileRequest(profile_id="pur-7"),
            metadata=(*metadata(), ("x-request-id", "not a plain id; drop it")),
            timeout=30,
        )
        await other
        fresh = dict(await other.initial_metadata())["x-request-id"]
    assert sent_back == "portal-req-42"
    assert re.fullmatch(r"[0-9a-f]{16}", fresh)
    upserted = [r for r in caplog.records if r.getMessage() == "profile upserted"]
    assert upserted and all(getattr(r, "request_id", None) == "portal-req-42" for r in upserted)


async def test_status_answers_while_starting(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    runtime = open_runtime(settings, embedder=HashingEmbedder(), start=False)
    tokens, _ = load_tokens(settings.tokens_file, settings.data_dir)
    service = await create_server(settings, "127.0.0.1:0", runtime, tokens, ready=False)
    client = Client.connect(f"127.0.0.1:{service.port}")
    try:
        stub = operations_service_pb2_grpc.OperationsServiceStub(client.channel)
        status = await stub.GetServerStatus(
            operations_service_pb2.GetServerStatusRequest(), metadata=metadata(ADMIN_TOKEN), timeout=10
        )
        assert status.health == "NOT_SERVING"
    finally:
        await client.channel.close()
        await service.stop(0)
        runtime.close()


async def test_the_servers_scheduled_purge_is_audited(running: Running) -> None:
    from matchmaker.api.server import _purge_periodically

    task = asyncio.create_task(
        _purge_periodically(running.runtime.settings, running.runtime, running.service)
    )
    try:
        for _ in range(100):
            entries = AuditRepository(running.runtime.db).entries(action=AuditAction.PURGE)
            if entries:
                break
            await asyncio.sleep(0.05)
    finally:
        task.cancel()
    assert [(e.client, e.ids) for e in entries] == [("server", ())]
    assert set(entries[0].detail) == {"decisions", "feedback", "notices", "disclosures"}
