"""``EsDniDetector``: Spanish DNI.

Spanish DNI: 8 digits and a MOD 23 check letter.
"""

from __future__ import annotations

import re

from stdnum.es import dni

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["EsDniDetector"]


class EsDniDetector(NationalIdDetector):
    """Spanish DNI.

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "es_dni"
    min_digits = 8
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(7)) + "[ -]?[A-Za-z]" + END, re.ASCII)
    free_shape = re.compile(r"\d{8}[ -]?[A-Za-z]", re.ASCII)
    gate = r"[0-9]{7}[ -]?[A-Za-z]"
    words = (
        "DNI",
        "NIF",
        "documento nacional",
        "documento de identidad",
        "D.N.I",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return dni.is_valid(compact)
