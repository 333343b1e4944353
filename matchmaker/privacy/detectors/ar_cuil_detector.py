"""``ArCuilDetector``: Argentine CUIL/CUIT of a person (prefix 20, 23, 24, 27).

Argentine CUIL/CUIT of a person (prefix 20, 23, 24, 27): 11 digits, MOD 11 check.
"""

from __future__ import annotations

import re

from stdnum.ar import cuit

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, lead

__all__ = ["ArCuilDetector"]


class ArCuilDetector(NationalIdDetector):
    """Argentine CUIL/CUIT of a person (prefix 20, 23, 24, 27).

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "ar_cuil"
    min_digits = 11
    pattern = re.compile(lead("2") + "[0347][- ]?[0-9]{8}[- ]?[0-9]" + END, re.ASCII)
    free_shape = re.compile(r"2[0347]-\d{8}-\d", re.ASCII)
    gate = r"-(?<=2[0347]-)[0-9]{8}"
    words = (
        "CUIL",
        "CUIT",
        "código único",
        "codigo unico",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return compact[:2] in ("20", "23", "24", "27") and cuit.is_valid(compact)
