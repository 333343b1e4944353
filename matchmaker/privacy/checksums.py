"""Check-character algorithms of the identity documents in docs/privacy.md.

Pure functions with no dependencies: the detectors validate with them, and the fixture
generator and the tests use them to build checksum-valid synthetic numbers.
"""

from __future__ import annotations

_MOD11_2_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_MOD11_2_CHECK = "10X98765432"


def mod11_2_check_char(body17: str) -> str:
    """ISO 7064 MOD 11-2 check character of the 17 leading digits of an 18-character PRC ID."""
    if len(body17) != 17 or not body17.isdigit():
        raise ValueError("body must be 17 ASCII digits")
    total = sum(int(c) * w for c, w in zip(body17, _MOD11_2_WEIGHTS, strict=True))
    return _MOD11_2_CHECK[total % 11]


def mod11_2_valid(number18: str) -> bool:
    """True when an 18-character PRC-style ID (resident ID, residence permit) has a valid check."""
    if len(number18) != 18 or not number18[:17].isdigit():
        return False
    return mod11_2_check_char(number18[:17]) == number18[17].upper()


def _alnum_value(char: str) -> int:
    """Digits are their value; A=10 .. Z=35 (ICAO 9303 and HKID)."""
    if char.isdigit():
        return int(char)
    return ord(char.upper()) - ord("A") + 10


def hkid_check_char(prefix: str, digits6: str) -> str:
    """Hong Kong ID check character for a 1- or 2-letter prefix and 6 digits."""
    if not (1 <= len(prefix) <= 2 and prefix.isascii() and prefix.isalpha()):
        raise ValueError("prefix must be one or two ASCII letters")
    if len(digits6) != 6 or not digits6.isdigit():
        raise ValueError("six digits expected")
    values = [36] if len(prefix) == 1 else []
    values += [_alnum_value(c) for c in prefix] + [int(c) for c in digits6]
    remainder = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True)) % 11
    if remainder == 0:
        return "0"
    if remainder == 1:
        return "A"
    return str(11 - remainder)


def hkid_valid(prefix: str, digits6: str, check: str) -> bool:
    """True when the HKID check character matches."""
    try:
        return hkid_check_char(prefix, digits6) == check.upper()
    except ValueError:
        return False


_TW_LETTERS = "ABCDEFGHJKLMNPQRSTUVXYWZIO"
_TW_WEIGHTS = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)


def taiwan_id_valid(number: str) -> bool:
    """Taiwan national ID / resident certificate: letter + 9 digits, weighted sum mod 10 == 0."""
    if len(number) != 10 or number[0].upper() not in _TW_LETTERS or not number[1:].isdigit():
        return False
    letter_value = _TW_LETTERS.index(number[0].upper()) + 10
    values = [letter_value // 10, letter_value % 10] + [int(c) for c in number[1:]]
    return sum(v * w for v, w in zip(values, _TW_WEIGHTS, strict=True)) % 10 == 0


def taiwan_id_check_digit(first9: str) -> str:
    """The last digit that makes a Taiwan ID valid, given the letter and the next 8 digits."""
    for digit in "0123456789":
        if taiwan_id_valid(first9 + digit):
            return digit
    raise ValueError("invalid Taiwan ID prefix")


def mrz_check_digit(field: str) -> str:
    """ICAO 9303 check digit: weights 7 3 1, '<' = 0, A=10 .. Z=35, sum mod 10."""
    total = 0
    for i, char in enumerate(field):
        value = 0 if char == "<" else _alnum_value(char)
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(body17: str) -> str:
    """Check character of a PRC unified social credit code (GB 32100-2015, MOD 31)."""
    if len(body17) != 17 or any(c not in _USCC_CHARS for c in body17.upper()):
        raise ValueError("body must be 17 characters of the credit-code alphabet")
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(body17.upper(), _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def uscc_valid(code: str) -> bool:
    """True when an 18-character unified social credit code has a valid check character."""
    if len(code) != 18:
        return False
    try:
        return uscc_check_char(code[:17]) == code[17].upper()
    except ValueError:
        return False
