# Type hints for memfold (the package's docstrings say what each does).
import os
from decimal import Decimal
from typing import IO, Any, Iterator, Mapping, Optional, Sequence, Union

__version__: str

Input = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]", IO[str], IO[bytes]]
Inputs = Union[Input, Sequence[Input]]
Level = str   # "off", "warning", "error"

class Error(Exception):
    message: str
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    diagnostics: list[Diagnostic]
    def __init__(self, message: str, file: Optional[str] = ..., line: Optional[int] = ...,
                 column: Optional[int] = ..., diagnostics: Sequence[Diagnostic] = ...) -> None: ...
class InputError(Error): ...
class ReadError(Error, OSError):
    errno: int
    filename: Optional[str]
class UsageError(Error, ValueError): ...

class Record(dict[str, Any]):
    def __getattr__(self, name: str) -> Any: ...

class Diagnostic:
    level: str
    name: str
    message: str
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    end_column: Optional[int]
    source: Optional[str]
    note: Optional[Diagnostic]

class Row:
    input_line: int
    line: int
    mem: Optional[Decimal]
    increment: Optional[Decimal]
    occurrences: Optional[int]
    contents: str
    text: str
    measured: bool
    complete: bool

class Table:
    source: str
    index: int
    file: Optional[str]
    function: Optional[str]
    line: Optional[int]
    def_line: Optional[int]
    input_line: int
    end_line: int
    generation: str
    verdict: str
    terminated: bool
    cut_by_eof: bool
    rows: list[Row]
    diagnostics: list[Diagnostic]
    @property
    def kept(self) -> bool: ...

class Tables(list[Table]):
    kind: str
    diagnostics: list[Diagnostic]
    errors: int
    warnings: int
    memits: list[Record]
    inputs: list[Record]
    records: list[Record]

class Summary:
    text: str
    document: Record
    kind: str
    functions: list[Record]
    memits: list[Record]
    inputs: list[Record]
    errors: int
    warnings: int
    diagnostics: list[Diagnostic]
    def __iter__(self) -> Iterator[Record]: ...
    def __len__(self) -> int: ...
    def __getitem__(self, i: int) -> Record: ...
    def to_pandas(self) -> Any: ...

class Lines:
    text: str
    errors: int
    warnings: int
    diagnostics: list[Diagnostic]
    def __iter__(self) -> Iterator[Record]: ...
    def __len__(self) -> int: ...
    def __getitem__(self, i: int) -> Record: ...
    def to_pandas(self) -> Any: ...

class CheckResult:
    diagnostics: list[Diagnostic]
    errors: int
    warnings: int
    text: str
    ok: bool
    exit_status: int
    def __iter__(self) -> Iterator[Diagnostic]: ...
    def __len__(self) -> int: ...
    def __bool__(self) -> bool: ...

class DiffResult:
    passed: bool
    verdict: str
    reasons: list[str]
    summary: str
    functions: list[Record]
    failing: int
    exit_status: int
    text: str
    markdown: str
    document: Record
    diagnostics: list[Diagnostic]
    diagnostics_text: str
    input_errors: tuple[int, int]
    notes: list[str]
    def __bool__(self) -> bool: ...
    def to_pandas(self) -> Any: ...

def read(src: Inputs, *, strict: bool = ..., lenient: bool = ..., pure: bool = ...,
         checks: Optional[Mapping[str, Level]] = ..., prefix: Optional[str] = ...,
         jobs: int = ...) -> Tables: ...
def summary(src: Inputs, *, strict: bool = ..., lenient: bool = ..., pure: bool = ...,
            checks: Optional[Mapping[str, Level]] = ..., prefix: Optional[str] = ...,
            jobs: int = ..., sort: str = ..., top: int = ..., runs: bool = ...) -> Summary: ...
def lines(src: Inputs, *, strict: bool = ..., lenient: bool = ..., pure: bool = ...,
          checks: Optional[Mapping[str, Level]] = ..., prefix: Optional[str] = ...,
          jobs: int = ..., all_rows: bool = ...) -> Lines: ...
def check(src: Inputs, *, strict: bool = ..., lenient: bool = ..., pure: bool = ...,
          checks: Optional[Mapping[str, Level]] = ..., prefix: Optional[str] = ...,
          jobs: int = ...) -> CheckResult: ...
def checks() -> list[Record]: ...
def diff(old: Inputs, new: Inputs, *, metric: Union[None, str, Sequence[str]] = ...,
         max_increase: Union[None, str, Sequence[str]] = ..., max_peak: Optional[str] = ...,
         max_rise: Optional[str] = ..., max_net: Optional[str] = ...,
         max_mean: Optional[str] = ..., match: str = ...,
         strip_prefix: Union[str, Sequence[str]] = ...,
         budget: Union[None, str, "os.PathLike[str]"] = ..., fail_on_new: bool = ...,
         fail_on_removed: bool = ..., allow_empty: bool = ..., allow_input_errors: bool = ...,
         allow_all_changed: bool = ..., sort: str = ..., top: int = ...,
         failing_only: bool = ..., width: int = ..., strict: bool = ..., lenient: bool = ...,
         pure: bool = ..., checks: Optional[Mapping[str, Level]] = ...,
         prefix: Optional[str] = ...) -> DiffResult: ...
