"""``PkCnicDetector``: Pakistani computerised national identity card number (CNIC).

Pakistani computerised national identity card number (CNIC, NICOP): a 5-digit locality, a 7-digit
serial and a digit for sex (34201-0891231-8); no checksum.
"""

from __future__ import annotations

import re

from stdnum.pk import cnic

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["PkCnicDetector"]


class PkCnicDetector(NationalIdDetector):
    """Pakistani computerised national identity card number (CNIC).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "pk_cnic"
    checked = False
    min_digits = 13
    pattern = re.compile(lead("[1-7]") + SEP + spaced(*digits(12)) + END, re.ASCII)
    words = (
        "CNIC",
        "NIC",
        "NICOP",
        "قومی شناختی کارڈ",
        "شناختی کارڈ",
        "computerised national identity card",
        "computerized national identity card",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return cnic.is_valid(compact)
