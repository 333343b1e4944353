"""``LtAsmensDetector``: Lithuanian personal code (asmens kodas).

Lithuanian personal code (asmens kodas): century and sex, YYMMDD, a serial and a MOD 11 check
digit (33309240064).
"""

from __future__ import annotations

import re

from stdnum.lt import asmens

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["LtAsmensDetector"]


class LtAsmensDetector(NationalIdDetector):
    """Lithuanian personal code (asmens kodas).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "lt_asmens"
    min_digits = 11
    pattern = re.compile(lead("[1-69]") + SEP + spaced(*digits(10)) + END, re.ASCII)
    words = (
        "asmens kodas",
        "asmens kodą",
        "asmens kodo",
        "asmens koda",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return asmens.is_valid(compact)
