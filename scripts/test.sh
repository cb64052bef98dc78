#!/usr/bin/env bash
# The project's test command (README): builds the solution warning-free and runs every test assembly.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-browser.sh
dotnet test Dip.Engine.sln -c Release --nologo "$@"
