"""``PhPhilsysDetector``: Philippine PhilSys number (PSN/PCN).

Philippine PhilSys number (PSN/PCN): 16 digits, no published checksum: context.
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["PhPhilsysDetector"]


class PhPhilsysDetector(NationalIdDetector):
    """Philippine PhilSys number (PSN/PCN).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "ph_philsys"
    min_digits = 16
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(15)) + END, re.ASCII)
    words = (
        "PhilSys",
        "PhilID",
        "PSN",
        "PCN",
        "Philippine Identification",
        "national ID",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return len(compact) == 16 and compact.isdigit()
