"""The SDK's transport: one httpx client, retries, GraphQL execution, error mapping."""
