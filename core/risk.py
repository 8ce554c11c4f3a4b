"""Whether a piece of text, such as a site search, signals a risk of suicide or self-harm.

Pure and deliberately generous: showing crisis help to someone who did not need it costs a few
lines on a page; missing someone who did could cost far more. The text is normalised the way
people type in a hurry (case, accents, apostrophes, "wanna", "2", doubled or dropped letters, a
small misspelling of a long word), then read against a few families of phrasing: a word that
means it on its own ("suicide", "overdose", "unalive"); a harming verb aimed at oneself ("hurt
myself"); wanting to die or not to live; ending one's life; how much of something is lethal.
"""

import re
import unicodedata
from functools import lru_cache

#: Words that signal risk on their own, and what their misspellings are corrected to.
RISK_WORDS = (
    "suicide",
    "suicidal",
    "suicidality",
    "overdose",
    "overdosing",
    "overdosed",
    "unalive",
    "selfharm",
    "lethal",
)
#: Short forms that mean it on their own.
RISK_ABBREVIATIONS = {"kms", "kys", "ctb"}

#: Verbs of harm that signal risk when aimed at oneself.
HARM_VERBS = (
    "kill",
    "killing",
    "hurt",
    "hurting",
    "harm",
    "harming",
    "cut",
    "cutting",
    "hang",
    "hanging",
    "shoot",
    "shooting",
    "drown",
    "drowning",
    "poison",
    "poisoning",
    "burn",
    "burning",
    "stab",
    "stabbing",
    "starve",
    "starving",
    "strangle",
    "suffocate",
    "end",
    "ending",
    "injure",
    "injuring",
)

#: Informal spellings, read as the words they stand for.
SPOKEN = {
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "2": "to",
    "u": "you",
    "im": "i am",
    "ive": "i have",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "idk": "i do not know",
    "my self": "myself",
    "me self": "myself",
    "meself": "myself",
    "self harm": "selfharm",
    "self harming": "selfharm",
    "self injury": "selfharm",
    "self injure": "selfharm",
    "self mutilation": "selfharm",
    "od": "overdose",
}

_SELF = r"(?:my\s+own\s+life|my\s+life|myself|my\s+own\s+self)"
_LIVING = r"(?:live|living|go\s+on|going\s+on|be\s+alive|stay\s+alive)"
_HARM_OTHERS = r"kill|killing|hurt|hurting|harm|harming|shoot|shooting|stab|stabbing"
_HEIGHTS = r"(?:bridge|building|roof|cliff|train|car|balcony|window)"
PHRASES = re.compile(
    rf"""
    \b(?:{"|".join(HARM_VERBS)}|off)\s+{_SELF}\b
    | \b(?:take|taking|took|end|ending)\s+(?:my\s+(?:own\s+)?life|it\s+all|everything)\b
    | \bend\s+it\s+(?:all|now|tonight|today|forever)\b
    | \bgoing\s+to\s+end\s+it\b
    | \b(?:to|want|wants|wanted|wish|wishing|ready|going|plan|planning|deserve)\s+(?:to\s+)?die\b
    | \bway(?:s)?\s+to\s+die\b
    | \bdie\s+(?:painlessly|tonight|in\s+my\s+sleep|quickly|peacefully)\b
    | \b(?:was|were|be|am|being)\s+dead\b
    | \bbetter\s+off\s+(?:dead|without\s+me|gone)\b
    | \bnot\s+want\s+to\s+(?:live|be\s+alive|be\s+here|exist|wake\s+up|go\s+on|be\s+around)\b
    | \b(?:no|any)\s+(?:reason|point|will|purpose)\s+(?:to\s+|in\s+)?{_LIVING}\b
    | \btired\s+of\s+(?:living|life|being\s+alive|existing)\b
    | \bcan\s+not\s+go\s+on\b
    | \bnever\s+wake\s+up\b
    | \bdisappear\s+forever\b
    | \bjump(?:ing)?\s+(?:off|from|in\s+front\s+of)\s+(?:a|an|the|my)?\s*{_HEIGHTS}\b
    | \bif\s+i\s+(?:(?:was|were|am)\s+(?:gone|dead|not\s+here|not\s+around)|died|disappeared)\b
    | \b(?:{_HARM_OTHERS})\s+(?:someone|somebody|people|others|everyone|anyone)\b
    | \b(?:fatal|deadly)\b
    | \bhow\s+many\s+pills\b
    """,
    re.VERBOSE,
)


def fold(text: str) -> str:
    """Lower case, no accents, no apostrophes, words separated by single spaces."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['\u2019`]", "", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _collapse(word: str) -> str:
    """Doubled letters as one: "kil" and "kill", "comitting" and "committing" meet."""
    return re.sub(r"(.)\1+", r"\1", word)


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, stopping early once it passes ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


#: Doubled or dropped doubled letters are corrected for every word we look for ("kil", "hurtt")...
_COLLAPSED_VOCABULARY = {
    _collapse(word): word
    for word in (*RISK_WORDS, *HARM_VERBS, "myself", "yourself")
    if len(_collapse(word)) >= 3
}
#: ...other misspellings only for long words that mean risk on their own ("sucidal").
_SPELLING_VOCABULARY = {_collapse(word): word for word in (*RISK_WORDS, "myself", "yourself")}


@lru_cache(maxsize=4096)
def _corrected(word: str) -> str:
    """The vocabulary word a token was meant to be, or the token itself."""
    collapsed = _collapse(word)
    if collapsed in _COLLAPSED_VOCABULARY:
        return _COLLAPSED_VOCABULARY[collapsed]
    if len(collapsed) < 6 or word in SPOKEN:
        return word
    limit = 1 if len(collapsed) < 8 else 2
    for known, meant in _SPELLING_VOCABULARY.items():
        if len(known) >= 6 and _distance(collapsed, known, limit) <= limit:
            return meant
    return word


def normalise(text: str) -> str:
    words = [_corrected(word) for word in fold(text).split()]
    joined = f" {' '.join(words)} "
    for spoken, meant in SPOKEN.items():
        joined = joined.replace(f" {spoken} ", f" {meant} ")
    # A second pass, for the forms the first one makes ("self harm" -> "selfharm").
    for spoken, meant in SPOKEN.items():
        joined = joined.replace(f" {spoken} ", f" {meant} ")
    return joined.strip()


def signals_risk(text: str) -> bool:
    """True when the text reads as someone at risk of suicide or self-harm, or asking how."""
    normal = normalise(text)
    words = normal.split()
    if any(word in RISK_WORDS for word in words):
        return True
    if RISK_ABBREVIATIONS.intersection(words):
        return True
    return PHRASES.search(normal) is not None
