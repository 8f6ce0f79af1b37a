"""The classic setuptools build script: the project's metadata as Python code.

pip and build run this file through setuptools' PEP 517 backend (see
[build-system] in pyproject.toml); never run `python setup.py ...` yourself,
those commands are deprecated. New projects put this metadata in the
[project] table of pyproject.toml instead: both give the same wheel.
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).parent
NAME = "tide-tables"
PACKAGE = "tide_tables"
DESCRIPTION = "Tide predictions for harbours, from the command line."
AUTHOR = "Jane Doe"
EMAIL = "jane@example.com"
REPOSITORY = f"https://github.com/jane-doe/{NAME}"

setup(
    name=NAME,
    # Bump this by hand for every release; git tags follow it (see README.md).
    version="0.1.0",
    description=DESCRIPTION,
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    # One string "Name <email>", as PEP 621 writes an author with both.
    author_email=f"{AUTHOR} <{EMAIL}>",
    # An SPDX licence expression, plus the files that hold the licence text (PEP 639).
    license_expression="MIT",
    license_files=["LICENSE"],
    project_urls={
        "Homepage": REPOSITORY,
        "Issues": f"{REPOSITORY}/issues",
        "Changelog": f"{REPOSITORY}/blob/main/CHANGELOG.md",
    },
    # Words that PyPI's search matches: add the ones that name the project's subject.
    keywords=["command-line"],
    # Classifiers help people find the project on PyPI: https://pypi.org/classifiers/
    classifiers=[
        "Development Status :: 3 - Alpha",
        "Environment :: Console",
        "Intended Audience :: Developers",
        "Operating System :: OS Independent",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Programming Language :: Python :: 3.14",
        "Programming Language :: Python :: 3.15",
        "Typing :: Typed",
    ],
    python_requires=">=3.11",
    # What the installed package needs at run time: lower bounds, rarely upper ones.
    install_requires=[],
    # The src layout: the package lives in src/, so tests run against the
    # installed package and never by accident against the source tree.
    package_dir={"": "src"},
    packages=find_packages(where="src"),
    # Console scripts: pip writes an executable wrapper that calls this function.
    entry_points={
        "console_scripts": [
            f"{NAME} = {PACKAGE}.cli:main",
        ],
    },
)
