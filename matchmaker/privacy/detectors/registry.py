"""The detectors the scanner runs, listed explicitly and in order of precedence.

When two findings overlap, the scanner reports the kind of the detector listed first: checked formats
(MOD 11-2, HKID, Taiwan, MRZ) before formats that rest on context words.
"""

from __future__ import annotations

from matchmaker.privacy.detectors.base import Detector
from matchmaker.privacy.detectors.foreign_permanent_residence_detector import (
    ForeignPermanentResidenceDetector,
)
from matchmaker.privacy.detectors.hk_id_detector import HkIdDetector
from matchmaker.privacy.detectors.hk_macau_travel_permit_detector import HkMacauTravelPermitDetector
from matchmaker.privacy.detectors.legacy_resident_id_detector import LegacyResidentIdDetector
from matchmaker.privacy.detectors.macau_id_detector import MacauIdDetector
from matchmaker.privacy.detectors.mrz_detector import MrzDetector
from matchmaker.privacy.detectors.other_passport_detector import OtherPassportDetector
from matchmaker.privacy.detectors.prc_passport_detector import PrcPassportDetector
from matchmaker.privacy.detectors.residence_permit_detector import ResidencePermitDetector
from matchmaker.privacy.detectors.resident_id_detector import ResidentIdDetector
from matchmaker.privacy.detectors.taiwan_id_detector import TaiwanIdDetector
from matchmaker.privacy.detectors.taiwan_travel_permit_detector import TaiwanTravelPermitDetector

__all__ = ["KINDS", "default_detectors"]

#: Every kind a finding can carry, as written in ``[removed: <kind>]`` markers.
KINDS: tuple[str, ...] = (
    "cn_resident_id",
    "residence_permit",
    "foreign_permanent_residence",
    "cn_resident_id_15",
    "passport",
    "travel_permit",
    "hk_id",
    "macau_id",
    "tw_id",
    "mrz",
)


def default_detectors() -> list[Detector]:
    """A fresh instance of every detector, in order of precedence."""
    return [
        MrzDetector(),
        ResidentIdDetector(),
        ResidencePermitDetector(),
        ForeignPermanentResidenceDetector(),
        HkIdDetector(),
        TaiwanIdDetector(),
        LegacyResidentIdDetector(),
        PrcPassportDetector(),
        HkMacauTravelPermitDetector(),
        TaiwanTravelPermitDetector(),
        MacauIdDetector(),
        OtherPassportDetector(),
    ]
