"""Shared fixtures: the knowledge base, the interview engine and the symptom matcher; the
PostgreSQL and Redis servers the tests use (tests/services.py), started once per session and only
when a test asks for them."""
from __future__ import annotations

import os
from contextlib import nullcontext
from pathlib import Path

import pytest

from nlu.symptom_matcher import SymptomMatcher
from symptomchecker.interview import SymptomChecker
from symptomchecker.knowledge import default_knowledge
from tests.services import ServiceError, check_postgres, check_redis, start_postgres, start_redis

ROOT = Path(__file__).resolve().parent.parent
STORE_FIXTURES = {"postgres", "redis_server"}


def pytest_collection_modifyitems(items):
    """A test that uses PostgreSQL or Redis is a `stores` test, so that `make test-fast` leaves it out."""
    for item in items:
        if STORE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.stores)


@pytest.fixture(scope="session")
def kb():
    return default_knowledge()


@pytest.fixture(scope="session")
def checker(kb):
    return SymptomChecker(kb)


@pytest.fixture(scope="session")
def matcher(kb):
    return SymptomMatcher(kb)


def _server(variable, check, start):
    url = os.environ.get(variable)
    try:
        with nullcontext(check(url)) if url else start() as server:
            yield server
            return
    except ServiceError as error:
        problem = str(error)
    pytest.fail(problem, pytrace=False)  # outside the `except`: the message alone, no traceback


@pytest.fixture(scope="session")
def postgres():
    """PostgreSQL: TEST_DATABASE_URL's server, else a throwaway one for this test run."""
    yield from _server("TEST_DATABASE_URL", check_postgres, start_postgres)


@pytest.fixture(scope="session")
def redis_server():
    """Redis: TEST_REDIS_URL's server, else a throwaway one for this test run."""
    yield from _server("TEST_REDIS_URL", check_redis, start_redis)
