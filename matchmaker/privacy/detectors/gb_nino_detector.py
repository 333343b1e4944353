"""``GbNinoDetector``: UK National Insurance number.

UK National Insurance number: two letters, six digits, A-D. No checksum: context.
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, START

__all__ = ["GbNinoDetector"]


_INVALID_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})


class GbNinoDetector(NationalIdDetector):
    """UK National Insurance number.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "gb_nino"
    min_digits = 6
    pattern = re.compile(
        START
        + "[A-CEGHJ-PR-TW-Za-ceghj-pr-tw-z][A-CEGHJ-NPR-TW-Za-ceghj-npr-tw-z](?: ?[0-9]{2}){3} ?[A-Da-d]"
        + END,
        re.ASCII,
    )
    words = (
        "NINO",
        "National Insurance",
        "NI number",
        "NI no",
        "NI",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return compact[:2] not in _INVALID_PREFIXES and compact[-1] in "ABCD"
