"""``PeCuiDetector``: Peruvian identity number.

Peruvian identity number (CUI, the number of the DNI): 8 digits and, on the card, a check character
(a digit or a letter: 10117410-2).
"""

from __future__ import annotations

import re

from stdnum.pe import cui

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["PeCuiDetector"]


class PeCuiDetector(NationalIdDetector):
    """Peruvian identity number.

    Removed only next to one of its words (eight digits alone are phone and order numbers too). Not
    "CUI": in Romania that names a company's tax code.
    """

    kind = "pe_cui"
    checked = False
    min_digits = 8
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(7)) + "(?:-[0-9A-Ka-k]|[0-9])?" + END, re.ASCII)
    words = (
        "DNI",
        "cédula única de identidad",
        "cedula unica de identidad",
        "documento nacional de identidad",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules (the check character when it is written)."""
        return cui.is_valid(compact)
