"""``HkMacauTravelPermitDetector``: Mainland travel permit for Hong Kong and Macau residents (回乡证)."""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.context_words import GENERIC_WORDS, PERMIT_WORDS, ContextWords
from matchmaker.privacy.detectors.pattern_detector import END, SEP, PatternDetector, digits, lead, spaced

__all__ = ["HkMacauTravelPermitDetector"]


class HkMacauTravelPermitDetector(PatternDetector):
    """``H`` (Hong Kong) or ``M`` (Macau), 8 digits, optionally 2 more (the renewal count).

    No check digit: removed only next to a permit or document word (通行证, 回乡证, permit, 证件, ...).
    """

    kind = "travel_permit"
    min_digits = 8
    pattern = re.compile(
        lead("[HM]") + SEP + spaced(*digits(8)) + f"(?:{SEP}[0-9]{SEP}[0-9])?" + END, re.ASCII | re.IGNORECASE
    )
    context = ContextWords(PERMIT_WORDS + GENERIC_WORDS)
