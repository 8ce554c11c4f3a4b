"""Crisis resources for the United States, as one list every page and panel draws from.

Sources and wording rules: the crisis section of the project's clinical reference. The LGBTQ+
youth option ("press 3") ended in July 2025 and must not be shown.

How the rest was confirmed (with the search tool, December 2026; see docs/decisions.md):
- The chat: a Lifeline network centre's own page (builtbycommunity.org/crisis) says to go to
  988lifeline.org/chat and choose "Chat Now", and public crisis lists link
  https://988lifeline.org/chat/ the same way. (chat.988lifeline.org appeared in one list only,
  so it is not used.)
- TTY: "use your preferred relay service or dial 711 then 988", the wording of the Veterans
  Crisis Line's own site (its crisis panel: "For TTY, call 711 then 988") and of several public
  crisis lists; the FCC's 988 order makes relay calls to 988 reach the Lifeline.
- ASL by videophone: SAMHSA's launch of September 2023, as ABC News, Scripps News and KBIA
  reported it: the "ASL Now" button on 988lifeline.org, or a videophone call to the Lifeline.
- "Press 1" and "press 2" are dialled for the caller with a pause: tel:988,1 and tel:988,2.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Action:
    label: str
    href: str


@dataclass(frozen=True)
class Resource:
    slug: str
    name: str
    description: str
    actions: tuple[Action, ...]
    language: str = "en"


RESOURCES = (
    Resource(
        slug="emergency",
        name=_("Immediate danger: 911"),
        description=_(
            "If you or someone near you may be hurt right now, or has taken something "
            "that could cause harm, call 911."
        ),
        actions=(Action(_("Call 911"), "tel:911"),),
    ),
    Resource(
        slug="lifeline",
        name=_("988 Suicide & Crisis Lifeline"),
        description=_(
            "Call or text 988 to talk with a trained crisis counselor about suicidal thoughts, "
            "a mental-health crisis, or worry about someone else."
        ),
        actions=(
            Action(_("Call 988"), "tel:988"),
            Action(_("Text 988"), "sms:988"),
            Action(_("Chat online"), "https://988lifeline.org/chat/"),
        ),
    ),
    Resource(
        slug="veterans",
        name=_("Veterans Crisis Line"),
        description=_(
            "For veterans, service members and the people who care about them: call 988 and "
            "press 1, or text 838255."
        ),
        actions=(
            Action(_("Call 988, then press 1"), "tel:988,1"),
            Action(_("Text 838255"), "sms:838255"),
        ),
    ),
    Resource(
        slug="spanish",
        name="Ayuda en español",
        description="Llame al 988 y oprima 2 para hablar con un consejero en español.",
        actions=(Action("Llamar al 988, luego oprima 2", "tel:988,2"),),
        language="es",
    ),
    Resource(
        slug="deaf",
        name=_("Deaf or hard of hearing"),
        description=_(
            "By TTY, use your relay service, or dial 711 and then 988. If you sign, choose "
            "ASL Now at 988lifeline.org, or call the Lifeline from your videophone, to reach a "
            "counselor who uses American Sign Language."
        ),
        actions=(
            Action(_("Call 711, then 988"), "tel:711"),
            Action(_("ASL Now at 988lifeline.org"), "https://988lifeline.org"),
        ),
    ),
    Resource(
        slug="crisis-text-line",
        name=_("Crisis Text Line"),
        description=_("If texting is easier than talking, text HOME to 741741."),
        actions=(Action(_("Text HOME to 741741"), "sms:741741?&body=HOME"),),
    ),
    Resource(
        slug="samhsa",
        name=_("SAMHSA National Helpline"),
        description=_(
            "Information and referral to treatment for mental health and substance use: "
            "1-800-662-4357."
        ),
        actions=(Action(_("Call 1-800-662-4357"), "tel:+18006624357"),),
    ),
)


@dataclass(frozen=True)
class SitePage:
    """A page of the site that is not in the content library, for site search to find."""

    title: str
    url: str
    summary: str
    #: Words and phrases someone looking for this page might type.
    keywords: tuple[str, ...]


CRISIS_PAGE = SitePage(
    title=_("Get help now"),
    url="/crisis/",
    summary=_(
        "Crisis lines in the United States you can call or text right now: 988, the Veterans "
        "Crisis Line, Crisis Text Line, 911 and the SAMHSA helpline."
    ),
    keywords=(
        "crisis",
        "988",
        "help now",
        "get help",
        "help me",
        "need help",
        "urgent",
        "emergency",
        "911",
        "hotline",
        "helpline",
        "lifeline",
        "crisis line",
        "text line",
        "741741",
        "someone to talk to",
        "talk to someone",
        "veterans crisis line",
        "samhsa",
        "deaf",
        "tty",
        "711",
        "asl",
        "videophone",
    ),
)
