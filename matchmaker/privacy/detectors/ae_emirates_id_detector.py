"""``AeEmiratesIdDetector``: UAE identity card number (Emirates ID).

UAE identity card number: 784, the year of birth, a 7-digit serial and a Luhn check digit over all
15 digits (784-1985-1234567-1).
"""

from __future__ import annotations

import re

from stdnum import luhn

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["AeEmiratesIdDetector"]


class AeEmiratesIdDetector(NationalIdDetector):
    """UAE identity card number.

    Removed without context in its written form (``784-YYYY-NNNNNNN-N``) with a plausible year and a
    valid check; any spacing next to a word.
    """

    kind = "ae_emirates_id"
    min_digits = 15
    pattern = re.compile(lead("7") + "84" + SEP + spaced(*digits(12)) + END, re.ASCII)
    free_shape = re.compile(r"784-(?:19|20)\d{2}-\d{7}-\d", re.ASCII)
    gate = r"784-[0-9]{4}-[0-9]{7}"
    words = (
        "Emirates ID",
        "EID",
        "UAE ID",
        "رقم الهوية",
        "الهوية الإماراتية",
        "بطاقة الهوية",
    )

    def validate(self, compact: str) -> bool:
        """784, a year of birth from 1900 on, and the Luhn check."""
        return (
            len(compact) == 15
            and compact.isdigit()
            and compact.startswith("784")
            and compact[3:5] in ("19", "20")
            and luhn.is_valid(compact)
        )
