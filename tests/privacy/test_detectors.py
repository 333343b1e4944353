"""Table-driven tests of the identifier scanner: what it must remove, and what it must leave alone."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest

from matchmaker.privacy.checksums import hkid_valid, mod11_2_valid, taiwan_id_valid, uscc_valid
from matchmaker.privacy.detectors.base import Detector, Finding
from matchmaker.privacy.detectors.registry import KINDS, default_detectors
from matchmaker.privacy.normalize import NormalizedText, normalize
from matchmaker.privacy.scanner import IdentifierScanner, marker
from tests.privacy.identifier_cases import (
    BANK_CARDS,
    CONTAINERS,
    CREDIT_CODE_LITERAL,
    CREDIT_CODES,
    IBANS,
    MRZ_ICAO_TD1,
    MRZ_ICAO_TD3,
    NEGATIVE_CASES,
    POSITIVE_CASES,
    Case,
    container_valid,
    digit_runs,
    iban_valid,
    luhn_valid,
)

SCANNER = IdentifierScanner()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_tables_are_large_enough() -> None:
    assert len(POSITIVE_CASES) >= 70
    assert len(NEGATIVE_CASES) >= 45
    assert {kind for case in POSITIVE_CASES for kind in case.kinds} == set(KINDS)
    names = [case.name for case in POSITIVE_CASES + NEGATIVE_CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", POSITIVE_CASES, ids=lambda c: c.name)
def test_removes(case: Case) -> None:
    result = SCANNER.scan(case.text)

    assert result.kinds == sorted(set(case.kinds))
    for kind in case.kinds:
        assert marker(kind) in result.text
    scrubbed = _fold(result.text)
    for secret in case.secrets:
        for run in digit_runs(secret):
            assert run not in scrubbed, f"{run!r} survived in {result.text!r}"


@pytest.mark.parametrize("case", NEGATIVE_CASES, ids=lambda c: c.name)
def test_keeps(case: Case) -> None:
    result = SCANNER.scan(case.text)

    assert result.text == case.text
    assert result.kinds == []


@pytest.mark.parametrize("case", POSITIVE_CASES + NEGATIVE_CASES, ids=lambda c: c.name)
def test_scan_is_idempotent(case: Case) -> None:
    once = SCANNER.scan(case.text)
    twice = SCANNER.scan(once.text)

    assert twice.text == once.text
    assert twice.kinds == []


def test_literal_examples_are_valid() -> None:
    assert mod11_2_valid("11010519491231002X")
    assert hkid_valid("A", "123456", "3")
    assert taiwan_id_valid("A123456789")
    assert uscc_valid(CREDIT_CODE_LITERAL)
    assert all(uscc_valid(code) for code in CREDIT_CODES)
    assert all(luhn_valid(card) for card in BANK_CARDS)
    assert all(iban_valid(iban) for iban in IBANS)
    assert all(container_valid(container) for container in CONTAINERS)
    assert SCANNER.scan(MRZ_ICAO_TD3).kinds == ["mrz"]
    assert SCANNER.scan(MRZ_ICAO_TD1).kinds == ["mrz"]


def test_replacement_keeps_the_rest_of_the_text_as_typed() -> None:
    text = "姓名：张伟，身份证：１１０１０５１９４９１２３１００２Ｘ。电话：１３８１２３４５６７８"

    result = SCANNER.scan(text)

    assert result.text == "姓名：张伟，身份证：[removed: cn_resident_id]。电话：１３８１２３４５６７８"


def test_findings_are_spans_of_the_original_and_hold_no_value() -> None:
    text = "⑴ 护照 Ｅ１２３４５６７８"

    findings = SCANNER.find(text)

    assert findings == [Finding(text.index("Ｅ"), len(text), "passport")]
    assert "1234" not in repr(findings[0])


def test_number_inside_expanding_characters_maps_back() -> None:
    # "⑴" folds to three characters "(1)": offsets after it shift, the map must undo that.
    text = "⑴⑵ 11010519491231002X ㎏"

    result = SCANNER.scan(text)

    assert result.text == "⑴⑵ [removed: cn_resident_id] ㎏"


def test_overlapping_findings_merge_into_one_marker() -> None:
    # "ID" is context for both the Macau ID and the Taiwan travel permit shapes of 12345678.
    result = SCANNER.scan("ID: 12345678")

    assert result.text.count("[removed:") == 1
    assert len(result.kinds) == 1


def test_markers_already_in_the_text_are_no_context() -> None:
    assert SCANNER.scan("[removed: passport] 12345678").text == "[removed: passport] 12345678"


class _EverythingDetector(Detector):
    """A fake detector reporting overlapping pairs of characters: the scanner must merge them."""

    kind = "everything"
    min_digits = 6

    def find(self, text: NormalizedText, spans: Sequence[tuple[int, int]] | None = None) -> list[Finding]:
        return [Finding(i, i + 2, self.kind) for i in range(len(text.original) - 1)]


def test_scanner_accepts_other_detectors() -> None:
    scanner = IdentifierScanner([_EverythingDetector()])

    assert scanner.scan("abc 123456").text == "[removed: everything]"


class _FewDigitsWithoutWords(Detector):
    kind = "few"
    min_digits = 2

    def find(self, text: NormalizedText, spans: Sequence[tuple[int, int]] | None = None) -> list[Finding]:
        return []


def test_few_digit_detector_must_name_precheck_words() -> None:
    with pytest.raises(ValueError, match="precheck_words"):
        IdentifierScanner([_FewDigitsWithoutWords()])


def test_every_exhibitor_country_of_the_demo_has_a_kind() -> None:
    fixtures = Path(__file__).resolve().parents[2] / "data" / "fixtures" / "exhibitors.jsonl"
    countries = {json.loads(line)["country"] for line in fixtures.read_text(encoding="utf-8").splitlines()}
    prefixes = {kind.split("_")[0].upper() for kind in KINDS}

    assert len(countries) >= 30
    assert sorted(countries - prefixes) == []


def test_registry_lists_each_kind_and_no_detector_twice() -> None:
    detectors = default_detectors()

    assert {d.kind for d in detectors} == set(KINDS)
    assert len({type(d) for d in detectors}) == len(detectors)


def test_normalize_folds_fullwidth_and_keeps_offsets() -> None:
    folded = normalize("ＩＤ：１２３")

    assert folded.text == "ID：123"  # the full-width colon cannot change a match: left alone
    assert folded.span_to_original(3, 6) == (3, 6)


def test_normalize_maps_expansions_back() -> None:
    folded = normalize("㎏1")

    assert folded.text == "kg1"
    assert folded.span_to_original(2, 3) == (1, 2)
    assert folded.span_to_original(0, 1) == (0, 1)


@pytest.mark.parametrize(
    "text",
    ["", " ", "\x00", "[removed: ", "[removed: x]", "\ud800", "𝟏𝟏𝟎𝟏𝟎𝟓𝟏𝟗𝟒𝟗𝟏𝟐𝟑𝟏𝟎𝟎𝟐𝐗", "İ" * 70 + "123456"],
)
def test_odd_strings_do_not_raise(text: str) -> None:
    SCANNER.scan(text)


def test_mathematical_digits_are_folded() -> None:
    assert SCANNER.scan("𝟏𝟏𝟎𝟏𝟎𝟓𝟏𝟗𝟒𝟗𝟏𝟐𝟑𝟏𝟎𝟎𝟐𝐗").kinds == ["cn_resident_id"]


def test_no_word_boundary_is_needed_next_to_cjk() -> None:
    text = "号11010519491231002X号"

    assert re.search(r"\b11010519491231002X\b", text) is None  # why the detectors use lookarounds
    assert SCANNER.scan(text).text == "号[removed: cn_resident_id]号"
