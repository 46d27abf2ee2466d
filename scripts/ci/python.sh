#!/usr/bin/env bash
# Step 4: the `kezek` Python package built with maturin into .venv, mypy --strict,
# mypy.stubtest of the native module's stub (_kezek.pyi) against the module, and its
# pytest suite (conformance files, every error code, hostile inputs, README examples, the
# simulator, the analysts' example script); then the rounds of ranked choices of random
# engines against the `matching` package (installed by python-crosscheck.sh), each
# certificate verified on its snapshot.
source "$(dirname "$0")/lib.sh"
ensure_venv
"$venv/bin/pip" install --quiet --disable-pip-version-check -r bindings-python/requirements-dev.txt
(cd bindings-python && VIRTUAL_ENV="$PWD/../$venv" "../$venv/bin/maturin" develop --release --quiet)
(cd bindings-python && "../$venv/bin/python" -m mypy)
# The native module's stub against the module itself (every class, method and signature).
(cd bindings-python && "../$venv/bin/python" -m mypy.stubtest kezek._kezek)
"$venv/bin/python" -m pytest -q bindings-python/tests
# The wheel as users install it: a fresh virtualenv outside the tree, the README against it.
bash tests/packaging/wheel.sh "$PWD/$venv"
"$venv/bin/python" tests/crosscheck/ranked_rounds.py --engines 60
