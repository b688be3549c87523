"""Print the uv of uv.lock as a pip requirement with its hashes: how `make` bootstraps uv.

`python scripts/uv-requirement.py | pip install --require-hashes -r /dev/stdin`
installs exactly the locked uv (the dependency group ``bootstrap`` of pyproject.toml),
checked against every file hash the lock records for it.
"""

import sys
import tomllib
from pathlib import Path

lock = tomllib.loads((Path(__file__).resolve().parents[1] / "uv.lock").read_text(encoding="utf-8"))
found = [p for p in lock["package"] if p["name"] == "uv"]
if len(found) != 1:
    sys.exit(f"uv.lock should pin one uv (the dependency group 'bootstrap'), found {len(found)}")
uv = found[0]
files = ([uv["sdist"]] if "sdist" in uv else []) + uv.get("wheels", [])
hashes = [f["hash"] for f in files if "hash" in f]
print(f"uv=={uv['version']}", *(f"--hash={h}" for h in hashes))
