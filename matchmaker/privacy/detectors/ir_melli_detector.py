"""``IrMelliDetector``: Iranian national code (kod-e melli).

Iranian national code (کد ملی): 10 digits, the last a check over the nine before, weights 10-2
modulo 11 (the remainder when below 2, else 11 minus it; 0499370899).
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["IrMelliDetector", "ir_melli_check_digit"]


def ir_melli_check_digit(first9: str) -> int:
    """The check digit of a national code's first nine digits."""
    remainder = sum((10 - i) * int(d) for i, d in enumerate(first9)) % 11
    return remainder if remainder < 2 else 11 - remainder


class IrMelliDetector(NationalIdDetector):
    """Iranian national code.

    Removed only next to one of its words (the check alone cannot tell it from phone numbers).
    """

    kind = "ir_melli"
    min_digits = 10
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(9)) + END, re.ASCII)
    words = (
        "کد ملی",
        "کدملی",
        "شماره ملی",
        "کد ملّی",
        "national code",
        "code melli",
        "melli code",
        "kart-e melli",
    )

    def validate(self, compact: str) -> bool:
        """Ten digits, not all the same, and the check digit."""
        if len(compact) != 10 or not compact.isdigit() or len(set(compact)) == 1:
            return False
        return ir_melli_check_digit(compact[:9]) == int(compact[9])
