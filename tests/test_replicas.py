"""Several replicas on one PostgreSQL database, as separate processes on different ports.

What one replica writes, every other serves: profile changes within a second, privacy changes
(opt-out, undiscoverable, erasure) on the very next call. A killed replica leaves the others
serving and catches up from the change log when it comes back, without rebuilding. A replica with
another encryption key refuses to start.
"""

from __future__ import annotations

import base64
import os
import re
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
    privacy_service_pb2,
    privacy_service_pb2_grpc,
    profile_service_pb2,
    profile_service_pb2_grpc,
)
from tests.support import ADMIN_TOKEN, make_profile, metadata, write_tokens

KEY = base64.b64encode(bytes(range(32))).decode()
OTHER_KEY = base64.b64encode(bytes(range(1, 33))).decode()

pytestmark = pytest.mark.timeout(600)


class Replica:
    """``matchmaker serve`` as a process of its own, with its own data directory."""

    def __init__(self, tmp_path: Path, name: str, database_url: str, key: str = KEY) -> None:
        self.home = tmp_path / name
        self.home.mkdir(exist_ok=True)
        self.log_path = self.home / "stderr.log"
        self.env = {
            **os.environ,
            "MATCHMAKER_LISTEN": "127.0.0.1:0",
            "MATCHMAKER_DATABASE_URL": database_url,
            "MATCHMAKER_DATA_DIR": str(self.home / "var"),
            "MATCHMAKER_TOKENS_FILE": str(write_tokens(tmp_path / "tokens.json")),
            "MATCHMAKER_ENCRYPTION_KEY": key,
            "MATCHMAKER_CHANGE_POLL_SECONDS": "0.2",
        }
        self.process: subprocess.Popen[str] | None = None
        self.address = ""

    def start(self) -> None:
        with self.log_path.open("a", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "matchmaker.cli", "serve"],
                env=self.env,
                cwd=self.home,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("ready "):
                self.address = line.split()[1]
                return
        raise AssertionError(f"no ready line; exit status {self.process.wait()}: {self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Stubs:
    def __init__(self, address: str) -> None:
        self.channel = grpc.insecure_channel(address)
        self.profiles = profile_service_pb2_grpc.ProfileServiceStub(self.channel)
        self.match = match_service_pb2_grpc.MatchServiceStub(self.channel)
        self.privacy = privacy_service_pb2_grpc.PrivacyServiceStub(self.channel)

    def upsert(self, profile: common_pb2.Profile) -> None:
        self.profiles.UpsertProfile(
            profile_service_pb2.UpsertProfileRequest(profile=profile), metadata=metadata(), timeout=60
        )

    def recommend(self, subject: str) -> match_service_pb2.RecommendResponse:
        response: match_service_pb2.RecommendResponse = self.match.RecommendExhibitors(
            match_service_pb2.RecommendRequest(subject_id=subject, limit=50),
            metadata=metadata(ADMIN_TOKEN),
            timeout=30,
        )
        return response

    def shown(self, subject: str) -> list[str]:
        return [item.candidate_id for item in self.recommend(subject).items]

    def preferences(self, profile_id: str, **choices: bool) -> None:
        self.privacy.UpdatePreferences(
            privacy_service_pb2.UpdatePreferencesRequest(
                profile_id=profile_id, preferences=common_pb2.Preferences(**choices)
            ),
            metadata=metadata(),
            timeout=30,
        )


def exhibitor(number: int, offering: str) -> common_pb2.Profile:
    return make_profile(
        f"exh-{number}",
        common_pb2.ROLE_EXHIBITOR,
        organization=f"Exporter {number} Ltd",
        offering=offering,
    )


OFFERS = [
    "frozen salmon and cod fillets",
    "olive oil and balsamic vinegar",
    "dairy: cheese, butter and milk powder",
    "frozen shrimp and seafood mix",
    "red wine from Bordeaux",
    "chocolate and biscuits",
]


@pytest.fixture
def replicas(tmp_path: Path, postgres_url: str) -> Iterator[tuple[Replica, Replica]]:
    a = Replica(tmp_path, "a", postgres_url)
    b = Replica(tmp_path, "b", postgres_url)
    a.start()
    b.start()
    try:
        yield a, b
    finally:
        a.stop()
        b.stop()


def _served_within(stubs: Stubs, subject: str, wanted: str, seconds: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if wanted in stubs.shown(subject):
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"{wanted} not served within {seconds} s")


def test_two_replicas_serve_each_others_writes_and_privacy_state(
    replicas: tuple[Replica, Replica], tmp_path: Path
) -> None:
    a, b = replicas
    via_a, via_b = Stubs(a.address), Stubs(b.address)
    for number, offer in enumerate(OFFERS, start=1):
        via_a.upsert(exhibitor(number, offer))
    via_a.upsert(make_profile("pur-1", seeking="frozen seafood and salmon"))
    via_a.upsert(make_profile("pur-2", seeking="seafood, dairy and wine"))

    # A profile change through A is served by B within a second.
    assert _served_within(via_b, "pur-1", "exh-1", 1.0) < 1.0
    via_a.upsert(exhibitor(7, "smoked salmon and caviar"))
    assert _served_within(via_b, "pur-1", "exh-7", 1.0) < 1.0

    # Opt-out through A: B's very next list is not personalized.
    assert via_b.recommend("pur-1").personalized
    via_a.preferences("pur-1", personalized_recommendations=False)
    assert not via_b.recommend("pur-1").personalized

    # Undiscoverable and erased through A: never in B's next list.
    assert {"exh-1", "exh-4"} <= set(via_b.shown("pur-2"))
    via_a.preferences("exh-1", discoverable=False)
    assert "exh-1" not in via_b.shown("pur-2")
    via_a.privacy.ErasePersonalData(
        privacy_service_pb2.ErasePersonalDataRequest(profile_id="exh-4"), metadata=metadata(), timeout=60
    )
    assert "exh-4" not in via_b.shown("pur-2")
    assert "exh-4" not in via_b.shown("pur-1")

    # B explains A's decision.
    decision = via_a.recommend("pur-2")
    first = decision.items[0]
    explanation = via_b.match.ExplainRecommendation(
        match_service_pb2.ExplainRecommendationRequest(
            decision_id=decision.decision_id, candidate_id=first.candidate_id
        ),
        metadata=metadata(),
        timeout=30,
    )
    total = sum(f.contribution for f in explanation.factors) + sum(
        adjustment.contribution for adjustment in explanation.adjustments
    )
    assert abs(total - first.score) < 1e-6

    # SIGKILL of A leaves B serving; B's writes reach A when it comes back, without a rebuild.
    a.kill()
    assert "exh-2" in via_b.shown("pur-2")
    via_b.upsert(exhibitor(8, "frozen salmon portions"))
    via_b.preferences("exh-3", discoverable=False)
    before_restart = len(a.log())
    a.start()
    restarted = Stubs(a.address)
    shown = restarted.shown("pur-2")
    assert "exh-8" in shown and "exh-3" not in shown and "exh-4" not in shown and "exh-1" not in shown
    caught_up = re.findall(
        r"saved exhibitor index \(position \d+\) caught up to position \d+: "
        r"(\d+) vectors kept, (\d+) indexed, (\d+) removed",
        a.log()[before_restart:],
    )
    assert caught_up, a.log()[-3000:]
    kept, indexed, _removed = map(int, caught_up[-1])
    assert kept >= 4 and indexed == 1, "only the exhibitor written while A was down is indexed"
    assert "rebuilding" not in a.log()
    for stubs in (via_a, via_b, restarted):
        stubs.channel.close()


def test_a_replica_with_another_key_refuses_to_start(tmp_path: Path, postgres_url: str) -> None:
    first = Replica(tmp_path, "first", postgres_url)
    first.start()
    try:
        Stubs(first.address).upsert(exhibitor(1, OFFERS[0]))
    finally:
        first.stop()
    wrong = Replica(tmp_path, "wrong", postgres_url, key=OTHER_KEY)
    with pytest.raises(AssertionError, match="no ready line"):
        wrong.start()
    assert wrong.process is not None and wrong.process.returncode == 2
    assert "MATCHMAKER_ENCRYPTION_KEY" in wrong.log()
