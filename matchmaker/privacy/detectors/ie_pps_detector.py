"""``IePpsDetector``: Irish personal public service number.

Irish personal public service number (PPS No, PPSN): 7 digits, a MOD 23 check letter and, since
2013, a second letter (1234567T, 6433435OA).
"""

from __future__ import annotations

import re

from stdnum.ie import pps

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["IePpsDetector"]


class IePpsDetector(NationalIdDetector):
    """Irish personal public service number.

    Removed only next to one of its words (seven digits and a letter are also order and part numbers).
    A second letter ``H`` marks a company's number, which stays.
    """

    kind = "ie_pps"
    min_digits = 7
    pattern = re.compile(
        lead("[0-9]") + SEP + spaced(*digits(6)) + SEP + "[A-Wa-w](?:[A-Za-z])?" + END, re.ASCII
    )
    words = (
        "PPS",
        "PPSN",
        "PPS No",
        "PPS number",
        "personal public service",
        "uimhir PSP",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules; a company's number (second letter H) stays."""
        return pps.is_valid(compact) and not compact.endswith("H")
