"""``TaiwanIdDetector``: Taiwan national ID and resident certificate numbers (國民身分證, 居留證)."""

from __future__ import annotations

import re

from matchmaker.privacy.checksums import taiwan_id_valid
from matchmaker.privacy.detectors.pattern_detector import END, SEP, PatternDetector, digits, lead, spaced

__all__ = ["TaiwanIdDetector"]


class TaiwanIdDetector(PatternDetector):
    """A letter, then 1 or 2 (citizens) or 8 or 9 (resident certificates), then 8 digits; mod-10 check."""

    kind = "tw_id"
    min_digits = 9
    # A space after the letter only with a capital ("a 123456789" is English).
    pattern = re.compile(
        lead("[A-Za-z]") + "(?:(?<=[A-Z])[ -])?" + spaced("[1289]", *digits(8)) + END, re.ASCII
    )

    # The pattern from its digits on: the letter right before 1, 2, 8 or 9 (or a capital and a space
    # or hyphen), then eight digits.
    prefilter = re.compile(
        "[1289](?:(?<=[A-Za-z][1289])|(?<=[A-Z][ -][1289]))" + SEP + spaced(*digits(8)) + END, re.ASCII
    )

    def is_valid(self, compact: str) -> bool:
        """The weighted sum of the letter's two digits and the nine digits is divisible by 10."""
        return taiwan_id_valid(compact)
