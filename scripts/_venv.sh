# Sourced by scripts/run and scripts/test: make .venv with Python 3.11 and install a group.
# Usage: install_group GROUP
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"

find_python() {
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
            command -v "$candidate"
            return 0
        fi
    done
    echo "Pressroom needs Python 3.11 (python3.11 or python3 on PATH)." >&2
    return 1
}

install_group() {
    if [ ! -x "$PY" ]; then
        echo "==> Creating .venv"
        "$(find_python)" -m venv .venv
    fi
    # pip 25.1 is the first to install PEP 735 dependency groups.
    if ! "$PY" -c 'import sys, pip; sys.exit(tuple(map(int, pip.__version__.split(".")[:2])) < (25, 1))'; then
        echo "==> Upgrading pip"
        "$PY" -m pip install --quiet --upgrade 'pip>=25.1'
    fi
    echo "==> Installing dependencies (group: $1)"
    "$PY" -m pip install --quiet --disable-pip-version-check -e . --group "$1"
}
