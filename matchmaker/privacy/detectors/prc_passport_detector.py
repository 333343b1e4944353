"""``PrcPassportDetector``: passports of the PRC, including those of the Hong Kong and Macau SARs."""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.context_words import GENERIC_WORDS, PASSPORT_WORDS, ContextWords
from matchmaker.privacy.detectors.pattern_detector import END, START, PatternDetector, digits, spaced

__all__ = ["PrcPassportDetector"]

_SHAPES = (
    spaced("E", *digits(8)),  # ordinary e-passport
    spaced("E", "[A-Z]", *digits(7)),  # ordinary e-passport, letter series
    spaced("G", *digits(8)),  # older ordinary passport
    spaced("[DSP]", "E", *digits(7)),  # diplomatic, service, public affairs
    spaced("1", "[45]", *digits(7)),  # older service passports
    spaced("K", *digits(8)),  # Hong Kong SAR
    spaced("M", "A", *digits(7)),  # Macau SAR
)


class PrcPassportDetector(PatternDetector):
    """Ordinary, official and SAR passports of the PRC; the shapes are in ``_SHAPES``.

    No check digit: removed only next to a passport or document word (护照, passport, 证件, ID, ...).
    """

    kind = "passport"
    min_digits = 7
    pattern = re.compile(START + "(?:" + "|".join(_SHAPES) + ")" + END, re.ASCII | re.IGNORECASE)
    context = ContextWords(PASSPORT_WORDS + GENERIC_WORDS)
