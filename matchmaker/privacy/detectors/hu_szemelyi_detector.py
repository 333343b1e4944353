"""``HuSzemelyiDetector``: Hungarian personal identification number (személyi azonosító).

Hungarian personal identification number (személyi azonosító, személyi szám): sex and century
(1-8), YYMMDD, a serial and a MOD 11 check digit, the digits weighted 1-10 for people born before
1997 and 10-1 since (1 850101 1234).
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["HuSzemelyiDetector", "hu_szemelyi_check_digits"]


def hu_szemelyi_check_digits(first10: str) -> tuple[int, int]:
    """The check digit under the weights before 1997 and under those since (10: no number is given)."""
    values = [int(d) for d in first10]
    before = sum((i + 1) * v for i, v in enumerate(values)) % 11
    since = sum((10 - i) * v for i, v in enumerate(values)) % 11
    return before, since


class HuSzemelyiDetector(NationalIdDetector):
    """Hungarian personal identification number.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    Either weighting is accepted (fail closed: the year of birth alone does not say which one applies
    to people born in 1996-1999). Next to its word, a check of 10 written as ``10`` (12 digits, as
    Faker's generator writes the numbers that are never given) is removed as well.
    """

    kind = "hu_szemelyi"
    min_digits = 11
    pattern = re.compile(lead("[1-8]") + SEP + spaced(*digits(10)) + "0?" + END, re.ASCII)
    words = (
        "személyi azonosító",
        "személyi azonosító jel",
        "személyazonosító",
        "személyi szám",
        "szem. az.",
        "szemelyi azonosito",
    )

    def validate(self, compact: str) -> bool:
        """A plausible month and day, and one of the two check digits."""
        if len(compact) not in (11, 12) or not compact.isdigit() or compact[0] in "09":
            return False
        if not (1 <= int(compact[3:5]) <= 12 and 1 <= int(compact[5:7]) <= 31):
            return False
        return int(compact[10:]) in hu_szemelyi_check_digits(compact[:10])
