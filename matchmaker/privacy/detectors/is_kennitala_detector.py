"""``IsKennitalaDetector``: Icelandic identity code of a person (kennitala).

Icelandic identity code (kennitala) of a person: DDMMYY, two digits, a MOD 11 check digit and the
century (120174-3399).
"""

from __future__ import annotations

import re

from stdnum.is_ import kennitala

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["IsKennitalaDetector"]


class IsKennitalaDetector(NationalIdDetector):
    """Icelandic identity code of a person (kennitala).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).

    An organisation's code (the day raised by 40) stays.
    """

    kind = "is_kennitala"
    min_digits = 10
    pattern = re.compile(lead("[0-7]") + SEP + spaced(*digits(9)) + END, re.ASCII)
    words = (
        "kennitala",
        "kennitölu",
        "kennitölur",
        "kt",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules; an organisation's code (day raised by 40) stays."""
        return kennitala.is_valid(compact) and int(compact[:2]) <= 31
