"""``UsSsnDetector``: US social security number.

US social security number: AAA-GG-SSSS (not 000, 666 or 9xx; group and serial not zero).
"""

from __future__ import annotations

import re

from stdnum.us import ssn

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["UsSsnDetector"]


class UsSsnDetector(NationalIdDetector):
    """US social security number.

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "us_ssn"
    min_digits = 9
    pattern = re.compile(lead("[0-8]") + SEP + spaced(*digits(8)) + END, re.ASCII)
    free_shape = re.compile(r"\d{3}-\d{2}-\d{4}", re.ASCII)
    gate = r"-(?<=[0-9]{3}-)[0-9]{2}-[0-9]{4}"
    words = (
        "SSN",
        "social security",
        "soc sec",
        "SS number",
        "SS no",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return ssn.is_valid(compact)
