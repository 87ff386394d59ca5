"""`labelbox-server`: create a local Labelbox server's database and keys, and serve it.

    labelbox-server init --data-dir DIR [--database-url URL] [--organization NAME] [--email EMAIL]
    labelbox-server serve --data-dir DIR [--host 127.0.0.1] [--port 8080] [--database-url URL]
                          [--blob-dir DIR | --blob-url s3://BUCKET/PREFIX [--s3-endpoint-url URL]]
                          [--max-upload-bytes N] [--upload-url-ttl SECONDS]
                          [--http-workers N] [--job-threads N] [--request-threads N]
                          [--fetch-allow URL_PREFIX ...] [--fetch-max-bytes N]
                          [--fetch-timeout SECONDS] [--max-body-bytes N] [--max-depth N] ...
    labelbox-server create-key --data-dir DIR --email EMAIL [--rate-limit N]
    labelbox-server create-user --data-dir DIR --role LABELER [--email EMAIL]
                                [--project PROJECT_ID:ROLE ...] [--rate-limit N]
    labelbox-server accept-invite --data-dir DIR --email EMAIL
    labelbox-server keys list --data-dir DIR [--email EMAIL]
    labelbox-server keys revoke --data-dir DIR KEY_ID
    labelbox-server iam-integration create --data-dir DIR --name NAME --provider AWS|GCP ...
    labelbox-server create-slice --data-dir DIR --email EMAIL --name NAME --filter JSON
                                 [--description TEXT] [--database-url URL]

`init`, `create-key`, `create-user` and `accept-invite` print the new API key as the last
line of their output; `keys list` shows ids and first characters of keys, never keys;
`create-slice` prints the new catalog slice's id (its filter is a JSON list of conditions,
see `domain.catalog_slices`). `serve`
prints `Listening on http://HOST:PORT` once the socket listens (`--port 0` picks a free port)
and stops cleanly on SIGINT or SIGTERM. `--http-workers N` serves the socket from N
processes (default: one per CPU, at most 8); each runs `--request-threads` threads of GraphQL
work and `--job-threads` background-job threads. Every request limit of `settings.RequestLimits` is
an option of `serve` (`--max-fields`, `--max-depth`, ...).
"""

from __future__ import annotations

from . import accounts, serve
from .options import app

__all__ = ["accounts", "app", "main", "serve"]


def main() -> None:
    """Console-script entry point."""
    app()
