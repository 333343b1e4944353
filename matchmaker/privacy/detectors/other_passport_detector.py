"""``OtherPassportDetector``: passport numbers of other countries, next to a passport word."""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.context_words import GENERIC_WORDS, PASSPORT_WORDS, ContextWords
from matchmaker.privacy.detectors.pattern_detector import END, SEP, START, PatternDetector

__all__ = ["OtherPassportDetector"]

_SHAPES = (
    rf"[A-Z]{{1,2}}[0-9](?:{SEP}[0-9]){{5,8}}",  # UK, JP (AA1234567), KR (M12345678), IN, US (A…)
    rf"[0-9](?:{SEP}[0-9]){{7,8}}",  # US, RU, ... (8 or 9 digits)
    r"[0-9]{2}[A-Z]{2}[0-9]{5}",  # FR (12AB34567)
    rf"[A-Z]{{3}}[0-9](?:{SEP}[0-9]){{5}}",  # ES (PAA123456)
    rf"[CFGHJKLMNPRTVWXYZ0-9](?:{SEP}[CFGHJKLMNPRTVWXYZ0-9]){{8}}",  # DE (C01X00T47, C01X 00T47)
)
_DIGITS_WITHOUT_PASSPORT_WORD = 6


class OtherPassportDetector(PatternDetector):
    """Common passport shapes of other countries; context only (passport, 护照, Reisepass, ...).

    A German number can have as few as two digits; such a candidate needs a passport word proper (not
    a generic one like ``ID``), and those words are in ``precheck_words`` so the scanner's digit
    pre-check does not skip it.
    """

    kind = "passport"
    min_digits = 2
    precheck_words = PASSPORT_WORDS
    pattern = re.compile(START + "(?:" + "|".join(_SHAPES) + ")" + END, re.ASCII | re.IGNORECASE)
    context = ContextWords(PASSPORT_WORDS + GENERIC_WORDS)
    _passport_words = ContextWords(PASSPORT_WORDS)

    def is_valid(self, compact: str) -> bool:
        """At least two digits (a nine-letter word next to "passport" is not a number)."""
        return sum(c.isdigit() for c in compact) >= 2

    def in_context(self, lowered: str, start: int, end: int, compact: str) -> bool:
        """Generic document words for numbers with six digits or more, passport words for any."""
        if sum(c.isdigit() for c in compact) >= _DIGITS_WITHOUT_PASSPORT_WORD:
            return super().in_context(lowered, start, end, compact)
        return self._passport_words.around(lowered, start, end)
