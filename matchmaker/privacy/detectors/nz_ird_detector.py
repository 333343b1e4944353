"""``NzIrdDetector``: New Zealand IRD number.

New Zealand IRD number: 8 or 9 digits, MOD 11 with a second weighting.
"""

from __future__ import annotations

import re

from stdnum.nz import ird

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["NzIrdDetector"]


class NzIrdDetector(NationalIdDetector):
    """New Zealand IRD number.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "nz_ird"
    min_digits = 8
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(7)) + f"(?:{SEP}[0-9])?" + END, re.ASCII)
    words = (
        "IRD",
        "IRD number",
        "inland revenue",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return ird.is_valid(compact)
