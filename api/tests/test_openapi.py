def test_the_openapi_document_describes_the_api(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] == "Psycle API"
    assert document["servers"] == [{"url": "http://127.0.0.1:8000/api/v1"}]
    assert document["components"]["schemas"]["Error"]["required"] == ["error", "field", "message"]


def test_every_described_path_is_served(client):
    from django.urls import resolve

    for path in client.get("/api/v1/openapi.json").json()["paths"]:
        concrete = path.replace("{", "").replace("}", "")
        assert resolve(f"/api/v1{concrete}").namespace == "api"
