"""Model runs: their predictions (imports), their task waits, and sending predictions on."""
