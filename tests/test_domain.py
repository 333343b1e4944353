"""Domain types: the fast constructor of Factor builds what the dataclass builds."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from matchmaker.domain import Direction, Factor


@pytest.mark.parametrize(
    "fields",
    [
        ("need_semantic", Direction.SUBJECT_TO_CANDIDATE, 0.3, 0.5, 0.15, ("salmon", "cod")),
        ("categories", Direction.CANDIDATE_TO_SUBJECT, 1.0, 0.0, 0.0, ()),
        ("fit_keywords", Direction.CANDIDATE_TO_SUBJECT, -0.25, 1.0, -0.25, ("红酒",)),
    ],
)
def test_factor_of_builds_the_dataclass_instance(fields: tuple) -> None:  # type: ignore[type-arg]
    fast, plain = Factor.of(*fields), Factor(*fields)
    assert fast == plain
    assert hash(fast) == hash(plain)
    assert repr(fast) == repr(plain)
    assert dataclasses.asdict(fast) == dataclasses.asdict(plain)
    assert vars(fast) == vars(plain)  # the same fields, in the same order
    assert pickle.loads(pickle.dumps(fast)) == plain
    assert dataclasses.replace(fast, weight=2.0) == dataclasses.replace(plain, weight=2.0)
    assert copy.copy(fast) == plain
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.weight = 2.0  # type: ignore[misc]


def test_factor_has_no_post_init_for_the_fast_constructor_to_skip() -> None:
    assert not hasattr(Factor, "__post_init__")
    assert [f.name for f in dataclasses.fields(Factor)] == [
        "name",
        "direction",
        "weight",
        "similarity",
        "contribution",
        "evidence",
    ]


@pytest.mark.parametrize("direction", list(Direction))
def test_a_direction_is_written_as_its_value_and_reads_as_the_member(direction: Direction) -> None:
    """Stored decisions hold each factor's direction as a JSON string (orjson's str fast path)."""
    import orjson

    assert isinstance(direction, str)
    assert orjson.dumps(direction) == f'"{direction.value}"'.encode()
    assert Direction(orjson.loads(orjson.dumps(direction))) is direction
    # Printed as a plain Enum member is, not as its value.
    assert str(direction) == f"{direction:s}" == f"Direction.{direction.name}"
