"""``JpMyNumberDetector``: Japanese individual number (My Number, 個人番号).

Japanese individual number (My Number, 個人番号): 12 digits, check digit.
"""

from __future__ import annotations

import re

from stdnum.jp import in_

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["JpMyNumberDetector"]


class JpMyNumberDetector(NationalIdDetector):
    """Japanese individual number (My Number, 個人番号).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "jp_my_number"
    min_digits = 12
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(11)) + END, re.ASCII)
    words = (
        "マイナンバー",
        "個人番号",
        "My Number",
        "MyNumber",
        "individual number",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return in_.is_valid(compact)
