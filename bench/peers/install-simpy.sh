#!/usr/bin/env bash
# Installs the SimPy peer for bench/peers/simpy.mjs when it is missing: Debian's
# python3-simpy (SimPy 2.3.1, the old Process/activate/hold API). It installs for
# Debian's /usr/bin/python3, not for a pyenv or venv python3 that may come first on
# PATH, so the check and the benches always use /usr/bin/python3. Needs root (apt-get).
set -euo pipefail

PYTHON=/usr/bin/python3
check() { "$PYTHON" -c 'import SimPy, SimPy.Simulation; print("SimPy", SimPy.__version__)' 2>/dev/null; }

if check; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-simpy: python3-simpy is missing and apt-get needs root; run: sudo bash $0" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y python3-simpy
check || { echo "install-simpy: python3-simpy installed but $PYTHON cannot import SimPy" >&2; exit 1; }
