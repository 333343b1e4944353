"""``MxCurpDetector``: Mexican CURP.

Mexican CURP: 18 characters (name letters, birth date, sex, state, consonants, check digit).
"""

from __future__ import annotations

import re

from stdnum.mx import curp

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, START

__all__ = ["MxCurpDetector"]


class MxCurpDetector(NationalIdDetector):
    """Mexican CURP.

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "mx_curp"
    min_digits = 6
    pattern = re.compile(
        START + "[A-Za-z][AEIOUXaeioux][A-Za-z]{2}[0-9]{6}[HMXhmx][A-Za-z]{5}[0-9A-Za-z][0-9]" + END, re.ASCII
    )
    free_shape = re.compile(r".+", re.ASCII)
    gate = r"[0-9]{6}[HMXhmx][A-Za-z]{2}"
    words = (
        "CURP",
        "clave única",
        "clave unica",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return curp.is_valid(compact)

    def fits_format(self, compact: str) -> bool:
        """Next to its word: the check digit, whatever the state and date tables say (fail closed)."""
        number = compact.upper()
        try:
            return len(number) == 18 and curp.calc_check_digit(number) == number[-1]
        except (ValueError, KeyError):
            return False
