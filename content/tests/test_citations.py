from types import SimpleNamespace

from content.citations import Citations, keys_in, strip_markers, unknown_keys

ANAND = SimpleNamespace(citation="Anand 2023", doi="10.1056/NEJMoa2302399", pmid="", url="")
FEDER = SimpleNamespace(citation="Feder 2021", doi="", pmid="", url="")


def test_keys_are_read_in_reading_order_each_once():
    text = "One [ref:anand2023]. Two [ref:feder2021, anand2023]. Three [ref: abdallah2022 ]."
    assert keys_in(text) == ["anand2023", "feder2021", "abdallah2022"]


def test_text_without_markers_has_no_keys():
    assert keys_in("55.4% [1] or [ref] or [ref:] or [REF:Anand]") == []


def test_stripping_markers_leaves_clean_sentences():
    assert strip_markers("It works [ref:anand2023]. It fades [ref:a, b].") == "It works. It fades."


def test_sources_are_numbered_in_the_order_a_reader_meets_them():
    citations = Citations({"anand2023": ANAND, "feder2021": FEDER})
    first = citations.cite("Response 55.4% [ref:feder2021].")
    second = citations.cite("Non-inferior [ref:anand2023], again [ref:feder2021].")
    assert '<a href="#ref-1" id="cite-1-1">' in first
    assert '<a href="#ref-2" id="cite-2-1">' in second
    assert '<a href="#ref-1" id="cite-1-2">' in second
    entries = citations.take_unlisted()
    assert [(entry.number, entry.key, entry.anchors) for entry in entries] == [
        (1, "feder2021", ["cite-1-1", "cite-1-2"]),
        (2, "anand2023", ["cite-2-1"]),
    ]
    assert citations.take_unlisted() == []


def test_plain_text_is_escaped_and_safe_html_is_kept():
    citations = Citations({"anand2023": ANAND})
    assert citations.cite("<b>bold</b> [ref:anand2023]").startswith("&lt;b&gt;bold&lt;/b&gt;<sup")
    from django.utils.safestring import mark_safe

    assert citations.cite(mark_safe("<p>kept</p>")) == "<p>kept</p>"


def test_an_unknown_key_is_shown_plainly_and_never_listed():
    citations = Citations({})
    html = citations.cite("A claim [ref:deleted2020].")
    assert "missing reference: deleted2020" in html
    assert 'href="#ref' not in html
    assert citations.take_unlisted() == []


def test_unknown_keys_are_named_in_order():
    texts = ["[ref:anand2023] [ref:made-up-1]", "[ref:made-up-2, anand2023]"]
    assert unknown_keys(texts, ["anand2023"]) == ["made-up-1", "made-up-2"]
