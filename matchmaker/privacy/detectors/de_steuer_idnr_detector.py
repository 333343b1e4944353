"""``DeSteuerIdnrDetector``: German tax identification number (Steuer-IdNr).

German tax identification number (Steuer-IdNr): 11 digits, ISO 7064 MOD 11,10.
"""

from __future__ import annotations

import re

from stdnum.de import idnr

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["DeSteuerIdnrDetector"]


class DeSteuerIdnrDetector(NationalIdDetector):
    """German tax identification number (Steuer-IdNr).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "de_steuer_idnr"
    min_digits = 11
    pattern = re.compile(lead("[1-9]") + SEP + spaced(*digits(10)) + END, re.ASCII)
    words = (
        "Steuer-ID",
        "Steuer-IdNr",
        "Steueridentifikationsnummer",
        "Steuer-Identifikationsnummer",
        "IdNr",
        "Identifikationsnummer",
        "tax ID",
        "TIN",
        "Steuernummer",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return idnr.is_valid(compact)
