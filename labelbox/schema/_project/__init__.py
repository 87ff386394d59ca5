"""`Project`'s behaviour by topic, as mixins of `labelbox.schema.project.Project`: `setup`
(ontology, frontend, instructions) and `queue` (batches, labeling parameter overrides,
queued data rows)."""
