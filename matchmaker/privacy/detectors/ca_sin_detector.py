"""``CaSinDetector``: Canadian social insurance number.

Canadian social insurance number (SIN, NAS): 9 digits, Luhn check, not starting with 0 or 8
(123-456-782).
"""

from __future__ import annotations

import re

from stdnum.ca import sin

from matchmaker.privacy.detectors.context_words import ContextWords
from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["CaSinDetector"]


class CaSinDetector(NationalIdDetector):
    """Canadian social insurance number.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    The bare abbreviation counts only right before the number (``SIN 123 456 782``, ``SIN: ...``):
    "sin" is Spanish for "without", and ``sin cargo, llame al 123 456 782`` is a phone number.
    """

    kind = "ca_sin"
    min_digits = 9
    pattern = re.compile(lead("[1-79]") + SEP + spaced(*digits(8)) + END, re.ASCII)
    words = (
        "SIN no",
        "SIN number",
        "SIN #",
        "social insurance number",
        "social insurance no",
        "numéro d'assurance sociale",
        "numero d'assurance sociale",
        "assurance sociale",
    )

    #: "SIN" at most three characters before the number.
    abbreviation = ContextWords(("SIN",), window_before=3)

    def identity_words_around(self, lowered: str, start: int, end: int) -> bool:
        """A word of the kind around the number, or the bare abbreviation right before it."""
        return super().identity_words_around(lowered, start, end) or self.abbreviation.before(lowered, start)

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return sin.is_valid(compact)


# The scanner runs the detector where one of its words occurs: the abbreviation is one of them.
CaSinDetector.required_words = (*CaSinDetector.required_words, *CaSinDetector.abbreviation.words)
