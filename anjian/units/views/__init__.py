"""Views of the unit registry: `registry` (list, detail, forms) and `ledger` (Excel import/export)."""
