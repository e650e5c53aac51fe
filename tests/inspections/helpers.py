"""Helpers for the inspection tests: records submitted through the real service with every required
item answered, and the POST data of the record form."""

import datetime as dt

from django.utils import timezone

from anjian.inspections import services
from anjian.inspections.choices import AnswerType, Verdict
from anjian.inspections.services import AnswerInput


def all_conforming(template) -> list[AnswerInput]:
    answers = []
    for item in template.items.all() if template else []:
        if item.answer_type == AnswerType.VERDICT:
            answers.append(AnswerInput(item_id=item.pk, verdict=Verdict.CONFORMS))
        elif item.answer_type == AnswerType.NUMBER:
            answers.append(AnswerInput(item_id=item.pk, number="1"))
        elif item.answer_type == AnswerType.TEXT:
            answers.append(AnswerInput(item_id=item.pk, text="正常"))
    return answers


def submit(actor, unit, *, days_ago: float = 0, template=None, **data):
    """A record at `unit`, `days_ago` days before now, every item conforming."""
    template = template or services.template_for_unit(unit)
    data = {"inspected_at": timezone.now() - dt.timedelta(days=days_ago), "template": template,
            **data}
    return services.record_submit(actor=actor, unit=unit, data=data,
                                  answers=all_conforming(template))


def form_data(client, unit, *, task=None, **extra) -> tuple[dict, object]:
    """GET the record form for `unit` and return (POST data answering every item 符合, the
    checklist shown). `extra` overrides or adds fields."""
    url = f"/inspections/records/new/?unit={unit.pk}" + (f"&task={task.pk}" if task else "")
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    template = response.context["template"]
    data = {
        "idempotency_key": form.initial["idempotency_key"],
        "inspected_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "location": unit.address, "summary": "", "signature_name": "王铁军",
    }
    if "kind" in form.fields:
        data["kind"] = form.initial["kind"]
    if template is not None:
        data["template"] = str(template.pk)
        for item in template.items.all():
            if item.answer_type == AnswerType.VERDICT:
                data[f"a{item.pk}-verdict"] = Verdict.CONFORMS
            elif item.answer_type == AnswerType.NUMBER:
                data[f"a{item.pk}-number"] = "3"
            elif item.answer_type == AnswerType.TEXT:
                data[f"a{item.pk}-text"] = "正常"
    data.update(extra)
    return data, template


def record_url(unit, task=None) -> str:
    return f"/inspections/records/new/?unit={unit.pk}" + (f"&task={task.pk}" if task else "")
