__version__ = "3.36.0"

#: The name to `pip install` this SDK by (its extras too: `progress`, `server`).
DISTRIBUTION = "labelbox"
