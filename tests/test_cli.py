"""The matchmaker command: import with a summary of failures by line, db upgrade."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from matchmaker import cli
from matchmaker.config import Settings
from matchmaker.embedding.embedder import Embedder
from matchmaker.importer import import_file
from matchmaker.runtime import LazyEmbedder, load_embedder, open_runtime
from matchmaker.storage import migrate
from tests.support import HashingEmbedder, write_tokens


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("MATCHMAKER_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("MATCHMAKER_TOKENS_FILE", str(write_tokens(tmp_path / "tokens.json")))
    return tmp_path


def line(profile_id: str, **changes: object) -> str:
    document: dict[str, object] = {
        "id": profile_id,
        "role": "ROLE_PURCHASER",
        "organization": "Acme",
        "country": "CN",
        "seeking": "frozen shrimp",
        "contact": {"name": "Wang Fang", "idNumber": "11010519491231002X"},
    }
    document.update(changes)
    return json.dumps(document, ensure_ascii=False)


def test_import_reports_failures_by_line(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = env / "profiles.jsonl"
    source.write_text(
        "\n".join(
            [
                line("pur-1"),
                line("pur-2", country="ZZZ"),
                "{not json",
                line("pur-3", unknownField=1),
                "",
                line("pur-4"),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    assert cli.main(["import", str(source)]) == 1
    out = capsys.readouterr().out
    assert "imported 2, failed 3" in out
    assert "line 2: profile.country" in out and "line 3: not JSON" in out and "line 4: not a Profile" in out
    assert "11010519491231002X" not in out and "Wang Fang" not in out


def test_import_of_a_clean_file_exits_zero(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = env / "profiles.jsonl"
    source.write_text(line("pur-1") + "\n" + line("pur-1", seeking="olive oil") + "\n", encoding="utf-8")
    assert cli.main(["import", str(source)]) == 0
    assert "imported 2, failed 0" in capsys.readouterr().out


def test_db_upgrade(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["db", "upgrade"]) == 0
    assert f"database at revision {migrate.head_revision()}" in capsys.readouterr().out


def test_import_of_a_missing_file_fails_clearly(env: Path) -> None:
    with pytest.raises(SystemExit, match="no such file"):
        cli.main(["import", str(env / "missing.jsonl")])


def _stored(env: Path, *lines: str) -> None:
    """Profiles stored directly (a test embedder), for commands that read the local database."""
    settings = make_settings_from_env(env)
    runtime = open_runtime(settings, embedder=HashingEmbedder())
    source = env / "stored.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        assert import_file(runtime.engine, source).failed == 0
    finally:
        runtime.close()


def make_settings_from_env(env: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite:///{env / 'cli.db'}",
        data_dir=env / "var",
        tokens_file=env / "tokens.json",
    )


def test_export_file_is_private_also_over_an_existing_file(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _stored(env, line("pur-1"))
    target = env / "export.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    assert cli.main(["export", "pur-1", "-o", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["profile"]["id"] == "pur-1"
    fresh = env / "fresh.json"
    assert cli.main(["export", "pur-1", "-o", str(fresh)]) == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


def test_export_and_purge_do_not_import_torch(env: Path) -> None:
    _stored(env, line("pur-1"))
    probe = (
        "import sys; from matchmaker import cli; "
        "codes = [cli.main(['export', 'pur-1', '-o', 'x.json']), cli.main(['purge'])]; "
        "print(codes, sorted(m for m in ('torch', 'sentence_transformers') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=env,
        env={**os.environ, "MATCHMAKER_EMBEDDER": "sentence-transformers"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.splitlines()[-1] == "[0, 0] []"


def test_an_import_of_cached_lines_never_builds_the_model(env: Path) -> None:
    built: list[HashingEmbedder] = []

    def build() -> Embedder:
        built.append(HashingEmbedder())
        return built[-1]

    settings = make_settings_from_env(env)
    source = env / "one.jsonl"
    source.write_text(line("pur-1") + "\n", encoding="utf-8")
    for expected_builds in (1, 1):
        lazy = LazyEmbedder(
            HashingEmbedder.model_name, HashingEmbedder.model_version, HashingEmbedder.dim, build
        )
        runtime = open_runtime(settings, embedder=lazy)
        try:
            assert import_file(runtime.engine, source).imported == 1
        finally:
            runtime.close()
        assert len(built) == expected_builds  # the second import finds every text in the cache


def test_a_lazy_embedder_refuses_a_model_other_than_described() -> None:
    lazy = LazyEmbedder("test", "other-version", HashingEmbedder.dim, HashingEmbedder)
    with pytest.raises(RuntimeError, match="differs"):
        lazy.embed(["frozen shrimp"])


def test_the_sentence_transformers_description_matches_the_model(real_embedder: Embedder) -> None:
    settings = Settings(_env_file=None, embedder="sentence-transformers")  # type: ignore[call-arg]
    lazy = load_embedder(settings)
    assert isinstance(lazy, LazyEmbedder) and not lazy.loaded
    assert (lazy.model_name, lazy.model_version, lazy.dim) == (
        real_embedder.model_name,
        real_embedder.model_version,
        real_embedder.dim,
    )


def test_debug_logging_reports_during_import(
    env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATCHMAKER_LOG_LEVEL", "DEBUG")
    source = env / "profiles.jsonl"
    source.write_text(line("pur-1") + "\n", encoding="utf-8")
    assert cli.main(["import", str(source)]) == 0
    err = capsys.readouterr().err
    assert "DEBUG matchmaker.importer: batch of 1 lines: 1 stored, 0 failed" in err
    assert "INFO matchmaker.cli: import finished: 1 imported, 0 failed" in err
    assert "Wang Fang" not in err and "11010519491231002X" not in err


def test_the_server_runs_one_native_thread_in_every_blas_and_openmp_library() -> None:
    """numpy's OpenBLAS included: it is loaded by the limit itself, not left at one per core."""
    script = (
        "import json; from matchmaker.cli import one_native_thread; one_native_thread(); "
        "from threadpoolctl import threadpool_info; print(json.dumps(threadpool_info()))"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True
    ).stdout
    libraries = json.loads(out)
    assert any("numpy" in lib["filepath"] for lib in libraries)
    assert {lib["prefix"]: lib["num_threads"] for lib in libraries} == {
        lib["prefix"]: 1 for lib in libraries
    }
