"""``LvPkDetector``: Latvian personal code (personas kods).

Latvian personal code (personas kods): DDMMYY, a century digit (0-2), a serial and a check digit
(191057-18870); codes given since 2017 start with 32, carry no date and keep the check digit.
"""

from __future__ import annotations

import re

from stdnum.lv import pvn

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["LvPkDetector"]


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

    def validate(self, compact: str) -> bool:
        """python-stdnum's ``lv.pvn``, for a person's code only.

        First digit 0-3 (a company's starts higher), and for a dated code a century digit 0-2
        (1800-2099; stdnum reads any digit as a century).
        """
        if compact[:1] not in ("0", "1", "2", "3") or not pvn.is_valid(compact):
            return False
        return compact.startswith("32") or compact[6] in "012"
