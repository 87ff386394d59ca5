"""`Project`'s behaviour by topic, as mixins of `labelbox.schema.project.Project`."""
