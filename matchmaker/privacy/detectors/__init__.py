"""Detectors of identity-document numbers, one class per kind of docs/privacy.md.

Each module holds one detector named after its class (``hk_id_detector.HkIdDetector``); the scanner
takes them from the explicit list in ``registry.py``. Import names from the module that defines them:
this package's ``__init__`` deliberately exports nothing.
"""
