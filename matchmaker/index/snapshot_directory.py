"""SnapshotDirectory: data files written atomically under a manifest that names and checksums them."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final

from matchmaker.index.index_load_error import IndexLoadError

MANIFEST: Final = "manifest.json"
LOCK_FILE: Final = ".lock"
_TEMPORARY_PREFIX: Final = ".tmp-"
_RESERVED_FIELDS: Final = frozenset({"format", "version", "files"})

#: Writes one data file at the given path.
FileWriter = Callable[[Path], object]
#: Reads one data file; may raise ``OSError``, ``ValueError``, ``EOFError`` or ``RuntimeError``.
FileReader = Callable[[Path], Any]


class SnapshotDirectory:
    """A directory holding one snapshot: data files and ``manifest.json``, which names them.

    ``save`` writes each data file under a fresh name (through a temporary file, fsync and
    ``os.replace``), then replaces the manifest, the single commit point: a reader sees the old
    snapshot or the new one, never a mix, and a crash at any moment leaves one of them intact.
    Files of older snapshots are deleted afterwards. The manifest records each file's size and
    SHA-256, so ``load`` detects torn or corrupted files. Saves take an exclusive ``flock`` on
    ``.lock`` (across processes) and loads a shared one, so a load never sees files vanish.

    The directory belongs to the snapshot: ``save`` deletes unnamed ``<role>-*`` and ``.tmp-*``
    files in it.
    """

    def __init__(self, path: Path, *, format_name: str, version: int) -> None:
        self.path = path
        self._format = format_name
        self._version = version

    def save(self, files: Mapping[str, tuple[str, FileWriter]], fields: Mapping[str, object]) -> None:
        """Write ``files`` (role -> (suffix, writer)) and a manifest holding ``fields``, atomically.

        ``fields`` must be JSON-serialisable; the keys ``format``, ``version`` and ``files`` are
        the manifest's own.
        """
        if _RESERVED_FIELDS & set(fields):
            raise ValueError(f"manifest fields may not be named {sorted(_RESERVED_FIELDS)}")
        self.path.mkdir(parents=True, exist_ok=True)
        token = secrets.token_hex(8)
        names = {role: f"{role}-{token}{suffix}" for role, (suffix, _) in files.items()}
        with self._lock(exclusive=True):
            try:
                entries = {role: self._write(names[role], writer) for role, (_, writer) in files.items()}
                manifest = {"format": self._format, "version": self._version, **fields, "files": entries}
                text = json.dumps(manifest, indent=2, sort_keys=True, allow_nan=False)
                self._write(MANIFEST, lambda path: path.write_text(text, encoding="utf-8"))
            except BaseException:
                # The manifest does not name these files: the previous snapshot stands, without litter.
                for name in names.values():
                    (self.path / name).unlink(missing_ok=True)
                raise
            descriptor = os.open(self.path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            prefixes = (_TEMPORARY_PREFIX, *(f"{role}-" for role in files))
            current = set(names.values())
            for stale in self.path.iterdir():
                if stale.name.startswith(prefixes) and stale.name not in current:
                    stale.unlink(missing_ok=True)

    def load(self, readers: Mapping[str, FileReader]) -> tuple[dict[str, Any], dict[str, Any]]:
        """The manifest, and each role's file read by its reader after checking size and checksum.

        Raises ``IndexLoadError`` if the manifest or a file is missing, unreadable, of another
        format or version, or differs from its recorded size or checksum.
        """
        with self._lock(exclusive=False):
            manifest = self._read_manifest(set(readers))
            contents: dict[str, Any] = {}
            for role, reader in readers.items():
                name = manifest["files"][role]["name"]
                path = self.path / name
                try:
                    size, digest = _digest(path)
                except OSError as error:
                    raise IndexLoadError(f"{name}: missing or unreadable ({error.strerror})") from error
                entry = manifest["files"][role]
                if size != entry["bytes"] or digest != entry["sha256"]:
                    raise IndexLoadError(f"{name}: size or checksum differs from the manifest")
                try:
                    contents[role] = reader(path)
                except (OSError, ValueError, EOFError, RuntimeError) as error:
                    raise IndexLoadError(f"{name}: unreadable ({type(error).__name__})") from error
            return manifest, contents

    def _read_manifest(self, roles: set[str]) -> dict[str, Any]:
        try:
            manifest = json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise IndexLoadError(f"no {MANIFEST} in the snapshot directory") from error
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise IndexLoadError(f"{MANIFEST} is unreadable ({type(error).__name__})") from error
        if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
            raise IndexLoadError(f"{MANIFEST} is not a snapshot manifest")
        if manifest.get("format") != self._format or manifest.get("version") != self._version:
            found = f"{manifest.get('format')!r} version {manifest.get('version')!r}"
            raise IndexLoadError(f"{MANIFEST}: unsupported format {found}")
        for role in roles:
            entry = manifest["files"].get(role)
            if (
                not isinstance(entry, dict)
                or not isinstance(entry.get("name"), str)
                or Path(entry["name"]).name != entry["name"]  # a plain name: nothing outside the directory
                or entry["name"] in {"", ".", ".."}
                or not isinstance(entry.get("bytes"), int)
                or not isinstance(entry.get("sha256"), str)
            ):
                raise IndexLoadError(f"{MANIFEST}: bad entry for the {role} file")
        return manifest

    def _write(self, name: str, writer: FileWriter) -> dict[str, object]:
        """Write ``name`` through a temporary file, fsync and ``os.replace``; its manifest entry."""
        descriptor, temporary = tempfile.mkstemp(dir=self.path, prefix=_TEMPORARY_PREFIX)
        os.close(descriptor)
        path = Path(temporary)
        try:
            writer(path)
            size, digest = _digest(path, sync=True)
            os.replace(path, self.path / name)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return {"name": name, "bytes": size, "sha256": digest}

    @contextlib.contextmanager
    def _lock(self, *, exclusive: bool) -> Iterator[None]:
        """An advisory ``flock`` on ``.lock``: exclusive for saves, shared for loads."""
        path = self.path / LOCK_FILE
        try:
            flags = os.O_RDWR | os.O_CREAT if exclusive else os.O_RDONLY
            descriptor = os.open(path, flags, 0o644)
        except FileNotFoundError:
            if exclusive:
                raise
            yield  # never saved here: no saver to wait for, and the manifest will be missing
            return
        except OSError as error:
            if exclusive:
                raise
            raise IndexLoadError(f"cannot open {LOCK_FILE} ({error.strerror})") from error
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            yield
        finally:
            os.close(descriptor)


def _digest(path: Path, *, sync: bool = False) -> tuple[int, str]:
    """The size and SHA-256 of a file (fsynced first when ``sync``)."""
    sha = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        if sync:
            os.fsync(stream.fileno())
        while chunk := stream.read(1 << 20):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()
