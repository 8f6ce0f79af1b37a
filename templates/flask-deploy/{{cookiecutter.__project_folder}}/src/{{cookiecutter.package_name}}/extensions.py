"""The Flask extensions, created once and bound to each application in create_app."""

from pathlib import Path

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase

# Every constraint and index gets a predictable name, so that a migration can
# drop or change it by name, on PostgreSQL and on SQLite alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """The base class of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
# The migrations ship inside the package, so `flask db upgrade` finds them
# wherever the package is installed (a container, a server, a virtualenv).
migrate = Migrate(directory=str(Path(__file__).parent / "migrations"))


def end_session(exception: BaseException | None = None) -> None:
    """End the request's database session, giving its connection back to the pool.

    create_app registers this after Flask-SQLAlchemy's own teardown, so that it
    runs first. If the database dropped the connection after the view's last
    query (a restart, a failover), even the closing rollback fails: the
    connection is discarded instead, and the answer, already made, stands.
    """
    try:
        db.session.remove()
    except OperationalError:
        db.session().invalidate()  # the session itself, behind the request's proxy
        db.session.remove()
