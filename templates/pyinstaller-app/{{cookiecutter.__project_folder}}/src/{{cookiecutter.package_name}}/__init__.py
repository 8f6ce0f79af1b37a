"""The application: its version here, its command line in app.py."""

# The one place the version is written: pyproject.toml reads it from here, and
# it travels inside the frozen executable with the code (an executable has no
# installed package metadata to read it from).
__version__ = "{{ cookiecutter.version }}"
