"""Operators' local commands: each admin action lands in the audit log; token new; audit list."""

from __future__ import annotations

import getpass
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from matchmaker import cli, runtime
from matchmaker.api.auth import digest, parse_tokens
from matchmaker.config import Settings
from matchmaker.domain import AuditAction, ReviewStatus, ReviewTicket
from matchmaker.embedding.embedder import Embedder
from matchmaker.storage.audit import AuditRepository
from matchmaker.storage.database import Database
from matchmaker.storage.reviews import ReviewRepository
from tests.support import HashingEmbedder, write_tokens


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MATCHMAKER_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("MATCHMAKER_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("MATCHMAKER_TOKENS_FILE", str(write_tokens(tmp_path / "tokens.json")))

    def hashing(_settings: Settings) -> Embedder:
        return HashingEmbedder()

    monkeypatch.setattr(runtime, "load_embedder", hashing)
    return tmp_path


def profile_line(profile_id: str) -> str:
    return json.dumps(
        {
            "id": profile_id,
            "role": "ROLE_PURCHASER",
            "organization": "Acme",
            "country": "CN",
            "seeking": "frozen shrimp",
            "contact": {"name": "Wang Fang"},
        }
    )


def audit_entries(env: Path) -> list:  # type: ignore[type-arg]
    db = Database(f"sqlite:///{env / 'cli.db'}")
    try:
        return AuditRepository(db).entries()
    finally:
        db.dispose()


def test_local_admin_commands_are_audited_and_listed(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = env / "profiles.jsonl"
    source.write_text(
        "\n".join([profile_line("pur-1"), profile_line("pur-2"), "{bad"]) + "\n", encoding="utf-8"
    )
    assert cli.main(["import", str(source)]) == 1  # one line failed
    assert cli.main(["export", "pur-1", "-o", str(env / "export.json")]) == 0
    assert cli.main(["purge"]) == 0
    db = Database(f"sqlite:///{env / 'cli.db'}")
    ReviewRepository(db).open(
        ReviewTicket(
            id="ticket-1",
            decision_id="decision-1",
            candidate_id="exh-1",
            subject_id="pur-1",
            reason="we do not buy this",
            status=ReviewStatus.OPEN,
            created_at=datetime.now(UTC),
        )
    )
    db.dispose()
    assert cli.main(["reviews", "resolve", "ticket-1", "--note", "the ranking was right"]) == 0
    entries = audit_entries(env)
    who = f"local:{getpass.getuser()}"
    assert [(e.client, e.action) for e in entries] == [
        (who, AuditAction.BULK_IMPORT),
        (who, AuditAction.EXPORT),
        (who, AuditAction.PURGE),
        (who, AuditAction.REVIEW_RESOLUTION),
    ]
    imported, exported, purged, resolved = entries
    assert imported.ids == ("pur-1", "pur-2")
    assert imported.detail == {"file": "profiles.jsonl", "imported": 2, "failed": 1}
    assert exported.ids == ("pur-1",)
    assert set(purged.detail) == {"decisions", "feedback", "notices", "disclosures"}
    assert resolved.ids == ("ticket-1", "decision-1")
    capsys.readouterr()
    assert cli.main(["audit", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [e["action"] for e in listed] == ["bulk_import", "export", "purge", "review_resolution"]
    assert cli.main(["audit", "list", "--action", "export"]) == 0
    out = capsys.readouterr().out
    assert "export" in out and "pur-1" in out and "bulk_import" not in out and out.endswith("1 entry\n")
    # The log holds ids and counts only: no name or card field of the imported users.
    assert "Wang Fang" not in json.dumps(listed)


def test_token_new_prints_a_token_and_an_entry_that_admits_only_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["token", "new", "--client", "portal-web-2", "--role", "portal"]) == 0
    lines = capsys.readouterr().out.splitlines()
    secret = lines[0].removeprefix("token ")
    entry = json.loads(lines[-1])
    assert entry == {"token_sha256": digest(secret).hex(), "client": "portal-web-2", "role": "portal"}
    table = parse_tokens(json.dumps({"tokens": [entry]}), "test")
    found = table.lookup(secret)
    assert found is not None and found.client == "portal-web-2" and found.token is None
    assert table.lookup(secret + "x") is None


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"client": "a", "role": "admin"}, "exactly one of token and token_sha256"),
        ({"token": "x" * 20, "token_sha256": "0" * 64, "client": "a", "role": "admin"}, "exactly one"),
        ({"token_sha256": "ABC", "client": "a", "role": "admin"}, "64 lowercase hex"),
        ({"token": "short", "client": "a", "role": "admin"}, "at least 16"),
        ({"token": "x" * 20, "client": "a", "role": "root"}, "portal or admin"),
    ],
)
def test_bad_token_entries_fail_with_the_rule(entry: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_tokens(json.dumps({"tokens": [entry]}), "tokens.json")
