"""``IlIdDetector``: Israeli identity number (Teudat Zehut).

Israeli identity number (Teudat Zehut): 9 digits, Luhn-like check.
"""

from __future__ import annotations

import re

from stdnum.il import idnr

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["IlIdDetector"]


class IlIdDetector(NationalIdDetector):
    """Israeli identity number (Teudat Zehut).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "il_id"
    min_digits = 9
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(8)) + END, re.ASCII)
    words = (
        "teudat zehut",
        "תעודת זהות",
        "ת.ז",
        "מספר זהות",
        "Israeli ID",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return idnr.is_valid(compact)
