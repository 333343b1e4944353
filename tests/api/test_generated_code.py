"""The checked-in generated code matches what scripts/gen_protos.py produces from protos/."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

from tests.support import ROOT


def test_generated_code_is_fresh(tmp_path: Path) -> None:
    out = tmp_path / "_gen"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_protos.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    checked_in = ROOT / "matchmaker" / "api" / "_gen"
    fresh = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    stored = sorted(
        p.relative_to(checked_in).as_posix()
        for p in checked_in.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert fresh == stored, "run `make protos`: the set of generated files changed"
    stale = [name for name in fresh if not filecmp.cmp(out / name, checked_in / name, shallow=False)]
    assert stale == [], f"run `make protos`: stale generated files {stale}"


def test_google_rpc_protos_are_vendored() -> None:
    for name in ("status.proto", "error_details.proto", "code.proto"):
        assert (ROOT / "protos" / "google" / "rpc" / name).is_file()
