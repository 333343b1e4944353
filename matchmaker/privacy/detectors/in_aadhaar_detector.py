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

    Removed only next to one of its words (Verhoeff alone cannot tell it from phone or order numbers).
    """

    kind = "in_aadhaar"
    min_digits = 12
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(11)) + END, re.ASCII)
    words = (
        "Aadhaar",
        "Aadhar",
        "आधार",
        "UIDAI",
        "UID",
    )

    def validate(self, compact: str) -> bool:
        """Twelve digits, next to its word: fail closed on context.

        A number that fails Verhoeff or starts with 0 or 1 is still removed (generators and typos write
        such numbers; none is a phone number).
        """
        return len(compact) == 12 and compact.isdigit()

    def validate_strict(self, compact: str) -> bool:
        """The real format: first digit 2-9, Verhoeff check."""
        return aadhaar.is_valid(compact)
