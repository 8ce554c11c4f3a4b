import pytest

from directory import geocode
from directory.geocode import UnknownPlace, locate


def test_a_zip_code_finds_its_centroid():
    place = locate("10001")
    assert place.label == "10001 (New York, NY)"
    assert (place.latitude, place.longitude) == (40.7484, -73.9967)
    assert place.state == "NY"


def test_zip_plus_four_uses_the_five_digit_zip():
    assert locate("10001-1234") == locate("10001")


@pytest.mark.parametrize("text", ["Austin, TX", "austin, texas", "Austin TX", "  Austin ,  Tx "])
def test_city_and_state_in_the_usual_spellings(text):
    place = locate(text)
    assert place.label == "Austin, TX"
    assert place.state == "TX"
    assert 30 < place.latitude < 31


def test_a_misspelt_city_gets_suggestions():
    with pytest.raises(UnknownPlace) as raised:
        locate("Austn, TX")
    assert raised.value.message == "We could not find “Austn” in Texas."
    assert "Austin, TX" in raised.value.suggestions


def test_a_city_without_a_state_asks_for_one_and_suggests_states():
    with pytest.raises(UnknownPlace) as raised:
        locate("Springfield")
    assert "Add the state" in raised.value.message
    assert "Springfield, IL" in raised.value.suggestions


def test_an_unknown_state_is_named():
    with pytest.raises(UnknownPlace) as raised:
        locate("Austin, Texs")
    assert "We do not recognise the state “Texs”" in raised.value.message
    assert raised.value.suggestions == ["Austin, TX"]


@pytest.mark.parametrize("text", ["99999", "", "   ", "x" * 500, "'; DROP TABLE x; --", "\x00"])
def test_unknown_or_odd_input_is_a_clear_message(text):
    with pytest.raises(UnknownPlace) as raised:
        locate(text)
    assert raised.value.message


def test_a_browser_position_is_named_after_the_nearest_zip():
    place = locate("40.7484, -73.9967")
    assert place.label == "Your location (near 10001, New York, NY)"
    assert (place.latitude, place.longitude, place.state) == (40.7484, -73.9967, "NY")


def test_a_position_outside_the_country_is_refused():
    with pytest.raises(UnknownPlace, match="not in the United States"):
        locate("48.8566, 2.3522")


@pytest.mark.parametrize(
    "text", ["Austin TX 78701", "Austin, TX 78701", "78701 Austin TX", "Austin, TX 78701-1234"]
)
def test_a_zip_inside_a_city_and_state_is_used(text):
    assert locate(text) == locate("78701")


def test_a_place_we_cannot_find_is_named_with_suggestions():
    with pytest.raises(UnknownPlace) as raised:
        locate("Blorptown QQ")
    assert raised.value.message.startswith("We could not find “Blorptown QQ”.")
    assert "a city and state, for example “Austin, TX”" in raised.value.message
    with pytest.raises(UnknownPlace) as raised:
        locate("Sprinfield XX")
    assert raised.value.message.startswith("We could not find “Sprinfield XX”.")
    assert "Springfield, IL" in raised.value.suggestions


def test_a_new_web_process_loads_the_place_tables_before_its_first_request():
    import importlib

    import psycle.wsgi

    geocode._gazetteer.cache_clear()
    geocode._city_spellings.cache_clear()
    importlib.reload(psycle.wsgi)
    assert geocode._gazetteer.cache_info().currsize == 1
    assert geocode._city_spellings.cache_info().currsize == 1
