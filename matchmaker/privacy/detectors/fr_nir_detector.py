"""``FrNirDetector``: French social security number (NIR, numéro de sécurité sociale).

French social security number (NIR, numéro de sécurité sociale): 13 digits and a MOD 97 key.
"""

from __future__ import annotations

import re

from stdnum.fr import nir

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["FrNirDetector"]


class FrNirDetector(NationalIdDetector):
    """French social security number (NIR, numéro de sécurité sociale).

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "fr_nir"
    min_digits = 13
    # Sex, year, month, department (two digits, or 2A / 2B for Corsica), commune, order, key.
    pattern = re.compile(
        lead("[12]") + SEP + spaced(*digits(5), "[0-9ABab]", *digits(8)) + END,
        re.ASCII,
    )
    free_shape = re.compile(r"[12][0-9ABab ]{14,21}", re.ASCII)
    gate = r"[12] ?[0-9]{2} ?[0-9]{2} ?[0-9][0-9ABab] ?[0-9]{3} ?[0-9]{3}"
    words = (
        "NIR",
        "sécurité sociale",
        "securite sociale",
        "numéro de sécu",
        "INSEE",
        "carte vitale",
        "social security",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return nir.is_valid(compact)
