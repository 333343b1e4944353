"""``SePersonnummerDetector``: Swedish personal identity number.

Swedish personal identity number: (YY)YYMMDD-NNNC, Luhn.
"""

from __future__ import annotations

import re

from stdnum.se import personnummer

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, lead

__all__ = ["SePersonnummerDetector"]


class SePersonnummerDetector(NationalIdDetector):
    """Swedish personal identity number.

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "se_personnummer"
    min_digits = 10
    pattern = re.compile(lead("[0-9]") + "[0-9]{5}(?:[0-9]{2})?[-+ ]?[0-9]{4}" + END, re.ASCII)
    free_shape = re.compile(r"(?:\d{2})?\d{6}[-+]\d{4}", re.ASCII)
    gate = r"[-+](?<=[0-9]{6}[-+])[0-9]{4}"
    words = (
        "personnummer",
        "personnr",
        "samordningsnummer",
        "personal identity number",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return personnummer.is_valid(compact)
