"""German identity card (Personalausweis) serials: context + format + check digit, whatever the first letter."""

from __future__ import annotations

import pytest

from matchmaker.privacy.checksums import mrz_check_digit
from matchmaker.privacy.detectors.de_id_card_detector import DeIdCardDetector
from matchmaker.privacy.normalize import normalize
from matchmaker.privacy.scanner import IdentifierScanner, marker
from tests.privacy.identifier_cases import de_id_card

SCANNER = IdentifierScanner()

# Serials whose first character no ID card has (C..K are passport letters, Z none, a digit only the
# all-digit cards before 2010): the letter table would reject them, the context must not.
UNKNOWN_FIRST_LETTER = ("C4J7K2M90", "F12345678", "GH7K22R31", "Z01X00T47", "1F2G3H4J5", "K8W0P3N11")
ID_CARD_FIRST_LETTER = ("T22000129", "L01X00T47", "LZ6311T47", "M7Y4Z2X60", "RT1234567")
LABELS = (
    "Personalausweis {}",
    "Personalausweis-Nr.: {}",
    "Personalausweisnummer {}",
    "Ausweisnummer: {}",
    "ID card no. {}",
    "Identity card: {}",
    "德国身份证 {}",
    "{} (Personalausweis)",
)

REMOVED = [
    (label.format(number), number)
    for label in LABELS
    for serial in UNKNOWN_FIRST_LETTER + ID_CARD_FIRST_LETTER
    for number in (serial, de_id_card(serial))
]


def test_the_specimen_check_digits() -> None:
    # The specimen card (Erika Mustermann) prints T22000129 with check digit 3.
    assert de_id_card("T22000129") == "T220001293"
    assert de_id_card("L01X00T47") == "L01X00T471"


@pytest.mark.parametrize("text, number", REMOVED, ids=[t for t, _ in REMOVED])
def test_context_removes_a_serial_that_fits_whatever_its_first_letter(text: str, number: str) -> None:
    result = SCANNER.scan(text)

    assert number not in result.text
    assert result.kinds == ["de_id_card"]
    assert marker("de_id_card") in result.text


@pytest.mark.parametrize("serial", UNKNOWN_FIRST_LETTER + ID_CARD_FIRST_LETTER)
def test_without_context_the_serial_stays(serial: str) -> None:
    for text in (serial, de_id_card(serial), f"Art.-Nr. {serial}", f"Order {de_id_card(serial)} shipped"):
        assert SCANNER.scan(text).kinds == [], text


@pytest.mark.parametrize(
    "text",
    [
        # A tenth character that is not the check digit: no format that fits.
        *(
            f"Personalausweis {serial}{(int(mrz_check_digit(serial)) + 1) % 10}"
            for serial in ID_CARD_FIRST_LETTER
        ),
        # Characters outside the alphabet (vowels, B, D, Q, S), too few digits, ten digits without check.
        "Personalausweis TA2000129",
        "Personalausweis T2200O129",
        "Ausweisnummer LMNPRTVW1",
        "Ausweis-Nr. 1220001296",
        # Too short, too long.
        "Personalausweis T2200012",
        "Personalausweis T22000129345",
        # A phone number after the word.
        "Ausweis: +49 301234567",
    ],
)
def test_context_does_not_remove_what_does_not_fit(text: str) -> None:
    assert "de_id_card" not in SCANNER.scan(text).kinds


def test_a_passport_word_names_the_same_shape_a_passport() -> None:
    assert SCANNER.scan("Reisepass C01X00T47").kinds == ["passport"]
    assert SCANNER.scan("Passport/ID: G34567890").kinds == ["passport"]


def test_few_digits_are_searched_when_the_word_is_anywhere_in_a_long_text() -> None:
    # Two digits only, so no run of six: the word lets the detector search the whole text.
    near = "Sehr geehrte Damen und Herren, anbei die Daten. " * 2 + "Personalausweis: LZ6W1NTKR"
    assert SCANNER.scan(near).kinds == ["de_id_card"]
    far = "Bitte bringen Sie Ihren Personalausweis mit und kommen Sie pünktlich. Kundennummer: LZ6W1NTKR"
    assert SCANNER.scan(far).kinds == []


def test_the_detector_reports_spans_of_the_original_text() -> None:
    text = "Ausweisnummer：Ｔ２２０００１２９"
    (finding,) = DeIdCardDetector().find(normalize(text))
    assert text[finding.start : finding.end] == "Ｔ２２０００１２９"
    assert finding.kind == "de_id_card"
