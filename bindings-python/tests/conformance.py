"""Shared helpers: the language-neutral conformance files under ``tests/conformance/`` and
the rule by which an answer matches the expected one (as ``tests/lib.rs`` does in Rust)."""

from __future__ import annotations

import json
import pathlib
from typing import Any

CONFORMANCE = pathlib.Path(__file__).resolve().parents[2] / "tests" / "conformance"


def load(name: str) -> Any:
    return json.loads((CONFORMANCE / name).read_text(encoding="utf-8"))


def contains(actual: Any, expected: Any) -> bool:
    """Equal scalars; lists of the same length whose items contain the expected ones; dicts
    with every expected key present with a contained value."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            k in actual and contains(actual[k], v) for k, v in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(contains(a, e) for a, e in zip(actual, expected))
        )
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    return bool(actual == expected)


def scenario_files() -> list[str]:
    """The scenario files every host runs (``scenario-files.json``)."""
    files: list[str] = load("scenario-files.json")["files"]
    return files


def scenario_policy(scenario: dict[str, Any]) -> Any:
    """The scenario's policy: the built-in one with its ``policy_changes``."""
    import kezek

    policy = kezek.PolicyBook.builtin().get(scenario["policy"])
    return policy.replace(**scenario.get("policy_changes", {}))
