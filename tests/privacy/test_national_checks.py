"""The checks written here rather than taken from python-stdnum: against outside examples and stdnum."""

from __future__ import annotations

import random

import pytest
from stdnum.cl import rut

from matchmaker.privacy.detectors.ae_emirates_id_detector import AeEmiratesIdDetector
from matchmaker.privacy.detectors.at_svnr_detector import AtSvnrDetector
from matchmaker.privacy.detectors.cl_rut_detector import ClRutDetector, rut_check_character
from matchmaker.privacy.detectors.ie_pps_detector import IePpsDetector
from matchmaker.privacy.detectors.kz_iin_detector import KzIinDetector
from matchmaker.privacy.detectors.pt_nif_detector import PtNifDetector


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        # Examples published by two independent IIN validators (kz-iin-validator, py-kz-validators).
        ("061211600012", True),
        ("791028302728", True),
        ("791028302729", False),  # check digit off by one
        ("791028702728", False),  # century digit 7 does not exist
        ("791328302728", False),  # month 13
        ("79102830272", False),  # 11 digits
    ],
)
def test_kz_iin(number: str, valid: bool) -> None:
    assert KzIinDetector().validate(number) is valid


def test_rut_check_character_agrees_with_stdnum_where_stdnum_applies() -> None:
    rng = random.Random(11)
    bodies = [str(rng.randint(1_000_000, 49_999_999)) for _ in range(5_000)]
    assert [rut_check_character(b) for b in bodies] == [rut.calc_check_digit(b) for b in bodies]


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("9511938", True),  # 951.193-8: six digits, older than the 7-8 digit numbers stdnum takes
        ("706779", True),  # 70.677-9
        ("706778", False),
        ("123456785", True),
        ("760864285", False),  # 76.086.428-5: a company's RUT stays
        ("12345", False),  # too short to be one
    ],
)
def test_cl_rut(number: str, valid: bool) -> None:
    assert ClRutDetector().validate(number) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("784198512345673", True),
        ("784199001234568", True),
        ("784198512345674", False),  # Luhn
        ("784188512345670", False),  # year of birth 1885
        ("785198512345672", False),  # not 784
    ],
)
def test_ae_emirates_id(number: str, valid: bool) -> None:
    assert AeEmiratesIdDetector().validate(number) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("1237010180", True),  # python-stdnum's example
        ("2237010180", False),  # its failing one
        ("1220001296", False),  # the check holds, but day 00 is no birth date
    ],
)
def test_at_svnr(number: str, valid: bool) -> None:
    assert AtSvnrDetector().validate(number) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [("6433435F", True), ("6433435OA", True), ("6433435IH", False), ("6433435E", False)],
)
def test_ie_pps_keeps_companies(number: str, valid: bool) -> None:
    assert IePpsDetector().validate(number) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [("123456789", True), ("234567899", True), ("451234561", True), ("500000000", False), ("123456788", False)],
)
def test_pt_nif_is_a_person_number(number: str, valid: bool) -> None:
    assert PtNifDetector().validate(number) is valid
