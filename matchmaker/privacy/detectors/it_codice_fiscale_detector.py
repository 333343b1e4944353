"""``ItCodiceFiscaleDetector``: Italian codice fiscale of a person.

Italian codice fiscale of a person: 16 characters with a check letter.
"""

from __future__ import annotations

import re

from stdnum.it import codicefiscale

from matchmaker.privacy.detectors.national_id_detector import NationalIdDetector
from matchmaker.privacy.detectors.pattern_detector import END, START

__all__ = ["ItCodiceFiscaleDetector"]


class ItCodiceFiscaleDetector(NationalIdDetector):
    """Italian codice fiscale of a person.

    Removed without context only in its distinctive written form with a valid check; any form next to a
    word.
    """

    kind = "it_codice_fiscale"
    min_digits = 7
    # Omocodia replaces digits by the letters LMNPQRSTUV.
    pattern = re.compile(
        START + "[A-Z]{6}[0-9L-NP-V]{2}[A-EHLMPR-T][0-9L-NP-V]{2}[A-Z][0-9L-NP-V]{3}[A-Z]" + END,
        re.ASCII | re.IGNORECASE,
    )
    free_shape = re.compile(r"[A-Za-z0-9]{16}", re.ASCII)
    gate = r"[0-9]{2}[A-EHLMPR-Ta-ehlmpr-t][0-9]{2}[A-Za-z][0-9]{3}"
    words = (
        "codice fiscale",
        "cod. fisc",
        "C.F",
        "tax code",
        "fiscal code",
        "CF",
    )

    def validate(self, compact: str) -> bool:
        """The format's own rules."""
        return len(compact) == 16 and codicefiscale.is_valid(compact)
