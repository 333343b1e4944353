"""``FiHetuDetector``: Finnish personal identity code (HETU).

Finnish personal identity code (HETU): DDMMYY, century sign, NNN, MOD 31 check character.
"""

from __future__ import annotations

import re

from stdnum.fi import hetu

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, lead

__all__ = ["FiHetuDetector"]


class FiHetuDetector(NationalIdDetector):
    """Finnish personal identity code (HETU).

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "fi_hetu"
    min_digits = 9
    pattern = re.compile(lead("[0-3]") + "[0-9]{5}[-+A-FU-Ya-fu-y][0-9]{3}[0-9A-Ya-y]" + END, re.ASCII)
    free_shape = re.compile(r".+", re.ASCII)
    gate = r"[-+A-FU-Y](?<=[0-9]{6}[-+A-FU-Y])[0-9]{3}[0-9A-Ya-y]"
    words = (
        "henkilötunnus",
        "henkilotunnus",
        "hetu",
        "personbeteckning",
        "personal identity code",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        # Separators are gone by now: a missing century sign was the hyphen of the 1900s.
        number = compact if len(compact) == 11 else compact[:6] + "-" + compact[6:]
        return hetu.is_valid(number)
