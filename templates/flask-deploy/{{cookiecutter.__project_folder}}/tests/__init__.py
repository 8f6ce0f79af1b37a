"""The application's tests; tests/conftest.py holds the shared fixtures."""
