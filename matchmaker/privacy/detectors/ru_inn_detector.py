"""``RuInnDetector``: Russian personal taxpayer number (ИНН).

Russian personal taxpayer number (ИНН): 12 digits, two check digits.
"""

from __future__ import annotations

import re

from stdnum.ru import inn

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["RuInnDetector"]


class RuInnDetector(NationalIdDetector):
    """Russian personal taxpayer number (ИНН).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "ru_inn"
    min_digits = 12
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(11)) + END, re.ASCII)
    words = (
        "ИНН",
        "INN",
        "идентификационный номер",
        "taxpayer",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return len(compact) == 12 and inn.is_valid(compact)
