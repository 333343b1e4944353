"""``NgNinDetector``: Nigerian national identification number (NIN).

Nigerian national identification number (NIN, issued by the NIMC): 11 digits; no published check.
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["NgNinDetector"]


class NgNinDetector(NationalIdDetector):
    """Nigerian national identification number.

    Removed only next to one of its words (11 digits are also phone numbers: 080... in Nigeria).
    """

    kind = "ng_nin"
    checked = False
    min_digits = 11
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(10)) + END, re.ASCII)
    words = (
        "NIN",
        "NIN no",
        "national identification number",
        "NIMC",
        "NIN slip",
    )

    def validate(self, compact: str) -> bool:
        """Eleven digits."""
        return len(compact) == 11 and compact.isdigit()
