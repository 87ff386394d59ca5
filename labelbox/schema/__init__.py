"""SDK object types, one module per type, at Labelbox's module paths."""
