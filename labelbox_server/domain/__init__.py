"""Domain logic: plain functions on a SQLAlchemy `Session` and the calling user (`Caller`).

One module per domain. Nothing here knows about GraphQL or HTTP.
"""
