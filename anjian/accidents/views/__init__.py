"""Views of the accidents ledger: `ledger` (list, detail, export), `edit` (forms through the
services) and `statistics` (statistics with year-over-year change, control indicators)."""
