"""``EsNieDetector``: Spanish foreigner's identity number (NIE).

Spanish foreigner's identity number (NIE): X, Y or Z, 7 digits, a MOD 23 check letter.
"""

from __future__ import annotations

import re

from stdnum.es import nie

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, digits, lead, spaced

__all__ = ["EsNieDetector"]


class EsNieDetector(NationalIdDetector):
    """Spanish foreigner's identity number (NIE).

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "es_nie"
    min_digits = 7
    pattern = re.compile(lead("[XYZxyz]") + "[ -]?" + spaced(*digits(7)) + "[ -]?[A-Za-z]" + END, re.ASCII)
    free_shape = re.compile(r"[XYZxyz][ -]?\d{7}[ -]?[A-Za-z]", re.ASCII)
    gate = r"[0-9]{7}[ -]?[A-Za-z]"
    words = (
        "NIE",
        "extranjero",
        "TIE",
        "foreigner identity",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return nie.is_valid(compact)
