"""``VnCccdDetector``: Vietnamese citizen identity card (CCCD).

Vietnamese citizen identity card (CCCD): 12 digits, province 001-096, century and sex, year; context.
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["VnCccdDetector"]


class VnCccdDetector(NationalIdDetector):
    """Vietnamese citizen identity card (CCCD).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "vn_cccd"
    min_digits = 12
    pattern = re.compile(lead("0") + SEP + spaced(*digits(11)) + END, re.ASCII)
    words = (
        "CCCD",
        "căn cước",
        "can cuoc",
        "CMND",
        "chứng minh nhân dân",
        "chung minh nhan dan",
        "số định danh",
        "citizen identity",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return len(compact) == 12 and compact.isdigit() and 1 <= int(compact[:3]) <= 96
