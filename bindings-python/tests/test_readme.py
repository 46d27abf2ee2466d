"""The README's Python examples, executed: the README cannot drift from the API."""

from __future__ import annotations

import pathlib
import re

import pytest

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_has_python_examples() -> None:
    assert BLOCKS


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example(code: str) -> None:
    exec(compile(code, str(README), "exec"), {"__name__": "readme"})


def test_package_docstring_examples() -> None:
    """The docstring examples of the package and its matching and simulation modules."""
    import doctest

    import kezek

    for module in (kezek, kezek.matching, kezek.simulation):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
