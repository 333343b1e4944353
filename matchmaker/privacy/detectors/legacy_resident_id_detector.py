"""``LegacyResidentIdDetector``: the 15-digit first-generation resident ID (issued until 2004)."""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.context_words import GENERIC_WORDS, IDENTITY_WORDS, ContextWords
from matchmaker.privacy.detectors.pattern_detector import END, SEP, PatternDetector, digits, lead, spaced
from matchmaker.privacy.detectors.prc_id_rules import is_birth_date, is_province

__all__ = ["LegacyResidentIdDetector"]


class LegacyResidentIdDetector(PatternDetector):
    """6-digit area code, birth date YYMMDD (19YY), 3-digit sequence; no check digit.

    Without a checksum, a real province code and birth date are necessary but not enough: the number
    is removed only next to an identity word (身份证, ID, identity card, ...).
    """

    kind = "cn_resident_id_15"
    min_digits = 15
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(14)) + END, re.ASCII)
    context = ContextWords(IDENTITY_WORDS + GENERIC_WORDS)
    identity_context = context

    def is_valid(self, compact: str) -> bool:
        """Province code and a calendar birth date in the 1900s."""
        return is_province(compact) and is_birth_date("19" + compact[6:12])

    def fits_format(self, compact: str) -> bool:
        """A calendar birth date in the 1900s, whatever the province table says."""
        return is_birth_date("19" + compact[6:12])
