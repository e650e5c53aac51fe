"""Forms of the hazard pages: reporting a hazard and one form per workflow action.

The forms only shape the input (types, widgets, help); the rules live in `handlers.py` and reach
the form through `ServiceErrorsMixin.add_service_errors`, so the page, the API and the importer
refuse the same things with the same Chinese messages. Field names are the keys the service reads.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import Role
from anjian.core.forms import DateInput, ServiceErrorsMixin, bootstrap
from anjian.core.photos import read_upload
from anjian.hazards.choices import (
    CancelReason,
    CauseClass,
    EscalationStep,
    HazardAction,
    HazardCategory,
    HazardLevel,
    HazardSource,
    PhotoStage,
    ResponsibleParty,
)
from anjian.hazards.handlers import ESCALATION_ORDER, MAJOR_REPORT_FIELDS
from anjian.hazards.models import GOVERNANCE_PLAN_FIELDS, Hazard
from anjian.hazards.services import StagedPhoto

A = HazardAction

CAUSE_HELP = {
    CauseClass.UNSAFE_CONDITION: _("设备、设施、场所、环境存在缺陷，如安全出口堵塞、电线私拉乱接、灭火器过期"),
    CauseClass.UNSAFE_ACT: _("违章指挥、违章作业、违反劳动纪律，如无证操作、未戴安全帽、动火无监护"),
    CauseClass.MANAGEMENT_DEFECT: _("制度、责任、培训、检查、应急预案等管理不到位，如未开展安全培训、无隐患排查记录"),
}
WORKDAYS_HELP = _("整改期限按工作日计算：自动跳过周末和法定节假日，调休上班日计入。可填日期或工作日数，"
                  "填了工作日数以工作日数为准。")
PANEL_HELP = _("重大隐患须由验收组验收：请填写至少两名验收人员姓名，用顿号或逗号分隔。")

# Role -> default intake channel of a report made from the web page (first match wins).
SOURCE_OF_ROLE = [
    (Role.GRID_WORKER, HazardSource.GRID_PATROL),
    (Role.ENTERPRISE, HazardSource.SELF_CHECK),
    (Role.EXPERT, HazardSource.EXPERT_CHECK),
    (Role.AGENCY, HazardSource.AGENCY_INSPECTION),
    (Role.SAFETY_OFFICE, HazardSource.AGENCY_INSPECTION),
    (Role.VILLAGE, HazardSource.GRID_PATROL),
    (Role.LEADER, HazardSource.LEADER_INSPECTION),
]


def default_source(user) -> str:
    """By the user's roles, including unit-based ones (an enterprise's own unit, an expert's
    assigned units), which come as grants rather than role assignments."""
    if getattr(user, "is_superuser", False) or not getattr(user, "is_authenticated", False):
        return HazardSource.AGENCY_INSPECTION
    roles = {grant.role for grant in user.scope_grants}
    for role, source in SOURCE_OF_ROLE:
        if role in roles:
            return source
    return HazardSource.AGENCY_INSPECTION


# --- photos ------------------------------------------------------------------------------------


class MultiplePhotoInput(forms.FileInput):
    """Several photos at once; on a phone `capture` opens the rear camera."""

    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/*", "capture": "environment", "class": "form-control",
                          **(attrs or {})})


class PhotoField(forms.FileField):
    """Zero or more photos, each checked by `read_upload`; cleans to a list of PhotoData."""

    widget = MultiplePhotoInput

    def __init__(self, *, stage: str, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.stage = stage

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        photos, errors = [], []
        for upload in files:
            try:
                photos.append(read_upload(upload))
            except ValidationError as exc:
                name = getattr(upload, "name", "") or ""
                errors.extend(f"{name}：{m}" if name else m for m in exc.messages)
        if errors:
            raise ValidationError(errors)
        return photos


def _text(label, *, rows: int = 3, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}))


def _date_field(label, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text,
                           widget=DateInput())


class _Styled:
    """Bootstrap classes on every widget; the cause-class radio buttons are check inputs too."""

    def _style(self) -> None:
        bootstrap(self)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs.setdefault("class", "form-check-input")


class Section:
    """A titled group of fields on an action page."""

    def __init__(self, title, names, note="") -> None:
        self.title, self.names, self.note = title, names, note


# --- reporting ---------------------------------------------------------------------------------


class HazardFieldsForm(_Styled, ServiceErrorsMixin, forms.Form):
    """What a hazard says about itself: shared by the report page and raising from an answer."""

    description = _text(_("隐患描述"), rows=3, required=True,
                        help_text=_("写清什么地方、什么问题，如“二楼安全出口被货物堵塞”"))
    category = forms.ChoiceField(label=_("隐患类别"), choices=HazardCategory.choices,
                                 initial=HazardCategory.OTHER)
    cause_class = forms.ChoiceField(label=_("隐患成因"), choices=CauseClass.choices,
                                    widget=forms.RadioSelect)
    level = forms.ChoiceField(label=_("隐患等级"), choices=HazardLevel.choices,
                              initial=HazardLevel.ORDINARY,
                              help_text=_("危害和整改难度较大、需全部或局部停产停业治理，或因外部因素"
                                          "使单位自身难以排除的，为重大隐患"))
    source = forms.ChoiceField(label=_("来源"), choices=HazardSource.choices)
    source_reference = forms.CharField(label=_("来源说明/文号"), required=False, max_length=200,
                                       help_text=_("上级交办的隐患须填写交办文号"))
    location = forms.CharField(label=_("具体位置"), required=False, max_length=255)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not self.is_bound:
            self.fields["source"].initial = default_source(user)
        self._style()

    def cause_choices(self) -> list[tuple[str, str, str, bool]]:
        """(value, label, help, checked) of each cause class, for the radio buttons with help."""
        current = str(self["cause_class"].value() or "")
        return [(value, label, CAUSE_HELP.get(value, ""), value == current)
                for value, label in CauseClass.choices]

    def hazard_data(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in (
            "description", "category", "cause_class", "level", "source", "source_reference",
            "location")}


class HazardReportForm(HazardFieldsForm):
    """上报隐患: a unit the user may report on, the hazard and its discovery photos."""

    unit = forms.ModelChoiceField(label=_("单位/场所"), queryset=None,
                                  empty_label=_("请选择单位/场所"))
    photos = PhotoField(stage=PhotoStage.DISCOVERY, label=_("隐患照片"),
                        help_text=_("可一次选多张；手机上会打开相机。上级交办的隐患可不传照片。"))

    field_order = ["unit", "description", "cause_class", "category", "level", "source",
                   "source_reference", "location", "photos"]

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = units
        field.label_from_instance = lambda u: f"{u.name}（{u.region.name}）"

    def staged_photos(self) -> list[StagedPhoto]:
        return [StagedPhoto(p, PhotoStage.DISCOVERY) for p in self.cleaned_data.get("photos") or []]


class RaiseFromAnswerForm(HazardFieldsForm):
    """Raising a hazard from a non-conforming inspection answer: the pre-filled fields, editable."""


# --- workflow actions --------------------------------------------------------------------------


class HazardActionForm(_Styled, ServiceErrorsMixin, forms.Form):
    """Base of the action forms: the hazard, the version the user saw, photo fields by stage."""

    action: str = ""
    version = forms.IntegerField(widget=forms.HiddenInput)
    photo_stages: dict[str, str] = {}  # photo field name -> PhotoStage
    submit_label = _("确定")
    intro = ""

    def __init__(self, *args, hazard: Hazard, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", hazard.version)
        super().__init__(*args, **kwargs)
        self.hazard = hazard
        self.setup()
        self._style()

    def setup(self) -> None:
        """Adjust the fields to the hazard (subclasses)."""

    def sections(self) -> list[Section]:
        return [Section("", [n for n in self.fields if n != "version"])]

    def bound_sections(self) -> list[tuple[str, str, list]]:
        return [(s.title, s.note, [self[n] for n in s.names if n in self.fields])
                for s in self.sections() if any(n in self.fields for n in s.names)]

    def service_data(self) -> dict:
        """The cleaned values the service reads; numbers as text, because the handlers read a
        value with `data.get(name) or ""`, which would take an amount of 0 for a blank."""
        skip = {"version", *self.photo_stages}
        return {k: str(v) if isinstance(v, Decimal | int) and not isinstance(v, bool) else v
                for k, v in self.cleaned_data.items() if k not in skip}

    def staged_photos(self) -> list[StagedPhoto]:
        return [StagedPhoto(photo, stage) for name, stage in self.photo_stages.items()
                for photo in self.cleaned_data.get(name) or []]

    def _add_dossier_fields(self, *, note) -> None:
        """一患一档 report, six-item governance plan and 挂牌督办 (pre-filled with what is kept)."""
        labels = {name: Hazard._meta.get_field(name).verbose_name
                  for name in (*MAJOR_REPORT_FIELDS, *GOVERNANCE_PLAN_FIELDS)}
        for name in (*MAJOR_REPORT_FIELDS, *GOVERNANCE_PLAN_FIELDS):
            self.fields[name] = _text(labels[name], rows=2)
            self.fields[name].initial = getattr(self.hazard, name)
        self.fields["supervision_authority"] = forms.CharField(
            label=_("挂牌督办单位"), required=False, max_length=120,
            initial=self.hazard.supervision_authority,
            help_text=_("如“××镇安全生产委员会”"))
        self.fields["listed_on"] = _date_field(_("挂牌日期"))
        self.fields["listed_on"].initial = self.hazard.listed_on or timezone.localdate()
        self.dossier_note = note

    def dossier_sections(self) -> list[Section]:
        if "plan_goal" not in self.fields:
            return []
        return [
            Section(_("重大隐患报告（一患一档）"), list(MAJOR_REPORT_FIELDS), self.dossier_note),
            Section(_("治理方案（六项内容）"), list(GOVERNANCE_PLAN_FIELDS)),
            Section(_("挂牌督办"), ["supervision_authority", "listed_on"]),
        ]


class AssignForm(HazardActionForm):
    action = A.ASSIGN
    submit_label = _("交办")
    measures = _text(_("整改措施"), required=True)
    responsible_party = forms.ChoiceField(label=_("整改责任方"), choices=ResponsibleParty.choices,
                                          initial=ResponsibleParty.UNIT,
                                          help_text=_("由该责任方签收并提交整改"))
    responsible_person = forms.CharField(label=_("整改责任人"), max_length=100)
    responsible_phone = forms.CharField(label=_("责任人电话"), required=False, max_length=30)
    deadline = _date_field(_("整改期限（日期）"))
    deadline_workdays = forms.IntegerField(label=_("或：整改时限（工作日）"), required=False,
                                           min_value=1, max_value=365, help_text=WORKDAYS_HELP)
    funds = forms.DecimalField(label=_("整改资金（元）"), min_value=0,
                               max_digits=14, decimal_places=2,
                               help_text=_("预计投入；没有投入填 0"))
    contingency_plan = _text(_("应急预案/防范措施"), required=True,
                             help_text=_("整改完成前保证安全的措施"))

    def setup(self) -> None:
        unit = self.hazard.unit
        self.fields["responsible_person"].initial = unit.principal
        self.fields["responsible_phone"].initial = unit.principal_phone
        self.fields["deadline"].widget.attrs["min"] = timezone.localdate().isoformat()
        if self.hazard.level == HazardLevel.MAJOR:
            self._add_dossier_fields(note=_("重大隐患交办时须同时填写隐患报告、治理方案和挂牌督办单位。"))

    def sections(self) -> list[Section]:
        return [Section(_("五落实"), ["measures", "responsible_party", "responsible_person",
                                     "responsible_phone", "deadline", "deadline_workdays",
                                     "funds", "contingency_plan"]),
                *self.dossier_sections()]


class FixOnSpotForm(HazardActionForm):
    action = A.FIX_ON_SPOT
    submit_label = _("登记立即整改并销号")
    intro = _("一般隐患当场整改完毕的，上传整改前、后照片后直接销号。")
    rectification_note = _text(_("整改情况"), required=True)
    photos = PhotoField(stage=PhotoStage.AFTER, label=_("整改后照片"), required=True)
    photo_stages = {"photos": PhotoStage.AFTER, "before_photos": PhotoStage.BEFORE}

    def setup(self) -> None:
        has_before = self.hazard.photos.filter(
            stage__in=[PhotoStage.DISCOVERY, PhotoStage.BEFORE]).exists()
        if not has_before:
            self.fields["before_photos"] = PhotoField(stage=PhotoStage.BEFORE,
                                                      label=_("整改前照片"), required=True)


class AcknowledgeForm(HazardActionForm):
    action = A.ACKNOWLEDGE
    submit_label = _("签收")
    intro = _("签收后隐患进入“整改中”，请按期完成整改并提交整改情况。")
    comment = _text(_("说明"), rows=2)


class ExtendDeadlineForm(HazardActionForm):
    action = A.EXTEND_DEADLINE
    submit_label = _("延期")
    deadline = _date_field(_("新的整改期限（日期）"))
    deadline_workdays = forms.IntegerField(label=_("或：自今日起工作日数"), required=False,
                                           min_value=1, max_value=365, help_text=WORKDAYS_HELP)
    reason = _text(_("延期原因"), rows=2, required=True)

    def setup(self) -> None:
        if self.hazard.deadline:
            self.fields["deadline"].widget.attrs["min"] = self.hazard.deadline.isoformat()


class InterimMeasuresForm(HazardActionForm):
    action = A.INTERIM_MEASURES
    submit_label = _("保存临时措施")
    intro = _("暂时无法整改完毕的，记录整改期间保证安全的临时措施。")
    interim_measures = _text(_("临时安全措施"), required=True)

    def setup(self) -> None:
        self.fields["interim_measures"].initial = self.hazard.interim_measures


class SubmitForm(HazardActionForm):
    action = A.SUBMIT
    submit_label = _("提交验收")
    rectification_note = _text(_("整改情况"), required=True)
    funds_spent = forms.DecimalField(label=_("实际投入资金（元）"), min_value=0,
                                     max_digits=14, decimal_places=2, help_text=_("没有投入填 0"))
    photos = PhotoField(stage=PhotoStage.AFTER, label=_("整改后照片"), required=True)
    photo_stages = {"photos": PhotoStage.AFTER}


class AcceptForm(HazardActionForm):
    action = A.ACCEPT
    submit_label = _("验收通过并销号")
    acceptance_opinion = _text(_("验收意见"), required=True)
    acceptance_panel = forms.CharField(label=_("验收组成员"), required=False, max_length=255,
                                       help_text=PANEL_HELP)
    photos = PhotoField(stage=PhotoStage.ACCEPTANCE, label=_("验收照片（可选）"))
    photo_stages = {"photos": PhotoStage.ACCEPTANCE}

    def setup(self) -> None:
        if self.hazard.level == HazardLevel.MAJOR:
            field = self.fields["acceptance_panel"]
            field.label = _("验收组成员（重大隐患必填）")
            field.widget.attrs["required"] = True
        if self.hazard.listed_on and not self.hazard.lifted_on:
            self.intro = _("验收通过后自动摘牌（解除挂牌督办）。")


class RejectForm(HazardActionForm):
    action = A.REJECT
    submit_label = _("验收不通过，退回整改")
    reason = _text(_("不通过原因"), required=True)


class RegradeForm(HazardActionForm):
    action = A.REGRADE
    submit_label = _("调整等级")
    level = forms.ChoiceField(label=_("新等级"), choices=HazardLevel.choices)
    reason = _text(_("调整原因"), rows=2, required=True)

    def setup(self) -> None:
        other = [v for v in HazardLevel.values if v != self.hazard.level]
        self.fields["level"].initial = other[0] if other else ""
        if self.hazard.level == HazardLevel.ORDINARY and self.hazard.assigned_at:
            self._add_dossier_fields(note=_("已交办的隐患调整为重大隐患时，须补充隐患报告、治理方案和挂牌督办单位。"))
        elif self.hazard.listed_on and not self.hazard.lifted_on:
            self.intro = _("调整为一般隐患后自动摘牌（解除挂牌督办）。")

    def sections(self) -> list[Section]:
        return [Section("", ["level", "reason"]), *self.dossier_sections()]


class CancelForm(HazardActionForm):
    action = A.CANCEL
    submit_label = _("撤销隐患")
    cancel_reason = forms.ChoiceField(label=_("撤销原因"), choices=CancelReason.choices,
                                      widget=forms.RadioSelect)
    cancel_note = forms.CharField(label=_("撤销说明"), required=False, max_length=255)


class EscalateForm(HazardActionForm):
    action = A.ESCALATE
    submit_label = _("督促升级")
    intro = _("逾期隐患按 提醒 → 通报 → 约谈 → 督办 逐级督促；通报、约谈、督办须填写文号。")
    step = forms.ChoiceField(label=_("督促级别"), choices=EscalationStep.choices)
    document_number = forms.CharField(label=_("文号"), required=False, max_length=60)
    comment = _text(_("说明"), rows=2)

    def setup(self) -> None:
        current = self.hazard.escalation
        if current in ESCALATION_ORDER:
            index = ESCALATION_ORDER.index(current)
            self.fields["step"].choices = [c for c in EscalationStep.choices
                                           if ESCALATION_ORDER.index(c[0]) >= index]
            self.fields["step"].initial = ESCALATION_ORDER[min(index + 1, len(ESCALATION_ORDER) - 1)]


ACTION_FORMS: dict[str, type[HazardActionForm]] = {form.action: form for form in (
    AssignForm, FixOnSpotForm, AcknowledgeForm, ExtendDeadlineForm, InterimMeasuresForm,
    SubmitForm, AcceptForm, RejectForm, RegradeForm, CancelForm, EscalateForm,
)}
