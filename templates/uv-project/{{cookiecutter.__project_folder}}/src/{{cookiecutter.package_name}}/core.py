"""The library's example feature: Fibonacci numbers.
{%- if cookiecutter.get("c_extension") == "cpython" %}

`fibonacci` is the C version from the `_speedups` extension module.
`python_fibonacci` is the reference the tests compare it with, and what
`fibonacci` falls back to where the compiled module cannot be imported (a
source tree that was never built, for example). Both give the same answers.
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

{% if cookiecutter.get("c_extension") == "cpython" %}
try:
    from {{ cookiecutter.package_name }}._speedups import fibonacci
except ImportError:  # pragma: no cover - the extension was not built
    fibonacci = python_fibonacci
{%- else %}
fibonacci = python_fibonacci
{%- endif %}
