"""``NoFodselsnummerDetector``: Norwegian national identity number (fødselsnummer, D-nummer).

Norwegian national identity number (fødselsnummer, D-nummer): 11 digits, two MOD 11 checks.
"""

from __future__ import annotations

import re

from stdnum.no import fodselsnummer

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["NoFodselsnummerDetector"]


class NoFodselsnummerDetector(NationalIdDetector):
    """Norwegian national identity number (fødselsnummer, D-nummer).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "no_fodselsnummer"
    min_digits = 11
    pattern = re.compile(lead("[0-7]") + SEP + spaced(*digits(10)) + END, re.ASCII)
    words = (
        "fødselsnummer",
        "fodselsnummer",
        "personnummer",
        "D-nummer",
        "national identity number",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return fodselsnummer.is_valid(compact)
