import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from anjian.core.journal import entries_for
from anjian.responsibility import services
from anjian.responsibility.choices import AgreementKind, DutyCategory
from anjian.responsibility.models import ResponsibilityList
from anjian.responsibility.scans import read_scan
from anjian.testing.responsibility import (
    make_list,
    make_meeting,
    make_visit,
    pdf_bytes,
    png_bytes,
    sign,
)


def this_year() -> int:
    """Read when a test runs, not when it is collected (a run may cross New Year)."""
    return timezone.localdate().year


def test_list_keeps_its_duties_in_order_and_journals_them(world):
    office = world.users["office"]
    rlist = make_list(world, actor=office)
    assert [d.category for d in rlist.duties.order_by("order")] == [
        DutyCategory.FIRST_RESPONSIBLE, DutyCategory.DUAL_DUTY]
    entry = entries_for(rlist).get()
    assert entry.actor == office
    assert entry.changes["duties"][1] == ["第一责任人责任：全镇安全生产第一责任人", "一岗双责：落实一岗双责"]


def test_changing_duties_makes_a_new_version_and_other_changes_do_not(world):
    office = world.users["office"]
    rlist = make_list(world, actor=office)
    rlist = services.responsibility_list_update(actor=office, rlist=rlist, data={"notes": "补充"})
    assert rlist.version == 1
    rlist = services.responsibility_list_update(
        actor=office, rlist=rlist, data={},
        duties=[(DutyCategory.LEADERSHIP, "每周带队督导检查")])
    assert rlist.version == 2
    assert list(rlist.duties.values_list("text", flat=True)) == ["每周带队督导检查"]
    assert entries_for(rlist).count() == 3


def test_a_list_needs_a_post_and_a_duty_and_a_post_once_a_year(world):
    with pytest.raises(ValidationError) as exc:
        services.responsibility_list_create(actor=None, duties=[], data={
            "region": world.town, "year": this_year(), "post": " "})
    assert "post" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.responsibility_list_create(actor=None, duties=[("first_responsible", " ")], data={
            "region": world.town, "year": this_year(), "post": "镇长"})
    assert exc.value.message_dict["duties"] == ["请至少填写一条岗位职责"]
    make_list(world)
    with pytest.raises(ValidationError, match="已有"):
        make_list(world)


def test_a_new_year_copies_last_years_lists_once(world):
    old = make_list(world, year=this_year() - 1)
    make_list(world, year=this_year() - 1, post="村党支部书记", region=world.village_a)
    copied = services.responsibility_lists_roll_over(actor=world.users["office"],
                                                     region=world.town, year=this_year())
    assert len(copied) == 2
    new = next(r for r in copied if r.post == old.post)
    assert new.previous == old and new.version == 1
    assert [d.text for d in new.duties.all()] == [d.text for d in old.duties.all()]
    assert services.responsibility_lists_roll_over(actor=None, region=world.town,
                                                   year=this_year()) == []


def test_village_cadre_cannot_write_a_list_for_another_village(world):
    with pytest.raises(PermissionDenied):
        make_list(world, actor=world.users["village_a"], region=world.village_b, post="书记")
    assert not ResponsibilityList.objects.exists()
    make_list(world, actor=world.users["village_a"], region=world.village_a, post="书记")


def test_agreement_is_placed_in_the_counterpartys_region_and_town(world, factory):
    agreement = sign(world, actor=world.users["office"], unit=factory)
    assert agreement.kind == AgreementKind.ENTERPRISE
    assert agreement.region == world.grid_a and agreement.town == world.town
    assert len(agreement.sha256) == 64 and agreement.file.name.endswith(".pdf")
    assert entries_for(agreement).get().changes["sha256"][1] == agreement.sha256
    school = sign(world, unit=world.units["school_a"])
    assert school.kind == AgreementKind.SCHOOL
    department = sign(world, organisation=world.police)
    assert department.region == world.town and department.town == world.town


def test_an_agreement_is_signed_once_a_year_per_party(world):
    sign(world, village=world.village_a)
    with pytest.raises(ValidationError) as exc:
        sign(world, village=world.village_a)
    assert "已登记" in exc.value.message_dict["village"][0]
    sign(world, village=world.village_a, year=this_year() - 1)


@pytest.mark.parametrize("data, field", [
    ({"kind": "village", "unit": "school_a"}, "village"),
    ({"kind": "village", "village": "grid_a"}, "village"),
    ({"kind": "department", "village": "village_a"}, "organisation"),
    ({"kind": "village", "village": "village_a", "signed_on": "future"}, "signed_on"),
    ({"kind": "village", "village": "village_a", "signed_on": "old"}, "signed_on"),
    ({"kind": "village", "village": "village_a", "second_signatory": ""}, "second_signatory"),
])
def test_agreement_refusals_name_the_field(world, data, field):
    values = {"year": this_year(), "first_signatory": "甲", "second_signatory": "乙",
              "signed_on": dt.date(this_year(), 1, 2)}
    for key, value in data.items():
        if key in ("unit",):
            value = world.units[value]
        elif key == "village":
            value = getattr(world, value)
        elif value == "future":
            value = timezone.localdate() + dt.timedelta(days=1)
        elif value == "old":
            value = dt.date(this_year() - 3, 5, 1)
        values[key] = value
    with pytest.raises(ValidationError) as exc:
        services.agreement_create(actor=None, data=values)
    assert field in exc.value.message_dict


def test_outsider_office_cannot_sign_for_another_town(world):
    with pytest.raises(PermissionDenied):
        sign(world, actor=world.users["office_b"], village=world.village_a)


def test_adding_a_scan_later_is_journaled_with_its_hash(world):
    agreement = sign(world, village=world.village_a, with_scan=False)
    assert not agreement.sha256
    data = read_scan(png_bytes(), name="扫描件.png")
    agreement = services.agreement_update(actor=world.users["office"], agreement=agreement,
                                          data={}, scan=data)
    assert agreement.content_type == "image/png" and agreement.file.name.endswith(".png")
    change = entries_for(agreement).latest("pk").changes["scan"]
    assert change[0] is None and agreement.sha256 in change[1]


def test_scans_are_checked_by_content(settings):
    assert read_scan(pdf_bytes(), name="a.pdf").kind == "pdf"
    assert read_scan(png_bytes(), name="a.jpg").content_type == "image/png"
    for content, name, message in [
        (b"MZ\x90\x00 not a pdf" * 10, "a.pdf", "不是有效的 PDF"),
        (pdf_bytes(), "a.png", "只能上传 JPG、PNG 或 WEBP"),
        (png_bytes(), "a.exe", "扫描件只能是 PDF"),
        (b"", "a.pdf", "文件为空"),
    ]:
        with pytest.raises(ValidationError, match=message):
            read_scan(content, name=name)
    with pytest.raises(ValidationError, match="过大"):
        read_scan(pdf_bytes(), name="a.pdf", max_bytes=100)


def test_visit_is_recorded_and_must_match_its_inspection_unit(world, factory):
    visit = make_visit(world, actor=world.users["leader"], unit=factory, problems="灭火器过期")
    assert visit.recorded_by == world.users["leader"]
    assert entries_for(visit).count() == 1
    with pytest.raises(ValidationError) as exc:
        make_visit(world, day=timezone.localdate() + dt.timedelta(days=2))
    assert "visited_on" in exc.value.message_dict


def test_enterprise_cannot_record_a_visit(world):
    with pytest.raises(PermissionDenied):
        make_visit(world, actor=world.users["enterprise_a"], unit=world.units["shop_a"])


def test_relinking_a_unit_goes_through_the_units_service(world, factory):
    office = world.users["office"]
    services.unit_leader_set(actor=office, unit=factory, leader=None)
    factory.refresh_from_db()
    assert factory.linked_leader is None
    entry = entries_for(factory).latest("pk")
    assert entry.actor == office and "linked_leader" in entry.changes
    with pytest.raises(PermissionDenied):
        services.unit_leader_set(actor=world.users["leader"], unit=factory,
                                 leader=world.people["leader"])


def test_meeting_is_recorded_in_scope_only(world):
    meeting = make_meeting(world, actor=world.users["village_a"], region=world.village_a)
    assert entries_for(meeting).get().actor == world.users["village_a"]
    with pytest.raises(PermissionDenied):
        make_meeting(world, actor=world.users["village_a"], region=world.town)
    with pytest.raises(ValidationError) as exc:
        make_meeting(world, region=world.grid_a)
    assert "region" in exc.value.message_dict
    changed = services.meeting_update(actor=world.users["office"], meeting=meeting,
                                      data={"safety_first": False})
    assert entries_for(changed).latest("pk").changes == {"safety_first": [True, False]}
