"""``EgNationalIdDetector``: Egyptian national number.

Egyptian national number: century (2/3), YYMMDD, governorate, serial, check (14 digits); context.
"""

from __future__ import annotations

import datetime
import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["EgNationalIdDetector"]


_EG_GOVERNORATES = frozenset(
    {
        1,
        2,
        3,
        4,
        11,
        12,
        13,
        14,
        15,
        16,
        17,
        18,
        19,
        21,
        22,
        23,
        24,
        25,
        26,
        27,
        28,
        29,
        31,
        32,
        33,
        34,
        35,
        88,
    }
)


def _eg_plausible(number: str) -> bool:
    """Century digit 2 (1900s) or 3 (2000s), a calendar birth date, a governorate code."""
    if len(number) != 14 or not number.isdigit() or number[0] not in "23":
        return False
    year = (1900 if number[0] == "2" else 2000) + int(number[1:3])
    try:
        datetime.date(year, int(number[3:5]), int(number[5:7]))
    except ValueError:
        return False
    return int(number[7:9]) in _EG_GOVERNORATES


class EgNationalIdDetector(NationalIdDetector):
    """Egyptian national number.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "eg_national_id"
    min_digits = 14
    pattern = re.compile(lead("[23]") + SEP + spaced(*digits(13)) + END, re.ASCII)
    words = (
        "الرقم القومي",
        "رقم قومي",
        "بطاقة الرقم القومي",
        "national number",
        "Egyptian ID",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return _eg_plausible(compact)
