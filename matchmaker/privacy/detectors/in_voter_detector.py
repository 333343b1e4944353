"""``InVoterDetector``: Indian voter identity card number (EPIC).

Indian electors photo identity card number (EPIC, "voter ID"): three letters and seven digits
(ABC1234567); no published check.
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["InVoterDetector"]


class InVoterDetector(NationalIdDetector):
    """Indian voter identity card number.

    Removed only next to one of its words (three letters and seven digits are also order numbers).
    """

    kind = "in_voter"
    checked = False
    min_digits = 7
    pattern = re.compile(lead("[A-Za-z]") + "[A-Za-z]{2}" + SEP + spaced(*digits(7)) + END, re.ASCII)
    words = (
        "voter ID",
        "voter card",
        "voter identity card",
        "EPIC",
        "EPIC no",
        "electors photo identity card",
        "elector's photo identity card",
        "मतदाता पहचान पत्र",
    )

    def validate(self, compact: str) -> bool:
        """Three letters and seven digits."""
        return len(compact) == 10 and compact[:3].isalpha() and compact[3:].isdigit()
