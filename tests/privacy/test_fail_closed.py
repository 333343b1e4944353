"""Fail closed on context: an identity word + a format and checksum that fit = removed.

A lookup table (province, area) may refine a decision where nothing else speaks; next to an identity
word it must never be the reason an identifier stays. Each row: a number whose only flaw is a
sub-field the table does not know, the context that must remove it, and whether the kind's own rules
keep it without that context.
"""

from __future__ import annotations

import random

import pytest

from matchmaker.privacy.checksums import mod11_2_valid
from matchmaker.privacy.detectors.fr_cni_detector import FrCniDetector
from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.ng_nin_detector import NgNinDetector
from matchmaker.privacy.detectors.ph_umid_detector import PhUmidDetector
from matchmaker.privacy.detectors.pk_cnic_detector import PkCnicDetector
from matchmaker.privacy.detectors.prc_id_rules import is_province
from matchmaker.privacy.normalize import normalize
from matchmaker.privacy.scanner import IdentifierScanner, marker
from tests.privacy.identifier_cases import (
    NATIONAL_POSITIVE_CASES,
    Case,
    foreign_permanent_residence,
    resident_id,
)

SCANNER = IdentifierScanner()

# Province digits the table does not know (59, 39, 72, 00; a leading 9 is the foreigner's card), birth dates and checks that fit.
UNKNOWN_PROVINCE_IDS = (
    resident_id("590105", "19491231", "002"),
    resident_id("390102", "19850612", "123"),
    resident_id("720304", "20010228", "368"),
    resident_id("000101", "19721103", "456"),
)
UNKNOWN_PROVINCE_FOREIGN = (
    foreign_permanent_residence("99", "840", "19800101", "001"),
    foreign_permanent_residence("00", "276", "19751224", "002"),
    foreign_permanent_residence("39", "392", "19900505", "031"),
    foreign_permanent_residence("77", "410", "19660716", "027"),
)
UNKNOWN_PROVINCE_LEGACY = ("990105491231002", "390305850612127", "000101721103456")

ID_LABELS = (
    "身份证号：{}",
    "ID No.: {}",
    "证件号码 {}",
    "national ID {}",
    "{}（身份证）",
    "Identity card: {}",
)
RESIDENCE_LABELS = (
    "外国人永久居留身份证：{}",
    "Permanent residence card no. {}",
    "永久居留证 {}",
    "Residence permit: {}",
    "身份证件 {}",
    "ID {}",
)

FAIL_CLOSED_CASES = [
    *(
        (f"cn_resident_id-{n}-{i}", label.format(n), "cn_resident_id", n)
        for i, label in enumerate(ID_LABELS)
        for n in UNKNOWN_PROVINCE_IDS
    ),
    *(
        (f"foreign_pr-{n}-{i}", label.format(n), "foreign_permanent_residence", n)
        for i, label in enumerate(RESIDENCE_LABELS)
        for n in UNKNOWN_PROVINCE_FOREIGN
    ),
    *(
        (f"cn_resident_id_15-{n}-{i}", label.format(n), "cn_resident_id_15", n)
        for i, label in enumerate(ID_LABELS)
        for n in UNKNOWN_PROVINCE_LEGACY
    ),
]


def test_the_numbers_fail_only_the_table() -> None:
    for number in UNKNOWN_PROVINCE_IDS + UNKNOWN_PROVINCE_FOREIGN:
        assert mod11_2_valid(number)
    for number in UNKNOWN_PROVINCE_IDS + UNKNOWN_PROVINCE_LEGACY:
        assert not is_province(number)
    for number in UNKNOWN_PROVINCE_FOREIGN:
        assert not is_province(number[1:3])


@pytest.mark.parametrize("name, text, kind, number", FAIL_CLOSED_CASES, ids=[c[0] for c in FAIL_CLOSED_CASES])
def test_identity_context_removes_what_only_a_table_rejects(
    name: str, text: str, kind: str, number: str
) -> None:
    result = SCANNER.scan(text)

    assert number not in result.text
    assert result.kinds == [kind]
    assert marker(kind) in result.text


@pytest.mark.parametrize("number", UNKNOWN_PROVINCE_IDS + UNKNOWN_PROVINCE_FOREIGN + UNKNOWN_PROVINCE_LEGACY)
def test_without_context_the_kinds_own_rules_keep_an_unknown_province(number: str) -> None:
    # The PRC kinds need a known province when nothing else speaks: the number stays.
    assert SCANNER.scan(f"Order {number} shipped").kinds == []
    assert SCANNER.scan(number).kinds == []


@pytest.mark.parametrize(
    "text",
    [
        # A failing check or date is no format that fits: context does not remove it.
        "身份证号：" + UNKNOWN_PROVINCE_IDS[0][:-1] + ("0" if UNKNOWN_PROVINCE_IDS[0][-1] != "0" else "1"),
        "外国人永久居留身份证：" + resident_id("999840", "19801301", "001"),
        "ID card: 990105491331002",
        # A credit code (MOD 31, letters) next to an identity word is still a credit code.
        "身份证明：统一社会信用代码 91110000600037341L",
    ],
)
def test_context_does_not_remove_what_fails_the_format(text: str) -> None:
    assert SCANNER.scan(text).kinds == []


CONTEXT_ONLY_KINDS = frozenset(
    d.kind for d in SCANNER.detectors if isinstance(d, NationalIdDetector) and d.free_shape is None
)
CONTEXT_ONLY_CASES = [c for c in NATIONAL_POSITIVE_CASES if set(c.kinds) <= CONTEXT_ONLY_KINDS]


@pytest.mark.parametrize("case", CONTEXT_ONLY_CASES, ids=lambda c: c.name)
def test_a_national_number_without_a_strong_check_needs_its_context(case: Case) -> None:
    # The same checksum-valid number, with the words taken away: its kind's rules keep it.
    assert SCANNER.scan(f"Ref. {case.secrets[0]}").kinds == []


def test_every_national_kind_has_a_context_case_and_the_context_only_ones_are_many() -> None:
    national = {d.kind for d in SCANNER.detectors if isinstance(d, NationalIdDetector)}
    assert {k for c in NATIONAL_POSITIVE_CASES for k in c.kinds} == national
    assert len(CONTEXT_ONLY_KINDS) >= 15


def test_an_international_phone_after_an_identity_word_is_kept() -> None:
    """Found by hypothesis in CI: "+86 13000000000" after "document number" was taken for a Korean RRN."""
    from matchmaker.privacy.scanner import IdentifierScanner

    scanner = IdentifierScanner()
    for text in (
        "document number\n+86 13000000000",
        "ID no: +82 1012345678",
        "身份证号 +86 138 1234 5678",
        "doCumentnumBer\n＋８６ １３０００００００００",
        # An area code between country code and number (the Argentine DNI shape, 7-8 digits).
        "Ausweis: +49 30 1234567",
        "ID card no. +44 (20) 79460958",
        "Personalausweis +49-30-12345678",
    ):
        assert scanner.find(text) == [], text


def _dates_and_times(count: int) -> list[str]:
    rng = random.Random(4)
    out = []
    for _ in range(count):
        y, mo, d = rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28)
        h, mi = rng.randint(0, 23), rng.randint(0, 59)
        out += [
            f"已约{y}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}洽谈。 身份证号：",
            f"Met {y}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}, ID number to follow",
            f"ID card expires {d:02d}.{mo:02d}.{y} {h:02d}:{mi:02d}",
            f"passport appointment {y}/{mo:02d}/{d:02d} {h:02d}:{mi:02d}",
        ]
    return out


def test_dates_and_times_next_to_an_identity_word_stay() -> None:
    """Found on the demo data: "2026-11-10 14" passed the Iranian national code's check next to 身份证号."""
    removed = [text for text in _dates_and_times(500) if SCANNER.scan(text).kinds]
    assert removed == []
    demo = "已约2026-11-10 14:00洽谈。 身份证号：５００１０３１９７７０８３０９１６４。"
    result = SCANNER.scan(demo)
    assert result.kinds == ["cn_resident_id"]
    assert result.text.startswith("已约2026-11-10 14:00洽谈。")


def test_mobile_numbers_next_to_a_generic_identity_word_stay() -> None:
    rng = random.Random(9)
    texts = []
    for _ in range(500):
        mobile = f"1{rng.choice('3456789')}{rng.randint(0, 9)}{rng.randint(10**7, 10**8 - 1)}"
        texts += [f"身份证复印件请发手机{mobile}", f"ID card copy: call {mobile}", f"请带身份证，电话 {mobile}"]
        texts.append(f"doc no\n0086 {mobile}")  # a 15-digit legacy ID's length with 0086 in front
    texts.append("doCno\n0086 13000110000\n")  # found by hypothesis (test_mobile_numbers_are_kept)
    assert [t for t in texts if SCANNER.scan(t).kinds] == []


@pytest.mark.parametrize(
    ("detector", "generic", "own"),
    [
        (NgNinDetector(), "ID no. 02345678901", "NIN 02345678901"),
        (PhUmidDetector(), "ID no. 0111-2345678-9", "UMID 0111-2345678-9"),
        (FrCniDetector(), "ID no. 880692310285", "CNI 880692310285"),
        (PkCnicDetector(), "ID no. 34201-0891231-8", "CNIC 34201-0891231-8"),
    ],
)
def test_a_number_without_a_check_needs_its_own_word(detector: NationalIdDetector, generic: str, own: str) -> None:
    assert detector.find(normalize(generic)) == []
    assert len(detector.find(normalize(own))) == 1
