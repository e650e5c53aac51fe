"""Services of commitments and risk grading: filing, lateness, corrections, assessments, the
unit's colour, overrides, reports and settings — each journaled, each scoped."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.timezone import localdate as today  # read at run time: a run may cross midnight

from anjian.core.journal import entries_for
from anjian.risks import selectors, services
from anjian.risks.models import GradingScheme, RiskAssessment
from anjian.testing.risks import at, commitment_data, lec, point_data

pytestmark = pytest.mark.django_db


def file(world, hour=8, minute=0, **extra):
    return services.commitment_file(actor=world.users["chem_owner"], unit=world.units["chem_a"],
                                    data=commitment_data(**extra), now=at(today(), hour, minute))


def test_enterprise_files_its_commitment_on_time(rworld):
    c = file(rworld, 8)
    assert (c.date, c.is_late, c.all_ok, c.corrections) == (today(), False, True, 0)
    assert entries_for(c).count() == 1


@pytest.mark.parametrize(("hour", "minute", "late"), [(9, 0, False), (9, 1, True), (16, 0, True)])
def test_filing_after_the_default_cutoff_is_late(rworld, hour, minute, late):
    assert file(rworld, hour, minute).is_late is late  # 09:00 by default


def test_a_second_filing_corrects_and_keeps_the_first_lateness(rworld):
    first = file(rworld, 8)
    second = file(rworld, 11, principal="刘化工（更正）")
    assert second.pk == first.pk
    assert (second.is_late, second.corrections, second.principal) == (False, 1, "刘化工（更正）")
    assert entries_for(second).count() == 2


def test_an_item_not_under_control_needs_a_note(rworld):
    with pytest.raises(ValidationError) as exc:
        file(rworld, 8, hazards_ok=False)
    assert "judgement_note" in exc.value.message_dict
    c = file(rworld, 8, hazards_ok=False, judgement_note="二号罐液位计故障，已停用该罐")
    assert c.all_ok is False


def test_no_one_files_for_another_unit(rworld):
    with pytest.raises(PermissionDenied):
        services.commitment_file(actor=rworld.users["chem_owner"], unit=rworld.units["shop_a"],
                                 data=commitment_data(), now=at(today(), 8))
    with pytest.raises(PermissionDenied):
        services.commitment_file(actor=rworld.users["office"], unit=rworld.units["chem_a"],
                                 data=commitment_data(), now=at(today(), 8))


def test_cutoff_and_groups_are_set_per_town(rworld):
    services.commitment_settings_set(actor=rworld.users["office"], town=rworld.town,
                                     cutoff=dt.time(11, 0), groups=["above_size"])
    assert not file(rworld, 10).is_late
    assert not selectors.commitments_missing(rworld.town, today()).filter(
        pk=rworld.units["chem_a"].pk).exists()
    with pytest.raises(PermissionDenied):
        services.commitment_settings_set(actor=rworld.users["office_b"], town=rworld.town,
                                         cutoff=dt.time(8, 0), groups=["mines"])


def test_commitments_missing_lists_units_that_must_file(rworld):
    missing = set(selectors.commitments_missing(rworld.county, today()))
    assert {rworld.units["chem_a"], rworld.units["chem_c"]} <= missing
    assert rworld.units["shop_a"] not in missing
    file(rworld, 8)
    assert rworld.units["chem_a"] not in set(selectors.commitments_missing(rworld.town, today()))


def test_commitment_day_is_scoped_and_flags_overdue(rworld):
    rows = selectors.commitment_day(rworld.users["office"], today(), now=at(today(), 10))
    assert [r.unit for r in rows] == [rworld.units["chem_a"]]
    assert rows[0].overdue
    assert selectors.commitment_day(rworld.users["village_b"], today()) == []


def point(world, **extra):
    return services.risk_point_create(actor=world.users["chem_owner"], unit=world.units["chem_a"],
                                      data=point_data(**extra))


def test_lec_assessment_gives_orange_and_the_unit_follows(rworld):
    p = point(rworld)
    a = services.risk_assess(actor=rworld.users["chem_owner"], point=p, data=lec("3", "6", "15"))
    assert (a.score, a.lec_class, a.colour) == (Decimal("270"), 2, "orange")
    assert a.scheme_version == "全域默认 第1版" and "D>320" in a.bands
    p.refresh_from_db()
    unit = rworld.units["chem_a"]
    unit.refresh_from_db()
    assert (p.colour, unit.risk_level) == ("orange", "orange")
    assert any("风险等级由" in e.comment for e in entries_for(unit))


def test_the_unit_takes_its_highest_current_assessment(rworld):
    owner = rworld.users["chem_owner"]
    a, b = point(rworld), point(rworld, name="装卸区")
    services.risk_assess(actor=owner, point=a, data=lec("6", "6", "15"))  # 540 red
    services.risk_assess(actor=owner, point=b, data=lec("1", "6", "7"))  # 42 blue
    assert selectors.unit_risk_colour(rworld.units["chem_a"]) == "red"
    services.risk_assess(actor=owner, point=a, data=lec("1", "3", "15"))  # 45 blue
    unit = rworld.units["chem_a"]
    unit.refresh_from_db()
    assert unit.risk_level == "blue"
    services.risk_point_update(actor=owner, point=b, data={"is_active": False})
    assert selectors.assessed_colour(unit) == "blue"


def test_boundaries_pinned_through_the_service(rworld):
    p = point(rworld)
    owner = rworld.users["chem_owner"]
    assert services.risk_assess(actor=owner, point=p, data=lec("0.2", "1", "100")).colour == "blue"
    assert services.risk_assess(actor=owner, point=p, data=lec("10", "1", "7")).colour == "blue"
    ls = services.risk_assess(actor=owner, point=p,
                              data={"method": "ls", "factor_l": "3", "factor_s": "3"})
    assert (ls.score, ls.colour, ls.factor_e) == (Decimal("9"), "orange", None)


def test_bad_factors_are_refused_in_chinese(rworld):
    p = point(rworld)
    with pytest.raises(ValidationError) as exc:
        services.risk_assess(actor=rworld.users["chem_owner"], point=p, data=lec("4", "6", "15"))
    assert "取值应为" in exc.value.message_dict["factor_l"][0]
    assert not RiskAssessment.objects.exists()


def test_town_bands_make_a_new_version(rworld):
    office = rworld.users["office"]
    services.grading_scheme_set(actor=office, town=rworld.town, data={
        "lec_red": "160", "lec_orange": "70", "lec_yellow": "20", "ls_red": 20, "ls_orange": 9,
        "ls_yellow": 4})
    row = GradingScheme.objects.get(town=rworld.town)
    assert row.version == 2
    a = services.risk_assess(actor=rworld.users["chem_owner"], point=point(rworld),
                             data=lec("3", "6", "15"))
    assert (a.colour, a.scheme_version) == ("red", "西张村镇 第2版")
    with pytest.raises(ValidationError):
        services.grading_scheme_set(actor=office, town=rworld.town, data={
            "lec_red": "10", "lec_orange": "70", "lec_yellow": "20", "ls_red": 20,
            "ls_orange": 9, "ls_yellow": 4})
    with pytest.raises(PermissionDenied):
        services.grading_scheme_set(actor=rworld.users["chem_owner"], town=rworld.town,
                                    data={f: 1 for f in services.SCHEME_FIELDS})


def test_an_override_wins_until_lifted(rworld):
    owner, office = rworld.users["chem_owner"], rworld.users["office"]
    services.risk_assess(actor=owner, point=point(rworld), data=lec("3", "6", "15"))
    override = services.override_set(actor=office, unit=rworld.units["chem_a"], colour="red",
                                     reason="毗邻学校，镇安委会研究认定为重大风险")
    unit = rworld.units["chem_a"]
    unit.refresh_from_db()
    assert unit.risk_level == "red"
    services.risk_assess(actor=owner, point=point(rworld, name="仓库"), data=lec("1", "1", "1"))
    unit.refresh_from_db()
    assert unit.risk_level == "red"
    with pytest.raises(PermissionDenied):
        services.override_set(actor=owner, unit=unit, colour="blue", reason="自认为低")
    services.override_lift(actor=office, override=override, reason="学校已搬迁")
    unit.refresh_from_db()
    assert unit.risk_level == "orange"
    with pytest.raises(ValidationError):
        services.override_lift(actor=office, override=override, reason="再次解除")


def test_override_needs_a_reason(rworld):
    with pytest.raises(ValidationError):
        services.override_set(actor=rworld.users["office"], unit=rworld.units["chem_a"],
                              colour="red", reason=" ")


def test_a_report_snapshots_the_active_points(rworld):
    owner = rworld.users["chem_owner"]
    with pytest.raises(ValidationError):
        services.risk_report_submit(actor=owner, unit=rworld.units["chem_a"],
                                    period_start=today(), period_end=today())
    services.risk_assess(actor=owner, point=point(rworld), data=lec("3", "6", "15"))
    report = services.risk_report_submit(actor=owner, unit=rworld.units["chem_a"],
                                         period_start=today().replace(day=1), period_end=today())
    assert (report.orange, report.red, report.unit_colour) == (1, 0, "orange")
    assert report.points[0]["name"] == "储罐区"
    with pytest.raises(ValidationError):
        services.risk_report_submit(actor=owner, unit=rworld.units["chem_a"],
                                    period_start=today(), period_end=today() - dt.timedelta(days=1))


def test_village_cadre_cannot_add_risk_points(rworld):
    with pytest.raises(PermissionDenied):
        services.risk_point_create(actor=rworld.users["village_a"], unit=rworld.units["chem_a"],
                                   data=point_data())
    bad = point_data(responsible_phone="12345")
    with pytest.raises(ValidationError):
        services.risk_point_create(actor=rworld.users["office"], unit=rworld.units["chem_a"],
                                   data=bad)


def test_units_that_have_not_filed_by_the_cutoff_are_reminded_once(rworld):
    from anjian.notify.models import Notification
    from anjian.risks.notifications import commitments_overdue

    assert commitments_overdue(now=at(today(), 8)) == 0
    assert commitments_overdue(now=at(today(), 10)) == 1
    assert commitments_overdue(now=at(today(), 11)) == 0
    note = Notification.objects.get()
    assert note.recipient == rworld.users["chem_owner"] and "张一化工有限公司" in note.title
