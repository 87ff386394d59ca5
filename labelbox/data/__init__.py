"""Typed data for annotation imports and label exports (`labelbox.data.annotation_types`)."""
