"""``SgNricDetector``: Singapore NRIC/FIN.

Singapore NRIC/FIN: S, T, F, G or M, 7 digits, a check letter.
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, START

__all__ = ["SgNricDetector"]


_SG_WEIGHTS = (2, 7, 6, 5, 4, 3, 2)
_SG_LETTERS = {
    "S": "JZIHGFEDCBA",
    "T": "JZIHGFEDCBA",
    "F": "XWUTRQPNMLK",
    "G": "XWUTRQPNMLK",
    "M": "KLJNPQRTUWX",
}
_SG_OFFSETS = {"S": 0, "T": 4, "F": 0, "G": 4, "M": 3}


def _sg_check(number: str) -> bool:
    """The NRIC/FIN check letter: weights 2 7 6 5 4 3 2, an offset per prefix, mod 11."""
    prefix, body, check = number[0], number[1:8], number[8:]
    if prefix not in _SG_LETTERS or len(number) != 9 or not body.isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(body, _SG_WEIGHTS, strict=True)) + _SG_OFFSETS[prefix]
    if prefix == "M":
        return _SG_LETTERS[prefix][10 - total % 11] == check
    return _SG_LETTERS[prefix][total % 11] == check


class SgNricDetector(NationalIdDetector):
    """Singapore NRIC/FIN.

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "sg_nric"
    min_digits = 7
    pattern = re.compile(START + "[STFGMstfgm][0-9]{7}[A-Za-z]" + END, re.ASCII)
    free_shape = re.compile(r".+", re.ASCII)
    gate = r"[0-9]{7}[ -]?[A-Za-z]"
    words = (
        "NRIC",
        "FIN",
        "IC",
        "identity card",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return _sg_check(compact)
