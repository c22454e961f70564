"""A profiled function in "dir with spaces/módulo ünïcode.py" (a directory
name with spaces, a file name with spaces and non-ASCII letters), imported
by this program: the real Filename: line holds spaces and non-ASCII
characters.  The module name is not an identifier, so it is imported with
importlib after putting its directory on sys.path.
"""
import importlib
import os
import sys

from memory_profiler import profile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "dir with spaces"))
modulo = importlib.import_module("módulo ünïcode")


@profile
def main():
    total = modulo.cargar(200000)
    extra = [1] * 100000
    return total + len(extra)


main()
print("done")
