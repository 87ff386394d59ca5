"""Which release this is, and of what.

`__version__` is the Labelbox SDK release whose API this package follows ("3.36.0"): user
code compares `labelbox.__version__` with the official SDK's, and the server sees it in the
`X-User-Agent` header, as it does from 3.36.0. The package itself is distributed under its own
name and version, so that `pip install -U` or a lock file can never swap it for the official
SDK (or the other way round).
"""

__version__ = "3.36.0"

#: The distribution to `pip install` (with its extras: `progress`, `cli`, `server`).
DISTRIBUTION = "labelbox-typed"
#: This distribution's own release.
DISTRIBUTION_VERSION = "0.5.0"
