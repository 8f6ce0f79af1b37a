"""The library's example feature: Fibonacci numbers.
{%- if cookiecutter.c_extension == "cpython" %}

`fibonacci` is the C version from the `_speedups` extension module when it was
built, and the pure-Python `python_fibonacci` otherwise (another Python
implementation, or an install without a compiler). Both give the same answers.
{% endif %}"""

from __future__ import annotations

__all__ = ["fibonacci", "python_fibonacci"]


def python_fibonacci(n: int) -> int:
    """Return the n-th Fibonacci number: 0, 1, 1, 2, 3, 5, 8, ...

    >>> python_fibonacci(10)
    55
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, not {n}")
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

{% if cookiecutter.c_extension == "cpython" %}
try:
    from {{ cookiecutter.package_name }}._speedups import fibonacci
except ImportError:  # pragma: no cover - the extension was not built
    fibonacci = python_fibonacci
{%- else %}
fibonacci = python_fibonacci
{%- endif %}
