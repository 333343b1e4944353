"""``HkIdDetector``: the Hong Kong identity card number (香港身份证), e.g. ``A123456(3)``."""

from __future__ import annotations

import re

from matchmaker.privacy.checksums import hkid_valid
from matchmaker.privacy.detectors.pattern_detector import END, PatternDetector, lead

__all__ = ["HkIdDetector"]


class HkIdDetector(PatternDetector):
    """One or two letters, six digits, a check character (0-9 or A), often in parentheses.

    The check character (weights 9..2, a one-letter prefix padded with a space worth 36, mod 11) is
    validated, so no context is needed.
    """

    kind = "hk_id"
    min_digits = 6
    # A space after the prefix only with capitals ("at 1234567" is English); the check character
    # apart from the digits only in parentheses.
    pattern = re.compile(
        lead("[A-Za-z]")
        + r"(?:(?<=[A-Z])[A-Z]?[ -]?|(?<=[a-z])[a-z]?)[0-9]{6}(?:[ ]?\([0-9Aa]\)|[0-9Aa])"
        + END,
        re.ASCII,
    )

    # The pattern from its digits on (rare in text, where letters are frequent): a letter right
    # before six digits, or a capital, a space or hyphen and six digits; then the check character.
    prefilter = re.compile(
        r"[0-9](?:(?<=[A-Za-z][0-9])|(?<=[A-Z][ -][0-9]))[0-9]{5}(?:[ ]?\([0-9Aa]\)|[0-9Aa])" + END, re.ASCII
    )

    def is_valid(self, compact: str) -> bool:
        """The HKID check character matches the prefix and the digits."""
        body = compact.replace("(", "").replace(")", "").replace(" ", "").replace("-", "")
        prefix = body[:-7]
        return hkid_valid(prefix, body[-7:-1], body[-1])
