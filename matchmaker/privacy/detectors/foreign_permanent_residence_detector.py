"""``ForeignPermanentResidenceDetector``: foreigner's permanent residence ID card (2023 format)."""

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
from matchmaker.privacy.detectors.prc_id_rules import is_birth_date, is_province

__all__ = ["ForeignPermanentResidenceDetector"]


class ForeignPermanentResidenceDetector(PatternDetector):
    """18 characters starting with 9: province of issue, nationality code, birth date, sequence, check.

    Layout: ``9`` + 2-digit province of the issuing authority + 3-digit nationality + YYYYMMDD +
    3-digit sequence + MOD 11-2 check character. Unified social credit codes also often start with
    ``9`` (``91…``); the birth date at positions 7-14 and the MOD 11-2 check keep them apart.
    Next to an identity or residence word (``外国人永久居留身份证：``, ``Permanent residence card no.``),
    a province of issue missing from the table does not keep the number (fail closed).
    """

    kind = "foreign_permanent_residence"
    min_digits = 17
    pattern = re.compile(lead("9") + SEP + spaced(*digits(16), "[0-9Xx]") + END, re.ASCII)
    identity_context = ContextWords(IDENTITY_WORDS + GENERIC_WORDS + RESIDENCE_WORDS)

    def is_valid(self, compact: str) -> bool:
        """Province of issue, birth date and MOD 11-2 check."""
        return is_province(compact[1:3]) and is_birth_date(compact[6:14]) and mod11_2_valid(compact)

    def fits_format(self, compact: str) -> bool:
        """Birth date and MOD 11-2 check, whatever the province table says."""
        return is_birth_date(compact[6:14]) and mod11_2_valid(compact)
