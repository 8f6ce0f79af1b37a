"""Fixtures shared by both tiers: baking a template, and the CI rule on skips."""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.support import Bake, bake_with


@pytest.fixture
def bake(cookies: Any) -> Bake:
    """Bake a template into this test's own temporary folder."""
    return lambda template, **answers: bake_with(cookies, template, answers)


@pytest.fixture(scope="session")
def bake_once(cookies_session: Any) -> Bake:
    """Bake a template once for the whole session (for slow, read-only drives)."""
    return lambda template, **answers: bake_with(cookies_session, template, answers)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI every part of the suite must run: a skipped test fails the run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("CI") != "true" or reporter is None:
        return
    skipped = reporter.stats.get("skipped", [])
    if skipped and exitstatus == 0:
        reporter.ensure_newline()
        reporter.write_line(f"CI=true: {len(skipped)} skipped test(s) count as failures")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
