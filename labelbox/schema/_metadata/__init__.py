"""The parts of `labelbox.schema.data_row_metadata`: models, indexes, value codecs, calls."""
