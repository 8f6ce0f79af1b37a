"""Tests of the library: run them against the installed package (see README.md)."""

from __future__ import annotations

import pytest

from {{ cookiecutter.package_name }} import fibonacci
from {{ cookiecutter.package_name }}.core import python_fibonacci


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, 0),
        (1, 1),
        (2, 1),
        (10, 55),
        (93, 12200160415121876738),  # the largest that fits in 64 bits
        (94, 19740274219868223167),  # the first that does not
        (100, 354224848179261915075),
    ],
)
def test_known_values(n: int, expected: int) -> None:
    assert fibonacci(n) == expected


def test_each_number_is_the_sum_of_the_two_before() -> None:
    for n in range(2, 300):
        assert fibonacci(n) == fibonacci(n - 1) + fibonacci(n - 2)


@pytest.mark.parametrize("implementation", [fibonacci, python_fibonacci])
def test_negative_numbers_are_rejected(implementation: object) -> None:
    with pytest.raises(ValueError, match="n must be >= 0"):
        implementation(-1)  # type: ignore[operator]
{%- if cookiecutter.get("c_extension") == "cpython" %}


def test_the_c_extension_is_the_one_in_use() -> None:
    from {{ cookiecutter.package_name }} import _speedups, core

    assert core.fibonacci is _speedups.fibonacci


def test_c_and_python_agree() -> None:
    from {{ cookiecutter.package_name }} import _speedups

    for n in range(500):
        assert _speedups.fibonacci(n) == python_fibonacci(n)


def test_the_c_extension_rejects_what_python_rejects() -> None:
    from {{ cookiecutter.package_name }} import _speedups

    with pytest.raises(TypeError):
        _speedups.fibonacci(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        python_fibonacci(1.5)  # type: ignore[arg-type]
{%- endif %}
