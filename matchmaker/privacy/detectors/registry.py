"""The detectors the scanner runs, listed explicitly and in order of precedence.

When two findings overlap, the scanner reports the kind of the detector listed first: checked formats
(MOD 11-2, HKID, Taiwan, MRZ) before formats that rest on context words. The national identity
numbers of other countries come last: where one overlaps a PRC kind, the PRC kind names it.
"""

from __future__ import annotations

from matchmaker.privacy.detectors.ae_emirates_id_detector import AeEmiratesIdDetector
from matchmaker.privacy.detectors.ar_cuil_detector import ArCuilDetector
from matchmaker.privacy.detectors.ar_dni_detector import ArDniDetector
from matchmaker.privacy.detectors.at_svnr_detector import AtSvnrDetector
from matchmaker.privacy.detectors.au_tfn_detector import AuTfnDetector
from matchmaker.privacy.detectors.base import Detector
from matchmaker.privacy.detectors.be_nn_detector import BeNnDetector
from matchmaker.privacy.detectors.bg_egn_detector import BgEgnDetector
from matchmaker.privacy.detectors.br_cpf_detector import BrCpfDetector
from matchmaker.privacy.detectors.ca_sin_detector import CaSinDetector
from matchmaker.privacy.detectors.ch_ahv_detector import ChAhvDetector
from matchmaker.privacy.detectors.cl_rut_detector import ClRutDetector
from matchmaker.privacy.detectors.cz_rc_detector import CzRcDetector
from matchmaker.privacy.detectors.de_id_card_detector import DeIdCardDetector
from matchmaker.privacy.detectors.de_rvnr_detector import DeRvnrDetector
from matchmaker.privacy.detectors.de_steuer_idnr_detector import DeSteuerIdnrDetector
from matchmaker.privacy.detectors.dk_cpr_detector import DkCprDetector
from matchmaker.privacy.detectors.ec_ci_detector import EcCiDetector
from matchmaker.privacy.detectors.ee_ik_detector import EeIkDetector
from matchmaker.privacy.detectors.eg_national_id_detector import EgNationalIdDetector
from matchmaker.privacy.detectors.es_dni_detector import EsDniDetector
from matchmaker.privacy.detectors.es_nie_detector import EsNieDetector
from matchmaker.privacy.detectors.fi_hetu_detector import FiHetuDetector
from matchmaker.privacy.detectors.foreign_permanent_residence_detector import (
    ForeignPermanentResidenceDetector,
)
from matchmaker.privacy.detectors.fr_cni_detector import FrCniDetector
from matchmaker.privacy.detectors.fr_nir_detector import FrNirDetector
from matchmaker.privacy.detectors.gb_nino_detector import GbNinoDetector
from matchmaker.privacy.detectors.gr_amka_detector import GrAmkaDetector
from matchmaker.privacy.detectors.hk_id_detector import HkIdDetector
from matchmaker.privacy.detectors.hk_macau_travel_permit_detector import HkMacauTravelPermitDetector
from matchmaker.privacy.detectors.hr_oib_detector import HrOibDetector
from matchmaker.privacy.detectors.hu_szemelyi_detector import HuSzemelyiDetector
from matchmaker.privacy.detectors.id_nik_detector import IdNikDetector
from matchmaker.privacy.detectors.ie_pps_detector import IePpsDetector
from matchmaker.privacy.detectors.il_id_detector import IlIdDetector
from matchmaker.privacy.detectors.in_aadhaar_detector import InAadhaarDetector
from matchmaker.privacy.detectors.in_pan_detector import InPanDetector
from matchmaker.privacy.detectors.in_voter_detector import InVoterDetector
from matchmaker.privacy.detectors.ir_melli_detector import IrMelliDetector
from matchmaker.privacy.detectors.is_kennitala_detector import IsKennitalaDetector
from matchmaker.privacy.detectors.it_cie_detector import ItCieDetector
from matchmaker.privacy.detectors.it_codice_fiscale_detector import ItCodiceFiscaleDetector
from matchmaker.privacy.detectors.jmbg_detector import JmbgDetector
from matchmaker.privacy.detectors.jp_my_number_detector import JpMyNumberDetector
from matchmaker.privacy.detectors.kr_alien_registration_detector import KrAlienRegistrationDetector
from matchmaker.privacy.detectors.kr_rrn_detector import KrRrnDetector
from matchmaker.privacy.detectors.kz_iin_detector import KzIinDetector
from matchmaker.privacy.detectors.legacy_resident_id_detector import LegacyResidentIdDetector
from matchmaker.privacy.detectors.lk_nic_detector import LkNicDetector
from matchmaker.privacy.detectors.lt_asmens_detector import LtAsmensDetector
from matchmaker.privacy.detectors.lv_pk_detector import LvPkDetector
from matchmaker.privacy.detectors.macau_id_detector import MacauIdDetector
from matchmaker.privacy.detectors.mrz_detector import MrzDetector
from matchmaker.privacy.detectors.mx_curp_detector import MxCurpDetector
from matchmaker.privacy.detectors.my_mykad_detector import MyMykadDetector
from matchmaker.privacy.detectors.ng_nin_detector import NgNinDetector
from matchmaker.privacy.detectors.nl_bsn_detector import NlBsnDetector
from matchmaker.privacy.detectors.no_fodselsnummer_detector import NoFodselsnummerDetector
from matchmaker.privacy.detectors.nz_ird_detector import NzIrdDetector
from matchmaker.privacy.detectors.other_passport_detector import OtherPassportDetector
from matchmaker.privacy.detectors.pe_cui_detector import PeCuiDetector
from matchmaker.privacy.detectors.ph_philsys_detector import PhPhilsysDetector
from matchmaker.privacy.detectors.ph_umid_detector import PhUmidDetector
from matchmaker.privacy.detectors.pk_cnic_detector import PkCnicDetector
from matchmaker.privacy.detectors.pl_id_card_detector import PlIdCardDetector
from matchmaker.privacy.detectors.pl_pesel_detector import PlPeselDetector
from matchmaker.privacy.detectors.prc_passport_detector import PrcPassportDetector
from matchmaker.privacy.detectors.pt_cc_detector import PtCcDetector
from matchmaker.privacy.detectors.pt_nif_detector import PtNifDetector
from matchmaker.privacy.detectors.residence_permit_detector import ResidencePermitDetector
from matchmaker.privacy.detectors.resident_id_detector import ResidentIdDetector
from matchmaker.privacy.detectors.ro_cnp_detector import RoCnpDetector
from matchmaker.privacy.detectors.ru_inn_detector import RuInnDetector
from matchmaker.privacy.detectors.ru_snils_detector import RuSnilsDetector
from matchmaker.privacy.detectors.sa_id_detector import SaIdDetector
from matchmaker.privacy.detectors.se_personnummer_detector import SePersonnummerDetector
from matchmaker.privacy.detectors.sg_nric_detector import SgNricDetector
from matchmaker.privacy.detectors.taiwan_id_detector import TaiwanIdDetector
from matchmaker.privacy.detectors.taiwan_travel_permit_detector import TaiwanTravelPermitDetector
from matchmaker.privacy.detectors.th_id_detector import ThIdDetector
from matchmaker.privacy.detectors.tr_kimlik_detector import TrKimlikDetector
from matchmaker.privacy.detectors.ua_rntrc_detector import UaRntrcDetector
from matchmaker.privacy.detectors.us_itin_detector import UsItinDetector
from matchmaker.privacy.detectors.us_ssn_detector import UsSsnDetector
from matchmaker.privacy.detectors.vn_cccd_detector import VnCccdDetector
from matchmaker.privacy.detectors.za_id_detector import ZaIdDetector

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
    # National identity numbers of other countries (docs/privacy.md lists them).
    "kr_rrn",
    "kr_alien_registration",
    "us_ssn",
    "us_itin",
    "de_steuer_idnr",
    "de_id_card",
    "fr_nir",
    "it_codice_fiscale",
    "es_dni",
    "es_nie",
    "gb_nino",
    "nl_bsn",
    "se_personnummer",
    "pl_pesel",
    "fi_hetu",
    "dk_cpr",
    "no_fodselsnummer",
    "ch_ahv",
    "br_cpf",
    "cl_rut",
    "ar_dni",
    "ar_cuil",
    "mx_curp",
    "in_aadhaar",
    "in_pan",
    "th_id",
    "my_mykad",
    "sg_nric",
    "id_nik",
    "vn_cccd",
    "ph_philsys",
    "au_tfn",
    "nz_ird",
    "ru_inn",
    "ru_snils",
    "tr_kimlik",
    "il_id",
    "za_id",
    "eg_national_id",
    "ro_cnp",
    "jp_my_number",
    "ae_emirates_id",
    "at_svnr",
    "be_nn",
    "ca_sin",
    "ie_pps",
    "kz_iin",
    "pe_cui",
    "pt_cc",
    "pt_nif",
    "ee_ik",
    "lt_asmens",
    "lv_pk",
    "gr_amka",
    "hr_oib",
    "cz_rc",
    "bg_egn",
    "jmbg",
    "hu_szemelyi",
    "pl_id_card",
    "ua_rntrc",
    "is_kennitala",
    "pk_cnic",
    "ng_nin",
    "ph_umid",
    "in_voter",
    "lk_nic",
    "sa_id",
    "ir_melli",
    "ec_ci",
    "de_rvnr",
    "it_cie",
    "fr_cni",
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
        # Before the other passports: "ID card no. T22000129" has a generic "ID" as well.
        DeIdCardDetector(),
        # Also before the other passports: an Italian paper card has a passport's shape.
        ItCieDetector(),
        FrCniDetector(),
        OtherPassportDetector(),
        KrRrnDetector(),
        KrAlienRegistrationDetector(),
        UsSsnDetector(),
        UsItinDetector(),
        DeSteuerIdnrDetector(),
        FrNirDetector(),
        ItCodiceFiscaleDetector(),
        EsDniDetector(),
        EsNieDetector(),
        GbNinoDetector(),
        NlBsnDetector(),
        SePersonnummerDetector(),
        PlPeselDetector(),
        FiHetuDetector(),
        DkCprDetector(),
        NoFodselsnummerDetector(),
        ChAhvDetector(),
        BrCpfDetector(),
        ClRutDetector(),
        # Before the Argentine DNI: the Peruvian one's check character is part of its span.
        PeCuiDetector(),
        ArDniDetector(),
        ArCuilDetector(),
        MxCurpDetector(),
        InAadhaarDetector(),
        InPanDetector(),
        ThIdDetector(),
        MyMykadDetector(),
        SgNricDetector(),
        IdNikDetector(),
        VnCccdDetector(),
        PhPhilsysDetector(),
        AuTfnDetector(),
        NzIrdDetector(),
        RuInnDetector(),
        RuSnilsDetector(),
        TrKimlikDetector(),
        IlIdDetector(),
        ZaIdDetector(),
        EgNationalIdDetector(),
        RoCnpDetector(),
        JpMyNumberDetector(),
        AeEmiratesIdDetector(),
        AtSvnrDetector(),
        BeNnDetector(),
        CaSinDetector(),
        IePpsDetector(),
        KzIinDetector(),
        PtCcDetector(),
        PtNifDetector(),
        EeIkDetector(),
        LtAsmensDetector(),
        LvPkDetector(),
        GrAmkaDetector(),
        HrOibDetector(),
        CzRcDetector(),
        BgEgnDetector(),
        JmbgDetector(),
        HuSzemelyiDetector(),
        PlIdCardDetector(),
        UaRntrcDetector(),
        IsKennitalaDetector(),
        PkCnicDetector(),
        NgNinDetector(),
        PhUmidDetector(),
        InVoterDetector(),
        LkNicDetector(),
        SaIdDetector(),
        IrMelliDetector(),
        EcCiDetector(),
        DeRvnrDetector(),
    ]
