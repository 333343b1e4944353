"""The factor weights in force: a versioned weights file (written by ``matchmaker train``) plus overrides.

The file is JSON: ``{"version": "...", "weights": {"need_semantic": 0.2, ...}, "trained_on": "...",
"embedder": "...", "fitted_at": "...", "validation": {...}}``. Every factor of ``FACTORS`` must have
a weight; an unknown key or a negative weight fails at start-up. A ``MATCHMAKER_WEIGHTS__<KEY>``
override changes the version to ``<file version>+env-<hash>`` so a decision always names the exact
weights it was scored with.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from matchmaker.config import Settings
from matchmaker.ranking.factors import FACTORS, WEIGHT_KEYS

BUNDLED = "weights.json"


@dataclass(frozen=True)
class WeightTable:
    """Weights by factor weight key, with the version decisions record."""

    version: str
    values: dict[str, float]
    trained_on: str = ""
    embedder: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def of(self, weight_key: str) -> float:
        """The weight of one factor."""
        return self.values[weight_key]

    def ordered(self) -> tuple[float, ...]:
        """The weights in the order of ``FACTORS``."""
        return tuple(self.values[f.weight_key] for f in FACTORS)


def parse_weights(document: dict[str, Any], source: str) -> WeightTable:
    """A weight table from its JSON document; ValueError naming ``source`` when it is not valid."""
    values = document.get("weights")
    version = document.get("version")
    if not isinstance(values, dict) or not isinstance(version, str) or not version:
        raise ValueError(f"{source}: needs a 'version' string and a 'weights' object")
    unknown = sorted(set(values) - set(WEIGHT_KEYS))
    missing = sorted(set(WEIGHT_KEYS) - set(values))
    if unknown or missing:
        raise ValueError(f"{source}: unknown weights {unknown}, missing weights {missing}")
    clean: dict[str, float] = {}
    for key in WEIGHT_KEYS:
        value = values[key]
        if not isinstance(value, int | float) or value < 0:
            raise ValueError(f"{source}: weight {key} must be a number >= 0")
        clean[key] = float(value)
    return WeightTable(
        version=version,
        values=clean,
        trained_on=str(document.get("trained_on", "")),
        embedder=str(document.get("embedder", "")),
        details={
            k: v for k, v in document.items() if k not in ("version", "weights", "trained_on", "embedder")
        },
    )


def read_weights_file(path: Path | None) -> WeightTable:
    """The weights file at ``path``, or the bundled one."""
    if path is None:
        text = resources.files("matchmaker.ranking").joinpath(BUNDLED).read_text(encoding="utf-8")
        source = f"matchmaker/ranking/{BUNDLED}"
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"MATCHMAKER_WEIGHTS_FILE: cannot read {path}: {exc.strerror}") from exc
        source = str(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source}: not JSON ({exc.msg} at line {exc.lineno})") from exc
    return parse_weights(document, source)


def load_weights(settings: Settings) -> WeightTable:
    """The weights file of the settings with the ``MATCHMAKER_WEIGHTS__*`` overrides applied."""
    table = read_weights_file(settings.weights_file)
    overrides = {k: float(v) for k, v in settings.weights.model_dump().items() if v is not None}
    if not overrides:
        return table
    digest = hashlib.sha256(json.dumps(overrides, sort_keys=True).encode()).hexdigest()[:8]
    return WeightTable(
        version=f"{table.version}+env-{digest}",
        values={**table.values, **overrides},
        trained_on=table.trained_on,
        embedder=table.embedder,
        details=table.details,
    )
