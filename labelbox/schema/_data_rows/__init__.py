"""Creating data rows in bulk: validating items, uploading files, chunked imports."""
