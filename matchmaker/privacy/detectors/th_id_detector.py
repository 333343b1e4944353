"""``ThIdDetector``: Thai personal identification number.

Thai personal identification number: 13 digits, MOD 11 check (1-2345-67890-12-1).
"""

from __future__ import annotations

import re

from stdnum.th import pin

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["ThIdDetector"]


class ThIdDetector(NationalIdDetector):
    """Thai personal identification number.

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "th_id"
    min_digits = 13
    pattern = re.compile(lead("[1-8]") + SEP + spaced(*digits(12)) + END, re.ASCII)
    free_shape = re.compile(r"\d[- ]\d{4}[- ]\d{5}[- ]\d{2}[- ]\d", re.ASCII)
    gate = r"[- ](?<=[0-9][- ])[0-9]{4}[- ][0-9]{5}"
    words = (
        "เลขประจำตัวประชาชน",
        "บัตรประชาชน",
        "บัตรประจำตัวประชาชน",
        "Thai ID",
        "citizen ID",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return pin.is_valid(compact)
