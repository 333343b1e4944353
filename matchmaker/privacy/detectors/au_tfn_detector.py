"""``AuTfnDetector``: Australian tax file number.

Australian tax file number: 8 or 9 digits, weighted MOD 11.
"""

from __future__ import annotations

import re

from stdnum.au import tfn

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["AuTfnDetector"]


class AuTfnDetector(NationalIdDetector):
    """Australian tax file number.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "au_tfn"
    min_digits = 8
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(7)) + f"(?:{SEP}[0-9])?" + END, re.ASCII)
    words = (
        "TFN",
        "tax file number",
        "tax file no",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return tfn.is_valid(compact)
