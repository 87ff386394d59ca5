"""`make demo`: start a local Labelbox server in a temporary directory and run the quickstart."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from labelbox_server import LocalServer

QUICKSTART = Path(__file__).with_name("quickstart.py")


def main() -> int:
    with LocalServer() as server:
        print(f"Local Labelbox server at {server.endpoint} (data in {server.data_dir})")
        env = {
            **os.environ,
            "LABELBOX_API_KEY": server.api_key,
            "LABELBOX_ENDPOINT": server.endpoint,
        }
        print(f"Running {QUICKSTART.name}:\n")
        return subprocess.run([sys.executable, str(QUICKSTART)], env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
