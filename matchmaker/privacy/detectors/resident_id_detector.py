"""``ResidentIdDetector``: the 18-character PRC resident identity card number (居民身份证号码)."""

from __future__ import annotations

import re

from matchmaker.privacy.checksums import mod11_2_valid
from matchmaker.privacy.detectors.context_words import (
    GENERIC_WORDS,
    IDENTITY_WORDS,
    RESIDENCE_WORDS,
    ContextWords,
)
from matchmaker.privacy.detectors.pattern_detector import END, SEP, PatternDetector, digits, lead, spaced
from matchmaker.privacy.detectors.prc_id_rules import RESIDENCE_PERMIT_AREAS, is_birth_date, is_province

__all__ = ["ResidentIdDetector"]


class ResidentIdDetector(PatternDetector):
    """6-digit area code, birth date YYYYMMDD, 3-digit sequence, ISO 7064 MOD 11-2 check character.

    No context needed: the check character, a real province code and a real birth date together let
    about one random 18-digit number in 10,000 through. Numbers of the Hong Kong, Macau and Taiwan
    residence permits (area 810000/820000/830000) are left to ``ResidencePermitDetector``.
    Next to an identity word, an unknown province code does not keep the number (fail closed).
    """

    kind = "cn_resident_id"
    min_digits = 17
    # Leading 0 only for the identity-word fallback (no province starts with 0); 9 is the foreigner's card.
    pattern = re.compile(lead("[0-8]") + SEP + spaced(*digits(16), "[0-9Xx]") + END, re.ASCII)
    identity_context = ContextWords(IDENTITY_WORDS + GENERIC_WORDS + RESIDENCE_WORDS)

    def is_valid(self, compact: str) -> bool:
        """Province code, birth date and MOD 11-2 check; not a residence-permit area."""
        return (
            compact[:6] not in RESIDENCE_PERMIT_AREAS
            and is_province(compact)
            and is_birth_date(compact[6:14])
            and mod11_2_valid(compact)
        )

    def fits_format(self, compact: str) -> bool:
        """Birth date and MOD 11-2 check, whatever the province table says."""
        return (
            compact[:6] not in RESIDENCE_PERMIT_AREAS
            and is_birth_date(compact[6:14])
            and mod11_2_valid(compact)
        )
