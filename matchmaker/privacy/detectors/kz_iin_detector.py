"""``KzIinDetector``: Kazakh individual identification number.

Kazakh individual identification number (ИИН, ЖСН): the birth date YYMMDD, a digit for century and
sex (1-6), a 4-digit serial and a check digit: weights 1-11 modulo 11, and where that gives 10,
weights 3-11, 1, 2 (a number for which both give 10 is not issued).
"""

from __future__ import annotations

import datetime
import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["KzIinDetector", "kz_iin_check_digit"]

_FIRST = tuple(range(1, 12))
_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}


def kz_iin_check_digit(first11: str) -> int | None:
    """The check digit of an IIN's first 11 digits, or None where no number is issued."""
    values = [int(c) for c in first11]
    for weights in (_FIRST, _SECOND):
        remainder = sum(w * v for w, v in zip(weights, values, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


class KzIinDetector(NationalIdDetector):
    """Kazakh individual identification number.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "kz_iin"
    min_digits = 12
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(11)) + END, re.ASCII)
    words = (
        "ИИН",
        "IIN",
        "ЖСН",
        "индивидуальный идентификационный номер",
        "жеке сәйкестендіру нөмірі",
        "individual identification number",
    )

    def validate(self, compact: str) -> bool:
        """Twelve digits, a birth date with its century digit, and the check digit."""
        if len(compact) != 12 or not compact.isdigit() or compact[6] not in _CENTURY:
            return False
        try:
            datetime.date(_CENTURY[compact[6]] + int(compact[:2]), int(compact[2:4]), int(compact[4:6]))
        except ValueError:
            return False
        return kz_iin_check_digit(compact[:11]) == int(compact[11])
