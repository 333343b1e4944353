"""The server as a process: ready line, durability after SIGKILL, graceful SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from matchmaker.api._gen.matchmaker.v1 import profile_service_pb2, profile_service_pb2_grpc
from tests.support import make_profile, metadata, write_tokens


class ServerProcess:
    def __init__(self, tmp_path: Path) -> None:
        self.env = {
            **os.environ,
            "MATCHMAKER_LISTEN": "127.0.0.1:0",
            "MATCHMAKER_DATABASE_URL": f"sqlite:///{tmp_path / 'mm.db'}",
            "MATCHMAKER_DATA_DIR": str(tmp_path / "var"),
            "MATCHMAKER_TOKENS_FILE": str(write_tokens(tmp_path / "tokens.json")),
        }
        self.cwd = tmp_path
        self.process: subprocess.Popen[str] | None = None
        self.address = ""

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "matchmaker.cli", "serve"],
            env=self.env,
            cwd=self.cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stdout is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if line.startswith("ready "):
                self.address = line.split()[1]
                return
            if not line and self.process.poll() is not None:
                break
        raise AssertionError("the server never printed its ready line")

    def stop(self, signum: int) -> int:
        assert self.process is not None
        self.process.send_signal(signum)
        return self.process.wait(timeout=60)

    def channel(self) -> grpc.Channel:
        return grpc.insecure_channel(self.address)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    process = ServerProcess(tmp_path)
    yield process
    if process.process is not None and process.process.poll() is None:
        process.process.kill()
        process.process.wait()


def test_ready_line_names_the_bound_port(server: ServerProcess) -> None:
    server.start()
    host, port = server.address.rsplit(":", 1)
    assert host == "127.0.0.1" and int(port) > 0


def test_acknowledged_upsert_survives_sigkill(server: ServerProcess) -> None:
    server.start()
    with server.channel() as channel:
        stub = profile_service_pb2_grpc.ProfileServiceStub(channel)
        answer = stub.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(
                profile=make_profile("pur-durable", seeking="durable goods")
            ),
            metadata=metadata(),
            timeout=10,
        )
        assert answer.created
    assert server.stop(signal.SIGKILL) == -signal.SIGKILL
    server.start()
    with server.channel() as channel:
        stub = profile_service_pb2_grpc.ProfileServiceStub(channel)
        got = stub.GetProfile(
            profile_service_pb2.GetProfileRequest(profile_id="pur-durable"), metadata=metadata(), timeout=10
        )
    assert got.seeking == "durable goods" and got.version == 1


def test_sigterm_lets_an_in_flight_stream_finish(server: ServerProcess) -> None:
    server.start()
    sent_half = threading.Event()
    count = 60

    def requests() -> Iterator[profile_service_pb2.UpsertProfileRequest]:
        for i in range(count):
            if i == count // 2:
                sent_half.set()
                time.sleep(1.0)  # SIGTERM arrives while the stream is still open
            yield profile_service_pb2.UpsertProfileRequest(profile=make_profile(f"pur-{i}"))

    with server.channel() as channel:
        stub = profile_service_pb2_grpc.ProfileServiceStub(channel)
        future = stub.BulkUpsertProfiles.future(requests(), metadata=metadata(), timeout=30)
        assert sent_half.wait(10)
        assert server.process is not None
        server.process.send_signal(signal.SIGTERM)
        answer = future.result()
    assert (answer.upserted, answer.failed) == (count, 0)
    assert server.process.wait(timeout=30) == 0
    server.start()
    with server.channel() as channel:
        stub = profile_service_pb2_grpc.ProfileServiceStub(channel)
        got = stub.GetProfile(
            profile_service_pb2.GetProfileRequest(profile_id=f"pur-{count - 1}"),
            metadata=metadata(),
            timeout=10,
        )
    assert got.id == f"pur-{count - 1}"


def test_bad_setting_fails_at_start_with_a_clear_message(tmp_path: Path) -> None:
    env = {**os.environ, "MATCHMAKER_LISTEN": "no-port-here", "MATCHMAKER_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "matchmaker.cli", "serve"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "MATCHMAKER_LISTEN" in result.stderr and "HOST:PORT" in result.stderr


def test_every_acknowledged_decision_is_explained_after_sigkill(server: ServerProcess) -> None:
    from matchmaker.api._gen.matchmaker.v1 import common_pb2, match_service_pb2, match_service_pb2_grpc

    server.start()
    offers = ["frozen salmon and cod fillets", "olive oil and balsamic vinegar", "industrial robot arms"]
    needs = ["frozen seafood for supermarkets", "cooking oils for restaurants", "factory automation robots"]
    received: list[tuple[str, str, float]] = []
    with server.channel() as channel:
        profiles = profile_service_pb2_grpc.ProfileServiceStub(channel)
        matches = match_service_pb2_grpc.MatchServiceStub(channel)
        for i, (offer, need) in enumerate(zip(offers, needs, strict=True)):
            exhibitor = make_profile(f"exh-{i}", common_pb2.ROLE_EXHIBITOR, offering=offer)
            purchaser = make_profile(f"pur-{i}", seeking=need)
            for profile in (exhibitor, purchaser):
                profiles.UpsertProfile(
                    profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata(), timeout=60
                )
        for i in range(3):
            for _ in range(2):
                response = matches.RecommendExhibitors(
                    match_service_pb2.RecommendRequest(subject_id=f"pur-{i}"), metadata=metadata(), timeout=60
                )
                received += [(response.decision_id, item.candidate_id, item.score) for item in response.items]
    assert len({r[0] for r in received}) == 6
    assert server.stop(signal.SIGKILL) == -signal.SIGKILL
    server.start()
    with server.channel() as channel:
        matches = match_service_pb2_grpc.MatchServiceStub(channel)
        for decision_id, candidate_id, score in received:
            why = matches.ExplainRecommendation(
                match_service_pb2.ExplainRecommendationRequest(
                    decision_id=decision_id, candidate_id=candidate_id
                ),
                metadata=metadata(),
                timeout=30,
            )
            assert why.score == score


def test_client_commands_recommend_explain_and_get_profile(
    server: ServerProcess, capsys: pytest.CaptureFixture[str]
) -> None:
    from matchmaker import cli
    from matchmaker.api._gen.matchmaker.v1 import common_pb2
    from tests.support import ADMIN_TOKEN, PORTAL_TOKEN

    server.start()
    with server.channel() as channel:
        profiles = profile_service_pb2_grpc.ProfileServiceStub(channel)
        for profile in (
            make_profile("pur-1", seeking="frozen salmon for supermarkets"),
            make_profile("exh-1", common_pb2.ROLE_EXHIBITOR, offering="frozen Atlantic salmon fillets"),
            make_profile("exh-2", common_pb2.ROLE_EXHIBITOR, offering="industrial robot arms"),
        ):
            profiles.UpsertProfile(
                profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata(), timeout=60
            )
    client = ["--address", server.address, "--token", PORTAL_TOKEN, "--user", "pur-1"]
    assert cli.main(["recommend", "pur-1", *client]) == 0
    out = capsys.readouterr().out
    decision_id = out.split()[1]
    assert "exh-1" in out and "exh-2" in out and out.index("exh-1") < out.index("exh-2")
    assert cli.main(["explain", decision_id, "exh-1", *client]) == 0
    out = capsys.readouterr().out
    assert "seeking_vs_offering" in out and "score" in out and "ContestDecision" in out
    assert cli.main(["get-profile", "exh-1", "--address", server.address, "--token", ADMIN_TOKEN]) == 0
    assert '"offering": "frozen Atlantic salmon fillets"' in capsys.readouterr().out
    assert (
        cli.main(
            [
                "explain",
                decision_id,
                "exh-1",
                "--address",
                server.address,
                "--token",
                PORTAL_TOKEN,
                "--user",
                "pur-2",
            ]
        )
        == 1
    )
    assert "PERMISSION_DENIED" in capsys.readouterr().err
