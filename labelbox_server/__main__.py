"""`python -m labelbox_server ...` (same as the `labelbox-server` command)."""

from labelbox_server.console import main

main()
