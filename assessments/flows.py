"""The steps of each questionnaire flow, and the answers a person has given so far.

Answers live only in the person's session, under one key, until they see the result, encrypted
like contact details (``core.crypto.seal``): the session row holds no answer in clear. Each
step's answers are kept as given, with whether the step is complete, so going back and forward
never loses anything. Answers left alone for ``ANSWERS_KEPT_FOR`` are forgotten.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.instruments import GAD7, INSTRUMENTS, PC_PTSD_5, PCL5, PHQ9
from core.crypto import DecryptionError, seal, unseal

SESSION_KEY = "assessment"
ANSWERS_KEPT_FOR = timedelta(hours=1)

AGE, TREATMENTS, SAFETY = "age", "treatments", "safety"
UNDER_18, YOUNG_ADULT, ADULT = "under_18", "18_24", "25_plus"
AGE_BANDS = (
    (UNDER_18, _("Under 18")),
    (YOUNG_ADULT, _("18 to 24")),
    (ADULT, _("25 or older")),
)
STEP_TITLES = {
    AGE: _("About you"),
    PHQ9.code: PHQ9.title,
    GAD7.code: GAD7.title,
    PC_PTSD_5.code: PC_PTSD_5.title,
    PCL5.code: PCL5.title,
    TREATMENTS: _("Treatments you have tried"),
    SAFETY: _("Health and safety"),
}


@dataclass(frozen=True)
class Flow:
    slug: str
    title: str
    steps: tuple[str, ...]

    @property
    def instruments(self) -> tuple[str, ...]:
        return tuple(step for step in self.steps if step in INSTRUMENTS)

    @property
    def includes_candidacy(self) -> bool:
        return TREATMENTS in self.steps


FULL = Flow(
    "full",
    _("Which treatment options might fit you?"),
    (AGE, PHQ9.code, GAD7.code, PC_PTSD_5.code, TREATMENTS, SAFETY),
)
FLOWS = {
    FULL.slug: FULL,
    **{code: Flow(code, instrument.title, (AGE, code)) for code, instrument in INSTRUMENTS.items()},
}


class Answers:
    """The answers in one session, read and written through the session object."""

    def __init__(self, session):
        self.session = session
        state = session.get(SESSION_KEY)
        if state and self._expired(state):
            del session[SESSION_KEY]
            state = None
        self.steps: dict = self._opened(state) if state else {}

    @staticmethod
    def _opened(state) -> dict:
        try:
            return dict(unseal(state["sealed"]))
        except (KeyError, DecryptionError):
            # Written before answers were sealed, or under a key since removed: start again.
            return {}

    @staticmethod
    def _expired(state) -> bool:
        updated = datetime.fromisoformat(state["updated"])
        return timezone.now() - updated > ANSWERS_KEPT_FOR

    def __bool__(self) -> bool:
        return bool(self.steps)

    def values(self, step: str) -> dict:
        return self.steps.get(step, {}).get("values", {})

    def is_complete(self, step: str) -> bool:
        return self.steps.get(step, {}).get("complete", False)

    def record(self, step: str, values: dict, *, complete: bool) -> None:
        self.steps[step] = {"values": values, "complete": complete}
        self.session[SESSION_KEY] = {
            "sealed": seal(self.steps),
            "updated": timezone.now().isoformat(),
        }

    def forget(self) -> None:
        self.steps = {}
        self.session.pop(SESSION_KEY, None)

    def first_incomplete(self, flow: Flow) -> str | None:
        return next((step for step in flow.steps if not self.is_complete(step)), None)

    def reachable(self, flow: Flow, step: str) -> bool:
        """A step can be opened once every step before it is complete."""
        earlier = flow.steps[: flow.steps.index(step)]
        return all(self.is_complete(before) for before in earlier)

    def finished(self, flow: Flow) -> bool:
        return self.first_incomplete(flow) is None
