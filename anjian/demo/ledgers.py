"""The demo year of the ledgers beyond inspections and hazards, in the order they are built.

Each builder takes the `YearKit` (the window, the seeded generator, the demo's users, units, people
and organisations), writes through its app's services, adds what it created to `kit.created`, and
is idempotent on its own: when its ledger already holds the demo's data it adds nothing.
"""

from anjian.demo import (
    accidents,
    assessment,
    dailyreports,
    documents,
    duty,
    emergency,
    enforcement,
    patrols,
    responsibility,
    risks,
    training,
)

LEDGERS = [dailyreports.build, duty.build, emergency.build, accidents.build, responsibility.build,
           risks.build, documents.build, enforcement.build, training.build, patrols.build,
           assessment.build]
