"""Import cost: `import labelbox` (ours, as a base install) beside `import httpx, pydantic`
(its dependencies, same venv) and the official SDK 3.36.0, each in fresh processes; the same
after touching every public name (each loads its module on first use); and the time to a
first result (import, `Client(...)`, `get_user()` against the local server).

Ours is measured in `.bench/venv-lean`, a venv holding only the SDK and its runtime
dependencies (what `pip install` gives a user): in the project's dev venv httpx also imports
rich and click for its own command line, which would inflate both sides.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEAN_VENV = ROOT / ".bench" / "venv-lean"
IMPORT = "import {modules}"
EVERY_NAME = "import labelbox\nfor name in labelbox.__all__: getattr(labelbox, name)"
FIRST_RESULT = (
    "import labelbox, os; "
    "labelbox.Client(api_key=os.environ['LABELBOX_API_KEY'], "
    "endpoint=os.environ['LABELBOX_ENDPOINT']).get_user()"
)
MEASURE = (
    "import time; started = time.perf_counter()\n{code}\n"
    "elapsed = time.perf_counter() - started\n"
    "peak = next(l for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
    "print(elapsed * 1000, int(peak.split()[1]) / 1024)"
)


def lean_python() -> str:
    """The lean venv's python (built on first use)."""
    python = LEAN_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(LEAN_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-e", str(ROOT)], check=True
        )
    return str(python)


def measure(python: list[str], code: str, env: dict[str, str]) -> tuple[float, float]:
    """(milliseconds, peak RSS MiB) of `code` in one fresh process."""
    out = subprocess.run(
        [*python, "-c", MEASURE.format(code=code)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT / "bench",
    )
    milliseconds, mib = out.stdout.split()
    return float(milliseconds), float(mib)


def run(official_python: str, endpoint: str, api_key: str, runs: int = 15) -> str:
    """The import table (medians over `runs` fresh processes per command, interleaved)."""
    lean = lean_python()
    env = {**os.environ, "LABELBOX_ENDPOINT": endpoint, "LABELBOX_API_KEY": api_key}
    # Bytecode is cached as a user's installation caches it (pip compiles on install).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {
        "import labelbox (ours)": ([lean, "-P"], IMPORT.format(modules="labelbox")),
        "import labelbox, then every public name (ours)": ([lean, "-P"], EVERY_NAME),
        "import httpx, pydantic": ([lean, "-P"], IMPORT.format(modules="httpx, pydantic")),
        "import labelbox (official 3.36.0)": (
            [official_python, "-P"],
            IMPORT.format(modules="labelbox"),
        ),
        "first result: import, Client(), get_user() (ours)": ([lean, "-P"], FIRST_RESULT),
        "first result: import, Client(), get_user() (official)": (
            [official_python, "-P"],
            FIRST_RESULT,
        ),
    }
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for python, code in commands.values():  # warm-up: writes the bytecode caches
        measure(python, code, env)
    for _ in range(runs):
        for name, (python, code) in commands.items():
            samples[name].append(measure(python, code, env))
    baseline = statistics.median(ms for ms, _ in samples["import httpx, pydantic"])
    lines = [
        "| measured | median (ms) | vs `import httpx, pydantic` | peak RSS (MiB) |",
        "|---|---:|---:|---:|",
    ]
    for name, values in samples.items():
        ms = statistics.median(v[0] for v in values)
        mib = statistics.median(v[1] for v in values)
        lines.append(f"| {name} | {ms:.1f} | {ms / baseline:.2f}x | {mib:.1f} |")
    return "\n".join(lines)
