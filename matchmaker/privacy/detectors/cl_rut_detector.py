"""``ClRutDetector``: Chilean RUT/RUN.

Chilean RUT/RUN of a person: 7-8 digits and a MOD 11 check character (12.345.678-5).
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
    min_digits = 7
    pattern = re.compile(lead("[0-9]") + "[0-9]?[.]?[0-9]{3}[.]?[0-9]{3}-?[0-9Kk]" + END, re.ASCII)
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
        return rut.is_valid(compact) and int(compact[:-1]) < _COMPANIES_FROM
