"""``TrKimlikDetector``: Turkish identity number (T.C. Kimlik No).

Turkish identity number (T.C. Kimlik No): 11 digits, two check digits.
"""

from __future__ import annotations

import re

from stdnum.tr import tckimlik

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["TrKimlikDetector"]


class TrKimlikDetector(NationalIdDetector):
    """Turkish identity number (T.C. Kimlik No).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "tr_kimlik"
    min_digits = 11
    pattern = re.compile(lead("[1-9]") + SEP + spaced(*digits(10)) + END, re.ASCII)
    words = (
        "kimlik",
        "TC kimlik",
        "T.C. kimlik",
        "TCKN",
        "TC no",
        "T.C. no",
        "nüfus",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return tckimlik.is_valid(compact)
