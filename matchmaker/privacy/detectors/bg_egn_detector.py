"""``BgEgnDetector``: Bulgarian uniform civil number (EGN).

Bulgarian uniform civil number (ЕГН, EGN): YYMMDD (the month raised by 20 or 40 for other
centuries), a serial and a weighted MOD 11 check digit (8032056031).
"""

from __future__ import annotations

import re

from stdnum.bg import egn

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["BgEgnDetector"]


class BgEgnDetector(NationalIdDetector):
    """Bulgarian uniform civil number (EGN).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "bg_egn"
    min_digits = 10
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(9)) + END, re.ASCII)
    words = (
        "ЕГН",
        "EGN",
        "единен граждански номер",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return egn.is_valid(compact)
