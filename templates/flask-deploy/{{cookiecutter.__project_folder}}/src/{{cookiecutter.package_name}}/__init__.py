"""The web application.

`create_app` is the application factory: every process (the development
server, each Gunicorn worker, the tests) builds its own application from the
configuration it is given, so nothing global needs resetting between them.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from {{ cookiecutter.package_name }} import (
    api,
    auth,
    health,
    web,
)
from {{ cookiecutter.package_name }}.commands import users
from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.extensions import (
    db,
    end_session,
    migrate,
)
from {{ cookiecutter.package_name }}.logs import (
    configure_logging,
    log_requests,
)

__version__ = "{{ cookiecutter.version }}"


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the application from the environment (see config.py), plus `overrides`."""
    app = Flask(__name__)
    app.config.from_mapping(load_config())
    app.config.update(overrides or {})
    configure_logging(app)

    # Behind exactly one proxy (nginx, or the Kubernetes gateway): trust the
    # last X-Forwarded-For/-Proto/-Host entry it adds, and nothing a client
    # wrote before it. With more hops in front, raise these counts to match.
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]

    db.init_app(app)
    app.teardown_appcontext(end_session)
    migrate.init_app(app, db)
    app.register_blueprint(web.blueprint)
    app.register_blueprint(auth.blueprint)
    app.before_request(auth.check_csrf)
    app.jinja_env.globals["csrf_token"] = auth.csrf_token
    app.cli.add_command(users)
    app.register_blueprint(api.blueprint, url_prefix="/api")
    app.register_blueprint(health.blueprint)
    app.jinja_env.globals["version"] = __version__
    log_requests(app)
    return app
