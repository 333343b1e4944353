"""``PtNifDetector``: Portuguese tax number of a person.

Portuguese tax identification number (NIF, número de contribuinte) of a person: 9 digits starting
with 1, 2 or 3 (45 for non-residents), MOD 11 check (123456789).
"""

from __future__ import annotations

import re

from stdnum.pt import nif

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["PtNifDetector"]


class PtNifDetector(NationalIdDetector):
    """Portuguese tax number of a person.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    Companies' numbers (starting with 5, 6, 8 or 9) stay.
    """

    kind = "pt_nif"
    min_digits = 9
    pattern = re.compile(lead("[1-4]") + SEP + spaced(*digits(8)) + END, re.ASCII)
    words = (
        "NIF",
        "contribuinte",
        "n.º de contribuinte",
        "número de contribuinte",
        "numero de contribuinte",
        "número de identificação fiscal",
        "numero de identificacao fiscal",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules; a person's number only."""
        return nif.is_valid(compact) and (compact[0] in "123" or compact.startswith("45"))
