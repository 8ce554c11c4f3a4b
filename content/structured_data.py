"""schema.org JSON-LD for our pages: what search engines and sharing previews read.

Each function returns plain dicts; each page type chooses its documents
(``structured_data()`` on the page classes) and the page template serialises them. A review appears
(lastReviewed, reviewedBy) only when a real one has been recorded.
"""

from django.conf import settings
from django.utils.html import strip_tags

from content.citations import strip_markers

SCHEMA = "https://schema.org"


def plain(text: str) -> str:
    return " ".join(strip_tags(strip_markers(str(text))).split())


def with_faq(page, documents: list[dict]) -> list[dict]:
    """The page's documents, with its questions and answers as an FAQPage when it has any."""
    if faq := faq_page(page):
        return [*documents, faq]
    return documents


def website(page) -> dict:
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": page.canonical_url,
        "description": plain(page.meta_description),
        "potentialAction": {
            "@type": "SearchAction",
            "target": f"{settings.SITE_URL}/search/?q={{query}}",
            "query-input": "required name=query",
        },
    }


def web_page(page) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": "WebPage",
        "name": page.title,
        "url": page.canonical_url,
        "description": plain(page.meta_description),
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    return data


def medical_web_page(page, about: dict | None = None) -> dict:
    data = {**web_page(page), "@type": "MedicalWebPage", "inLanguage": "en"}
    review = page.review
    if review.reviewed:
        data["lastReviewed"] = review.last_reviewed.isoformat()
        if review.reviewer is not None:
            data["reviewedBy"] = {
                "@type": "Person",
                "name": review.reviewer.name,
                "honorificSuffix": review.reviewer.credentials,
            }
    if about:
        data["about"] = about
        data["mainEntity"] = about
    return data


def treatment(page, with_url: bool = True) -> dict:
    drug = page.kind == page.DRUG
    data = {
        "@type": "Drug" if drug else "MedicalTherapy",
        "name": page.title,
        "description": plain(page.summary),
    }
    if page.other_names:
        data["alternateName"] = [name.strip() for name in page.other_names.split(";")]
    if drug:
        if page.routes:
            data["administrationRoute"] = page.route_labels
        data["legalStatus"] = plain(page.regulatory_status)
    if with_url:
        data["url"] = page.canonical_url
    return data


def condition(page) -> dict:
    data = {"@type": "MedicalCondition", "name": page.title, "description": plain(page.summary)}
    if page.other_names:
        data["alternateName"] = [name.strip() for name in page.other_names.split(";")]
    if treatments := page.treatment_options:
        data["possibleTreatment"] = [treatment(option) for option in treatments]
    return data


def faq_page(page) -> dict | None:
    body = getattr(page, "body", None)
    if body is None or isinstance(body, str):
        return None
    questions = [
        {
            "@type": "Question",
            "name": item["question"],
            "acceptedAnswer": {"@type": "Answer", "text": plain(item["answer"])},
        }
        for block in body
        if block.block_type == "faq"
        for item in block.value["questions"]
    ]
    if not questions:
        return None
    return {"@context": SCHEMA, "@type": "FAQPage", "mainEntity": questions}
