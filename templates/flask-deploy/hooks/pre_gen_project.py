# Written by `nox -s sync` from hooks/validation.py: edit that file, not this one.
{% raw %}
"""Validation of a template's answers, run before any file is written.

Each check looks at one answer, and only if the template asks for it, so every
template shares the same rules. A failed check raises :class:`InvalidInput`
with one line that says what is wrong and what would be accepted.
"""

from __future__ import annotations

import keyword
import re
import sys
from collections.abc import Callable
from typing import Any

# PEP 508 names: ASCII letters and digits, with ".", "-" and "_" inside.
DISTRIBUTION_NAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")
# PEP 8 module names, ASCII only so every filesystem and tool agrees on them.
IMPORT_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
# The canonical form of a PEP 440 public version (PEP 440, appendix B).
CANONICAL_VERSION = re.compile(
    r"^([1-9][0-9]*!)?(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*"
    r"((a|b|rc)(0|[1-9][0-9]*))?(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?$"
)
# Deliberately loose: one "@", no spaces, a dot in the domain.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
# GitHub's own rule for user and organisation names.
GITHUB_OWNER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
# A package index URL: http(s), a host, no spaces or quotes, no credentials.
INDEX_URL = re.compile(r"^https?://[^\s/@\"'\\<>]+(/[^\s@\"'\\<>]*)?$")
# A DNS name: dot-separated labels of letters, digits and inner hyphens, at
# least two of them, the last one alphabetic.
DOMAIN = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$"
)
# A name every deployment system accepts (Kubernetes objects as DNS-1035
# labels, image names, systemd units), with room for "-migrate" and "-tls".
SERVICE_NAME = re.compile(r"^[a-z]([a-z0-9-]{0,48}[a-z0-9])?$")
# Free text ends up inside TOML, YAML and Python string literals, and in
# files that Jinja reads again (the Flask application's own templates).
UNSAFE_TEXT = re.compile(r'["\\{}\x00-\x1f\x7f]')
# Names and emails also end up in "Name <email>" address lists (PEP 621).
UNSAFE_IN_ADDRESS = re.compile(r"[,<>]")


# The longest names the templates are written for: every generated line that
# holds one stays within the projects' own line length (ruff's 88 columns).
MAX_NAME_LENGTH = 50
# PyPI refuses a longer summary.
MAX_DESCRIPTION_LENGTH = 512
# An author's name and address stand on a line of their own in setup.py.
MAX_AUTHOR_LENGTH = 70


class InvalidInput(Exception):
    """An answer that the template cannot use."""


def check_length(field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        raise InvalidInput(
            f"{field} is {len(value)} characters long: make it {limit} characters or fewer"
        )


def check_text(field: str, value: str, limit: int) -> None:
    """Free text: not empty, one line of safe characters, at most `limit` long."""
    if not value.strip():
        raise InvalidInput(f"{field} must not be empty")
    if UNSAFE_TEXT.search(value):
        raise InvalidInput(
            f"{field} {value!r} must be one line without double quotes, backslashes or braces"
        )
    check_length(field, value, limit)


def check_project_name(value: str) -> None:
    check_text("project_name", value, MAX_NAME_LENGTH)


def check_description(value: str) -> None:
    check_text("description", value, MAX_DESCRIPTION_LENGTH)


def check_author_name(value: str) -> None:
    check_text("author_name", value, MAX_AUTHOR_LENGTH)
    if UNSAFE_IN_ADDRESS.search(value):
        raise InvalidInput(f"author_name {value!r} must not contain ',', '<' or '>'")


def check_distribution_name(value: str) -> None:
    if not value:
        raise InvalidInput(
            "project_slug is empty: give the project name ASCII letters or digits, "
            "or answer project_slug yourself, e.g. 'my-package'"
        )
    check_length("project_slug", value, MAX_NAME_LENGTH)
    if not DISTRIBUTION_NAME.match(value):
        raise InvalidInput(
            f"project_slug {value!r} is not a valid distribution name: use ASCII "
            "letters and digits, with '-', '_' or '.' between them (PEP 508), "
            "e.g. 'my-package'"
        )


def check_import_name(value: str) -> None:
    check_length("package_name", value, MAX_NAME_LENGTH)
    if not IMPORT_NAME.match(value):
        raise InvalidInput(
            f"package_name {value!r} is not a valid import name: use lowercase ASCII "
            "letters, digits and '_', not starting with a digit, e.g. 'my_package'"
        )
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        raise InvalidInput(
            f"package_name {value!r} is a Python keyword: choose another name, e.g. '{value}_lib'"
        )
    if value in sys.stdlib_module_names:
        raise InvalidInput(
            f"package_name {value!r} would shadow the standard library module of "
            f"that name: choose another name, e.g. '{value}_lib'"
        )


def check_email(value: str) -> None:
    check_length("author_email", value, MAX_AUTHOR_LENGTH)
    if not EMAIL.match(value) or UNSAFE_TEXT.search(value) or UNSAFE_IN_ADDRESS.search(value):
        raise InvalidInput(
            f"author_email {value!r} is not an email address, e.g. 'jane@example.com'"
        )
    if not value.isascii():
        # Package metadata is an email header: a non-ASCII address fails the build.
        raise InvalidInput(
            f"author_email {value!r} must be ASCII: write an internationalised domain "
            "in its xn-- form, e.g. 'zoe@xn--exmple-cua.com'"
        )


def check_github_owner(value: str) -> None:
    if not GITHUB_OWNER.match(value):
        raise InvalidInput(
            f"github_owner {value!r} is not a GitHub user or organisation name: "
            "up to 39 letters, digits and single inner '-', e.g. 'jane-doe'"
        )


def check_version(value: str) -> None:
    if not CANONICAL_VERSION.match(value):
        raise InvalidInput(
            f"version {value!r} is not a canonical PEP 440 version, "
            "e.g. '0.1.0', '1.0.0rc1' or '2.0.0.dev1'"
        )


def check_private_index_url(value: str) -> None:
    """Empty (no private index), or the URL of one. Credentials never go in a
    committed file: an URL with "user:password@" is refused."""
    if value and "@" in value:
        raise InvalidInput(
            f"private_index_url {value!r} must not hold credentials: give them to "
            "the tool instead, e.g. `poetry config http-basic.private USER PASSWORD`"
        )
    if value and not INDEX_URL.match(value):
        raise InvalidInput(
            f"private_index_url {value!r} is not an http(s) URL, "
            "e.g. 'https://pypi.example.com/simple/', or leave it empty"
        )


def check_service_name(value: str) -> None:
    if not SERVICE_NAME.match(value):
        raise InvalidInput(
            f"service_name {value!r} is not a service name: up to 50 lowercase letters, "
            "digits and inner '-', starting with a letter, e.g. 'notes-api'"
        )


def check_domain(value: str) -> None:
    if not DOMAIN.match(value):
        raise InvalidInput(
            f"domain {value!r} is not a domain name: lowercase labels of letters, digits "
            "and inner '-', separated by dots, e.g. 'app.example.com'"
        )


# The order matters only for which error a person sees first.
CHECKS: dict[str, Callable[[str], None]] = {
    "project_name": check_project_name,
    "project_slug": check_distribution_name,
    "package_name": check_import_name,
    "description": check_description,
    "author_name": check_author_name,
    "author_email": check_email,
    "github_owner": check_github_owner,
    "version": check_version,
    "private_index_url": check_private_index_url,
    "service_name": check_service_name,
    "domain": check_domain,
}


def normalized(name: str) -> str:
    """A distribution name as indexes compare them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def check_not_reserved(context: dict[str, Any]) -> None:
    """The project may not take the name of a package the template itself needs:
    pip could not install both."""
    name = context.get("project_slug", "")
    if normalized(name) in {normalized(reserved) for reserved in context.get("_reserved", [])}:
        raise InvalidInput(
            f"project_slug {name!r} is the name of a package this template depends on: "
            "choose another name"
        )


def validate(context: dict[str, Any]) -> None:
    """Check every answer the template asks for; raise on the first bad one."""
    for field, check in CHECKS.items():
        if field in context:
            value = context[field]
            if not isinstance(value, str):
                raise InvalidInput(f"{field} must be text, not {value!r}")
            check(value)
    check_not_reserved(context)


def main(context: dict[str, Any]) -> int:
    """The pre-generation hook: a bad answer ends it with status 1 and one line
    on stderr, never a traceback; cookiecutter then writes nothing."""
    try:
        validate(context)
    except InvalidInput as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0
{% endraw %}

if __name__ == "__main__":
    import json

    CONTEXT = json.loads({{ cookiecutter | tojson | tojson }})
    sys.exit(main(CONTEXT))
