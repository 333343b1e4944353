"""``MacauIdDetector``: the Macau resident identity card number (澳门居民身份证, BIR)."""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.context_words import GENERIC_WORDS, IDENTITY_WORDS, ContextWords
from matchmaker.privacy.detectors.pattern_detector import END, SEP, PatternDetector, digits, lead, spaced

__all__ = ["MacauIdDetector"]


class MacauIdDetector(PatternDetector):
    r"""``[157]\d{6}`` and a final digit, often in parentheses: ``1234567(8)``.

    Its check digit's algorithm is not published, so the number is removed only next to an identity
    word (身份证, BIR, ID, ...).
    """

    kind = "macau_id"
    min_digits = 7  # the check digit may sit across a line break and a bracket
    pattern = re.compile(
        lead("[157]") + SEP + spaced(*digits(6)) + SEP + r"(?:\([0-9]\)|[0-9])" + END, re.ASCII
    )
    context = ContextWords(IDENTITY_WORDS + GENERIC_WORDS)
