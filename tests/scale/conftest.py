"""Two Rasa server replicas and one action server sharing PostgreSQL and Redis, as a clinic that
outgrows one process runs them (deploy/README.md), started once for tests/scale.

PostgreSQL and Redis are the tests' own (the `postgres` and `redis_server` fixtures), reached
through TCP forwarders (tcp_proxy.py) so that the fault tests can make a store unreachable for a
while without stopping the servers."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest

from deploy.cluster import Cluster
from tests.scale.tcp_proxy import TcpProxy
from tests.servers import MODEL, scratch_database
from tests.services import replace_url

REDIS_DB = 8


@pytest.fixture(scope="session")
def stores(postgres, redis_server) -> Iterator[dict]:
    with scratch_database(postgres, "symptomchecker_scale") as url:
        database, redis = urlsplit(url), urlsplit(redis_server.base_url)
        postgres_proxy = TcpProxy(database.port or 5432, database.hostname)
        redis_proxy = TcpProxy(redis.port or 6379, redis.hostname)
        try:
            yield {"url": url, "postgres": postgres_proxy, "redis": redis_proxy,
                   "database_url": replace_url(url, host="127.0.0.1", port=postgres_proxy.port),
                   "redis_url": replace_url(redis_server.url(REDIS_DB), host="127.0.0.1", port=redis_proxy.port)}
        finally:
            postgres_proxy.close()
            redis_proxy.close()


@pytest.fixture(scope="session")
def cluster(stores, tmp_path_factory) -> Iterator[Cluster]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it)")
    log_dir: Path = tmp_path_factory.mktemp("cluster")
    with Cluster(log_dir, replicas=2, database_url=stores["database_url"], redis_url=stores["redis_url"]) as running:
        yield running
