"""Accountability actions aimed at an organisation, a person or a unit; the issued document; who
sees what (agencies their organisation's, enterprises their unit's)."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from anjian.accounts.choices import Role
from anjian.assessment import services
from anjian.assessment.models import AccountabilityAction, TargetKind
from anjian.core.attachments import read_attachment
from anjian.testing.accidents import accident
from anjian.testing.responsibility import pdf_bytes
from anjian.testing.world import make_user

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 10, 9)


def _act(world, reason="约谈派出所", **target):
    return services.action_create(actor=world.users["office"], kind="interview", reason=reason, date=DAY,
                                  cause="日报漏报", **target)


def _post(world, **extra):
    return {"kind": "notice", "reason": "通报", "date": "2026-10-10", "cause": "考核排名末位", **extra}


def test_targets_and_derived_region(world):
    org = _act(world, organisation=world.police)
    person = _act(world, person=world.people["secretary_a"])
    unit = _act(world, unit=world.units["shop_a"])
    assert org.region == world.town and org.target == world.police and org.target_kind_label == "机关站所"
    assert person.region == world.village_a  # the village the person lies in
    assert unit.region == world.village_a  # shop_a lies in 张一村's grid
    with pytest.raises(ValidationError, match="只能选择一个"):
        _act(world, organisation=world.police, unit=world.units["shop_a"])
    with pytest.raises(ValidationError, match="只能选择一个"):
        _act(world)
    with pytest.raises(ValidationError, match="至少填写一项"):
        services.action_create(actor=world.users["office"], kind="notice", reason="x", date=DAY,
                               organisation=world.police)
    with pytest.raises(PermissionDenied):  # another town's organisation: outside the office's scope
        _act(world, organisation=world.police_b)
    assert AccountabilityAction.objects.count() == 3


def test_action_linked_to_accident(world, client):
    acc = accident(world.users["office"], unit=world.units["shop_b"],
                   occurred_at=timezone.now() - dt.timedelta(days=2))
    action = services.action_create(actor=world.users["office"], kind="accountability", reason="事故问责",
                                    date=DAY, unit=world.units["shop_b"], accident=acc)
    assert action.accident == acc and action.region == world.village_b
    with pytest.raises(ValidationError, match="关联事故"):  # an accident of another unit
        services.action_create(actor=world.users["office"], kind="notice", reason="x", date=DAY,
                               unit=world.units["shop_a"], accident=acc)
    client.force_login(world.users["office"])
    page = client.get(reverse("assessment:action_detail", args=[action.pk])).content.decode()
    assert reverse("accidents:detail", args=[acc.pk]) in page


def test_form_refuses_none_or_several_targets_and_fake_pdf(world, client):
    client.force_login(world.users["office"])
    url = reverse("assessment:action_create")
    none = client.post(url, _post(world))
    assert none.status_code == 200 and "只能选择一个" in none.content.decode()
    several = client.post(url, _post(world, village=world.village_a.pk, organisation=world.police.pk))
    assert several.status_code == 200 and "只能选择一个" in several.content.decode()
    no_cause = client.post(url, _post(world, organisation=world.police.pk, cause=""))
    assert no_cause.status_code == 200 and "至少填写一项" in no_cause.content.decode()
    fake = SimpleUploadedFile("通报.pdf", b"this is not a pdf at all", content_type="application/pdf")
    refused = client.post(url, _post(world, organisation=world.police.pk, document=fake))
    assert refused.status_code == 200 and "不是有效的 PDF" in refused.content.decode()
    assert not AccountabilityAction.objects.exists()
    content = pdf_bytes("约谈通知书")
    good = SimpleUploadedFile("约谈通知书.pdf", content, content_type="application/pdf")
    response = client.post(url, _post(world, organisation=world.police.pk, document=good))
    assert response.status_code == 302
    action = AccountabilityAction.objects.get()
    assert action.sha256 == hashlib.sha256(content).hexdigest() and action.original_name == "约谈通知书.pdf"
    download = client.get(reverse("assessment:action_document", args=[action.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == content
    # The document is served only through the scoped view.
    for name, code in (("agency", 200), ("school_agency", 404), ("office_b", 404), ("village_a", 404)):
        client.force_login(world.users[name])
        assert client.get(reverse("assessment:action_document", args=[action.pk])).status_code == code, name


def test_document_replaced_on_update_is_journaled(world):
    action = _act(world, organisation=world.police)
    doc = read_attachment(pdf_bytes("督办通知"), name="督办通知.pdf")
    services.action_update(actor=world.users["office"], action=action, document=doc, outcome="已整改")
    action.refresh_from_db()
    assert action.sha256 == doc.sha256 and action.outcome == "已整改"
    from anjian.core.journal import entries_for

    update = next(e for e in entries_for(action) if e.action == "update")
    assert "document" in update.changes and doc.sha256 in str(update.changes["document"])


@pytest.mark.parametrize(("name", "org", "person", "unit"), [
    ("office", True, True, True), ("leader", True, True, True),
    ("agency", True, False, False), ("school_agency", False, False, False),
    ("enterprise_a", False, False, True), ("village_a", False, True, True),
    ("village_b", False, False, False), ("office_b", False, False, False), ("grid_a", False, False, False),
])
def test_action_scope(world, client, name, org, person, unit):
    actions = {"org": _act(world, reason="约谈派出所", organisation=world.police),
               "person": _act(world, reason="约谈村支书", person=world.people["secretary_a"]),
               "unit": _act(world, reason="通报超市", unit=world.units["shop_a"])}
    client.force_login(world.users[name])
    listing = client.get(reverse("assessment:action_list")).content.decode()
    for key, sees in (("org", org), ("person", person), ("unit", unit)):
        action = actions[key]
        assert (client.get(reverse("assessment:action_detail", args=[action.pk])).status_code == 200) is sees, key
        assert (action.reason in listing) is sees, key
    api = client.get("/api/assessment/actions/")
    if api.status_code == 200:
        assert api.json()["count"] == sum((org, person, unit))


def test_person_sees_action_aimed_at_them(world, client):
    secretary = world.people["secretary_a"]
    user = make_user("zhang", Role.GRID_WORKER, region=world.grid_a)
    user.person = secretary
    user.save()
    action = _act(world, reason="约谈村支书", person=secretary)
    client.force_login(user)
    assert client.get(reverse("assessment:action_detail", args=[action.pk])).status_code == 200


def test_agency_sees_own_organisation_standing(world, client):
    org_scheme = services.scheme_create_default(actor=world.users["office"], town=world.town,
                                                target=TargetKind.ORGANISATION)
    village_scheme = services.scheme_create_default(actor=world.users["office"], town=world.town)
    action = _act(world, reason="约谈派出所", organisation=world.police)
    client.force_login(world.users["agency"])
    page = client.get(reverse("assessment:ranking") + f"?scheme={org_scheme.pk}")
    assert page.status_code == 200 and "西张村镇中心校" in page.content.decode()
    own = reverse("assessment:target_breakdown", args=[org_scheme.pk, world.police.pk])
    breakdown = client.get(own)
    assert breakdown.status_code == 200 and action.reason[:10] in breakdown.content.decode()
    other = reverse("assessment:target_breakdown", args=[org_scheme.pk, world.school_office.pk])
    assert client.get(other).status_code == 404
    assert client.get(reverse("assessment:ranking") + f"?scheme={village_scheme.pk}").status_code == 404
    # Another town's agency sees neither the scheme nor the action.
    outsider = make_user("agency_b", Role.AGENCY, organisation=world.police_b)
    client.force_login(outsider)
    assert client.get(own).status_code == 404
    assert client.get(reverse("assessment:action_detail", args=[action.pk])).status_code == 404
    assert "西张村派出所" not in client.get(reverse("assessment:ranking")).content.decode()


def test_leader_sees_leader_scheme(world, client):
    scheme = services.scheme_create_default(actor=world.users["office"], town=world.town,
                                            target=TargetKind.LEADER)
    client.force_login(world.users["leader"])
    page = client.get(reverse("assessment:ranking") + f"?scheme={scheme.pk}").content.decode()
    assert "燕生" in page and "领导带队检查完成率" in page
    breakdown = client.get(reverse("assessment:target_breakdown", args=[scheme.pk, world.people["leader"].pk]))
    assert breakdown.status_code == 200 and "挂钩联系走访" in breakdown.content.decode()


def test_api_targets_and_document(world, client):
    client.force_login(world.users["office"])
    content = pdf_bytes("通报")
    created = client.post("/api/assessment/actions/", {
        "kind": "notice", "organisation": world.police.pk, "reason": "日报漏报通报", "date": "2026-10-11",
        "cause": "日报漏报", "document": SimpleUploadedFile("通报.pdf", content)})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["region"] == world.town.pk and body["target_name"] == "西张村派出所"
    assert body["document_sha256"] == hashlib.sha256(content).hexdigest()
    fake = client.post("/api/assessment/actions/", {
        "kind": "notice", "organisation": world.police.pk, "reason": "x", "date": "2026-10-11",
        "cause": "x", "document": SimpleUploadedFile("通报.pdf", b"not a pdf")})
    assert fake.status_code == 400 and "PDF" in fake.content.decode()
    several = client.post("/api/assessment/actions/", {
        "kind": "notice", "organisation": world.police.pk, "unit": world.units["shop_a"].pk,
        "reason": "x", "date": "2026-10-11", "cause": "x"}, content_type="application/json")
    assert several.status_code == 400 and "只能选择一个" in several.content.decode()
    assert client.get(reverse("assessment:action_create")).status_code == 200
    client.force_login(world.users["agency"])
    assert client.get("/api/assessment/actions/").json()["count"] == 1
    client.force_login(world.users["school_agency"])
    assert client.get("/api/assessment/actions/").json()["count"] == 0


def test_list_filters_by_target_kind_and_export(world, client):
    _act(world, reason="约谈派出所", organisation=world.police)
    _act(world, reason="通报超市", unit=world.units["shop_a"])
    client.force_login(world.users["office"])
    page = client.get(reverse("assessment:action_list") + "?target=unit").content.decode()
    assert "通报超市" in page and "约谈派出所" not in page
    from io import BytesIO

    from openpyxl import load_workbook

    xlsx = client.get(reverse("assessment:action_export") + "?target=organisation")
    rows = list(load_workbook(BytesIO(b"".join(xlsx.streaming_content))).active.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 1 and rows[0][2] == "西张村派出所" and rows[0][7] == "机关站所"
