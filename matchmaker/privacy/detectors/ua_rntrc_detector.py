"""``UaRntrcDetector``: Ukrainian individual taxpayer number (РНОКПП, ІПН).

Ukrainian individual taxpayer registration number (РНОКПП, formerly ІПН): the birth date as days
since 1899-12-31, a serial and a weighted MOD 11 check digit (1759013776).
"""

from __future__ import annotations

import re

from stdnum.ua import rntrc

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["UaRntrcDetector"]


class UaRntrcDetector(NationalIdDetector):
    """Ukrainian individual taxpayer number (РНОКПП, ІПН).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).

    Not the Russian "ИНН": a 10-digit number there is a company's.
    """

    kind = "ua_rntrc"
    min_digits = 10
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(9)) + END, re.ASCII)
    words = (
        "РНОКПП",
        "ІПН",
        "ІНН",
        "ідентифікаційний код",
        "ідентифікаційний номер",
        "реєстраційний номер облікової картки",
        "RNTRC",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return rntrc.is_valid(compact)
