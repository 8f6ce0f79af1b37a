"""Thin shim: run the collection's shared post_gen_project hook from its top-level hooks/."""

import json
import os
import sys
from pathlib import Path

CONTEXT = json.loads({{ cookiecutter | tojson | tojson }})
# Where the collection may be: cookiecutter names the template folder; cruft names a
# local clone; for a remote clone, cruft runs hooks from inside the template folder.
PLACES = [CONTEXT.get("_repo_dir", "") + "/../..", CONTEXT.get("_template", ""),
          f"/proc/{os.getppid()}/cwd/../.."]
ROOT = next((p for p in map(Path, PLACES) if (p / "hooks" / "__init__.py").is_file()), None)
if ROOT is None:
    sys.exit("error: run this template from the Shipyard collection: its hooks/ is missing")
sys.path.insert(0, str(ROOT.resolve()))
from hooks import run_hook  # noqa: E402

sys.exit(run_hook("post_gen_project", CONTEXT))
