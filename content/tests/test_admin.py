def test_the_editors_sign_in_page_is_served(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Sign in" in response.content.decode()


def test_the_admin_asks_for_a_sign_in_first(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
