"""``LkNicDetector``: Sri Lankan national identity card number (NIC).

Sri Lankan national identity card number: before 2016 nine digits and V or X (853400937V), since
then 12 digits (198534000937); the year of birth and the day of the year (plus 500 for women).
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["LkNicDetector"]


class LkNicDetector(NationalIdDetector):
    """Sri Lankan national identity card number.

    Removed only next to one of its words (no published check).
    """

    kind = "lk_nic"
    checked = False
    min_digits = 9
    pattern = re.compile(
        lead("[0-9]") + f"(?:{SEP}{spaced(*digits(8))}{SEP}[VvXx]|{SEP}{spaced(*digits(11))})" + END,
        re.ASCII,
    )
    words = (
        "NIC",
        "NIC no",
        "national identity card",
        "ජාතික හැඳුනුම්පත",
        "தேசிய அடையாள அட்டை",
    )

    def validate(self, compact: str) -> bool:
        """A day of the year (1-366, 501-866 for women) where the format puts it."""
        if len(compact) == 10 and compact[:9].isdigit() and compact[9] in "VX":
            day = int(compact[2:5])
        elif len(compact) == 12 and compact.isdigit() and compact[:2] in ("19", "20"):
            day = int(compact[4:7])
        else:
            return False
        return 1 <= day <= 366 or 501 <= day <= 866
