__version__ = "3.36.0"
