# Shared set-up for scripts/build, scripts/serve and scripts/test (sourced, not run).
# Creates .venv when missing and installs the pinned dependencies and the plugin, once:
# a stamp records the hash of the files that decide what is installed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="${PYTHON:-python3}"
export NO_MKDOCS_2_WARNING=1
export PIP_DISABLE_PIP_VERSION_CHECK=1

# A .venv whose creation was interrupted (Ctrl-C while venv installed pip) has a python but
# no pip, and every later run stopped at "No module named pip": made again.
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pip" >/dev/null 2>&1; then
  echo "Creating $VENV"
  "$PY" -m venv --clear "$VENV"
fi
stamp="$VENV/.installed"
want="$(cat "$ROOT/requirements.lock" "$ROOT/pyproject.toml" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing pinned dependencies into $VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -r "$ROOT/requirements.lock"
  "$VENV/bin/python" -m pip install --quiet --no-deps -e "$ROOT"
  echo "$want" > "$stamp"
fi
# The plugin is installed editable, so pip compiled none of it; where PYTHONDONTWRITEBYTECODE
# is set (this machine) every build compiled its 50 modules again (0.2 s). Only changed
# modules are compiled; a module that does not compile is reported by the build itself.
"$VENV/bin/python" -m compileall -q "$ROOT/plugins/dialogue_archive" >/dev/null 2>&1 || true
export PATH="$VENV/bin:$PATH"

# Unless the arguments name a config file: `-f ./mkdocs.yml` when the current folder holds one
# (as MkDocs and `dialogue-archive` read it: an office's own folder built the repository's
# sample, which its steps then said to upload), else `-f <repository>/mkdocs.yml`. The scripts
# do not change folder, so that a relative `-f other.yml` is the caller's (MkDocs reads the
# other relative paths from the config file's folder).
config_unless_given() {
  local arg
  for arg in "$@"; do
    case "$arg" in -f|-f?*|--config-file|--config-file=*) return 0 ;; esac
  done
  if [ -f "$PWD/mkdocs.yml" ]; then
    [ "$PWD" -ef "$ROOT" ] || echo "info: using $PWD/mkdocs.yml, this folder's (-f names another)" >&2
    printf '%s\n' -f "$PWD/mkdocs.yml"
  else
    printf '%s\n' -f "$ROOT/mkdocs.yml"
  fi
}
