"""The checks written here rather than taken from python-stdnum: against outside examples and stdnum."""

from __future__ import annotations

import random

import pytest
from stdnum.cz import rc

from matchmaker.privacy.detectors.ae_emirates_id_detector import AeEmiratesIdDetector
from matchmaker.privacy.detectors.at_svnr_detector import AtSvnrDetector
from matchmaker.privacy.detectors.cl_rut_detector import ClRutDetector
from matchmaker.privacy.detectors.cz_rc_detector import CzRcDetector
from matchmaker.privacy.detectors.hu_szemelyi_detector import HuSzemelyiDetector
from matchmaker.privacy.detectors.ie_pps_detector import IePpsDetector
from matchmaker.privacy.detectors.is_kennitala_detector import IsKennitalaDetector
from matchmaker.privacy.detectors.kz_iin_detector import KzIinDetector
from matchmaker.privacy.detectors.lv_pk_detector import LvPkDetector
from matchmaker.privacy.detectors.pl_id_card_detector import PlIdCardDetector, pl_id_card_check_digit
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


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("19105718870", True),  # 191057-18870, Faker's lv_LV generator
        ("19105718871", False),  # check digit
        ("31025718870", False),  # 31 February
        ("19105738870", False),  # century digit 3 does not exist
        ("32000012340", True),  # a code from 2017 on: no date, the same check digit
        ("32000012345", False),
    ],
)
def test_lv_pk(number: str, valid: bool) -> None:
    assert LvPkDetector().validate(number) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("18501011231", True),  # born 1985: weights 1-10
        ("30506070895", True),  # born 2005: weights 10-1
        ("18501011232", False),
        ("18513011231", False),  # month 13
        ("240021648810", True),  # a check of 10 written "10" (Faker's hu_HU generator)
        ("240021648811", False),
    ],
)
def test_hu_szemelyi(number: str, valid: bool) -> None:
    assert HuSzemelyiDetector().validate(number) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [("ABA300000", True), ("ABA300001", False), ("ABA400000", False), ("AB1300000", False)],
)
def test_pl_id_card(number: str, valid: bool) -> None:
    assert PlIdCardDetector().validate(number) is valid


def test_pl_id_card_check_digit_agrees_with_fakers_generator() -> None:
    from faker import Faker

    fake = Faker("pl_PL")
    fake.seed_instance(3)
    numbers = [fake.identity_card_number() for _ in range(200)]
    assert all(pl_id_card_check_digit(n) == int(n[3]) for n in numbers)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("7103192745", True),  # python-stdnum's example
        ("7103192746", False),
        ("991231123", True),  # nine digits
        ("7902318875", True),  # 31 February from Faker's generator: the check holds, the calendar is not asked
        ("71031927450", False),
    ],
)
def test_cz_rc(number: str, valid: bool) -> None:
    assert CzRcDetector().validate(number) is valid


def test_cz_rc_accepts_what_stdnum_accepts() -> None:
    rng = random.Random(5)
    numbers = [str(rng.randint(0, 9_999_999_999)).zfill(10) for _ in range(200_000)]
    valid = [n for n in numbers if rc.is_valid(n)]
    assert len(valid) > 1_000
    assert all(CzRcDetector().validate(n) for n in valid)


@pytest.mark.parametrize(("number", "valid"), [("1201743399", True), ("5501690029", False)])
def test_is_kennitala_keeps_organisations(number: str, valid: bool) -> None:
    assert IsKennitalaDetector().validate(number) is valid
