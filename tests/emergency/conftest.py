import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.core.attachments import read_attachment
from anjian.emergency import services
from anjian.testing.emergency import drill_data, incident_data, pdf_bytes, supply_data, version_data


@pytest.fixture
def ledgers(world):
    """One record of each ledger owned by the town, one by village A, one by village B."""
    office = world.users["office"]
    made = {}
    for key, region in (("town", world.town), ("a", world.village_a), ("b", world.village_b)):
        made[f"plan_{key}"] = services.plan_create(
            actor=office, data={"title": f"{region.name}综合应急预案", "kind": "comprehensive",
                                "region": region},
            version=version_data(), file=read_attachment(SimpleUploadedFile("p.pdf", pdf_bytes())))
        made[f"drill_{key}"] = services.drill_create(
            actor=office, data=drill_data(region, title=f"{region.name}防汛演练"))
        made[f"team_{key}"] = services.team_create(actor=office, data={
            "name": f"{region.name}应急救援小分队", "kind": "rescue", "region": region,
            "leader": "队长", "phone": "13800000009"})
        made[f"supply_{key}"] = services.supply_create(
            actor=office, data=supply_data(region, name=f"{region.name}沙袋"))
        made[f"incident_{key}"] = services.incident_create(
            actor=office, data=incident_data(region, title=f"{region.name}山体滑坡"))
    return made
