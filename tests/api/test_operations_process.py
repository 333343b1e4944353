"""The server as a process: the metrics line, health on SIGTERM before the drain, token rotation on SIGHUP."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from matchmaker.api._gen.matchmaker.v1 import (
    match_service_pb2,
    match_service_pb2_grpc,
    profile_service_pb2,
    profile_service_pb2_grpc,
)
from tests.support import ADMIN_TOKEN, ROOT, make_profile, metadata, write_tokens


class Server:
    def __init__(self, tmp_path: Path, **env: str) -> None:
        self.tokens = write_tokens(tmp_path / "tokens.json")
        self.env = {
            **os.environ,
            "MATCHMAKER_LISTEN": "127.0.0.1:0",
            "MATCHMAKER_DATABASE_URL": f"sqlite:///{tmp_path / 'mm.db'}",
            "MATCHMAKER_DATA_DIR": str(tmp_path / "var"),
            "MATCHMAKER_TOKENS_FILE": str(self.tokens),
            **env,
        }
        self.cwd = tmp_path
        self.lines: list[str] = []
        self.address = ""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "matchmaker.cli", "serve"],
            env=self.env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line and self.process.poll() is not None:
                break
            self.lines.append(line.rstrip("\n"))
            if line.startswith("ready "):
                self.address = line.split()[1]
                return
        raise AssertionError(f"no ready line; printed {self.lines}")

    def channel(self) -> grpc.Channel:
        return grpc.insecure_channel(self.address)


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait()


def test_metrics_line_comes_before_the_ready_line_and_serves_metrics(
    tmp_path: Path, servers: list[Server]
) -> None:
    server = Server(tmp_path, MATCHMAKER_METRICS_LISTEN="127.0.0.1:0")
    servers.append(server)
    metrics = [line for line in server.lines if line.startswith("metrics ")]
    assert len(metrics) == 1
    assert server.lines.index(metrics[0]) < server.lines.index(f"ready {server.address}")
    url = metrics[0].split()[1]
    assert url.startswith("http://127.0.0.1:") and url.endswith("/metrics")
    with server.channel() as channel:
        match_service_pb2_grpc.MatchServiceStub(channel).GetRankingParameters(
            match_service_pb2.GetRankingParametersRequest(), metadata=metadata(), timeout=10
        )
    with urllib.request.urlopen(url, timeout=10) as answer:
        text = answer.read().decode()
    assert (
        'grpc_server_handled_total{grpc_code="OK",grpc_method="GetRankingParameters",'
        'grpc_service="matchmaker.v1.MatchService",grpc_type="unary"} 1.0'
    ) in text


def test_health_turns_not_serving_on_sigterm_before_in_flight_calls_drain(
    tmp_path: Path, servers: list[Server]
) -> None:
    server = Server(tmp_path)
    servers.append(server)
    release = threading.Event()
    count = 20

    def requests() -> Iterator[profile_service_pb2.UpsertProfileRequest]:
        for i in range(count):
            if i == count // 2:
                assert release.wait(30)  # the stream stays open until health said NOT_SERVING
            yield profile_service_pb2.UpsertProfileRequest(profile=make_profile(f"pur-{i}"))

    with server.channel() as channel, server.channel() as probe_channel:
        health = health_pb2_grpc.HealthStub(probe_channel)
        watch = health.Watch(health_pb2.HealthCheckRequest(service=""), timeout=60)
        assert next(watch).status == health_pb2.HealthCheckResponse.SERVING
        stub = profile_service_pb2_grpc.ProfileServiceStub(channel)
        future = stub.BulkUpsertProfiles.future(requests(), metadata=metadata(), timeout=60)
        time.sleep(0.5)  # the stream is in flight
        server.process.send_signal(signal.SIGTERM)
        assert next(watch).status == health_pb2.HealthCheckResponse.NOT_SERVING
        assert not future.done()
        release.set()
        answer = future.result()
        watch.cancel()
    assert (answer.upserted, answer.failed) == (count, 0)
    assert server.process.wait(timeout=30) == 0


def call_status(server: Server, token: str) -> grpc.StatusCode:
    with server.channel() as channel:
        try:
            match_service_pb2_grpc.MatchServiceStub(channel).GetRankingParameters(
                match_service_pb2.GetRankingParametersRequest(), metadata=metadata(token), timeout=10
            )
        except grpc.RpcError as exc:
            return exc.code()  # type: ignore[no-any-return]
    return grpc.StatusCode.OK


def test_sighup_rotates_tokens_without_a_restart(tmp_path: Path, servers: list[Server]) -> None:
    server = Server(tmp_path)
    servers.append(server)
    made = subprocess.run(
        [sys.executable, "-m", "matchmaker.cli", "token", "new", "--client", "ops-2", "--role", "admin"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=True,
    )
    new_token = made.stdout.splitlines()[0].removeprefix("token ")
    entry = json.loads(made.stdout.splitlines()[-1])
    assert set(entry) == {"token_sha256", "client", "role"} and new_token not in made.stdout.splitlines()[-1]
    assert call_status(server, new_token) == grpc.StatusCode.UNAUTHENTICATED
    # The file now holds only the new token's hash: the old admin token is removed.
    server.tokens.write_text(json.dumps({"tokens": [entry]}), encoding="utf-8")
    server.process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 10
    while call_status(server, new_token) != grpc.StatusCode.OK and time.monotonic() < deadline:
        time.sleep(0.1)
    assert call_status(server, new_token) == grpc.StatusCode.OK
    assert call_status(server, ADMIN_TOKEN) == grpc.StatusCode.UNAUTHENTICATED
    # A broken file keeps the tokens in force.
    server.tokens.write_text("{not json", encoding="utf-8")
    server.process.send_signal(signal.SIGHUP)
    time.sleep(0.5)
    assert call_status(server, new_token) == grpc.StatusCode.OK
    assert server.process.poll() is None


def test_status_command_reports_a_running_server(tmp_path: Path, servers: list[Server]) -> None:
    server = Server(tmp_path)
    servers.append(server)
    shown = subprocess.run(
        [
            sys.executable,
            "-m",
            "matchmaker.cli",
            "status",
            "--address",
            server.address,
            "--token",
            ADMIN_TOKEN,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert shown.returncode == 0, shown.stderr
    lines = dict(line.split(None, 1) for line in shown.stdout.splitlines())
    assert lines["health"] == "SERVING"
    assert lines["catalogs"] == "0 exhibitors, 0 purchasers"
    assert lines["changes"].startswith("position 0, indexed 0")
    assert lines["weights"].strip()
    assert "plaintext" in lines["server"]
