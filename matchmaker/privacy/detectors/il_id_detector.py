"""``IlIdDetector``: Israeli identity number (Teudat Zehut).

Israeli identity number (Teudat Zehut): 9 digits, Luhn-like check.
"""

from __future__ import annotations

import re

from stdnum.il import idnr

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, lead

__all__ = ["IlIdDetector"]


class IlIdDetector(NationalIdDetector):
    """Israeli identity number (Teudat Zehut).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "il_id"
    min_digits = 6
    # Leading zeros are often dropped (3933742-3): 5 to 9 digits.
    pattern = re.compile(lead("[0-9]") + "[0-9]{3,7}" + SEP + "[0-9]" + END, re.ASCII)
    words = (
        "teudat zehut",
        "תעודת זהות",
        "ת.ז",
        "מספר זהות",
        "Israeli ID",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return len(compact) >= 6 and idnr.is_valid(compact.zfill(9))
