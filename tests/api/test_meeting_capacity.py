"""Profile.meeting_capacity end to end: stored, read back, exported and imported."""

from __future__ import annotations

import json
from pathlib import Path

from google.protobuf import json_format

from matchmaker.api._gen.matchmaker.v1 import common_pb2, privacy_service_pb2, profile_service_pb2
from matchmaker.importer import import_file
from tests.support import Running, make_profile, metadata


async def test_capacity_round_trips_through_the_api(running: Running) -> None:
    exhibitor = make_profile("exh-cap", common_pb2.ROLE_EXHIBITOR, meeting_capacity=37)
    await running.client.profiles.UpsertProfile(
        profile_service_pb2.UpsertProfileRequest(profile=exhibitor), metadata=metadata(), timeout=10
    )
    got = await running.client.profiles.GetProfile(
        profile_service_pb2.GetProfileRequest(profile_id="exh-cap"), metadata=metadata(), timeout=10
    )
    assert got.meeting_capacity == 37
    exported = await running.client.privacy.ExportPersonalData(
        privacy_service_pb2.ExportPersonalDataRequest(profile_id="exh-cap"), metadata=metadata(), timeout=10
    )
    assert exported.profile.meeting_capacity == 37

    # A correction to 0 ("not stated") is stored too, not mistaken for "unchanged".
    exhibitor.meeting_capacity = 0
    await running.client.profiles.UpsertProfile(
        profile_service_pb2.UpsertProfileRequest(profile=exhibitor), metadata=metadata(), timeout=10
    )
    assert running.runtime.profiles.get("exh-cap").meeting_capacity == 0  # type: ignore[union-attr]


def test_import_reads_the_jsonl_field(running: Running, tmp_path: Path) -> None:
    line = json_format.MessageToDict(make_profile("exh-jsonl", common_pb2.ROLE_EXHIBITOR, meeting_capacity=12))
    assert line["meetingCapacity"] == 12
    path = tmp_path / "profiles.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    summary = import_file(running.runtime.engine, path)
    assert summary.failed == 0 and summary.imported == 1
    assert running.runtime.profiles.get("exh-jsonl").meeting_capacity == 12  # type: ignore[union-attr]
