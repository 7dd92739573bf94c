"""Loading the bundled packs at start-up: precompiled (core/precompiled.py) against parsing the YAML.

Run: ``python tests/benchmarks/bench_packs.py [REPETITIONS]`` (after ``python -m core.precompile``,
which scripts/setup runs). Each measurement is a fresh Python process with byte code cached, as in
an installed app. Prints medians, in milliseconds, of:

- ``core.load_packs()`` timed from ``import core`` (it imports the model and the loaders itself);
- the same with the model (core.packs, core.questionnaire, core.conditions) imported first, as any
  evaluation needs it: what loading the packs itself costs;
- parsing the bundled YAML (``core.loading.parse_bundled``), the path taken without a current file.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_TIMED = "import time{pre}\nimport core\nt = time.perf_counter()\n{call}\nprint((time.perf_counter() - t) * 1000)"
MODEL = ", core.packs, core.questionnaire, core.conditions"
CASES = {
    "load_packs() from import core": _TIMED.format(pre="", call="core.load_packs()"),
    "load_packs() with the model imported": _TIMED.format(pre=MODEL, call="core.load_packs()"),
    "parsing the YAML, model imported": _TIMED.format(
        pre=MODEL + ", core.loading", call="core.loading.parse_bundled(core.resources_dir())"
    ),
}


def run(code: str, cache: str) -> float:
    """Milliseconds the code printed, in a fresh process with byte code cached in ``cache``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])


def main(repetitions: int = 10) -> None:
    from core.precompiled import load
    from core.resources import resources_dir

    current = load(resources_dir()) is not None
    print("precompiled file:", "current" if current else "MISSING OR STALE (run python -m core.precompile)")
    with tempfile.TemporaryDirectory() as cache:
        for name, code in CASES.items():
            run(code, cache)  # warm: byte code written, files in the page cache
            times = [run(code, cache) for _ in range(repetitions)]
            print(f"{name:40s} median {statistics.median(times):6.1f} ms  (min {min(times):.1f}, max {max(times):.1f})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
