"""Bulk import requests: the NDJSON validation models and the checks run before upload."""
