"""storage.lock_store.AtomicRedisLockStore against the tests' Redis (the `redis_server` fixture):
two lock stores (two Rasa servers) never let two holders into one conversation at once."""
from __future__ import annotations

import asyncio
import uuid

import pytest

from storage.lock_store import AtomicRedisLockStore, redis_settings

pytestmark = pytest.mark.stores


@pytest.fixture
def stores(redis_server):
    return [AtomicRedisLockStore(**redis_settings(redis_server.url(9))) for _ in range(2)]


def test_two_servers_never_hold_one_conversations_lock_at_once(stores):
    conversation = f"lock-test-{uuid.uuid4().hex}"
    counter = {"value": 0, "inside": 0, "max_inside": 0}

    async def turn(store):
        async with store.lock(conversation, lock_lifetime=10):
            counter["inside"] += 1
            counter["max_inside"] = max(counter["max_inside"], counter["inside"])
            value = counter["value"]
            await asyncio.sleep(0.002)  # read, wait, write: lost updates if two get in
            counter["value"] = value + 1
            counter["inside"] -= 1

    async def main():
        await asyncio.gather(*(turn(stores[i % 2]) for i in range(60)))

    asyncio.run(main())
    assert counter == {"value": 60, "inside": 0, "max_inside": 1}


def test_the_lock_is_free_again_after_an_error(stores):
    conversation = f"lock-test-{uuid.uuid4().hex}"

    async def failing():
        async with stores[0].lock(conversation, lock_lifetime=10):
            raise RuntimeError("the turn failed")

    async def then():
        async with stores[1].lock(conversation, lock_lifetime=10):
            return "got it"

    with pytest.raises(RuntimeError):
        asyncio.run(failing())
    assert asyncio.run(asyncio.wait_for(then(), timeout=2)) == "got it"
