{%- set pythons = cookiecutter._choices.min_python[cookiecutter._choices.min_python.index(cookiecutter.min_python):] -%}
{%- set extension = cookiecutter.c_extension == "cpython" -%}
{%- if cookiecutter.metadata == "setup.py" -%}
"""The classic setuptools build script: the project's metadata as Python code.

pip and build run this file through setuptools' PEP 517 backend (see
[build-system] in pyproject.toml); never run `python setup.py ...` yourself,
those commands are deprecated. New projects put this metadata in the
[project] table of pyproject.toml instead: both give the same wheel.
"""

from pathlib import Path

from setuptools import {% if extension %}Extension, {% endif %}find_packages, setup

HERE = Path(__file__).parent
REPOSITORY = "https://github.com/{{ cookiecutter.github_owner }}/{{ cookiecutter.project_slug }}"

setup(
    name="{{ cookiecutter.project_slug }}",
{%- if cookiecutter.versioning == "static" %}
    # Bump this by hand for every release; git tags follow it (see README.md).
    version="{{ cookiecutter.version }}",
{%- else %}
    # No version here: setuptools-scm reads it from the latest git tag, because
    # pyproject.toml has a [tool.setuptools_scm] table.
{%- endif %}
    description="{{ cookiecutter.description }}",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    # One string "Name <email>", as PEP 621 writes an author with both.
    author_email="{{ cookiecutter.author_name }} <{{ cookiecutter.author_email }}>",
    # An SPDX licence expression, plus the files that hold the licence text (PEP 639).
    license_expression="{{ cookiecutter.license }}",
    license_files=["LICENSE"],
    project_urls={
        "Homepage": REPOSITORY,
        "Issues": f"{REPOSITORY}/issues",
        "Changelog": f"{REPOSITORY}/blob/main/CHANGELOG.md",
    },
    # Classifiers help people find the project on PyPI: https://pypi.org/classifiers/
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Environment :: Console",
        "Intended Audience :: Developers",
        "Operating System :: OS Independent",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
{%- for python in pythons %}
        "Programming Language :: Python :: {{ python }}",
{%- endfor %}
{%- if extension %}
        "Programming Language :: C",
        "Programming Language :: Python :: Implementation :: CPython",
{%- endif %}
        "Typing :: Typed",
    ],
    python_requires=">={{ cookiecutter.min_python }}",
    # What the installed package needs at run time: lower bounds, rarely upper ones.
    install_requires=[{% if cookiecutter.cli == "click" %}"click>=8.1"{% endif %}],
    # The src layout: the package lives in src/, so tests run against the
    # installed package and never by accident against the source tree.
    package_dir={"": "src"},
    packages=find_packages(where="src"),
    # Console scripts: pip writes an executable wrapper that calls this function.
    entry_points={
        "console_scripts": [
            "{{ cookiecutter.project_slug }} = {{ cookiecutter.package_name }}.cli:main",
        ],
    },
{%- if extension %}
    # The C extension, compiled by setuptools with the compiler Python was built with.
    ext_modules=[
        Extension(
            "{{ cookiecutter.package_name }}._speedups",
            sources=["src/{{ cookiecutter.package_name }}/_speedups.c"],
        ),
    ],
    # The C source belongs in the sdist (MANIFEST.in), which rebuilds the
    # extension, but not in the wheel, which carries the compiled module.
    exclude_package_data={"": ["*.c"]},
{%- endif %}
)
{%- elif extension -%}
"""Build the C extension: the one thing pyproject.toml cannot describe yet.

All other metadata is in the [project] table of pyproject.toml; setuptools
merges the two. pip and build run this file through setuptools' PEP 517
backend; never run `python setup.py ...` yourself.
"""

from setuptools import Extension, setup

setup(
    # Compiled by setuptools with the compiler Python was built with.
    ext_modules=[
        Extension(
            "{{ cookiecutter.package_name }}._speedups",
            sources=["src/{{ cookiecutter.package_name }}/_speedups.c"],
        ),
    ],
)
{%- endif %}
