"""``NlBsnDetector``: Dutch citizen service number (BSN).

Dutch citizen service number (BSN): 9 digits, the 11-test (111222333, also written 1112.22.333).
"""

from __future__ import annotations

import re

from stdnum.nl import bsn

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["NlBsnDetector"]


class NlBsnDetector(NationalIdDetector):
    """Dutch citizen service number (BSN).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "nl_bsn"
    min_digits = 9
    pattern = re.compile(
        lead("[0-9]") + f"(?:[0-9]{{3}}[.][0-9]{{2}}[.][0-9]{{3}}|{SEP}{spaced(*digits(8))})" + END, re.ASCII
    )
    words = (
        "BSN",
        "burgerservicenummer",
        "sofinummer",
        "sofi-nummer",
        "citizen service number",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return bsn.is_valid(compact)
