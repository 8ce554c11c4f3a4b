import pytest

from accounts.tests.second_factor import sign_in_with_second_factor
from core.tests import people
from core.tests.people import consultation_request


@pytest.fixture
def riverside(db):
    return people.riverside()


@pytest.fixture
def lakeside(db):
    return people.lakeside()


@pytest.fixture
def casey(riverside):
    """Manages Riverside's listing and answers its requests."""
    return people.staff_of(riverside, "casey@riverside.example")


@pytest.fixture
def morgan(lakeside):
    """Works at Lakeside: must never see anything of Riverside's."""
    return people.staff_of(lakeside, "morgan@lakeside.example")


@pytest.fixture
def ada(db):
    """One of the site's administrators."""
    return people.administrator()


@pytest.fixture
def dana_request(riverside):
    """Dana's request to Riverside."""
    return consultation_request(riverside, service=riverside.services.first())


@pytest.fixture
def as_casey(client, casey):
    sign_in_with_second_factor(client, casey)
    return client


@pytest.fixture
def as_morgan(client, morgan):
    sign_in_with_second_factor(client, morgan)
    return client


@pytest.fixture
def as_ada(client, ada):
    sign_in_with_second_factor(client, ada)
    return client
