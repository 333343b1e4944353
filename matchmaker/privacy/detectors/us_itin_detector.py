"""``UsItinDetector``: US individual taxpayer identification number.

US individual taxpayer identification number: 9XX-[5-9]X-XXXX.
"""

from __future__ import annotations

import re

from stdnum.us import itin

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["UsItinDetector"]


class UsItinDetector(NationalIdDetector):
    """US individual taxpayer identification number.

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "us_itin"
    min_digits = 9
    pattern = re.compile(lead("9") + SEP + spaced(*digits(8)) + END, re.ASCII)
    free_shape = re.compile(r"\d{3}-\d{2}-\d{4}", re.ASCII)
    gate = r"-(?<=[0-9]{3}-)[0-9]{2}-[0-9]{4}"
    words = (
        "ITIN",
        "taxpayer identification",
        "tax ID",
        "TIN",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return itin.is_valid(compact)
