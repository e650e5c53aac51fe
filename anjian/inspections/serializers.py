"""Serializers of the inspections API, and the pieces every submission with photos shares.

A submission with photos arrives either as multipart/form-data — its fields as JSON in one form
field (`record`, `hazard`, `data`) or as plain form fields, the photos as files named by the JSON —
or as application/json with each photo inline as base64 (`{"name": …, "data": …}`).
`submission_payload` reads the fields either way and `read_photos` turns the references into
validated `PhotoData` (anjian.core.photos.read_upload), with Chinese messages keyed by where the
reference was. Serializers only parse: the rules are the services'.

These submission helpers serve the hazards API too (hazards may import inspections, not the other
way round).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Sequence

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema_field
from rest_framework import exceptions, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer

from anjian.accounts.models import Person
from anjian.core.photos import PhotoData, read_upload
from anjian.inspections.choices import PlanKind, Verdict
from anjian.inspections.models import (
    ChecklistTemplate,
    InspectionAnswer,
    InspectionPhoto,
    InspectionPlan,
    InspectionRecord,
    InspectionTask,
)
from anjian.inspections.services import AnswerInput, unit_visible, used_template
from anjian.regions.models import Organisation, Region
from anjian.units.models import Unit

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


# --- submissions with photos ----------------------------------------------------------------------

def idempotency_key(request, *, required: bool = True) -> str | None:
    """The request's Idempotency-Key header: 1–64 letters, digits, '_' or '-'."""
    key = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
    if not key:
        if required:
            raise ValidationError({"idempotency_key": [
                _("请在请求头 Idempotency-Key 中提供本次提交的唯一编号（1–64 位字母、数字、_ 或 -），"
                  "重试时使用同一编号")]})
        return None
    if not IDEMPOTENCY_KEY_RE.fullmatch(key):
        raise ValidationError({"idempotency_key": [
            _("Idempotency-Key 只能由 1–64 位字母、数字、_ 或 - 组成")]})
    return key


def submission_payload(request, field: str) -> dict:
    """The submitted fields as a dict: the JSON of form field `field` (multipart), the plain form
    fields, or the JSON body (optionally wrapped as {field: {...}})."""
    data = request.data
    if isinstance(data, QueryDict):  # DRF merges the files into it
        files = request.FILES
        upload = files.get(field)
        raw = upload.read().decode("utf-8", "replace") if upload is not None else data.get(field)
        if raw is not None:
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = None
            if not isinstance(parsed, dict):
                raise ValidationError({field: [_("字段 %(field)s 应为 JSON 对象") % {"field": field}]})
            return parsed
        # Plain form fields; `photos` may repeat, as file parts or as names of file fields.
        payload = {key: data.get(key) for key in data if key not in files and key != "photos"}
        if "photos" in data:
            payload["photos"] = [v for v in data.getlist("photos") if isinstance(v, str)]
            if "photos" in files:
                payload["photos"].append("photos")
        return payload
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": [_("请求内容应为 JSON 对象")]})
    inner = data.get(field)
    if isinstance(inner, dict) and len(data) == 1:
        return inner
    return dict(data)


@extend_schema_field({
    "oneOf": [
        {"type": "string", "description": "multipart: the name of the file field(s) holding it"},
        {"type": "object", "properties": {
            "file": {"type": "string", "description": "multipart: the file field's name"},
            "name": {"type": "string", "description": "JSON: a file name, e.g. p1.jpg"},
            "data": {"type": "string", "format": "byte", "description": "JSON: base64 content"},
            "stage": {"type": "string", "description": "hazards: discovery, before, after, acceptance"},
        }},
    ]
})
class PhotoRefField(serializers.Field):
    """One photo: a multipart file field's name, or {"file": name} / {"name", "data"} (base64),
    optionally with a "stage" (hazard photos)."""

    default_error_messages = {
        "invalid": gettext_lazy("照片应为文件字段名，或包含 name 和 data（Base64）的对象"),
    }

    def to_internal_value(self, value):
        if isinstance(value, str) and value.strip():
            return {"file": value.strip()}
        if isinstance(value, dict):
            ref = {k: value[k] for k in ("file", "name", "data", "stage") if value.get(k)}
            if isinstance(ref.get("file"), str) or isinstance(ref.get("data"), str):
                return ref
        self.fail("invalid")

    def to_representation(self, value):
        return value


def code_field(choices, **kwargs) -> serializers.ChoiceField:
    """A ChoiceField documented as a string listing its codes rather than as an enum component.

    drf-spectacular names enum components by field name: a choice set used by several components
    under a name another choice set also uses ("kind", "category", "level") gets a hashed name and
    a warning, which fails `spectacular --fail-on-warn`. One component per choice set keeps the
    enum; the others use this. (settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] would be the
    alternative.)"""
    codes = ", ".join(str(value) for value, _label in choices)
    field_class = extend_schema_field({"type": "string", "description": f"one of: {codes}"})(
        type("CodeField", (serializers.ChoiceField,), {}))
    return field_class(choices=choices, **kwargs)


_PHOTO_REF = PhotoRefField()


def photo_refs_field(**kwargs) -> serializers.ListField:
    return serializers.ListField(child=PhotoRefField(), required=False, default=list,
                                 max_length=30, **kwargs)


def _decode_base64(text: str) -> bytes:
    if text.startswith("data:") and "," in text:  # a data URL
        text = text.split(",", 1)[1]
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise DjangoValidationError(_("照片数据不是有效的 Base64 编码")) from None


def read_photos(request, refs: Sequence[dict]) -> tuple[list[tuple[PhotoData, dict]], list[str]]:
    """Validate each referenced photo; ([(photo, ref)], [error messages])."""
    photos, errors = [], []
    for ref in refs:
        try:
            if "data" in ref:
                photos.append((read_upload(_decode_base64(ref["data"])), ref))
                continue
            files = request.FILES.getlist(ref["file"]) if hasattr(request, "FILES") else []
            if not files:
                raise DjangoValidationError(
                    _("未找到名为“%(name)s”的照片文件") % {"name": ref["file"]})
            for upload in files:
                photos.append((read_upload(upload), ref))
        except DjangoValidationError as exc:
            label = ref.get("file") or ref.get("name") or ""
            errors.extend(f"{label}：{m}" if label else m for m in exc.messages)
    return photos, errors


class Conflict(exceptions.APIException):
    """409: the request conflicts with what is stored (a reused Idempotency-Key, a stale version)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("与已有记录冲突，未作任何修改")
    default_code = "conflict"


class JPEGRenderer(BaseRenderer):
    """Lets a client that asks for image/jpeg reach the photo endpoints (they answer with the
    stamped JPEG themselves); an error is still sent as JSON."""

    media_type = "image/jpeg"
    format = "jpg"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return JSONRenderer().render(data)


PHOTO_ID = OpenApiParameter("photo_id", OpenApiTypes.INT, OpenApiParameter.PATH)
PHOTO_RESPONSE = {(200, "image/jpeg"): OpenApiResponse(OpenApiTypes.BINARY,
                                                       description="the stamped photo")}
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER, OpenApiTypes.STR, OpenApiParameter.HEADER, required=True,
    description="1–64 characters [A-Za-z0-9_-], unique per submission; repeat it on a retry")


# --- plans and tasks ------------------------------------------------------------------------------

class InspectionPlanSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    task_count = serializers.IntegerField(read_only=True, default=None,
                                          help_text="tasks of the plan (列表中提供)")

    class Meta:
        model = InspectionPlan
        fields = ["id", "name", "kind", "region", "region_name", "categories", "template",
                  "start_date", "end_date", "inspectors", "organisations", "leader", "description",
                  "status", "task_count", "created_at"]
        read_only_fields = ["status", "created_at"]
        extra_kwargs = {"inspectors": {"required": False}, "organisations": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is not None and "region" in self.fields:
            self.fields["region"].queryset = Region.objects.for_user(user)
            self.fields["leader"].queryset = Person.objects.for_user(user)
            self.fields["inspectors"].child_relation.queryset = Person.objects.for_user(user)
            self.fields["organisations"].child_relation.queryset = \
                Organisation.objects.for_user(user)


class InspectionTaskSerializer(serializers.ModelSerializer):
    plan_name = serializers.CharField(source="plan.name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = InspectionTask
        fields = ["id", "plan", "plan_name", "unit", "unit_name", "assignee", "due_date", "status"]
        read_only_fields = fields


# --- records --------------------------------------------------------------------------------------

class HazardOverridesSerializer(serializers.Serializer):
    """Fields of the hazard raised from a non-conforming answer that override the checklist item's
    pre-filled values."""

    description = serializers.CharField(required=False)
    cause_class = serializers.CharField(required=False)
    category = serializers.CharField(required=False)
    level = serializers.CharField(required=False)
    source = serializers.CharField(required=False)
    source_reference = serializers.CharField(required=False, max_length=200)
    location = serializers.CharField(required=False, max_length=255)


class AnswerSubmissionSerializer(serializers.Serializer):
    item = serializers.IntegerField(label=gettext_lazy("检查项"))
    verdict = serializers.ChoiceField(label=gettext_lazy("结论"), choices=Verdict.choices,
                                      required=False, allow_blank=True, default="")
    number = serializers.CharField(label=gettext_lazy("数值"), required=False, allow_blank=True,
                                   allow_null=True, default=None)
    text = serializers.CharField(label=gettext_lazy("说明"), required=False, allow_blank=True,
                                 default="")
    raise_hazard = serializers.BooleanField(label=gettext_lazy("生成隐患"), required=False,
                                            default=False)
    hazard = HazardOverridesSerializer(required=False, default=dict)
    photos = photo_refs_field(label=gettext_lazy("照片"))


class RecordSubmissionSerializer(serializers.Serializer):
    """One whole inspection record as submitted (the JSON of the multipart field `record`, or the
    JSON body)."""

    unit = serializers.PrimaryKeyRelatedField(label=gettext_lazy("检查对象"),
                                              queryset=Unit.objects.none())
    kind = code_field(PlanKind.choices, label=gettext_lazy("检查类型"), required=False,
                      allow_blank=True)
    plan = serializers.PrimaryKeyRelatedField(label=gettext_lazy("检查计划"), required=False,
                                              allow_null=True,
                                              queryset=InspectionPlan.objects.none())
    task = serializers.PrimaryKeyRelatedField(label=gettext_lazy("检查任务"), required=False,
                                              allow_null=True,
                                              queryset=InspectionTask.objects.none())
    template = serializers.PrimaryKeyRelatedField(label=gettext_lazy("检查表"), required=False,
                                                  allow_null=True,
                                                  queryset=ChecklistTemplate.objects.all())
    inspected_at = serializers.DateTimeField(label=gettext_lazy("检查时间"), required=False,
                                             allow_null=True)
    latitude = serializers.DecimalField(label=gettext_lazy("纬度"), max_digits=9,
                                        decimal_places=6, min_value=-90, max_value=90,
                                        required=False, allow_null=True)
    longitude = serializers.DecimalField(label=gettext_lazy("经度"), max_digits=9,
                                         decimal_places=6, min_value=-180, max_value=180,
                                         required=False, allow_null=True)
    location = serializers.CharField(label=gettext_lazy("检查地点"), max_length=255,
                                     required=False, allow_blank=True)
    summary = serializers.CharField(label=gettext_lazy("检查情况"), required=False,
                                    allow_blank=True)
    signature = serializers.CharField(label=gettext_lazy("签名"), required=False,
                                      allow_blank=True, max_length=200_000)
    inspector_names = serializers.CharField(label=gettext_lazy("检查人员姓名"), max_length=200,
                                            required=False, allow_blank=True)
    answers = AnswerSubmissionSerializer(many=True, required=False, default=list)
    photos = photo_refs_field(label=gettext_lazy("照片"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context.get("actor")
        if user is not None:
            # Only what the user may see; another id reads as "does not exist".
            self.fields["unit"].queryset = Unit.objects.for_user(user)
            self.fields["plan"].queryset = InspectionPlan.objects.for_user(user)
            self.fields["task"].queryset = InspectionTask.objects.for_user(user).select_related(
                "plan")

    def record_data(self) -> dict:
        return record_data(self.validated_data)

    def answer_inputs(self, photos_of: dict[int, list[PhotoData]]) -> list[AnswerInput]:
        return answer_inputs(self.validated_data, photos_of)


RECORD_FIELDS = ("kind", "plan", "task", "template", "inspected_at", "latitude", "longitude",
                 "location", "summary", "signature", "inspector_names")


def record_data(validated: dict) -> dict:
    return {name: validated[name] for name in RECORD_FIELDS
            if validated.get(name) not in (None, "")}


def answer_inputs(validated: dict, photos_of: dict[int, list[PhotoData]]) -> list[AnswerInput]:
    return [AnswerInput(item_id=a["item"], verdict=a["verdict"], number=a["number"],
                        text=a["text"], raise_hazard=a["raise_hazard"], hazard=dict(a["hazard"]),
                        photos=photos_of.get(i, []))
            for i, a in enumerate(validated["answers"])]


class _NotPlain(Exception):
    """Something quick_record_submission leaves to RecordSubmissionSerializer."""


_RECORD_SCALARS = ("kind", "inspected_at", "latitude", "longitude", "location", "summary",
                   "signature", "inspector_names")
_ANSWER_SCALARS = ("verdict", "number", "text", "raise_hazard")


def _pk(value) -> int:
    if type(value) is int and value > 0:
        return value
    if type(value) is str and value.isascii() and value.isdigit():
        return int(value)
    raise _NotPlain


def _field(fields: dict, name: str, value):
    """`value` through the serializer's own field (its rules, its normalisation)."""
    try:
        return fields[name].run_validation(value)
    except (ValidationError, DjangoValidationError):
        raise _NotPlain from None


def _photo_refs(value) -> list:
    if type(value) is not list or len(value) > 30:
        raise _NotPlain
    refs = []
    for ref in value:
        if type(ref) is str and ref.strip():
            refs.append({"file": ref.strip()})
        else:
            try:
                refs.append(_PHOTO_REF.to_internal_value(ref))
            except ValidationError:
                raise _NotPlain from None
    return refs


def _hazard_overrides(value) -> dict:
    if type(value) is not dict:
        raise _NotPlain
    fields = HazardOverridesSerializer._declared_fields
    return {name: _field(fields, name, value[name]) for name in fields if name in value}


def quick_record_submission(payload: dict, actor) -> dict | None:
    """RecordSubmissionSerializer's validated data for the common submission — a unit, optionally a
    checklist version, plain values and answers — checked by the same fields' own rules with plain
    Python instead of the nested serializers (several milliseconds less for 10 answers, on the hot
    path of every phone); None for anything else (a plan, a task, a value a field refuses, an id
    that is not found), which the caller then validates with RecordSubmissionSerializer, so every
    error keeps its message."""
    try:
        if payload.get("plan") is not None or payload.get("task") is not None:
            raise _NotPlain
        fields = RecordSubmissionSerializer._declared_fields
        data: dict = {name: _field(fields, name, payload[name])
                      for name in _RECORD_SCALARS if name in payload}
        answers = payload.get("answers", [])
        if type(answers) is not list:
            raise _NotPlain
        answer_fields = AnswerSubmissionSerializer._declared_fields
        data["answers"] = []
        for given in answers:
            if type(given) is not dict:
                raise _NotPlain
            answer = {"item": _pk(given.get("item")), "verdict": "", "number": None, "text": "",
                      "raise_hazard": False}
            for name in _ANSWER_SCALARS:
                if name in given:
                    answer[name] = _field(answer_fields, name, given[name])
            answer["hazard"] = _hazard_overrides(given["hazard"]) if "hazard" in given else {}
            answer["photos"] = _photo_refs(given["photos"]) if "photos" in given else []
            data["answers"].append(answer)
        data["photos"] = _photo_refs(payload["photos"]) if "photos" in payload else []
        template = payload.get("template")
        if template is not None:
            pk = _pk(template)
            data["template"] = (used_template(pk)
                                or ChecklistTemplate.objects.filter(pk=pk).first())
            if data["template"] is None:
                raise _NotPlain
        unit = unit_visible(actor, _pk(payload.get("unit")))
        if unit is None:
            raise _NotPlain
        data["unit"] = unit
    except _NotPlain:
        return None
    return data


class RecordMultipartSerializer(serializers.Serializer):
    """multipart/form-data: the record as JSON plus the photo files it names."""

    record = serializers.CharField(help_text="RecordSubmission as JSON; its photos name file fields "
                                             "of this form")
    files = serializers.ListField(child=serializers.FileField(), required=False,
                                  help_text="photo files, under the field names the JSON gives")


def photo_url(request, name: str, parent_pk: int, photo_pk: int) -> str:
    path = reverse(name, kwargs={"pk": parent_pk, "photo_id": photo_pk})
    return request.build_absolute_uri(path) if request is not None else path


class InspectionPhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="the photo with its evidence stamp (JPEG)")

    class Meta:
        model = InspectionPhoto
        fields = ["id", "answer", "url", "sha256", "content_type", "size", "width", "height",
                  "taken_at", "received_at", "place", "photographer"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, photo) -> str:
        return photo_url(self.context.get("request"), "inspection-record-photo", photo.record_id,
                         photo.pk)


class InspectionAnswerSerializer(serializers.ModelSerializer):
    order = serializers.IntegerField(source="item.order", read_only=True)
    item_text = serializers.CharField(source="item.text", read_only=True)
    photos = serializers.SerializerMethodField()

    class Meta:
        model = InspectionAnswer
        fields = ["id", "item", "order", "item_text", "verdict", "number", "text", "photos"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_photos(self, answer) -> list[int]:
        """Ids of the answer's photos (in the record's `photos`)."""
        return [p.pk for p in self.context.get("photos_by_answer", {}).get(answer.pk, [])]


class InspectionRecordSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    kind = code_field(PlanKind.choices, read_only=True)

    class Meta:
        model = InspectionRecord
        fields = ["id", "unit", "unit_name", "kind", "plan", "task", "template", "inspected_at",
                  "inspector_names", "leader", "latitude", "longitude", "location", "summary",
                  "nonconforming_count", "created_by", "created_at"]
        read_only_fields = fields


class ReceiptAnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    item = serializers.IntegerField()


class ReceiptPhotoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    answer = serializers.IntegerField(allow_null=True)
    url = serializers.URLField(help_text="the photo with its evidence stamp (JPEG)")


class RecordReceiptSerializer(serializers.Serializer):
    """What a submission answers (201, or 200 for a retry): the record's id and those of what was
    stored with it. The whole record is GET `url`."""

    id = serializers.IntegerField()
    url = serializers.URLField()
    unit = serializers.IntegerField()
    inspected_at = serializers.DateTimeField()
    created_at = serializers.DateTimeField()
    nonconforming_count = serializers.IntegerField()
    answers = ReceiptAnswerSerializer(many=True)
    photos = ReceiptPhotoSerializer(many=True)
    hazards = serializers.ListField(child=serializers.IntegerField(),
                                    help_text="hazards raised from the record's answers")


_DATETIME = serializers.DateTimeField()  # holds no state of a call: shared by every receipt


def record_receipt(request, record: InspectionRecord) -> dict:
    """RecordReceiptSerializer's data in three small queries, or one (its hazards) for a record
    the request just created, whose answers and photos the service noted (a submission's answer
    is on the hot path of every phone; the full record is one GET away)."""
    submitted = getattr(record, "submitted", None)  # a record this request created
    if submitted is not None:
        answers, photos = sorted(submitted[0]), sorted(submitted[1])
    else:
        answers = InspectionAnswer.objects.filter(record=record).order_by("pk").values_list(
            "pk", "item_id")
        photos = InspectionPhoto.objects.filter(record=record).order_by("pk").values_list(
            "pk", "answer_id")
    # The hazards this request raised from the record, noted by the hazards' record hook.
    raised = getattr(record, "raised_hazard_ids", None) if submitted is not None else None
    related = getattr(record, "hazards", None) if raised is None else None
    path = reverse("inspection-record-detail", kwargs={"pk": record.pk})
    return {
        "id": record.pk,
        "url": request.build_absolute_uri(path) if request is not None else path,
        "unit": record.unit_id,
        "inspected_at": _DATETIME.to_representation(record.inspected_at),
        "created_at": _DATETIME.to_representation(record.created_at),
        "nonconforming_count": record.nonconforming_count,
        "answers": [{"id": pk, "item": item} for pk, item in answers],
        "photos": [{"id": pk, "answer": answer,
                    "url": photo_url(request, "inspection-record-photo", record.pk, pk)}
                   for pk, answer in photos],
        "hazards": sorted(raised) if raised is not None
        else list(related.order_by("pk").values_list("pk", flat=True)) if related is not None else [],
    }


class InspectionRecordDetailSerializer(InspectionRecordSerializer):
    answers = serializers.SerializerMethodField()
    photos = serializers.SerializerMethodField()
    hazards = serializers.SerializerMethodField()

    class Meta(InspectionRecordSerializer.Meta):
        fields = [*InspectionRecordSerializer.Meta.fields, "signature", "answers", "photos",
                  "hazards"]
        read_only_fields = fields

    @extend_schema_field(InspectionAnswerSerializer(many=True))
    def get_answers(self, record):
        photos = list(record.photos.all())
        by_answer: dict[int, list] = {}
        for photo in photos:
            by_answer.setdefault(photo.answer_id, []).append(photo)
        context = {**self.context, "photos_by_answer": by_answer}
        answers = record.answers.select_related("item").order_by("item__order", "pk")
        return InspectionAnswerSerializer(answers, many=True, context=context).data

    @extend_schema_field(InspectionPhotoSerializer(many=True))
    def get_photos(self, record):
        return InspectionPhotoSerializer(record.photos.all(), many=True, context=self.context).data

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_hazards(self, record) -> list[int]:
        """Ids of the hazards raised from this record (the hazards app adds the relation)."""
        related = getattr(record, "hazards", None)
        return [h.pk for h in related.all()] if related is not None else []
