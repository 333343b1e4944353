"""``BeNnDetector``: Belgian national register number (and the BIS number built the same way).

Belgian national register number (Rijksregisternummer, numéro de registre national, NISS/INSZ):
YYMMDD, a 3-digit counter, a MOD 97 check of 2 digits (85.07.30-033.28); the BIS number of people
outside the register has the month raised by 20 or 40.
"""

from __future__ import annotations

import re

from stdnum.be import bis, nn

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["BeNnDetector"]


class BeNnDetector(NationalIdDetector):
    """Belgian national register number or BIS number.

    Removed without context only in its distinctive written form (``85.07.30-033.28``) with a valid
    check; any form next to a word (11 bare digits with a 1-in-97 check are also order numbers).
    """

    kind = "be_nn"
    min_digits = 11
    pattern = re.compile(
        lead("[0-9]")
        + f"(?:[0-9][.][0-9]{{2}}[.][0-9]{{2}}[-.\\s]?[0-9]{{3}}[.\\s]?[0-9]{{2}}|{SEP}{spaced(*digits(10))})"
        + END,
        re.ASCII,
    )
    free_shape = re.compile(r"\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}", re.ASCII)
    gate = r"[.](?<=[0-9]{2}[.])[0-9]{2}[.][0-9]{2}-[0-9]{3}[.]"
    words = (
        "Rijksregisternummer",
        "rijksregister",
        "RRN",
        "numéro de registre national",
        "numero de registre national",
        "registre national",
        "Nationalregisternummer",
        "national register number",
        "national number",
        "NISS",
        "INSZ",
        "BIS-nummer",
        "numéro BIS",
        "BIS number",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules: a national number or a BIS number."""
        return nn.is_valid(compact) or bis.is_valid(compact)
