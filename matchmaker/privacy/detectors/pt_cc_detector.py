"""``PtCcDetector``: Portuguese citizen card number.

Portuguese citizen card number (Cartão de Cidadão): the 8-digit civil identification number, its
check digit, a two-letter version and a check digit over all of it (00000000 0 ZZ4).
"""

from __future__ import annotations

import re

from stdnum.pt import cc

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["PtCcDetector"]


class PtCcDetector(NationalIdDetector):
    """Portuguese citizen card number.

    Removed without context in its written form (digits, the version letters, the check digit) with a
    valid check; any spacing next to a word.
    """

    kind = "pt_cc"
    min_digits = 10
    pattern = re.compile(
        lead("[0-9]") + SEP + spaced(*digits(8), "[A-Za-z]", "[A-Za-z0-9]", "[0-9]") + END, re.ASCII
    )
    free_shape = re.compile(r"\d{8} ?\d ?[A-Z][A-Z0-9] ?\d", re.ASCII)
    gate = r"[0-9]{8} ?[0-9] ?[A-Z][A-Z0-9] ?[0-9]"
    words = (
        "Cartão de Cidadão",
        "Cartao de Cidadao",
        "cartão do cidadão",
        "CC no",
        "CC nº",
        "n.º CC",
        "identificação civil",
        "identificacao civil",
        "bilhete de identidade",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return cc.is_valid(compact)
