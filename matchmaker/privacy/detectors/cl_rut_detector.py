"""``ClRutDetector``: Chilean RUT/RUN.

Chilean RUT/RUN of a person: 7-8 digits and a MOD 11 check character (12.345.678-5); the oldest
have 5 or 6 digits (951.193-8).
"""

from __future__ import annotations

import re

from stdnum.cl import rut

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, lead

__all__ = ["ClRutDetector"]

_COMPANIES_FROM = 50_000_000


class ClRutDetector(NationalIdDetector):
    """Chilean RUT/RUN.

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "cl_rut"
    min_digits = 6
    # 7-8 digits before the check character, or (written with its hyphen, and not the tail of a
    # longer dotted number) 5-6.
    pattern = re.compile(
        lead("[0-9]")
        + "(?:[0-9]?[.]?[0-9]{3}[.]?[0-9]{3}-?|(?<![0-9][.][0-9])[0-9]{1,2}[.]?[0-9]{3}-)[0-9Kk]"
        + END,
        re.ASCII,
    )
    free_shape = re.compile(r"\d{1,2}\.\d{3}\.\d{3}-[\dkK]", re.ASCII)
    gate = r"[.](?<=[0-9][.])[0-9]{3}[.][0-9]{3}"
    words = (
        "RUT",
        "RUN",
        "rol único",
        "rol unico",
        "cédula",
        "cedula",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        # 50 million and up are companies' RUTs: company numbers stay.
        body, check = compact[:-1].lstrip("0"), compact[-1]
        if not 5 <= len(body) <= 8 or not body.isdigit() or int(body) >= _COMPANIES_FROM:
            return False
        return rut.calc_check_digit(body) == check
