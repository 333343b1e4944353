"""The documentation travels with the code: docs/api.md is current, nothing points outside the clone."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.support import ROOT


def test_api_doc_is_generated_from_the_current_protos() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_api_docs.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_every_rpc_is_in_the_api_doc_with_who_may_call_it() -> None:
    from matchmaker.api.interceptors import METHOD_POLICIES

    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for method in METHOD_POLICIES:
        name = method.rsplit("/", 1)[1]
        assert re.search(rf"^\| `{name}` \| .* \| (admin|portal)", text, re.MULTILINE), name


def test_no_reference_outside_the_repository() -> None:
    paths = [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "matchmaker").rglob("*.py")]
    offenders = [
        str(p.relative_to(ROOT))
        for p in paths
        if "_gen" not in p.parts
        and re.search(r"\.\./shared|(?<![/\w])API\.md", p.read_text(encoding="utf-8"))
    ]
    assert not offenders


def test_every_setting_is_in_the_operations_doc() -> None:
    from matchmaker.config import Settings

    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"MATCHMAKER_{name.upper()}" not in text]
    assert not missing
