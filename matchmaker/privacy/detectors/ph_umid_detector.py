"""``PhUmidDetector``: Philippine unified multi-purpose ID number (UMID CRN).

Philippine unified multi-purpose ID common reference number (UMID CRN): 12 digits written
0111-2345678-9; no published check.
"""

from __future__ import annotations

import re

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["PhUmidDetector"]


class PhUmidDetector(NationalIdDetector):
    """Philippine UMID common reference number.

    Removed only next to one of its words (no check tells it from other 12-digit numbers). Not "CRN"
    alone: elsewhere that names a company's registration number, which stays.
    """

    kind = "ph_umid"
    checked = False
    min_digits = 12
    pattern = re.compile(lead("[0-9]") + SEP + spaced(*digits(11)) + END, re.ASCII)
    words = (
        "UMID",
        "UMID CRN",
        "unified multi-purpose ID",
        "unified multipurpose ID",
        "common reference number",
    )

    def validate(self, compact: str) -> bool:
        """Twelve digits."""
        return len(compact) == 12 and compact.isdigit()
