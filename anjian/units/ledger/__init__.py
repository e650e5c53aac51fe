"""Excel ledgers (台账) of supervised units: reading messy office spreadsheets and writing them fast.

- `cells`: turning one cell (text, number, date, flag, label) into a typed value or a Chinese message.
- `columns`: the ledger's columns, the header names offices use for them, and finding the header.
- `reader`: checking an upload and reading a workbook with python-calamine.
- `lookups`: villages, grids, leaders, existing units and the user's scope, loaded once per import.
- `writer`: bulk inserts and updates (executemany on SQLite, COPY on PostgreSQL).

The services that use them are in `anjian.units.imports` (import) and `anjian.units.exports`.
"""
