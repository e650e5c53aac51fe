"""The OpenAPI schema generates without warnings and its docs page loads for a logged-in user."""

import io

from django.core.management import call_command


def test_schema_generates_without_warnings(db):
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    schema = out.getvalue()
    for path in ("/api/regions/", "/api/organisations/", "/api/people/", "/api/units/",
                 "/api/units/{id}/journal/", "/api/journal/", "/api/token/"):
        assert f"  {path}:" in schema, path


def test_schema_and_docs_are_served_to_a_logged_in_user(world, client):
    client.force_login(world.users["office"])
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/units/{id}/deregister/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "/api/schema/" in html


def test_swagger_ui_assets_are_served(world, client):
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-standalone-preset.js"):
        response = client.get(f"/static/vendor/swagger-ui/{name}")
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content if response.streaming else [response.content])


def test_schema_and_docs_need_a_login(world, client):
    assert client.get("/api/schema/").status_code in (401, 403)
    assert client.get("/api/docs/").status_code in (401, 403)
