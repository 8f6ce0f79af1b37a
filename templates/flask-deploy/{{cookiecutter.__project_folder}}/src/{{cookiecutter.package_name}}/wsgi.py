"""The WSGI entry point, for servers and for the flask command, e.g.
`gunicorn {{ cookiecutter.package_name }}.wsgi:app` and
`flask --app {{ cookiecutter.package_name }}.wsgi db upgrade`.
"""

import sys

from {{ cookiecutter.package_name }} import create_app
from {{ cookiecutter.package_name }}.config import ConfigError

try:
    app = create_app()
except ConfigError as error:
    # One clear line instead of a traceback, and a failing exit status.
    sys.exit(f"error: {error}")
