"""``RoCnpDetector``: Romanian personal numeric code (CNP).

Romanian personal numeric code (CNP): sex/century, YYMMDD, county, serial, check (13 digits).
"""

from __future__ import annotations

import re

from stdnum.ro import cnp

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["RoCnpDetector"]


class RoCnpDetector(NationalIdDetector):
    """Romanian personal numeric code (CNP).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "ro_cnp"
    min_digits = 13
    pattern = re.compile(lead("[1-9]") + SEP + spaced(*digits(12)) + END, re.ASCII)
    words = (
        "CNP",
        "cod numeric personal",
        "cod numeric",
        "buletin",
        "carte de identitate",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return cnp.is_valid(compact)
