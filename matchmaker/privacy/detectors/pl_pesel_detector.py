"""``PlPeselDetector``: Polish PESEL.

Polish PESEL: birth date, serial, sex, check digit (11 digits).
"""

from __future__ import annotations

import re

from stdnum.pl import pesel

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["PlPeselDetector"]


class PlPeselDetector(NationalIdDetector):
    """Polish PESEL.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "pl_pesel"
    min_digits = 11
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(10)) + END, re.ASCII)
    words = (
        "PESEL",
        "numer PESEL",
        "nr PESEL",
        "dowód osobisty",
        "dowod osobisty",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return pesel.is_valid(compact)
