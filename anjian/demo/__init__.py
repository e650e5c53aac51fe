"""The demo township (演示乡镇): 西张村镇 of seed 001, built by `anjian demo`.

`plan.make_plan()` computes every object as plain data, from fixed random seeds only, so the demo is
the same on every run and every database. `builder.build_demo()` then adds to the database what is
not there yet, through the services, so running it again adds nothing. Last comes a year of
inspections and hazards up to the build date (`inspections.build_year`, `hazards`,
`hazard_cases`): the same on every run of the same day.
"""

DEMO_PASSWORD = "Xizhangcun2023"
