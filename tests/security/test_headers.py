"""Security headers on pages, API responses and error pages."""

import pytest

EXPECTED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def _check(response) -> None:
    for name, value in EXPECTED.items():
        assert response.get(name) == value, (name, response.get(name))
    csp = response.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "frame-ancestors 'none'", "base-uri 'self'",
                      "form-action 'self'", "object-src 'none'"):
        assert directive in csp, directive
    assert "Permissions-Policy" in response
    assert response.get("X-Request-ID")


@pytest.mark.parametrize("url", ["/login/", "/api/token/", "/no-such-page/"])
def test_anonymous_responses_carry_the_headers(db, client, url):
    _check(client.get(url))


@pytest.mark.parametrize("url", ["/", "/units/", "/api/units/", "/api/schema/", "/api/docs/",
                                 "/units/999999/"])
def test_logged_in_responses_carry_the_headers(world, client, url):
    client.force_login(world.users["office"])
    _check(client.get(url))
