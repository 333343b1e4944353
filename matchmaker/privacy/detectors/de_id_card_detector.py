"""``DeIdCardDetector``: the serial number of the German identity card (Personalausweis).

Nine characters from ``C F G H J K L M N P R T V W X Y Z`` and the digits (no vowels, so no German
word has the shape), the first a letter since November 2010 (``T22000129``, ``L01X00T47``); printed
and often written with its check digit as a tenth character (``T220001293``), ICAO 9303 weights
7 3 1 with A=10 .. Z=35. Cards issued before 2010 (all expired now) have ten digits with the check
digit last. No checksum strong enough to tell it from an order or article number: context words only.
"""

from __future__ import annotations

import re

from matchmaker.privacy.checksums import mrz_check_digit
from matchmaker.privacy.detectors.context_words import ContextWords
from matchmaker.privacy.detectors.pattern_detector import END, SEP, PatternDetector, lead

__all__ = ["DE_ID_CARD_WORDS", "DeIdCardDetector"]

_ALPHABET = "[CFGHJKLMNPRTVWXYZ0-9]"
_SERIAL = 9
_WITH_CHECK = 10
_FEWEST_DIGITS = 2

#: Words that name a German identity card, in German, English and Chinese. Not the bare "ID" or
#: "证件": a German passport number has the same shape, and those words name passports too.
DE_ID_CARD_WORDS: tuple[str, ...] = (
    "Personalausweisnummer",
    "Personalausweis-Nr",
    "Personalausweis",
    "Ausweisnummer",
    "Ausweis-Nr",
    "Ausweis",
    "Perso-Nr",
    "PA-Nr",
    "ID card no",
    "ID card number",
    "ID card",
    "identity card",
    "German ID",
    "德国身份证",
)


class DeIdCardDetector(PatternDetector):
    """German identity card serial number, with or without its check digit; next to a word only.

    A tenth character must be the ICAO check digit of the nine before it. The first character is not
    looked up: an ID card's serial starts with L, M, N, P, R, T, V, W, X or Y, a passport's with C, F,
    G, H, J or K, but next to an ID-card word any character of the alphabet is removed (fail closed on
    context: the letter table is never the reason a labelled number stays).
    """

    kind = "de_id_card"
    min_digits = _FEWEST_DIGITS
    precheck_words = DE_ID_CARD_WORDS
    pattern = re.compile(
        lead(_ALPHABET) + f"(?:{SEP}{_ALPHABET}){{{_SERIAL - 1}}}(?:{SEP}[0-9])?" + END,
        re.ASCII | re.IGNORECASE,
    )
    context = ContextWords(DE_ID_CARD_WORDS)

    def is_valid(self, compact: str) -> bool:
        """Two digits at least; a tenth character is the check digit; ten digits need it."""
        number = compact.upper()
        if sum(c.isdigit() for c in number) < _FEWEST_DIGITS:
            return False
        if len(number) == _WITH_CHECK:
            return mrz_check_digit(number[:_SERIAL]) == number[_SERIAL]
        # Nine characters: the newer format, which starts with a letter (nine digits are no serial).
        return len(number) == _SERIAL and not number.isdigit()
