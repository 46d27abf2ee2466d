# Shared by the step scripts (sourced, not run): the repository root as the working
# directory, strict mode, and the Python virtual environment at .venv.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

venv=.venv

# Creates .venv when missing (installing python3-venv with apt if the machine lacks it).
ensure_venv() {
  if [ ! -x "$venv/bin/python" ]; then
    command -v python3 >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq python3; }
    python3 -m venv "$venv" || { apt-get update -qq && apt-get install -y -qq python3-venv && python3 -m venv "$venv"; }
  fi
}
