"""``ResidentIdDetector``: the 18-character PRC resident identity card number (居民身份证号码)."""

from __future__ import annotations

import re

from matchmaker.privacy.checksums import mod11_2_valid
from matchmaker.privacy.detectors.pattern_detector import END, SEP, PatternDetector, digits, lead, spaced
from matchmaker.privacy.detectors.prc_id_rules import RESIDENCE_PERMIT_AREAS, is_birth_date, is_province

__all__ = ["ResidentIdDetector"]


class ResidentIdDetector(PatternDetector):
    """6-digit area code, birth date YYYYMMDD, 3-digit sequence, ISO 7064 MOD 11-2 check character.

    No context needed: the check character, a real province code and a real birth date together let
    about one random 18-digit number in 10,000 through. Numbers of the Hong Kong, Macau and Taiwan
    residence permits (area 810000/820000/830000) are left to ``ResidencePermitDetector``.
    """

    kind = "cn_resident_id"
    min_digits = 17
    pattern = re.compile(lead("[1-8]") + SEP + spaced(*digits(16), "[0-9Xx]") + END, re.ASCII)

    def is_valid(self, compact: str) -> bool:
        """Province code, birth date and MOD 11-2 check; not a residence-permit area."""
        return (
            compact[:6] not in RESIDENCE_PERMIT_AREAS
            and is_province(compact)
            and is_birth_date(compact[6:14])
            and mod11_2_valid(compact)
        )
