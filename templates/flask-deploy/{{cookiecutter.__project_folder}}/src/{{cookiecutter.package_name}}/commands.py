"""`flask users ...`: accounts and API tokens, managed from the server's shell.

    flask users create NAME    # asks for the password twice
    flask users token NAME     # prints a new API token, once
    flask users revoke NAME    # NAME's tokens and sessions stop working

with the application given as `--app "$APP"` or FLASK_APP=$APP, where APP is
{{ cookiecutter.package_name }}.wsgi.

There is no sign-up page: whoever runs the service decides who writes.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import delete

from {{ cookiecutter.package_name }}.auth import (
    PASSWORD_MIN,
    account_named,
    end_sessions,
    hash_password,
    new_token,
)
from {{ cookiecutter.package_name }}.extensions import db
from {{ cookiecutter.package_name }}.models import (
    USER_NAME_MAX,
    ApiToken,
    User,
)

users = AppGroup("users", help="Create accounts and their API tokens.")


def account(name: str) -> User:
    user = account_named(name)
    if user is None:
        raise click.ClickException(f"there is no account named {name!r}")
    return user


@users.command("create")
@click.argument("name")
@click.password_option(help="asked for when not given, twice, without echo")
def create(name: str, password: str) -> None:
    """Create the account NAME."""
    if not name.strip() or len(name) > USER_NAME_MAX:
        raise click.ClickException(f"a name has 1 to {USER_NAME_MAX} characters")
    if len(password) < PASSWORD_MIN:
        raise click.ClickException(f"a password has at least {PASSWORD_MIN} characters")
    if account_named(name) is not None:
        raise click.ClickException(f"there is already an account named {name!r}")
    db.session.add(User(name=name, password_hash=hash_password(password)))
    db.session.commit()
    click.echo(f"created the account {name!r}")


@users.command("token")
@click.argument("name")
def token(name: str) -> None:
    """Print a new API token for NAME. Only a digest is kept: copy it now."""
    click.echo(new_token(account(name)))


@users.command("revoke")
@click.argument("name")
def revoke(name: str) -> None:
    """Revoke every API token of NAME and end its signed-in sessions."""
    user = account(name)
    result = db.session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
    end_sessions(user)  # commits both
    count = result.rowcount  # type: ignore[attr-defined]
    click.echo(f"revoked {count} token(s) of {name!r} and ended its sessions")
