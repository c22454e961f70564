"""async def under @profile (run with asyncio.run) and @profile on methods."""
import asyncio

from memory_profiler import profile


@profile
async def fetch(n):
    data = [0] * n
    await asyncio.sleep(0.01)
    data.extend([1] * n)
    await asyncio.sleep(0)
    return len(data)


class Store:
    def __init__(self):
        self.items = []

    @profile
    def add(self, n):
        chunk = bytearray(n)
        self.items.append(chunk)
        return len(self.items)

    @profile(precision=2)
    async def add_async(self, n):
        await asyncio.sleep(0)
        self.items.append(bytearray(n))
        return len(self.items)


async def main():
    print("fetched", await fetch(500000))
    store = Store()
    store.add(4 * 1024 * 1024)
    print("async method ->", await store.add_async(2 * 1024 * 1024))


asyncio.run(main())
