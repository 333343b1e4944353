"""``InPanDetector``: Indian PAN of an individual (AAAPA1234A). No checksum.

Indian PAN of an individual (AAAPA1234A). No checksum: context.
"""

from __future__ import annotations

import re

from stdnum.in_ import pan

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, START

__all__ = ["InPanDetector"]


class InPanDetector(NationalIdDetector):
    """Indian PAN of an individual (AAAPA1234A). No checksum.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "in_pan"
    min_digits = 4
    precheck_words = ("PAN", "permanent account number", "पैन")
    pattern = re.compile(START + "[A-Za-z]{3}[Pp][A-Za-z][0-9]{4}[A-Za-z]" + END, re.ASCII)
    words = (
        "PAN",
        "PAN card",
        "permanent account number",
        "पैन",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return pan.is_valid(compact)
