#!/usr/bin/env bash
# Step 3: the built-in calendar against the `holidays` package, day by day, and deferred
# acceptance against the `matching` package (PyPI).
source "$(dirname "$0")/lib.sh"
ensure_venv
"$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/crosscheck/requirements.txt
"$venv/bin/python" tests/crosscheck/holidays_kz.py
"$venv/bin/python" tests/crosscheck/matching_da.py --instances 300
