"""``LvPkDetector``: Latvian personal code (personas kods).

Latvian personal code (personas kods): DDMMYY, a century digit (0-2), a serial and a check digit,
``(1101 - (1 6 3 7 9 10 5 8 4 2) . digits) mod 11`` (191057-18870); codes given since 2017 start
with 32 and carry no date.
"""

from __future__ import annotations

import datetime
import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["LvPkDetector", "lv_pk_check_digit"]

_WEIGHTS = (1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def lv_pk_check_digit(first10: str) -> int:
    """The check digit of a dated personal code's first ten digits (10 is written 0)."""
    return (1101 - sum(w * int(d) for w, d in zip(_WEIGHTS, first10, strict=True))) % 11 % 10


class LvPkDetector(NationalIdDetector):
    """Latvian personal code.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "lv_pk"
    min_digits = 11
    pattern = re.compile(lead("[0-3]") + SEP + spaced(*digits(10)) + END, re.ASCII)
    words = (
        "personas kods",
        "personas kodu",
        "personas koda",
        "personal code",
    )

    def needs_own_words(self, compact: str) -> bool:
        """The codes given since 2017 (32...) carry no check: a generic identity word is not enough."""
        return compact.startswith("32")

    def validate(self, compact: str) -> bool:
        """A dated code: its date and check digit; a code from 2017 on (32...): its shape."""
        if len(compact) != 11 or not compact.isdigit():
            return False
        if compact.startswith("32"):
            return True
        if compact[6] not in "012":
            return False
        try:
            datetime.date(
                1800 + 100 * int(compact[6]) + int(compact[4:6]), int(compact[2:4]), int(compact[:2])
            )
        except ValueError:
            return False
        return lv_pk_check_digit(compact[:10]) == int(compact[10])
