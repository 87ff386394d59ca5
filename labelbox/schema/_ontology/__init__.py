"""Ontology building blocks: the typed normalized JSON, tools, classifications, options and
the builder (`labelbox.schema.ontology` is the public module)."""
