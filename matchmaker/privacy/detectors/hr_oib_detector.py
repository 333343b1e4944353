"""``HrOibDetector``: Croatian personal identification number (OIB).

Croatian personal identification number (OIB): 11 digits, ISO 7064 MOD 11,10 (33392005961).
"""

from __future__ import annotations

import re

from stdnum.hr import oib

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["HrOibDetector"]


class HrOibDetector(NationalIdDetector):
    """Croatian personal identification number (OIB).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).

    Companies have an OIB as well: next to its word one is removed too (fail closed); the VAT form
    ``HR33392005961`` stays.
    """

    kind = "hr_oib"
    min_digits = 11
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(10)) + END, re.ASCII)
    words = (
        "OIB",
        "osobni identifikacijski broj",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return oib.is_valid(compact)
