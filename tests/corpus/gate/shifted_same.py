from memory_profiler import profile
import os
import sys

# Helpers shared by the loaders.
def describe(obj):
    return "%s in %s" % (type(obj).__name__, os.getcwd())

MiB = 1024 * 1024


class Small:
    @profile
    def load(self):
        rows = bytearray(20 * MiB)
        return len(rows)


class Big:
    @profile
    def load(self):
        data = bytearray(60 * MiB)
        return len(data)


if __name__ == "__main__":
    Small().load()
    Big().load()
