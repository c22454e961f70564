# Two classes with a method of the same name, both profiled: memfold keeps
# them apart by line; the benchmark names by their order in the file.
from memory_profiler import profile


class Small:
    @profile
    def load(self):
        data = [0] * (2 * 1024 * 1024)
        return len(data)


class Big:
    @profile
    def load(self):
        data = [0] * (8 * 1024 * 1024)
        return len(data)


if __name__ == "__main__":
    Small().load()
    Big().load()
    Small().load()
