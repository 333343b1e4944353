"""Deterministic demo data: synthetic exhibitors and purchasers of a large import expo.

``matchmaker.demo.generator`` builds the profiles written to ``data/fixtures/`` (by
``scripts/make_fixtures.py``), the hidden topic truth used to evaluate the ranking, and
checksum-valid synthetic identity numbers for testing the contact-card filter.
"""
