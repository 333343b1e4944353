"""``IdNikDetector``: Indonesian NIK (KTP).

Indonesian NIK (KTP): 16 digits with region and birth date; no checksum: context.
"""

from __future__ import annotations

import re

from stdnum.id import nik

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["IdNikDetector"]


class IdNikDetector(NationalIdDetector):
    """Indonesian NIK (KTP).

    Removed only next to one of its words (the check alone cannot tell it from phone or order numbers).
    """

    kind = "id_nik"
    min_digits = 16
    pattern = re.compile(lead("[1-9]") + SEP + spaced(*digits(15)) + END, re.ASCII)
    words = (
        "NIK",
        "KTP",
        "e-KTP",
        "nomor induk kependudukan",
        "kartu tanda penduduk",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return nik.is_valid(compact)
