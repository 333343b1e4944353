"""TLS and mTLS on the gRPC port, with real TLS channels and certificates made by the tests."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import grpc
import pytest
import pytest_asyncio

from matchmaker.api._gen.matchmaker.v1 import match_service_pb2, match_service_pb2_grpc
from matchmaker.api.auth import load_tokens
from matchmaker.api.server import Service, create_server
from matchmaker.api.tls import channel_credentials
from matchmaker.config import Settings
from matchmaker.runtime import Runtime, open_runtime
from tests.certificates import Authority, Issued
from tests.support import ADMIN_TOKEN, ROOT, HashingEmbedder, make_settings, metadata


class Certificates:
    def __init__(self, folder: Path) -> None:
        self.ca = Authority(folder, "matchmaker-test-ca")
        self.server = self.ca.issue("server", server=True)
        self.client = self.ca.issue("portal-backend", server=False)
        self.stranger = Authority(folder, "other-ca").issue("stranger", server=False)


@pytest.fixture
def certs(tmp_path: Path) -> Certificates:
    folder = tmp_path / "pki"
    folder.mkdir()
    return Certificates(folder)


async def serve(settings: Settings) -> tuple[Service, Runtime]:
    runtime = open_runtime(settings, embedder=HashingEmbedder())
    tokens, _ = load_tokens(settings.tokens_file, settings.data_dir)
    return await create_server(settings, "127.0.0.1:0", runtime, tokens), runtime


@pytest_asyncio.fixture
async def tls_server(tmp_path: Path, certs: Certificates) -> AsyncIterator[Service]:
    settings = make_settings(tmp_path, tls_cert_file=certs.server.cert, tls_key_file=certs.server.key)
    service, runtime = await serve(settings)
    yield service
    await service.stop(0)
    runtime.close()


@pytest_asyncio.fixture
async def mtls_server(tmp_path: Path, certs: Certificates) -> AsyncIterator[Service]:
    settings = make_settings(
        tmp_path,
        tls_cert_file=certs.server.cert,
        tls_key_file=certs.server.key,
        tls_client_ca_file=certs.ca.cert,
    )
    service, runtime = await serve(settings)
    yield service
    await service.stop(0)
    runtime.close()


async def parameters(
    port: int, credentials: grpc.ChannelCredentials | None
) -> match_service_pb2.RankingParameters:
    address = f"127.0.0.1:{port}"
    channel = (
        grpc.aio.secure_channel(address, credentials) if credentials else grpc.aio.insecure_channel(address)
    )
    async with channel:
        stub = match_service_pb2_grpc.MatchServiceStub(channel)
        return await stub.GetRankingParameters(
            match_service_pb2.GetRankingParametersRequest(), metadata=metadata(), timeout=10
        )


async def test_a_tls_call_succeeds_and_plaintext_is_refused(tls_server: Service, certs: Certificates) -> None:
    answer = await parameters(tls_server.port, channel_credentials(ca=certs.ca.cert))
    assert answer.factors
    with pytest.raises(grpc.aio.AioRpcError) as plaintext:
        await parameters(tls_server.port, None)
    assert plaintext.value.code() == grpc.StatusCode.UNAVAILABLE


async def test_a_client_must_trust_the_servers_ca(
    tls_server: Service, certs: Certificates, tmp_path: Path
) -> None:
    other = Authority(tmp_path / "pki", "untrusted-root")
    with pytest.raises(grpc.aio.AioRpcError) as untrusted:
        await parameters(tls_server.port, channel_credentials(ca=other.cert))
    assert untrusted.value.code() == grpc.StatusCode.UNAVAILABLE


async def test_an_mtls_call_with_a_client_certificate_succeeds(
    mtls_server: Service, certs: Certificates
) -> None:
    credentials = channel_credentials(ca=certs.ca.cert, cert=certs.client.cert, key=certs.client.key)
    answer = await parameters(mtls_server.port, credentials)
    assert answer.factors


@pytest.mark.parametrize("who", ["no certificate", "a certificate of another CA"])
async def test_mtls_refuses_a_client_without_a_certificate_of_its_ca(
    mtls_server: Service, certs: Certificates, who: str
) -> None:
    client: Issued | None = certs.stranger if who != "no certificate" else None
    credentials = channel_credentials(
        ca=certs.ca.cert, cert=client.cert if client else None, key=client.key if client else None
    )
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await parameters(mtls_server.port, credentials)
    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE


async def test_cli_client_commands_speak_mtls(mtls_server: Service, certs: Certificates) -> None:
    base = [sys.executable, "-m", "matchmaker.cli", "ranking-parameters", "--json", "--token", ADMIN_TOKEN]
    base += ["--address", f"127.0.0.1:{mtls_server.port}", "--ca", str(certs.ca.cert)]
    ok = await asyncio.to_thread(
        subprocess.run,
        [*base, "--cert", str(certs.client.cert), "--key", str(certs.client.key)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["factors"]
    refused = await asyncio.to_thread(
        subprocess.run, base, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert refused.returncode == 1 and "UNAVAILABLE" in refused.stderr


def test_tls_settings_go_in_pairs(tmp_path: Path, certs: Certificates) -> None:
    with pytest.raises(ValueError, match="MATCHMAKER_TLS_CERT_FILE and MATCHMAKER_TLS_KEY_FILE"):
        make_settings(tmp_path, tls_cert_file=certs.server.cert)
    with pytest.raises(ValueError, match="MATCHMAKER_TLS_CLIENT_CA_FILE needs"):
        make_settings(tmp_path, tls_client_ca_file=certs.ca.cert)


async def test_an_unreadable_certificate_stops_the_start_naming_the_variable(
    tmp_path: Path, certs: Certificates
) -> None:
    settings = make_settings(tmp_path, tls_cert_file=tmp_path / "missing.crt", tls_key_file=certs.server.key)
    runtime = open_runtime(settings, embedder=HashingEmbedder())
    try:
        tokens, _ = load_tokens(settings.tokens_file, settings.data_dir)
        with pytest.raises(ValueError, match="MATCHMAKER_TLS_CERT_FILE"):
            await create_server(settings, "127.0.0.1:0", runtime, tokens)
    finally:
        runtime.close()
