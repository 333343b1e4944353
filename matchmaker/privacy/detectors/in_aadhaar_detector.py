"""``InAadhaarDetector``: Indian Aadhaar number.

Indian Aadhaar number: 12 digits, first 2-9, Verhoeff check.
"""

from __future__ import annotations

import re

from stdnum.in_ import aadhaar

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["InAadhaarDetector"]


class InAadhaarDetector(NationalIdDetector):
    """Indian Aadhaar number.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "in_aadhaar"
    min_digits = 12
    pattern = re.compile(lead("[2-9]") + SEP + spaced(*digits(11)) + END, re.ASCII)
    words = (
        "Aadhaar",
        "Aadhar",
        "आधार",
        "UIDAI",
        "UID",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return aadhaar.is_valid(compact)
