"""``JmbgDetector``: Unique master citizen number of the former Yugoslav states (JMBG, EMŠO, EMBG).

Unique master citizen number of Slovenia, Croatia (before the OIB), Bosnia and Herzegovina, Serbia,
Montenegro and North Macedonia (JMBG, ЈМБГ, EMŠO, ЕМБГ): DDMMYYY, a region, a serial and a MOD 11
check digit (0101006500006).
"""

from __future__ import annotations

import re

from stdnum.si import emso

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["JmbgDetector"]


class JmbgDetector(NationalIdDetector):
    """Unique master citizen number of the former Yugoslav states (JMBG, EMŠO, EMBG).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "jmbg"
    min_digits = 13
    pattern = re.compile(lead("[0-3]") + SEP + spaced(*digits(12)) + END, re.ASCII)
    words = (
        "JMBG",
        "ЈМБГ",
        "EMŠO",
        "EMSO",
        "ЕМБГ",
        "EMBG",
        "matični broj",
        "матични број",
        "matična številka",
        "матичен број",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return emso.is_valid(compact)
