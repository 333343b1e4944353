"""``ZaIdDetector``: South African identity number.

South African identity number: YYMMDD SSSS C A Z, Luhn.
"""

from __future__ import annotations

import re

from stdnum.za import idnr

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["ZaIdDetector"]


class ZaIdDetector(NationalIdDetector):
    """South African identity number.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "za_id"
    min_digits = 13
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(12)) + END, re.ASCII)
    words = (
        "identity number",
        "SA ID",
        "RSA ID",
        "ID number",
        "identiteitsnommer",
        "ID-nommer",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return idnr.is_valid(compact)
