import re
from datetime import datetime, timedelta

from django.utils import timezone


def test_pages_carry_a_strict_content_security_policy(client, site_pages):
    policy = client.get("/")["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    assert directives["default-src"] == "'self'"
    assert re.fullmatch(r"'self' 'nonce-[A-Za-z0-9+/=]+'", directives["script-src"])
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_the_inline_structured_data_carries_the_request_nonce(client, site_pages):
    response = client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script type="application/ld+json" nonce="{nonce}">' in response.content.decode()


def test_the_other_security_headers_are_set(client):
    response = client.get("/crisis/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


def test_robots_txt_keeps_crawlers_out_of_the_admin_portal_and_accounts(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "User-agent: *" in response.content.decode()
    for path in ("/admin/", "/clinic/", "/account/"):
        assert f"Disallow: {path}" in response.content.decode()


def test_robots_txt_points_crawlers_to_the_sitemap(client):
    assert (
        "Sitemap: http://127.0.0.1:8000/sitemap.xml" in client.get("/robots.txt").content.decode()
    )


def test_security_txt_follows_rfc_9116(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    fields = dict(
        line.split(": ", 1) for line in response.content.decode().splitlines() if line.strip()
    )
    assert fields["Contact"] == "mailto:security@127.0.0.1"
    assert fields["Canonical"] == "http://127.0.0.1:8000/.well-known/security.txt"
    expires = datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    assert timezone.now() < expires < timezone.now() + timedelta(days=366)


def test_an_oversized_host_header_is_refused_without_being_logged(client, caplog):
    host = "h" * 5000 + ".example"
    response = client.get("/healthz", HTTP_HOST=host)
    assert response.status_code == 400
    assert host not in caplog.text
    assert "Refused a Host header of 5008 characters" in caplog.text
