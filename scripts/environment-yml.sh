#!/usr/bin/env bash
# Write environment.yml from uv.lock (`make lock` runs this): the conda alternative installs,
# with pip, the very versions that `make` installs. tests/test_environment.py compares them.
set -euo pipefail
cd "$(dirname "$0")/.."
uv=${UV:-.venv/bin/uv}
pins=$("$uv" export --frozen --all-extras --all-groups --no-hashes --no-emit-project --no-header --no-annotate)
{
  cat <<'YAML'
# Conda alternative to `make report`/`make test`:
#   conda env create -f environment.yml && conda activate lkjip
# Written by `make lock` from uv.lock: the pip section pins the locked versions
# (tests/test_environment.py checks it).
name: lkjip
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:
YAML
  while IFS= read -r line; do
    [[ -z $line || $line == \#* ]] && continue
    printf '      - "%s"\n' "$line"
  done <<<"$pins"
  echo '      - -e .[lab,test]'
} >environment.yml.tmp
mv environment.yml.tmp environment.yml
