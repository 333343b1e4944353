"""``PlIdCardDetector``: Polish identity card number (numer dowodu osobistego).

Polish identity card number: three letters and six digits, the first digit a check digit over the
others (letters A=10 ... Z=35, weights 7 3 1 _ 7 3 1 7 3, modulo 10; ABA300000).
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["PlIdCardDetector", "pl_id_card_check_digit"]

_WEIGHTS = (7, 3, 1, 0, 7, 3, 1, 7, 3)


def pl_id_card_check_digit(number: str) -> int:
    """The check digit of a 9-character card number (its own fourth character is not read)."""
    values = [ord(c) - 55 if c.isalpha() else int(c) for c in number]
    return sum(w * v for w, v in zip(_WEIGHTS, values, strict=True)) % 10


class PlIdCardDetector(NationalIdDetector):
    """Polish identity card number.

    Removed only next to one of its words (three letters and six digits are also order and part
    numbers).
    """

    kind = "pl_id_card"
    min_digits = 6
    pattern = re.compile(lead("[A-Za-z]") + "[A-Za-z]{2}" + SEP + spaced(*digits(6)) + END, re.ASCII)
    words = (
        "dowód osobisty",
        "dowodu osobistego",
        "dowód",
        "dowodu",
        "nr dowodu",
        "seria i numer",
    )

    def validate(self, compact: str) -> bool:
        """Three letters, six digits, the check digit."""
        if len(compact) != 9 or not compact[:3].isalpha() or not compact[3:].isdigit():
            return False
        return pl_id_card_check_digit(compact) == int(compact[3])
