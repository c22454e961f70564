from memory_profiler import profile


@profile
def documented(n):
    """A docstring: never executed, so its row has no measurement.

    It spans several lines.
    """
    # a comment line

    values = [
        i * 2
        for i in range(n)
    ]

    total = sum(
        values
    )  # closing line of a multi-line call
    message = ("first part "
               "second part")
    if total > 10:
        # comment inside a branch that runs
        total -= 1
    else:
        # branch that never runs: its rows stay empty
        total += 1

    return total, message


documented(100)
