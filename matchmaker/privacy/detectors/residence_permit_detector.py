"""``ResidencePermitDetector``: residence permit for Hong Kong, Macau and Taiwan residents (居住证)."""

from __future__ import annotations

import re

from matchmaker.privacy.checksums import mod11_2_valid
from matchmaker.privacy.detectors.pattern_detector import END, SEP, PatternDetector, digits, lead, spaced
from matchmaker.privacy.detectors.prc_id_rules import is_birth_date

__all__ = ["ResidencePermitDetector"]


class ResidencePermitDetector(PatternDetector):
    """18 characters like a resident ID, with area code 810000 (HK), 820000 (Macau) or 830000 (Taiwan)."""

    kind = "residence_permit"
    min_digits = 17
    pattern = re.compile(
        lead("8") + SEP + spaced("[123]", "0", "0", "0", "0", *digits(11), "[0-9Xx]") + END, re.ASCII
    )

    def is_valid(self, compact: str) -> bool:
        """Birth date and MOD 11-2 check (the area code is fixed by the pattern)."""
        return is_birth_date(compact[6:14]) and mod11_2_valid(compact)
