from django.urls import path

from anjian.units.views import ledger, registry, rules

app_name = "units"
urlpatterns = [
    path("", registry.unit_list, name="list"),
    path("new/", registry.unit_create, name="create"),
    path("options/", registry.unit_options_json, name="options"),
    path("<int:pk>/", registry.unit_detail, name="detail"),
    path("<int:pk>/edit/", registry.unit_edit, name="edit"),
    path("<int:pk>/deregister/", registry.unit_deregister, name="deregister"),
    path("<int:pk>/restore/", registry.unit_restore, name="restore"),
    path("ledger/import/", ledger.ledger_import, name="ledger_import"),
    path("ledger/import/confirm/", ledger.ledger_commit, name="ledger_commit"),
    path("ledger/import/problems/<str:token>/", ledger.ledger_problems, name="ledger_problems"),
    path("ledger/imports/<int:pk>/", ledger.ledger_result, name="ledger_result"),
    path("ledger/export/", ledger.ledger_export, name="ledger_export"),
    path("ledger/template/", ledger.ledger_template, name="ledger_template"),
    path("rules/", rules.rule_list, name="rules"),
    path("rules/new/", rules.rule_create, name="rule_create"),
    path("rules/apply/", rules.rules_apply, name="rules_apply"),
    path("rules/<int:pk>/edit/", rules.rule_edit, name="rule_edit"),
    path("rules/<int:pk>/delete/", rules.rule_delete, name="rule_delete"),
]
