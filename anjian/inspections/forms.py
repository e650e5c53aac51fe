"""Forms of the inspection pages. They type-check input and show the services' Chinese messages;
the rules live in `inspections.services`.

The record form is two parts: `RecordForm` for the record's own fields and `AnswerSet` for the
checklist's answers (one group of inputs per item, named `a<item id>-…`), which also reads the
photos with `read_upload` so a bad file is reported at its item before anything is saved.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anjian.accounts.choices import Duty
from anjian.accounts.models import Person
from anjian.core.forms import DateInput, DateTimeInput, ServiceErrorsMixin, bootstrap
from anjian.core.photos import PhotoData, read_upload
from anjian.inspections import services
from anjian.inspections.choices import (
    AnswerType,
    CauseClass,
    HazardCategory,
    PlanKind,
    Verdict,
)
from anjian.inspections.models import (
    ChecklistItem,
    ChecklistTemplate,
    LeaderInspectionRule,
    RiskFrequency,
)
from anjian.inspections.services import AnswerInput
from anjian.regions.models import Organisation, Region
from anjian.units.choices import Category, RiskLevel, Subcategory

MAX_PHOTOS_PER_ITEM = 9
MAX_SIGNATURE_CHARS = 400_000  # a finger signature on a phone canvas is a few tens of kB
SIGNATURE_PREFIX = "data:image/png;base64,"
_KEY_RE = re.compile(r"^[0-9a-f]{32}$")


def region_label(region: Region) -> str:
    return "　" * max(region.level - 1, 0) + region.name


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


# The record ----------------------------------------------------------------------------------------

class RecordForm(ServiceErrorsMixin, forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    kind = forms.ChoiceField(label=gettext_lazy("检查类型"), choices=PlanKind.choices)
    inspected_at = forms.DateTimeField(
        label=gettext_lazy("检查时间"),
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M",
                       "%Y-%m-%d %H:%M:%S"])
    location = forms.CharField(label=gettext_lazy("检查地点"), max_length=255, required=False)
    latitude = forms.DecimalField(widget=forms.HiddenInput, required=False, max_digits=9,
                                  decimal_places=6, min_value=-90, max_value=90)
    longitude = forms.DecimalField(widget=forms.HiddenInput, required=False, max_digits=9,
                                   decimal_places=6, min_value=-180, max_value=180)
    inspectors = forms.ModelMultipleChoiceField(
        label=gettext_lazy("检查人员"), queryset=Person.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}))
    inspector_names = forms.CharField(
        label=gettext_lazy("检查人员姓名"), max_length=200, required=False,
        help_text=gettext_lazy("不填则用所选检查人员或您自己的姓名"))
    leader = forms.ModelChoiceField(label=gettext_lazy("带队领导"), queryset=Person.objects.none(),
                                    required=False, empty_label=gettext_lazy("（无）"))
    summary = forms.CharField(label=gettext_lazy("检查情况"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    signature = forms.CharField(widget=forms.HiddenInput, required=False,
                                max_length=MAX_SIGNATURE_CHARS)
    signature_name = forms.CharField(label=gettext_lazy("签名人姓名"), max_length=50,
                                     required=False)

    def __init__(self, *args, user, unit, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.unit, self.task = user, unit, task
        near = unit.region.ancestor_ids  # the unit's grid, village, town, county
        visible = Person.objects.for_user(user).filter(is_active=True)
        own = Q(pk=user.person_id) if getattr(user, "person_id", None) else Q(pk__in=[])
        self.fields["inspectors"].queryset = (
            Person.objects.filter(Q(pk__in=visible.filter(region_id__in=near).values("pk")) | own)
            .select_related("organisation").order_by("region__path", "name"))
        # Leaders of the unit's town (or above) lead inspections there, whether or not the user
        # may browse the people registry (a grid worker may not).
        self.fields["leader"].queryset = (
            Person.objects.filter(duty=Duty.LEADER, is_active=True)
            .filter(Q(region_id__in=near) | Q(pk__in=visible.values("pk")))
            .order_by("region__path", "name"))
        if task is not None:
            del self.fields["kind"]  # the plan decides
        self.fields["location"].widget.attrs["placeholder"] = unit.address
        bootstrap(self)

    def clean_idempotency_key(self) -> str:
        key = self.cleaned_data["idempotency_key"].strip().lower()
        if not _KEY_RE.match(key):
            raise ValidationError(_("表单已失效，请刷新页面后重新填写"))
        return key

    def clean_inspected_at(self):
        value = self.cleaned_data["inspected_at"]
        if value > timezone.now() + dt.timedelta(minutes=10):
            raise ValidationError(_("检查时间不能晚于现在"))
        return value

    def clean_signature(self) -> str:
        value = self.cleaned_data.get("signature", "").strip()
        if not value:
            return ""
        if not value.startswith(SIGNATURE_PREFIX):
            raise ValidationError(_("签名图像无效，请重新签名"))
        try:
            raw = base64.b64decode(value[len(SIGNATURE_PREFIX):], validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError(_("签名图像无效，请重新签名")) from None
        if not raw.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValidationError(_("签名图像无效，请重新签名"))
        return value

    def clean(self):
        data = super().clean()
        if not data.get("signature") and not (data.get("signature_name") or "").strip():
            self.add_error("signature_name", _("请在签名框内签名，或填写签名人姓名"))
        return data

    def service_data(self) -> dict:
        """The `data` of services.record_submit."""
        d = self.cleaned_data
        names = (d.get("inspector_names") or "").strip()
        if not names and d.get("inspectors"):
            names = "、".join(p.name for p in d["inspectors"])
        data = {
            "inspected_at": d["inspected_at"], "location": d.get("location") or "",
            "latitude": d.get("latitude"), "longitude": d.get("longitude"),
            "inspectors": list(d.get("inspectors") or []), "leader": d.get("leader"),
            "summary": d.get("summary") or "",
            "signature": d.get("signature") or (d.get("signature_name") or "").strip(),
            "task": self.task,
        }
        if names:
            data["inspector_names"] = names
        if self.task is None:
            data["kind"] = d["kind"]
        return data


@dataclass
class AnswerRow:
    """One checklist item on the record form: what was entered and what is wrong with it."""

    item: ChecklistItem
    verdict: str = ""
    number: str = ""
    text: str = ""
    note: str = ""
    raise_hazard: bool = True
    had_photos: bool = False
    photos: list[PhotoData] = field(default_factory=list, repr=False)
    errors: list[str] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return f"a{self.item.pk}"

    @property
    def is_verdict(self) -> bool:
        return self.item.answer_type == AnswerType.VERDICT

    @property
    def nonconforming(self) -> bool:
        return self.verdict == Verdict.NONCONFORMS


VERDICT_CHOICES = [(Verdict.CONFORMS, "success"), (Verdict.NONCONFORMS, "danger"),
                   (Verdict.NOT_APPLICABLE, "secondary")]


class AnswerSet:
    """The answers of one record form, one `AnswerRow` per checklist item, in item order."""

    def __init__(self, items, data=None, files=None) -> None:
        self.bound = data is not None
        self.rows = [AnswerRow(item) for item in items]
        if self.bound:
            for row in self.rows:
                self._read(row, data, files or {})

    def _read(self, row: AnswerRow, data, files) -> None:
        p, item = row.prefix, row.item
        row.verdict = (data.get(f"{p}-verdict") or "").strip()
        row.number = (data.get(f"{p}-number") or "").strip()
        row.text = (data.get(f"{p}-text") or "").strip()
        row.note = (data.get(f"{p}-note") or "").strip()
        row.raise_hazard = bool(data.get(f"{p}-hazard"))
        uploads = [f for f in files.getlist(f"{p}-photos") if getattr(f, "size", 1)] \
            if hasattr(files, "getlist") else []
        row.had_photos = bool(uploads)
        kind = item.answer_type
        if kind == AnswerType.VERDICT:
            if row.verdict and row.verdict not in Verdict.values:
                row.errors.append(_("请选择有效的检查结论"))
            elif item.required and not row.verdict:
                row.errors.append(_("请选择检查结论"))
        elif kind == AnswerType.NUMBER:
            if row.number:
                try:
                    forms.DecimalField(max_digits=14, decimal_places=3).clean(row.number)
                except ValidationError:
                    row.errors.append(_("请填写有效的数字（最多3位小数）"))
            elif item.required:
                row.errors.append(_("请填写数值"))
        elif kind == AnswerType.TEXT:
            if item.required and not row.text:
                row.errors.append(_("请填写此项"))
        if len(uploads) > MAX_PHOTOS_PER_ITEM:
            row.errors.append(_("每项最多上传 %(n)s 张照片") % {"n": MAX_PHOTOS_PER_ITEM})
            uploads = []
        for upload in uploads:
            try:
                row.photos.append(read_upload(upload))
            except ValidationError as exc:
                name = getattr(upload, "name", "") or _("照片")
                for message in exc.messages:
                    row.errors.append(_("照片“%(name)s”：%(error)s") % {"name": name,
                                                                       "error": message})
        if kind == AnswerType.PHOTO and item.required and not uploads:
            row.errors.append(_("请拍摄或上传照片"))

    def is_valid(self) -> bool:
        return self.bound and not any(row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def had_photos(self) -> bool:
        return any(row.had_photos for row in self.rows)

    @property
    def nonconforming(self) -> int:
        return sum(1 for row in self.rows if row.nonconforming)

    def answers(self) -> list[AnswerInput]:
        """The AnswerInputs of services.record_submit; unanswered optional items are left out."""
        result = []
        for row in self.rows:
            kind = row.item.answer_type
            if kind == AnswerType.VERDICT:
                if not row.verdict and not row.photos:
                    continue
                result.append(AnswerInput(
                    item_id=row.item.pk, verdict=row.verdict, text=row.note, photos=row.photos,
                    raise_hazard=row.raise_hazard and row.nonconforming))
            elif kind == AnswerType.NUMBER:
                if not row.number:
                    continue
                result.append(AnswerInput(item_id=row.item.pk, number=Decimal(row.number),
                                          text=row.note, photos=row.photos))
            elif kind == AnswerType.TEXT:
                if not row.text and not row.photos:
                    continue
                result.append(AnswerInput(item_id=row.item.pk, text=row.text, photos=row.photos))
            elif row.photos or row.note:
                result.append(AnswerInput(item_id=row.item.pk, text=row.note, photos=row.photos))
        return result


# Checklist templates ---------------------------------------------------------------------------

class TemplateCopyForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("新检查表名称"), max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class TemplateForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=120)
    description = forms.CharField(label=gettext_lazy("说明"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    categories = forms.MultipleChoiceField(
        label=gettext_lazy("适用类别"), choices=Category.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    subcategories = forms.MultipleChoiceField(
        label=gettext_lazy("适用子类"), choices=Subcategory.choices, required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text=gettext_lazy("选了子类的检查表优先用于这些子类的对象；按住 Ctrl 可多选"))

    def __init__(self, *args, template: ChecklistTemplate | None = None, **kwargs):
        if template is not None:
            kwargs.setdefault("initial", {
                "name": template.name, "description": template.description,
                "categories": template.categories, "subcategories": template.subcategories})
        super().__init__(*args, **kwargs)
        bootstrap(self)


class ItemForm(forms.Form):
    section = forms.CharField(label=gettext_lazy("检查项目"), max_length=60, required=False)
    text = forms.CharField(label=gettext_lazy("检查内容"), max_length=300, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    answer_type = forms.ChoiceField(label=gettext_lazy("答案类型"), choices=AnswerType.choices,
                                    initial=AnswerType.VERDICT)
    required = forms.BooleanField(label=gettext_lazy("必填"), required=False, initial=True)
    hazard_category = forms.ChoiceField(label=gettext_lazy("隐患类别"),
                                        choices=HazardCategory.choices,
                                        initial=HazardCategory.OTHER)
    cause_class = forms.ChoiceField(label=gettext_lazy("隐患成因"), choices=CauseClass.choices,
                                    initial=CauseClass.UNSAFE_CONDITION)
    hazard_text = forms.CharField(label=gettext_lazy("不符合时的隐患描述"), max_length=300,
                                  required=False)
    basis = forms.CharField(label=gettext_lazy("依据"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class BaseItemFormSet(forms.BaseFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "ORDER" in form.fields:
            form.fields["ORDER"].widget.attrs.update({"class": "form-control", "min": 1})
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs.update({"class": "form-check-input"})

    def items(self) -> list[dict]:
        """The rows to keep, in the order given (rows without text are skipped, deleted ones
        dropped), as the `items` of the template services."""
        kept = []
        for form in self.ordered_forms if self.can_order else self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            data = getattr(form, "cleaned_data", None) or {}
            if not (data.get("text") or "").strip():
                continue
            kept.append({k: data.get(k) for k in ItemForm.base_fields if k in data})
        return kept


ItemFormSet = forms.formset_factory(ItemForm, formset=BaseItemFormSet, extra=2, can_delete=True,
                                    can_order=True, max_num=300, validate_max=True)


def item_initial(template: ChecklistTemplate) -> list[dict]:
    return [{f: getattr(item, f) for f in ItemForm.base_fields} for item in template.items.all()]


# Plans ---------------------------------------------------------------------------------------------

class PlanForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("计划名称"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("检查类型"), choices=PlanKind.choices)
    region = forms.ModelChoiceField(label=gettext_lazy("检查范围"), queryset=Region.objects.none())
    start_date = forms.DateField(label=gettext_lazy("开始日期"),
                                 widget=DateInput())
    end_date = forms.DateField(label=gettext_lazy("结束日期"),
                               widget=DateInput())
    template = forms.ModelChoiceField(
        label=gettext_lazy("检查表"), queryset=ChecklistTemplate.objects.none(), required=False,
        empty_label=gettext_lazy("（按对象类别自动选用）"))
    leader = forms.ModelChoiceField(label=gettext_lazy("带队领导"), queryset=Person.objects.none(),
                                    required=False, empty_label=gettext_lazy("（无）"))
    inspectors = forms.ModelMultipleChoiceField(
        label=gettext_lazy("检查人员"), queryset=Person.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}))
    organisations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("参加单位（联合执法）"), queryset=Organisation.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple)
    categories = forms.MultipleChoiceField(
        label=gettext_lazy("检查对象类别（不选为全部类别）"), choices=Category.choices,
        required=False, widget=forms.CheckboxSelectMultiple)
    description = forms.CharField(label=gettext_lazy("检查要求"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions.filter(level__lte=3).order_by("path")
        self.fields["region"].label_from_instance = region_label
        self.fields["template"].queryset = ChecklistTemplate.objects.filter(is_current=True)
        people = Person.objects.for_user(user).filter(is_active=True)
        self.fields["leader"].queryset = people.filter(duty=Duty.LEADER)
        self.fields["inspectors"].queryset = people.select_related("region")
        self.fields["organisations"].queryset = Organisation.objects.for_user(user).filter(
            is_active=True)
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data[
                "start_date"]:
            self.add_error("end_date", _("结束日期不能早于开始日期"))
        return data


# Filters of the coverage page ------------------------------------------------------------------------

class CoverageForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("起"), required=False,
                            widget=DateInput())
    end = forms.DateField(label=gettext_lazy("止"), required=False,
                          widget=DateInput())
    region = forms.ModelChoiceField(label=gettext_lazy("范围"), queryset=Region.objects.none(),
                                    required=False, empty_label=gettext_lazy("全部"))
    category = forms.ChoiceField(label=gettext_lazy("类别"), required=False,
                                 choices=[("", gettext_lazy("全部类别")), *Category.choices])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.for_user(user).filter(
            level__lte=3).order_by("path")
        self.fields["region"].label_from_instance = region_label
        bootstrap(self)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("结束日期不能早于开始日期"))
        return data


# Frequencies (configurable local practice) ---------------------------------------------------

def _frequency_key(level: str) -> str:
    return f"freq_{level or 'unrated'}"


class FrequencyForm(forms.Form):
    """The risk colours' inspection intervals and the leader rules' intervals and people."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.frequencies = list(RiskFrequency.objects.all())
        labels = dict(RiskLevel.choices)
        for freq in self.frequencies:
            self.fields[_frequency_key(freq.risk_level)] = forms.IntegerField(
                label=labels.get(freq.risk_level) or _("未评级"), min_value=1, max_value=3650,
                initial=freq.interval_days)
        self.rules = list(LeaderInspectionRule.objects.prefetch_related("people"))
        self.visible = Person.objects.for_user(user).filter(is_active=True)
        for rule in self.rules:
            chosen = [p.pk for p in rule.people.all()]
            self.fields[f"rule_{rule.pk}_days"] = forms.IntegerField(
                label=_("周期（天）"), min_value=1, max_value=3650, initial=rule.interval_days)
            self.fields[f"rule_{rule.pk}_people"] = forms.ModelMultipleChoiceField(
                label=_("适用人员"), required=False, initial=chosen,
                queryset=self.visible.filter(Q(duty=Duty.LEADER) | Q(pk__in=chosen)),
                widget=forms.SelectMultiple(attrs={"size": 5}))
        bootstrap(self)

    def frequency_fields(self):
        return [self[_frequency_key(f.risk_level)] for f in self.frequencies]

    def rule_fields(self):
        """(rule, days field, people field, names of its people the user may see) per rule."""
        visible = set(self.visible.values_list("pk", flat=True))
        return [(rule, self[f"rule_{rule.pk}_days"], self[f"rule_{rule.pk}_people"],
                 [p.name for p in rule.people.all() if p.pk in visible]) for rule in self.rules]

    def save(self, actor) -> int:
        """Hand the changes to the service; returns how many rows changed."""
        data = self.cleaned_data
        intervals = {f.risk_level: data[_frequency_key(f.risk_level)] for f in self.frequencies
                     if _frequency_key(f.risk_level) in data}
        rules = {rule.pk: (data.get(f"rule_{rule.pk}_days"), data.get(f"rule_{rule.pk}_people"))
                 for rule in self.rules}
        return services.inspection_rules_update(
            actor=actor, intervals=intervals, rules=rules,
            visible_ids=set(self.visible.values_list("pk", flat=True)))
