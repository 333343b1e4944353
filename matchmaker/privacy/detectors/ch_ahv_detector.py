"""``ChAhvDetector``: Swiss social security number (AHV/AVS).

Swiss social security number (AHV/AVS): 756.XXXX.XXXX.XC, EAN-13 check.
"""

from __future__ import annotations

import re

from stdnum.ch import ssn

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, lead

__all__ = ["ChAhvDetector"]


class ChAhvDetector(NationalIdDetector):
    """Swiss social security number (AHV/AVS).

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "ch_ahv"
    min_digits = 13
    pattern = re.compile(lead("7") + "56[. ]?[0-9]{4}[. ]?[0-9]{4}[. ]?[0-9]{2}" + END, re.ASCII)
    free_shape = re.compile(r".+", re.ASCII)
    gate = r"756[. ]?[0-9]{4}"
    words = (
        "AHV",
        "AVS",
        "AHV-Nr",
        "AHVN13",
        "Sozialversicherungsnummer",
        "numéro AVS",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return ssn.is_valid(compact)
