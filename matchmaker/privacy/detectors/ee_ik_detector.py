"""``EeIkDetector``: Estonian personal identification code (isikukood).

Estonian personal identification code (isikukood): century and sex (1-6), YYMMDD, a serial and a
check digit (two rounds of weights, MOD 11; 36805280109).
"""

from __future__ import annotations

import re

from stdnum.ee import ik

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["EeIkDetector"]


class EeIkDetector(NationalIdDetector):
    """Estonian personal identification code (isikukood).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "ee_ik"
    min_digits = 11
    pattern = re.compile(lead("[1-6]") + SEP + spaced(*digits(10)) + END, re.ASCII)
    words = (
        "isikukood",
        "isikukoodi",
        "isikukoodiga",
        "personal identification code",
        "personal code",
        "ID-kood",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return ik.is_valid(compact)
