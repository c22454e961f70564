from memory_profiler import profile

MiB = 1024 * 1024


class Small:
    @profile
    def load(self):
        rows = bytearray(1 << 62)
        return len(rows)


class Big:
    @profile
    def load(self):
        data = bytearray(60 * MiB)
        return len(data)


if __name__ == "__main__":
    Small().load()
    Big().load()
