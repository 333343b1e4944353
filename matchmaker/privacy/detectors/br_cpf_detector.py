"""``BrCpfDetector``: Brazilian CPF.

Brazilian CPF: 9 digits and two MOD 11 check digits (123.456.789-09).
"""

from __future__ import annotations

import re

from stdnum.br import cpf

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, lead

__all__ = ["BrCpfDetector"]


class BrCpfDetector(NationalIdDetector):
    """Brazilian CPF.

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "br_cpf"
    min_digits = 11
    pattern = re.compile(lead("[0-9]") + "[0-9]{2}[. ]?[0-9]{3}[. ]?[0-9]{3}[-. ]?[0-9]{2}" + END, re.ASCII)
    free_shape = re.compile(r"\d{3}\.\d{3}\.\d{3}-\d{2}", re.ASCII)
    gate = r"[.](?<=[0-9][.])[0-9]{3}[.][0-9]{3}"
    words = (
        "CPF",
        "cadastro de pessoas",
        "RG",
        "identidade",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return cpf.is_valid(compact)
