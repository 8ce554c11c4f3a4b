"""The people of the library's tests: an editor who drafts, a reviewer who approves. They sign
in without a password (sign_in_with_second_factor), so none needs one."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from wagtail.models import GroupPagePermission, Page

from content.models import Reviewer
from content.workflows import REVIEWERS_GROUP, ensure_medical_review_workflow


@pytest.fixture
def editor(db):
    """Can draft and submit pages, and cannot publish them."""
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Page.get_first_root_node()
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=Permission.objects.get(codename=codename)
        )
    user = User.objects.create_user("eddie", "eddie@example.org", password=None)
    user.groups.add(group)
    return user


@pytest.fixture
def reviewer(db):
    """A clinician on the review panel, with the Reviewer entry readers see."""
    ensure_medical_review_workflow()
    user = User.objects.create_user(
        "rhea", "rhea@example.org", None, first_name="Rhea", last_name="Okafor"
    )
    user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    Reviewer.objects.create(name="Dr Rhea Okafor", credentials="MD, psychiatrist", user=user)
    return user


@pytest.fixture
def operator(db):
    return User.objects.create_superuser("olive", "olive@example.org", password=None)
