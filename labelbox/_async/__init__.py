"""`AsyncClient`'s parts: its gateway, pages, tasks, and its methods by domain."""
