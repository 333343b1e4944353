"""Every conversion round-trips."""

from __future__ import annotations

from datetime import UTC, datetime

from matchmaker.api import convert
from matchmaker.api._gen.matchmaker.v1 import common_pb2
from matchmaker.domain import BulkError, BulkResult, ErasureReceipt, Preferences, PreferencesPatch, Role
from tests.support import make_profile


def test_profile_round_trip() -> None:
    message = make_profile("exh-1", common_pb2.ROLE_EXHIBITOR, guardian_consent=True, meeting_capacity=35)
    message.preferences.share_contact_card = True
    write = convert.from_proto_profile(message)
    assert write.profile.role is Role.EXHIBITOR and write.profile.hall == "1.1"
    assert write.profile.meeting_capacity == 35
    assert write.preferences == PreferencesPatch(share_contact_card=True)
    back = convert.to_proto_profile(write.profile)
    message.ClearField("preferences")
    back.ClearField("preferences")
    assert back == message


def test_preferences_absent_fields_stay_absent() -> None:
    assert convert.from_proto_preferences(common_pb2.Preferences()) == PreferencesPatch()
    full = convert.to_proto_preferences(Preferences(discoverable=False))
    assert all(
        full.HasField(f)
        for f in ("personalized_recommendations", "discoverable", "share_contact_card", "do_not_track")
    )
    assert convert.from_proto_preferences(full) == PreferencesPatch(True, False, False, False)


def test_unknown_role_number_becomes_unspecified() -> None:
    assert convert.from_proto_role(42) is Role.UNSPECIFIED


def test_contact_card_round_trip() -> None:
    card = make_profile().contact
    assert convert.to_proto_contact_card(convert.from_proto_contact_card(card)) == card


def test_results_and_receipts() -> None:
    when = datetime(2026, 11, 29, 8, 30, tzinfo=UTC)
    receipt = convert.to_proto_erasure_receipt(ErasureReceipt("pur-1", when, ("exh-1",)))
    assert receipt.erased_at.ToDatetime(tzinfo=UTC) == when and list(receipt.notified_recipients) == ["exh-1"]
    bulk = convert.to_proto_bulk_result(BulkResult(2, 1, (BulkError(3, "x", "profile.id: is required"),)))
    assert (bulk.upserted, bulk.failed, bulk.errors[0].index) == (2, 1, 3)
    assert convert.to_proto_timestamp(None) is None
