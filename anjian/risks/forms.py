"""Forms of the commitment and risk pages. They shape the input; the services decide (their
Chinese messages reach the form through ServiceErrorsMixin)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from anjian.core.forms import DateInput, ServiceErrorsMixin, bootstrap
from anjian.risks import rules
from anjian.risks.choices import DEFAULT_COMMITMENT, JUDGEMENT_ITEMS, FilingGroup, Method
from anjian.risks.models import RiskPoint
from anjian.units.choices import RiskLevel


def _choices(table: dict) -> list[tuple[str, str]]:
    return [("", "—")] + [(rules.fmt(v), f"{rules.fmt(v)} {text}") for v, text in table.items()]


def _int_choices(table: dict) -> list[tuple[str, str]]:
    return [("", "—")] + [(str(v), f"{v} {text}") for v, text in table.items()]


class _Base(ServiceErrorsMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class CommitmentForm(_Base):
    """安全风险研判与承诺公告: the 研判 items of the common template, then the commitment."""

    principal = forms.CharField(label=_("主要负责人（承诺人）"), max_length=100)
    equipment_ok = forms.BooleanField(label=JUDGEMENT_ITEMS[0][1], required=False, initial=True)
    dangerous_work_count = forms.IntegerField(label=_("今日动火、受限空间等危险作业（处）"),
                                              min_value=0, initial=0)
    dangerous_work_ok = forms.BooleanField(label=JUDGEMENT_ITEMS[1][1], required=False,
                                           initial=True)
    special_operators_ok = forms.BooleanField(label=JUDGEMENT_ITEMS[2][1], required=False,
                                              initial=True)
    open_hazards = forms.IntegerField(label=_("未整改隐患（条）"), min_value=0, initial=0)
    hazards_ok = forms.BooleanField(label=JUDGEMENT_ITEMS[3][1], required=False, initial=True)
    key_places_ok = forms.BooleanField(label=JUDGEMENT_ITEMS[4][1], required=False, initial=True)
    judgement_note = forms.CharField(
        label=_("研判情况说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("有未受控的事项时必填：说明情况和采取的管控措施"))
    commitment = forms.CharField(label=_("承诺内容"), widget=forms.Textarea(attrs={"rows": 4}),
                                 initial=DEFAULT_COMMITMENT)


class RiskPointForm(_Base):
    name = forms.CharField(label=_("风险点名称"), max_length=120)
    location = forms.CharField(label=_("所在位置"), max_length=200, required=False)
    hazard_factor = forms.CharField(label=_("作业活动/危险有害因素"),
                                    widget=forms.Textarea(attrs={"rows": 2}))
    accident_type = forms.CharField(label=_("可能导致的事故类型"), max_length=120, required=False,
                                    help_text=_("如：火灾、爆炸、机械伤害、高处坠落、触电"))
    control_measures = forms.CharField(label=_("管控措施"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    responsible_person = forms.CharField(label=_("责任人"), max_length=100, required=False)
    responsible_phone = forms.CharField(label=_("责任人电话"), max_length=30, required=False)
    is_active = forms.BooleanField(label=_("在用（停用后不再计入单位风险等级）"), required=False,
                                   initial=True)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:  # a new point is in use
            del self.fields["is_active"]

    @classmethod
    def for_point(cls, point: RiskPoint, data=None):
        initial = {name: getattr(point, name) for name in cls.base_fields}
        return cls(data, initial=initial, editing=True)


class AssessmentForm(_Base):
    """The factors of one method (LEC or LS; the page switches with ?method=)."""

    method = forms.ChoiceField(choices=Method.choices, widget=forms.HiddenInput)
    factor_l = forms.ChoiceField(label=_("L 事故发生的可能性"), choices=_choices(rules.L_SCORES))
    factor_e = forms.ChoiceField(label=_("E 暴露于危险环境的频繁程度"),
                                 choices=_choices(rules.E_SCORES))
    factor_c = forms.ChoiceField(label=_("C 发生事故可能造成的后果"),
                                 choices=_choices(rules.C_SCORES))
    factor_s = forms.ChoiceField(label=_("S 严重性"), choices=_int_choices(rules.LS_S_SCORES))
    note = forms.CharField(label=_("说明"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, method: str = Method.LEC, **kwargs):
        super().__init__(*args, **kwargs)
        self.chosen_method = str(method) if method in Method.values else str(Method.LEC)
        self.fields["method"].initial = self.chosen_method
        if self.chosen_method == Method.LEC:
            del self.fields["factor_s"]
        else:
            del self.fields["factor_e"], self.fields["factor_c"]
            self.fields["factor_l"].label = _("L 可能性")
            self.fields["factor_l"].choices = _int_choices(rules.LS_L_SCORES)


class OverrideForm(_Base):
    colour = forms.ChoiceField(label=_("认定风险等级"), choices=[("", "—"), *RiskLevel.choices])
    reason = forms.CharField(label=_("认定理由"), widget=forms.Textarea(attrs={"rows": 3}))


class LiftForm(_Base):
    lift_reason = forms.CharField(label=_("解除理由"), max_length=255)


class ReportForm(_Base):
    period_start = forms.DateField(label=_("报告期起"), widget=DateInput())
    period_end = forms.DateField(label=_("报告期止"), widget=DateInput())
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CommitmentSettingsForm(_Base):
    cutoff = forms.TimeField(label=_("每日截止时间"), widget=forms.TimeInput(attrs={"type": "time"}),
                             help_text=_("此时间后首次填报的承诺记为迟报"))
    groups = forms.MultipleChoiceField(label=_("须每日承诺的单位"), choices=FilingGroup.choices,
                                       widget=forms.CheckboxSelectMultiple)


SCHEME_INITIAL = ("lec_red", "lec_orange", "lec_yellow", "ls_red", "ls_orange", "ls_yellow")


class GradingSchemeForm(_Base):
    lec_red = forms.DecimalField(label=_("LEC 重大风险（红）：D 大于"), min_value=0)
    lec_orange = forms.DecimalField(label=_("LEC 较大风险（橙）：D 大于"), min_value=0)
    lec_yellow = forms.DecimalField(label=_("LEC 一般风险（黄）：D 大于"), min_value=0,
                                    help_text=_("不大于此值为低风险（蓝）"))
    ls_red = forms.IntegerField(label=_("LS 重大风险（红）：R 不小于"), min_value=1, max_value=25)
    ls_orange = forms.IntegerField(label=_("LS 较大风险（橙）：R 不小于"), min_value=1, max_value=25)
    ls_yellow = forms.IntegerField(label=_("LS 一般风险（黄）：R 不小于"), min_value=1, max_value=25,
                                   help_text=_("小于此值为低风险（蓝）"))
