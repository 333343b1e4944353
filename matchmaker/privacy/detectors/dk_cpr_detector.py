"""``DkCprDetector``: Danish CPR number.

Danish CPR number: DDMMYY-NNNN (the mod-11 check is optional since 2007: context).
"""

from __future__ import annotations

import re

from stdnum.dk import cpr

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, lead

__all__ = ["DkCprDetector"]


class DkCprDetector(NationalIdDetector):
    """Danish CPR number.

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "dk_cpr"
    min_digits = 10
    pattern = re.compile(lead("[0-3]") + "[0-9]{5}[- ]?[0-9]{4}" + END, re.ASCII)
    words = (
        "CPR",
        "CPR-nr",
        "CPR-nummer",
        "personnummer",
        "sygesikring",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return cpr.is_valid(compact)
