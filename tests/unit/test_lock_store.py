"""The lock stores: storage.lock_store.AtomicRedisLockStore against the tests' Redis (the
`redis_server` fixture; two lock stores, two Rasa servers, never let two holders into one
conversation at once), and the embedded default, which needs no server and hands one
conversation's lock to its next message at once and in arrival order."""
from __future__ import annotations

import asyncio
import time
import uuid

import pytest

from rasa.core.lock_store import LockError

from storage.lock_store import AtomicRedisLockStore, EnvironmentLockStore, redis_settings


@pytest.fixture
def stores(redis_server):
    return [AtomicRedisLockStore(**redis_settings(redis_server.url(9))) for _ in range(2)]


@pytest.mark.stores
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


@pytest.mark.stores
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


# The embedded default: one Rasa server's own locks (no Redis).


@pytest.fixture
def embedded(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    return EnvironmentLockStore()


def test_one_busy_conversation_does_not_wait_a_second_per_message(embedded):
    """Rasa's InMemoryLockStore checks again every second: 20 messages of one conversation
    took about 20 s. The next waiting message must go as soon as the lock is free."""
    store = embedded
    conversation = f"lock-test-{uuid.uuid4().hex}"

    async def turn():
        async with store.lock(conversation):
            await asyncio.sleep(0.005)

    async def main():
        started = time.monotonic()
        await asyncio.wait_for(asyncio.gather(*(turn() for _ in range(20))), timeout=5)
        return time.monotonic() - started

    assert asyncio.run(main()) < 0.5


def test_messages_of_one_conversation_are_handled_one_at_a_time_in_arrival_order(embedded):
    store = embedded
    conversation = f"lock-test-{uuid.uuid4().hex}"
    handled, inside = [], []

    async def turn(number):
        async with store.lock(conversation):
            inside.append(number)
            assert len(inside) == 1
            await asyncio.sleep(0.001)
            handled.append(number)
            inside.remove(number)

    async def main():
        tasks = []
        for number in range(20):
            tasks.append(asyncio.create_task(turn(number)))
            await asyncio.sleep(0)  # each message arrives after the one before
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=5)

    asyncio.run(main())
    assert handled == list(range(20))


def test_other_conversations_do_not_wait_and_no_lock_is_kept(embedded):
    store = embedded
    order = []

    async def turn(conversation, seconds):
        async with store.lock(conversation):
            await asyncio.sleep(seconds)
            order.append(conversation)

    async def main():
        await asyncio.wait_for(asyncio.gather(turn("slow", 0.2), turn("fast", 0)), timeout=5)

    asyncio.run(main())
    assert order == ["fast", "slow"]
    assert not store._locks  # nothing left behind once the turns are done


def test_the_in_process_lock_is_free_again_after_an_error(embedded):
    store = embedded

    async def main():
        with pytest.raises(RuntimeError):
            async with store.lock("c"):
                raise RuntimeError("the turn failed")
        async with store.lock("c"):
            return "got it"

    assert asyncio.run(asyncio.wait_for(main(), timeout=2)) == "got it"


def test_a_message_waiting_longer_than_the_lock_lifetime_gets_a_lock_error(embedded):
    store = embedded

    async def main():
        async with store.lock("c"):
            with pytest.raises(LockError):
                async with store.lock("c", lock_lifetime=0.05):
                    pass
        async with store.lock("c"):  # the one that gave up left the lock usable
            return "got it"

    assert asyncio.run(asyncio.wait_for(main(), timeout=2)) == "got it"
