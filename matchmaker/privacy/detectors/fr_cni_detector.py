"""``FrCniDetector``: French national identity card number (carte nationale d'identité).

French national identity card number: 12 digits on the cards of 1988-2021 (880692310285), nine
letters and digits on those since (X4RTBPFW4); no published check.
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, START, digits, spaced

__all__ = ["FrCniDetector"]

_FEWEST_DIGITS = 2
#: The card's words: the newer number can hold as few as two digits, so these also make the scanner
#: look where fewer than six digits stand together.
FR_CARD_WORDS = (
    "carte d'identité",
    "carte d'identite",
    "carte nationale d'identité",
    "carte nationale d'identite",
    "CNI",
    "n° de carte d'identité",
    "pièce d'identité",
    "piece d'identite",
)


class FrCniDetector(NationalIdDetector):
    """French national identity card number.

    Removed only next to one of the card's own words, not a generic identity word (no check: 12
    digits after "ID" are anything, and ``Personalausweis TA2000129`` is a German card's shape with a
    wrong letter); the newer form needs two digits at least (a nine-letter word next to "CNI" is not
    a number).
    """

    kind = "fr_cni"
    checked = False
    min_digits = _FEWEST_DIGITS
    precheck_words = FR_CARD_WORDS
    pattern = re.compile(
        START + f"(?:{spaced(*digits(12))}|[0-9A-Za-z]{{9}})" + END,
        re.ASCII,
    )
    words = FR_CARD_WORDS

    def validate(self, compact: str) -> bool:
        """Twelve digits, or nine letters and digits with two digits at least."""
        if len(compact) == 12:
            return compact.isdigit()
        return len(compact) == 9 and compact.isalnum() and sum(c.isdigit() for c in compact) >= _FEWEST_DIGITS
