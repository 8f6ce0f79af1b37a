{%- if cookiecutter.c_extension == "cpython" -%}
# Type stub for the C extension module: mypy and editors cannot read C.
def fibonacci(n: int, /) -> int: ...
{%- endif %}
