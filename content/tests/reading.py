"""Reading a rendered page as a person or a search engine would."""

import json

from bs4 import BeautifulSoup


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def json_ld(soup) -> list[dict]:
    """Every JSON-LD document on the page, parsed; each script carries the CSP nonce."""
    scripts = soup.find_all("script", type="application/ld+json")
    assert all(script.get("nonce") for script in scripts)
    return [json.loads(script.string) for script in scripts]


def of_type(documents, schema_type):
    return next(doc for doc in documents if doc["@type"] == schema_type)


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def cited_references_resolve(soup) -> None:
    """Every superscript citation links to a listed reference, and each links back."""
    citations = soup.select("sup.cite a")
    assert citations
    for link in citations:
        target = soup.find(id=link["href"].removeprefix("#"))
        assert target is not None and target.name == "li", link
        assert target.find("a", href=f"#{link['id']}") is not None, link["id"]


def sources_of(soup, element) -> list[str]:
    """The citations, as the reference list gives them, of the sources ``element`` cites."""
    sources = []
    for link in element.select("sup.cite a"):
        listed = soup.find(id=link["href"].removeprefix("#"))
        sources.append(text(listed.select_one(".references__citation")))
    return sources


def containing(soup, tag: str, words: str):
    """The first ``tag`` whose text contains ``words``."""
    found = next((element for element in soup.find_all(tag) if words in text(element)), None)
    assert found is not None, f"no <{tag}> says {words!r}"
    return found
