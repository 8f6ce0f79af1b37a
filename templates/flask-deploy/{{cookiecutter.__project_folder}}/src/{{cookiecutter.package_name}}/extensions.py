"""The Flask extensions, created once and bound to each application in create_app."""

from pathlib import Path

from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """The base class of every model."""


db = SQLAlchemy(model_class=Base)
# The migrations ship inside the package, so `flask db upgrade` finds them
# wherever the package is installed (a container, a server, a virtualenv).
migrate = Migrate(directory=str(Path(__file__).parent / "migrations"))
