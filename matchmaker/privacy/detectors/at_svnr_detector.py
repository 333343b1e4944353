"""``AtSvnrDetector``: Austrian social security number.

Austrian social security number (Versicherungsnummer, SVNR): a 3-digit serial, a MOD 11 check digit
and the birth date DDMMYY (1237 010180).
"""

from __future__ import annotations

import re

from stdnum.at import vnr

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["AtSvnrDetector"]


class AtSvnrDetector(NationalIdDetector):
    """Austrian social security number.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "at_svnr"
    min_digits = 10
    pattern = re.compile(lead("[1-9]") + SEP + spaced(*digits(9)) + END, re.ASCII)
    words = (
        "SVNR",
        "SV-Nr",
        "SV-Nummer",
        "VSNR",
        "Versicherungsnummer",
        "Sozialversicherungsnummer",
        "e-card",
    )

    def validate(self, compact: str) -> bool:
        """The check digit, and a day and month that a birth date can have.

        The month may be 13-15: numbers given where the date was unknown, or its serials ran out.
        """
        return vnr.is_valid(compact) and 1 <= int(compact[4:6]) <= 31 and 1 <= int(compact[6:8]) <= 15
