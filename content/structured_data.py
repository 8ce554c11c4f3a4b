"""schema.org JSON-LD for our pages: what search engines and sharing previews read.

Each function returns plain dicts; the page template serialises them. A review appears
(lastReviewed, reviewedBy) only when a real one has been recorded.
"""

from django.conf import settings
from django.utils.html import strip_tags

from content.citations import strip_markers

SCHEMA = "https://schema.org"


def plain(text: str) -> str:
    return " ".join(strip_tags(strip_markers(str(text))).split())


def for_page(page) -> list[dict]:
    from content import models

    if isinstance(page, models.HomePage):
        return [website(page)]
    if isinstance(page, models.ReviewedPage):
        documents = [medical_web_page(page)]
    else:
        documents = [web_page(page)]
    if faq := faq_page(page):
        documents.append(faq)
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


def medical_web_page(page) -> dict:
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
    if about := main_entity(page):
        data["about"] = about
        data["mainEntity"] = about
    return data


def main_entity(page) -> dict | None:
    from content import models

    if isinstance(page, models.TreatmentPage):
        return treatment(page, with_url=False)
    if isinstance(page, models.ConditionPage):
        return condition(page)
    return None


def treatment(page, with_url: bool = True) -> dict:
    from content.models import TreatmentPage

    data = {
        "@type": "Drug" if page.kind == TreatmentPage.DRUG else "MedicalTherapy",
        "name": page.title,
        "description": plain(page.summary),
    }
    if page.other_names:
        data["alternateName"] = [name.strip() for name in page.other_names.split(";")]
    if page.kind == TreatmentPage.DRUG:
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
