"""How guessable a secret is, for the production guard (``psycle.guard``).

Length alone lets ``"a" * 46 + "bcde"`` pass as a 50-character key. ``estimated_bits`` is a
deliberately rough, conservative count: the Shannon entropy of the characters, or of the steps
between neighbouring characters if that is lower (so ``abcdef...`` counts as little as
``aaaaaa...``), times the length of the shortest block the key repeats (so
``Password1Password1...`` counts as one ``Password1``). A key made by ``secrets`` or Django's
``get_random_secret_key`` scores far above the thresholds; one typed by hand rarely does.
"""

import math
from collections import Counter
from itertools import pairwise

# SECRET_KEY signs sessions and links; the lookup key is a keyed hash's key (32+ characters).
SECRET_KEY_MINIMUM_BITS = 128
LOOKUP_KEY_MINIMUM_BITS = 80


def _shannon(items) -> float:
    counts = Counter(items)
    total = sum(counts.values())
    return -sum(n / total * math.log2(n / total) for n in counts.values()) if total else 0.0


def _repeating_block(text: str) -> int:
    """The length of the shortest block that ``text`` is made of, repeated (and cut short)."""
    for size in range(1, len(text) // 2 + 1):
        if all(text[index] == text[index % size] for index in range(len(text))):
            return size
    return len(text)


def estimated_bits(text: str) -> float:
    if len(text) < 2:
        return 0.0
    steps = [ord(after) - ord(before) for before, after in pairwise(text)]
    per_character = min(_shannon(text), _shannon(steps))
    return _repeating_block(text) * per_character


def too_guessable(secret: str, minimum_bits: int) -> bool:
    return estimated_bits(secret) < minimum_bits
