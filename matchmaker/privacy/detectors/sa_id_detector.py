"""``SaIdDetector``: Saudi national ID and residence permit (iqama) number.

Saudi national identity number (starting with 1) and residence permit number (iqama, starting with
2): 10 digits, Luhn check (1012345678 is not one; 1000000008 is).
"""

from __future__ import annotations

import re

from stdnum import luhn

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["SaIdDetector"]


class SaIdDetector(NationalIdDetector):
    """Saudi national ID or iqama number.

    Removed only next to one of its words (a 1-in-10 check does not tell it from phone numbers).
    """

    kind = "sa_id"
    min_digits = 10
    pattern = re.compile(lead("[12]") + SEP + spaced(*digits(9)) + END, re.ASCII)
    words = (
        "iqama",
        "إقامة",
        "رقم الإقامة",
        "الهوية الوطنية",
        "رقم الهوية",
        "هوية مقيم",
        "Saudi ID",
        "Saudi national ID",
        "muqeem",
    )

    def validate(self, compact: str) -> bool:
        """Ten digits, 1 or 2 first, Luhn."""
        return len(compact) == 10 and compact.isdigit() and compact[0] in "12" and luhn.is_valid(compact)
