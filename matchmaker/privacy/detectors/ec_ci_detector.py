"""``EcCiDetector``: Ecuadorian identity card number (cédula).

Ecuadorian identity card number (cédula de identidad): a province (01-24, 30), a digit below 6 and
a MOD 10 check digit over ten digits (1714307103).
"""

from __future__ import annotations

import re

from stdnum.ec import ci

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["EcCiDetector"]


class EcCiDetector(NationalIdDetector):
    """Ecuadorian identity card number.

    Removed only next to one of its words (the check alone cannot tell it from phone numbers).
    """

    kind = "ec_ci"
    min_digits = 10
    pattern = re.compile(lead("[0-3]") + SEP + spaced(*digits(8)) + f"{SEP}-?{SEP}[0-9]" + END, re.ASCII)
    words = (
        "cédula",
        "cedula",
        "cédula de identidad",
        "cédula de ciudadanía",
        "C.I.",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return ci.is_valid(compact)
