"""``ArDniDetector``: Argentine DNI.

Argentine DNI: 7-8 digits, no checksum: context.
"""

from __future__ import annotations

import re

from stdnum.ar import dni

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, lead

__all__ = ["ArDniDetector"]


class ArDniDetector(NationalIdDetector):
    """Argentine DNI.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "ar_dni"
    min_digits = 7
    pattern = re.compile(lead("[0-9]") + "[0-9]?[.]?[0-9]{3}[.]?[0-9]{3}" + END, re.ASCII)
    words = (
        "DNI",
        "documento nacional",
        "documento de identidad",
        "D.N.I",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return dni.is_valid(compact)
