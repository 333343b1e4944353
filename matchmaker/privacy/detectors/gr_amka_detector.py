"""``GrAmkaDetector``: Greek social security number (AMKA).

Greek social security number (AMKA): the birth date DDMMYY, a serial and a Luhn check digit
(01013099997).
"""

from __future__ import annotations

import re

from stdnum.gr import amka

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["GrAmkaDetector"]


class GrAmkaDetector(NationalIdDetector):
    """Greek social security number (AMKA).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "gr_amka"
    min_digits = 11
    pattern = re.compile(lead("[0-3]") + SEP + spaced(*digits(10)) + END, re.ASCII)
    words = (
        "ΑΜΚΑ",
        "AMKA",
        "Αριθμός Μητρώου Κοινωνικής Ασφάλισης",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return amka.is_valid(compact)
