"""MATCHMAKER_PROCESSES=N: N serving processes on one port, each a replica (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from matchmaker.api._gen.matchmaker.v1 import (
    common_pb2,
    match_service_pb2,
    match_service_pb2_grpc,
    profile_service_pb2,
    profile_service_pb2_grpc,
)
from matchmaker.processes import metrics_address
from tests.support import make_profile, metadata, write_tokens

pytestmark = pytest.mark.timeout(600)


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout
    return [int(line) for line in out.split()]


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mm.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def supervisor(tmp_path: Path, database_url: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    env = {
        **os.environ,
        "MATCHMAKER_LISTEN": "127.0.0.1:0",
        "MATCHMAKER_DATABASE_URL": database_url,
        "MATCHMAKER_DATA_DIR": str(tmp_path / "var"),
        "MATCHMAKER_TOKENS_FILE": str(write_tokens(tmp_path / "tokens.json")),
        "MATCHMAKER_PROCESSES": "2",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "matchmaker.cli", "serve"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    address = ""
    for line in process.stdout:
        if line.startswith("ready "):
            address = line.split()[1]
            break
    assert address, f"no ready line (exit status {process.poll()})"
    try:
        yield process, address
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            assert process.wait(timeout=90) == 0
        finally:
            if process.poll() is None:
                process.kill()


def _wait_dead(pid: int) -> None:
    """Until the process is gone or a zombie: its listening socket is closed from then on."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split()[2]
        except FileNotFoundError:
            return
        if state == "Z":
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} did not die")


def _recommend(address: str, subject: str) -> list[str]:
    # A new channel is a new connection: the kernel hands it to either process.
    with grpc.insecure_channel(address, options=[("grpc.use_local_subchannel_pool", 1)]) as channel:
        stub = match_service_pb2_grpc.MatchServiceStub(channel)
        # wait_for_ready: a connection the kernel had queued for a killed process is reset, and
        # the client connects again (as every gRPC client should), to a live one.
        response = stub.RecommendExhibitors(
            match_service_pb2.RecommendRequest(subject_id=subject),
            metadata=metadata(),
            timeout=30,
            wait_for_ready=True,
        )
        return [item.candidate_id for item in response.items]


def test_two_processes_on_one_port_serve_every_write_and_survive_a_killed_one(
    supervisor: tuple[subprocess.Popen[str], str],
) -> None:
    process, address = supervisor
    children = _children(process.pid)
    assert len(children) == 2
    with grpc.insecure_channel(address) as channel:
        profiles = profile_service_pb2_grpc.ProfileServiceStub(channel)
        for profile in (
            make_profile("exh-1", common_pb2.ROLE_EXHIBITOR, offering="frozen salmon"),
            make_profile("exh-2", common_pb2.ROLE_EXHIBITOR, offering="olive oil", organization="Oleo SpA"),
            make_profile("pur-1", seeking="frozen salmon and olive oil"),
        ):
            profiles.UpsertProfile(
                profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata(), timeout=60
            )
    # Whichever process a connection lands on, it serves what was written through the other.
    for _ in range(12):
        assert set(_recommend(address, "pur-1")) == {"exh-1", "exh-2"}

    os.kill(children[0], signal.SIGKILL)
    _wait_dead(children[0])
    for _ in range(12):  # the survivor keeps serving while the supervisor restarts the other
        assert set(_recommend(address, "pur-1")) == {"exh-1", "exh-2"}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        now = _children(process.pid)
        if len(now) == 2 and children[0] not in now:
            break
        time.sleep(0.5)
    else:
        raise AssertionError("the killed serving process was not restarted")


@pytest.mark.parametrize(
    ("listen", "index", "expected"),
    [
        ("127.0.0.1:9464", 0, "127.0.0.1:9464"),
        ("127.0.0.1:9464", 1, "127.0.0.1:9465"),
        ("0.0.0.0:9000", 3, "0.0.0.0:9003"),
        ("127.0.0.1:0", 2, "127.0.0.1:0"),
        ("[::1]:9464", 1, "[::1]:9465"),
    ],
)
def test_each_serving_process_gets_its_own_metrics_port(listen: str, index: int, expected: str) -> None:
    assert metrics_address(listen, index) == expected
