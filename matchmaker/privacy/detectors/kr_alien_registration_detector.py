"""``KrAlienRegistrationDetector``: Korean alien registration number (외국인등록번호).

Korean alien registration number (외국인등록번호): YYMMDD-GNNNNNC, G in 5-8.
"""

from __future__ import annotations

import re

from stdnum.kr import rrn

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, SEP, digits, lead, spaced

__all__ = ["KrAlienRegistrationDetector"]


class KrAlienRegistrationDetector(NationalIdDetector):
    """Korean alien registration number (외국인등록번호).

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "kr_alien_registration"
    min_digits = 13
    pattern = re.compile(
        lead("[0-9]") + SEP + spaced(*digits(5)) + SEP + "[5-8]" + SEP + spaced(*digits(6)) + END, re.ASCII
    )
    free_shape = re.compile(r"\d{6}-\d{7}", re.ASCII)
    gate = r"[-+](?<=[0-9]{6}[-+])[0-9]{4}"
    words = (
        "외국인등록번호",
        "외국인등록",
        "등록번호",
        "alien registration",
        "ARC",
        "residence card",
        "registration card",
    )

    def validate(self, compact: str) -> bool:
        """Next to its word: 13 digits of the shape (the gender digit is fixed by the pattern).

        Birth date and place of birth are not checked then (fail closed on context).
        """
        return len(compact) == 13 and compact.isdigit()

    def validate_strict(self, compact: str) -> bool:
        """Without context: a birth date, a place of birth and the check digit."""
        return rrn.is_valid(compact)
