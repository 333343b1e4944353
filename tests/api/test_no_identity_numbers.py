"""No response of any RPC, for any fixture profile, carries a fixture ID or passport number in any form."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from google.protobuf import text_format
from google.protobuf.message import Message

from matchmaker.api._gen.matchmaker.v1 import match_service_pb2, privacy_service_pb2, profile_service_pb2
from matchmaker.demo.generator import generate_dataset
from tests.support import (
    ADMIN_TOKEN,
    PORTAL_TOKEN,
    HashingEmbedder,
    make_settings,
    metadata,
    start_server,
    stop_server,
)

DATASET = generate_dataset(2026, 320, 2100)
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")


def squash(text: str) -> str:
    """Upper-case letters and digits only, after NFKC: spacing, hyphens, full width all fold away."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).upper())


NUMBERS = sorted({squash(p.value.replace("<", "")) for p in DATASET.identifiers})


#: The fields of google.protobuf.Timestamp in text format: the clock's digits, not profile data. A
#: time's nanoseconds can spell a fixture passport number by chance (11875000 ns: a time 11,875 us
#: past the second spells a fixture's passport "11875000"), so they are not scanned.
_TIMESTAMP_FIELDS = re.compile(r"^\s*(seconds|nanos): \d+$", re.MULTILINE)


def leaks(messages: list[Message]) -> set[str]:
    printed = " ".join(text_format.MessageToString(m, as_utf8=True) for m in messages)
    text = squash(_TIMESTAMP_FIELDS.sub("", printed))
    return {n for n in NUMBERS if n in text}


def test_the_scan_reads_every_text_field_but_not_a_times_digits() -> None:
    """A time 11,875 us past the second is not a leak; the same digits in a text field are."""
    assert "11875000" in NUMBERS
    timed = privacy_service_pb2.Disclosure(owner_id="exh-1", recipient_id="pur-1")
    timed.disclosed_at.FromNanoseconds(1_764_000_000 * 10**9 + 11_875_000)
    assert "nanos: 11875000" in text_format.MessageToString(timed)
    assert leaks([timed]) == set()
    assert leaks([privacy_service_pb2.Disclosure(owner_id="exh-1", recipient_id="no 1187 5000")]) == {"11875000"}


@pytest.mark.slow
@pytest.mark.timeout(900)  # about 2,400 recommendations with cards, 40 each, through the filter
async def test_no_response_carries_an_identity_number(own_dir: Path) -> None:
    assert len(NUMBERS) > 1500
    server = await start_server(make_settings(own_dir), HashingEmbedder())
    try:
        answers: list[Message] = []
        carded: set[str] = set()
        profiles = [p["id"] for p in DATASET.exhibitors + DATASET.purchasers]
        for profile_id in profiles:
            md = metadata(PORTAL_TOKEN, profile_id)
            answers.append(
                await server.client.profiles.GetProfile(
                    profile_service_pb2.GetProfileRequest(profile_id=profile_id), metadata=md, timeout=30
                )
            )
            answers.append(
                await server.client.privacy.GetPreferences(
                    privacy_service_pb2.GetPreferencesRequest(profile_id=profile_id), metadata=md, timeout=30
                )
            )
            call = (
                server.client.matches.RecommendPurchasers
                if profile_id.startswith("exh-")
                else server.client.matches.RecommendExhibitors
            )
            response = await call(
                match_service_pb2.RecommendRequest(
                    subject_id=profile_id, limit=40, include_contact_cards=True
                ),
                metadata=md,
                timeout=60,
            )
            answers.append(response)
            carded |= {i.candidate_id for i in response.items if i.HasField("contact_card")}
            if response.items:
                owner = response.items[0].candidate_id
                try:
                    answers.append(
                        await server.client.privacy.GetContactCard(
                            privacy_service_pb2.GetContactCardRequest(owner_id=owner), metadata=md, timeout=30
                        )
                    )
                except Exception as exc:  # a refusal is fine; its message is checked too
                    answers.append(privacy_service_pb2.Disclosure(recipient_id=str(exc)))
            if len(answers) > 400:
                assert leaks(answers) == set()
                answers.clear()
        for profile_id in profiles[:200]:
            answers.append(
                await server.client.privacy.ListDisclosures(
                    privacy_service_pb2.ListDisclosuresRequest(profile_id=profile_id),
                    metadata=metadata(ADMIN_TOKEN),
                    timeout=30,
                )
            )
        assert leaks(answers) == set()
        sharing = {
            p["id"]
            for p in DATASET.exhibitors + DATASET.purchasers
            if p.get("preferences", {}).get("shareContactCard")
            and p.get("preferences", {}).get("discoverable", True)
        }
        assert len(carded & sharing) >= 0.8 * len(sharing), "most shared cards went out and were checked"
        planted = {p.profile_id for p in DATASET.identifiers}
        assert len(carded & planted) > 400
    finally:
        await stop_server(server)
