"""Generate the Python code and mypy stubs for protos/ into matchmaker/api/_gen/.

The generated files are checked in; tests/api/test_generated_code.py regenerates into a temporary
folder and fails when the checked-in copy is stale. Tool versions are pinned in pyproject.toml
(grpcio-tools, mypy-protobuf) so that every machine produces the same bytes.

    python scripts/gen_protos.py            # write matchmaker/api/_gen/
    python scripts/gen_protos.py --out DIR  # write elsewhere (used by the staleness test)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from importlib import resources
from pathlib import Path

from grpc_tools import protoc

ROOT = Path(__file__).resolve().parent.parent
PROTOS = ROOT / "protos"
DEFAULT_OUT = ROOT / "matchmaker" / "api" / "_gen"
PACKAGE = "matchmaker.api._gen"
# Only our own protos are compiled; google/rpc comes from googleapis-common-protos at run time and
# is vendored under protos/google/rpc for clients in other languages.
SOURCES = sorted(p.relative_to(PROTOS).as_posix() for p in (PROTOS / "matchmaker").rglob("*.proto"))
_IMPORT = re.compile(r"^(from|import) matchmaker\.v1\b", re.MULTILINE)


def generate(out: Path) -> None:
    """Compile every proto under protos/matchmaker into out/, with package-relative imports."""
    well_known = str(resources.files("grpc_tools") / "_proto")
    # protoc finds the mypy-protobuf plugins on PATH: use the ones beside this interpreter.
    bindir = str(Path(sys.executable).parent)
    os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    with tempfile.TemporaryDirectory() as tmp:
        args = [
            "grpc_tools.protoc",
            f"-I{PROTOS}",
            f"-I{well_known}",
            f"--python_out={tmp}",
            f"--grpc_python_out={tmp}",
            f"--mypy_out={tmp}",
            f"--mypy_grpc_out={tmp}",
            *SOURCES,
        ]
        if protoc.main(args) != 0:
            raise SystemExit("protoc failed")
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        for path in sorted(Path(tmp).rglob("*")):
            target = out / path.relative_to(tmp)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            text = path.read_text(encoding="utf-8")
            # protoc writes "from matchmaker.v1 import x_pb2"; the code lives in our package.
            text = _IMPORT.sub(lambda m: f"{m.group(1)} {PACKAGE}.matchmaker.v1", text)
            target.write_text(text, encoding="utf-8")
        for folder in [out, *[p for p in out.rglob("*") if p.is_dir()]]:
            (folder / "__init__.py").write_text('"""Generated code; do not edit."""\n', encoding="utf-8")


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    generate(parser.parse_args().out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
