"""``ItCieDetector``: Italian identity card number (carta d'identità).

Italian identity card number: the electronic card's CA12345AA (since 2016) or 1234567AA (before),
the paper card's AA 1234567; no published check.
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, START

__all__ = ["ItCieDetector"]

_FEWEST_DIGITS = 5
#: The card's own words; the electronic card's number has five digits only, so these also make the
#: scanner look where fewer than six digits stand together.
IT_CARD_WORDS = (
    "carta d'identità",
    "carta d'identita",
    "carta di identità",
    "carta di identita",
    "carta d'identità elettronica",
    "CIE",
    "documento d'identità",
    "documento di identità",
    "documento di riconoscimento",
)


class ItCieDetector(NationalIdDetector):
    """Italian identity card number.

    Removed only next to one of its own words (letters and digits in these shapes are also part
    numbers, and a generic identity word may stand next to another country's card:
    ``Personalausweis TA2000129``).
    """

    kind = "it_cie"
    checked = False
    min_digits = _FEWEST_DIGITS
    precheck_words = IT_CARD_WORDS
    pattern = re.compile(
        START + "(?:[A-Za-z]{2}[0-9]{5}[A-Za-z]{2}|[0-9]{7}[A-Za-z]{2}|[A-Za-z]{2}" + SEP + "[0-9]{7})" + END,
        re.ASCII,
    )
    words = IT_CARD_WORDS

    def validate(self, compact: str) -> bool:
        """One of the three shapes."""
        return (
            re.fullmatch(r"[A-Z]{2}[0-9]{5}[A-Z]{2}|[0-9]{7}[A-Z]{2}|[A-Z]{2}[0-9]{7}", compact) is not None
        )
