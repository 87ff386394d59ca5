"""The `Client`'s methods, one module per domain (mixed into `labelbox.client.Client`)."""
