"""Pages of inspections (隐患排查): `records` (the list, the phone-first record form, the record
page, photos), `templates` (checklists and their versions), `plans` (plans, tasks, my tasks) and
`coverage` (coverage, units behind frequency, leaders' compliance, the configurable intervals)."""
