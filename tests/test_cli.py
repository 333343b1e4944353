"""The matchmaker command: import with a summary of failures by line, db upgrade."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from matchmaker import cli
from matchmaker.storage import migrate
from tests.support import write_tokens


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
