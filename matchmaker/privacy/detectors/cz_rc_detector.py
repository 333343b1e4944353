"""``CzRcDetector``: Czech and Slovak birth number (rodné číslo).

Czech and Slovak birth number (rodné číslo): YYMMDD (the month raised by 50 for women, by 20 or 70
when a day's serials ran out), a slash, a serial of three digits and, since 1954, a check digit that
makes the 10-digit number divisible by 11 (710319/2745).
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, lead

__all__ = ["CzRcDetector"]


class CzRcDetector(NationalIdDetector):
    """Czech and Slovak birth number (python-stdnum's ``cz.rc`` is also its ``sk.rc``).

    Removed only next to one of its words (a date and four digits are also order numbers). Next to
    its word the calendar is not asked (fail closed): python-stdnum's date rules reject what Faker's
    generator writes for 31 February (``790231/8875``) or a day 83 (``006283/728``); the digits'
    own check, modulo 11 for ten of them, is.
    """

    kind = "cz_rc"
    # Nine or ten digits, but the slash splits them: the scanner finds the six before it as a run
    # of digits and searches around it (reach) for the rest.
    min_digits = 6
    pattern = re.compile(lead("[0-9]") + "[0-9]{5}(?:/|" + SEP + ")[0-9]{3}[0-9]?" + END, re.ASCII)
    words = (
        "rodné číslo",
        "rodne cislo",
        "rodného čísla",
        "rodneho cisla",
        "RČ",
        "r. č.",
    )

    def needs_own_words(self, compact: str) -> bool:
        """Nine digits (before 1954) carry no check: a generic identity word is not enough."""
        return len(compact) == 9

    def validate(self, compact: str) -> bool:
        """Nine digits (given until 1953), or ten: the last the first nine's remainder modulo 11 (10 as 0)."""
        if len(compact) not in (9, 10) or not compact.isdigit():
            return False
        return len(compact) == 9 or int(compact[:9]) % 11 % 10 == int(compact[9])
