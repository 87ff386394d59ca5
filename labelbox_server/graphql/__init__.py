"""The GraphQL layer: schema loading, scalars, validation rules, error format, execution."""
