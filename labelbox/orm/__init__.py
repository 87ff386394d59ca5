"""The SDK's object layer: typed fields, filters, relationships, base classes."""
