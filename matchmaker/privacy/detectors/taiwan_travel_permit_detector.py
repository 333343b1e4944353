"""``TaiwanTravelPermitDetector``: Mainland travel permit for Taiwan residents (台胞证)."""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.context_words import GENERIC_WORDS, TAIWAN_PERMIT_WORDS, ContextWords
from matchmaker.privacy.detectors.pattern_detector import END, SEP, PatternDetector, digits, lead, spaced

__all__ = ["TaiwanTravelPermitDetector"]


class TaiwanTravelPermitDetector(PatternDetector):
    """8 digits (older cards: 10). Plain digits like dates and HS codes: context only (台胞证, MTP, ...)."""

    kind = "travel_permit"
    min_digits = 8
    pattern = re.compile(
        lead("[0-9]") + SEP + spaced(*digits(7)) + f"(?:{SEP}[0-9]{SEP}[0-9])?" + END, re.ASCII
    )
    context = ContextWords(TAIWAN_PERMIT_WORDS + GENERIC_WORDS)
