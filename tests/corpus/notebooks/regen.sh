#!/bin/sh
# regen.sh -- make the notebooks of this directory again: the unexecuted
# NAME.in.ipynb from make_sources.py, then NAME.ipynb executed by
# nbconvert with Debian's python3 kernel.  The memory numbers change from
# run to run; the tables, their rows and the cells they are in do not.
set -eu
cd "$(dirname "$0")"
PYTHON=${PYTHON:-/usr/bin/python3}
"$PYTHON" -c 'import memory_profiler, nbconvert, ipykernel' 2>/dev/null || exit 77
export PYTHONDONTWRITEBYTECODE=1 PYDEVD_DISABLE_FILE_VALIDATION=1
/usr/bin/python3 -c "from mymod import g; g(2)" > pasted_report.txt
"$PYTHON" make_sources.py
for nb in mprun profile_calls no_report; do
    "$PYTHON" -m nbconvert --to notebook --execute \
        --ExecutePreprocessor.kernel_name=python3 \
        --output-dir . --output "$nb.ipynb" "$nb.in.ipynb"
done
rm -rf __pycache__
