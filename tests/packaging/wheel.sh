#!/usr/bin/env bash
# The Python package as a user receives it: the abi3 wheel built by maturin, installed with
# pip into a fresh virtual environment outside the repository (with the extras the
# README's examples use), the README's Python examples run against it from an empty folder,
# and a typed consumer checked by mypy --strict against the installed package (py.typed).
# Prints the wheel's size. Called by scripts/ci/python.sh after the package is built.
#
#   bash tests/packaging/wheel.sh [path/to/venv-with-maturin-and-mypy]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dev="${1:-$root/.venv}"
cd "$root"

wheels="$root/target/wheels"
rm -f "$wheels"/kezek-*.whl
(cd bindings-python && VIRTUAL_ENV="$dev" "$dev/bin/maturin" build --release --quiet --out "$wheels")
wheel="$(ls "$wheels"/kezek-*.whl)"
case "$(basename "$wheel")" in
  *-cp39-abi3-*) ;;
  *) echo "not an abi3 wheel for Python >= 3.9: $wheel" >&2; exit 1 ;;
esac
echo "wheel: $(basename "$wheel"), $(stat -c %s "$wheel") bytes"

user="$(mktemp -d)"
trap 'rm -rf "$user"' EXIT
python3 -m venv "$user/venv"
"$user/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel[numpy,pandas,arrow]"
cp README.md "$user/README.md"
(cd "$user" && "$user/venv/bin/python" -I "$root/tests/packaging/readme_python.py" README.md)

# The package's types as a user's mypy sees them: installed, not from the tree.
cat > "$user/consumer.py" <<'PY'
import datetime as dt

import kezek
from kezek import people

policy: kezek.Policy = kezek.PolicyBook.builtin().policy_for("almaty", dt.date(2025, 9, 1))
end = kezek.WorkCalendar.kazakhstan().deadline(dt.datetime(2025, 9, 5, 10), policy.period("choice_window"))
day: dt.date = end.last_day
shown: str = people.show_date(day)
assert shown == "10.09.2025", shown
PY
(cd "$user" && "$dev/bin/python" -m mypy --strict --no-incremental \
  --python-executable "$user/venv/bin/python" consumer.py)
(cd "$user" && "$user/venv/bin/python" -I consumer.py)
