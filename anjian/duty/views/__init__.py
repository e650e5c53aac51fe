"""Pages of the duty ledger: roster.py (the roster and shifts), log.py (the log and handovers)."""
