"""``DeRvnrDetector``: German pension insurance number (Rentenversicherungsnummer).

German pension insurance number (Rentenversicherungsnummer, the social insurance number): an area
(2 digits), the birth date DDMMYY (the day raised by 50 where needed), the initial of the birth
name, a serial of two digits and a check digit (VKVV section 4: the letter as its place in the
alphabet, weights 2 1 2 5 7 1 2 1 2 1 2 1, sum of the products' digits, modulo 10; 12 150780 M 01 3).
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["DeRvnrDetector", "de_rvnr_check_digit"]

_WEIGHTS = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)


def de_rvnr_check_digit(first11: str) -> int:
    """The check digit of the number's first 11 characters (8 digits, a letter, 2 digits)."""
    expanded = first11[:8] + f"{ord(first11[8].upper()) - 64:02d}" + first11[9:]
    return sum(sum(divmod(w * int(d), 10)) for w, d in zip(_WEIGHTS, expanded, strict=True)) % 10


class DeRvnrDetector(NationalIdDetector):
    """German pension insurance number.

    Removed only next to one of its words (letters inside digits are also part numbers).
    """

    kind = "de_rvnr"
    min_digits = 11
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(7), "[A-Za-z]", *digits(3)) + END, re.ASCII)
    words = (
        "Rentenversicherungsnummer",
        "RV-Nummer",
        "RVNR",
        "Sozialversicherungsnummer",
        "SV-Nummer",
        "Versicherungsnummer",
    )

    def validate(self, compact: str) -> bool:
        """A day (1-31 or 51-81) and month, and the check digit."""
        if len(compact) != 12 or not compact[:8].isdigit() or not compact[8].isalpha():
            return False
        if not compact[9:].isdigit():
            return False
        day, month = int(compact[2:4]), int(compact[4:6])
        if not (1 <= day <= 31 or 51 <= day <= 81) or not 1 <= month <= 12:
            return False
        return de_rvnr_check_digit(compact[:11]) == int(compact[11])
