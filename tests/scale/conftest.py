"""Two Rasa server replicas and one action server sharing PostgreSQL and Redis, as a clinic that
outgrows one process runs them (deploy/README.md), started once for tests/scale.

PostgreSQL and Redis are reached through TCP forwarders (tcp_proxy.py) so that the fault tests
can make a store unreachable for a while without touching the machine's real servers."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from deploy.cluster import Cluster
from tests.scale.tcp_proxy import TcpProxy
from tests.servers import MODEL, scratch_database

REDIS_DB = 8


@pytest.fixture(scope="session")
def stores() -> Iterator[dict]:
    with scratch_database("symptomchecker_scale") as url:
        postgres, redis = TcpProxy(5432), TcpProxy(6379)
        try:
            yield {"url": url, "postgres": postgres, "redis": redis,
                   "database_url": url.replace(":5432/", f":{postgres.port}/"),
                   "redis_url": f"redis://127.0.0.1:{redis.port}/{REDIS_DB}"}
        finally:
            postgres.close()
            redis.close()


@pytest.fixture(scope="session")
def cluster(stores, tmp_path_factory) -> Iterator[Cluster]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it)")
    log_dir: Path = tmp_path_factory.mktemp("cluster")
    with Cluster(log_dir, replicas=2, database_url=stores["database_url"], redis_url=stores["redis_url"]) as running:
        yield running
