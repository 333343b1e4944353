"""``RuSnilsDetector``: Russian insurance number (СНИЛС).

Russian insurance number (СНИЛС): NNN-NNN-NNN CC.
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, lead

__all__ = ["RuSnilsDetector"]


def _snils_check(number: str) -> bool:
    """The СНИЛС check: sum of digits x (9..1); < 100 as is, 100/101 -> 00, else mod 101."""
    if len(number) != 11 or not number.isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(number[:9], range(9, 0, -1), strict=True))
    check = total % 101 if total > 101 else total
    return f"{0 if check in (100, 101) else check:02d}" == number[9:]


class RuSnilsDetector(NationalIdDetector):
    """Russian insurance number (СНИЛС).

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "ru_snils"
    min_digits = 11
    pattern = re.compile(lead("[0-9]") + "[0-9]{2}[- ]?[0-9]{3}[- ]?[0-9]{3}[- ]?[0-9]{2}" + END, re.ASCII)
    free_shape = re.compile(r"\d{3}-\d{3}-\d{3}[ -]\d{2}", re.ASCII)
    gate = r"-(?<=[0-9]{3}-)[0-9]{3}-[0-9]{3}"
    words = (
        "СНИЛС",
        "SNILS",
        "страховой номер",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return _snils_check(compact)
