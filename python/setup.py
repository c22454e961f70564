"""Build memfold's extension against libmemfold.a, built by the repository's
Makefile (the C library is the one implementation: no second parser here).

The version is read from include/memfold.h, the one place it lives.
"""
import os
import re
import subprocess

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
HEADER = os.path.join(ROOT, "include", "memfold.h")


def version():
    with open(HEADER, encoding="utf-8") as f:
        m = re.search(r'^#define MEMFOLD_VERSION_STRING "([^"]+)"', f.read(), re.M)
    if not m:
        raise RuntimeError("no MEMFOLD_VERSION_STRING in " + HEADER)
    return m.group(1)


# The environment says how: SANITIZE=1 builds library and extension with
# ASan and UBSan (the Makefile's own switch); MEMFOLD_LIB=PATH links a
# libmemfold.a already built (make check's, so nothing is rebuilt under it);
# MEMFOLD_WERROR=1 makes warnings errors (the tests' build).
sanitize = os.environ.get("SANITIZE") == "1"
san_flags = ["-fsanitize=address,undefined", "-fno-omit-frame-pointer"] if sanitize else []
library = os.environ.get("MEMFOLD_LIB") or os.path.join(ROOT, "build", "libmemfold.a")
werror = ["-Werror"] if os.environ.get("MEMFOLD_WERROR") == "1" else []


class BuildWithLibrary(build_ext):
    """Run `make build/libmemfold.a` in the repository first (unless
    MEMFOLD_LIB names one)."""

    def run(self):
        if not os.environ.get("MEMFOLD_LIB"):
            cmd = ["make", "-C", ROOT, "build/libmemfold.a"]
            if sanitize:
                cmd.append("SANITIZE=1")
            subprocess.check_call(cmd)
        super().run()

setup(
    version=version(),
    ext_modules=[
        Extension(
            "memfold._memfold",
            sources=["src/_memfold.c"],
            include_dirs=[os.path.join(ROOT, "include")],
            extra_objects=[library],
            depends=[library, HEADER],
            libraries=["jansson", "z", "m"],
            extra_compile_args=["-Wall", "-Wextra", "-D_GNU_SOURCE"] + werror + san_flags,
            extra_link_args=["-pthread"] + san_flags,
        )
    ],
    cmdclass={"build_ext": BuildWithLibrary},
)
