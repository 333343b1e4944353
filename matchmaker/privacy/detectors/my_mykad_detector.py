"""``MyMykadDetector``: Malaysian MyKad (NRIC).

Malaysian MyKad (NRIC): YYMMDD-PB-NNNN, birth date and place of birth; no checksum: context.
"""

from __future__ import annotations

import re

from stdnum.my import nric

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, lead

__all__ = ["MyMykadDetector"]


class MyMykadDetector(NationalIdDetector):
    """Malaysian MyKad (NRIC).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "my_mykad"
    min_digits = 12
    pattern = re.compile(lead("[0-9]") + "[0-9]{5}[- ]?[0-9]{2}[- ]?[0-9]{4}" + END, re.ASCII)
    words = (
        "MyKad",
        "NRIC",
        "IC",
        "IC no",
        "No. K/P",
        "kad pengenalan",
        "MyPR",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return nric.is_valid(compact)
