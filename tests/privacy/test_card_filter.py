"""The contact-card filter: drops identity fields, scrubs the rest, reports kinds only, fails closed."""

from __future__ import annotations

import re
import subprocess
from dataclasses import fields

import pytest

from matchmaker.domain import SHAREABLE_CARD_FIELDS, ContactCard, SharedContactCard
from matchmaker.privacy.card_filter import CardFilter, CardFilterError
from matchmaker.privacy.scanner import IdentifierScanner, ScanResult
from tests.support import ROOT

CARD = ContactCard(
    name="王芳",
    title="采购总监",
    email="wang.fang@example.cn",
    phone="+86 21 6888 8888",
    mobile="138 1234 5678",
    wechat="wangfang_sh",
    website="https://example.cn",
    address="上海市浦东新区 身份证310104198507123457",
    id_number="11010519491231002X",
    passport_number="E12345678",
    notes="Passport No. E 1234 5678; 统一社会信用代码 91110000600037341L; booth 4.1A-012",
    birth_date="1980-05-17",
)


def test_identity_fields_and_birth_date_never_leave() -> None:
    shared = CardFilter().share("pur-1", "Shanghai Fresh", CARD)
    names = {f.name for f in fields(SharedContactCard)}
    assert not names & {"id_number", "passport_number", "birth_date"}
    text = repr(shared)
    for secret in ("11010519491231002X", "E12345678", "1980-05-17", "310104198507123457", "E 1234"):
        assert secret not in text


def test_other_fields_are_scrubbed_and_listed_by_field_and_kind() -> None:
    shared = CardFilter().share("pur-1", "Shanghai Fresh", CARD)
    assert shared.address == "上海市浦东新区 身份证[removed: cn_resident_id]"
    assert "[removed: passport]" in shared.notes
    assert "91110000600037341L" in shared.notes, "credit codes stay"
    assert shared.mobile == "138 1234 5678" and shared.phone == "+86 21 6888 8888"
    assert {(r.field, r.kind) for r in shared.redactions} == {
        ("address", "cn_resident_id"),
        ("notes", "passport"),
    }
    assert all(not re.search(r"\d{5,}", r.kind + r.field) for r in shared.redactions)
    assert shared.disclosed_fields() == SHAREABLE_CARD_FIELDS


def test_filter_is_idempotent_on_its_output() -> None:
    once = CardFilter().share("pur-1", "Org", CARD)
    again = CardFilter().share(
        "pur-1", "Org", ContactCard(**{n: getattr(once, n) for n in SHAREABLE_CARD_FIELDS})
    )
    assert [getattr(again, n) for n in SHAREABLE_CARD_FIELDS] == [
        getattr(once, n) for n in SHAREABLE_CARD_FIELDS
    ]
    assert again.redactions == ()


class ExplodingScanner(IdentifierScanner):
    """A scanner that fails on the notes field, quoting the card in its message."""

    def scan(self, text: str) -> ScanResult:
        if "Passport" in text:
            raise RuntimeError(f"cannot scan {text}")
        return super().scan(text)


def test_filter_fails_closed_without_quoting_the_card(caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(CardFilterError) as info:
        CardFilter(ExplodingScanner()).share("pur-1", "Org", CARD)
    assert "E 1234" not in str(info.value) and "王芳" not in str(info.value)
    assert info.value.__cause__ is None and info.value.__context__ is not None
    assert "E 1234" not in caplog.text and "王芳" not in caplog.text


def test_only_the_card_filter_builds_shared_cards() -> None:
    found = subprocess.run(
        ["git", "grep", "-n", "SharedContactCard(", "--", "matchmaker"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    builders = {line.split(":", 1)[0] for line in found if "class SharedContactCard" not in line}
    assert builders <= {"matchmaker/privacy/card_filter.py", "matchmaker/api/convert.py"}
    convert = (ROOT / "matchmaker" / "api" / "convert.py").read_text(encoding="utf-8")
    # The wire form is built only from a domain SharedContactCard (the filter's output).
    assert "def to_proto_shared_contact_card(card: SharedContactCard)" in convert
