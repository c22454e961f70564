"""@profile stacked with other decorators.

- @profile BELOW another decorator: the real function is profiled; its
  block starts at the first decorator line of the function.
- @profile ABOVE a functools.wraps decorator: the wrapper's code is
  profiled, so the block shows the wrapper's source lines.
- @staticmethod / @classmethod above @profile inside a class.
"""
import functools

from memory_profiler import profile


def logged(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        print("calling", func.__name__)
        result = func(*args, **kwargs)
        return result
    return wrapper


def tag(label):
    def deco(func):
        func.label = label
        return func
    return deco


@logged
@profile
def below(n):
    a = [0] * n
    return len(a)


@profile
@logged
def above(n):
    b = [0] * n
    return len(b)


@tag("x")
@profile
@tag("y")
def sandwiched():
    c = list(range(1000))
    return len(c)


class Tools:
    @staticmethod
    @profile
    def static_tool(n):
        return bytearray(n)

    @classmethod
    @profile(precision=2)
    def class_tool(cls, n):
        return [cls.__name__] * n


below(100000)
above(100000)
sandwiched()
Tools.static_tool(1024 * 1024)
Tools.class_tool(1000)
