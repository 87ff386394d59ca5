"""`Project`'s behaviour by topic, as mixins of `labelbox.schema.project.Project`: `setup`
(ontology, frontend, instructions), `queue` (batches, labeling parameter overrides, queued
data rows), `labels`, `exports` (labels, issues), `metrics` (labeler performance, review
metrics), `members` and `predictions` (model-assisted labeling)."""
