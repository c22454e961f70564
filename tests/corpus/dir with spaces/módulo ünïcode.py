"""Imported by path_spaces_unicode.py from a directory whose name has
spaces, from a file whose name has spaces and non-ASCII letters: the
Filename: line of this function's block has both."""
from memory_profiler import profile


@profile
def cargar(n):
    datos = [0] * n
    texto = "ñandú " * 1000
    return len(datos) + len(texto)
