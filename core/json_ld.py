"""schema.org JSON-LD that is safe to place inside a <script> element."""

import json

from django.utils.safestring import SafeString, mark_safe

# Characters that could end a <script> element early, or start a comment, inside JSON-LD.
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def as_json_ld(data: dict) -> SafeString:
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_SAFE))  # noqa: S308
