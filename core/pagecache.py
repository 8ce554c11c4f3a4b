"""Whole-page caching for visitors who are not signed in, keeping a fresh CSP nonce per response.

A content page or a provider profile is the same for every anonymous visitor except for one
thing: the Content Security Policy nonce, which must be new for each response. So the rendered
page is stored with its nonce replaced by a placeholder, and each response from the cache gets
the nonce that ``csp.middleware.CSPMiddleware`` will put in this response's header.

Only views marked with ``@cached_for_visitors`` (and Wagtail's page serving) are cached, and only
when the request carries no session cookie and no query string, the answer is a 200, and the
view wrote nothing to the session (no message, no sign-in), set no cookie and used no CSRF
token. Everything cached belongs to one *generation*: publishing or unpublishing a page,
editing a listing, or reindexing the directory starts a new one, so every process sharing the
cache (the database table or Redis) sees the change on its next request. Each process also keeps
the pages it served last, so a hit reads only the generation from the shared cache.
"""

import functools
import hashlib
import threading
import time
import uuid
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils.cache import patch_vary_headers
from django.utils.connection import ConnectionProxy

#: Pages and remembered values have a cache of their own (settings.CACHES).
cache = ConnectionProxy(caches, "pages")
PLACEHOLDER = b"__psycle_csp_nonce__"
GENERATION_KEY = "pagecache:generation"
#: Headers a cached page keeps; every other one is set again on the way out by the middleware.
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link", "Vary")


@functools.cache
def release() -> str:
    """What the deployed release's pages link to: the static files' manifest (their hashed
    names). A page cached by one release names files the next may not have, so each release's
    pages are their own entries."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    try:
        return hashlib.sha256(manifest.read_bytes()).hexdigest()[:16]
    except OSError:
        return "unversioned"


def cached_for_visitors(view=None, *, varies_by=None):
    """Mark a view whose anonymous GET response may be served from the page cache.

    ``varies_by(request)`` names what else, besides the address, the page depends on (the
    profile's "back to your results" link follows the Referer): each value is its own entry.
    """

    def mark(view):
        view.cached_for_visitors = True
        view.page_cache_varies_by = varies_by
        return view

    return mark if view is None else mark(view)


def invalidate() -> None:
    """Start a new generation: every page cached so far is stale in every process."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def invalidate_on_commit(**_kwargs) -> None:
    """A signal receiver: a new generation starts now, for reads inside this transaction, and
    again when the change is committed, because another process may have cached the old page
    under the first new generation in between."""
    invalidate()
    transaction.on_commit(invalidate)


def current_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def remember(key: str, compute, timeout: int = 300):
    """``compute()``'s value, kept in the cache until the current generation ends (a page is
    published, a listing changes, the directory is reindexed) or ``timeout`` seconds pass.
    The process also keeps the values it used last, as it keeps pages: while the generation
    stands, a value costs one small read of the generation, not the unpickling of its models
    (a fifth of an API search). A value is shared by the requests that read it: never change
    one in place."""
    key = "pagecache:value:" + hashlib.sha256(key.encode()).hexdigest()
    generation, here, shared = _read(_values_here, key)
    if here is not None:
        return here.value
    if shared is not None and generation is not None and shared[0] == generation:
        value = shared[1]
    else:
        value = compute()
        generation = generation or current_generation()
        cache.set(key, (generation, value), timeout=timeout)
    # Kept here no longer than the shared copy lives (within one timeout).
    _keep_here(_values_here, key, Kept(generation, value, time.monotonic() + timeout))
    return value


def _is_cacheable_view(view_func) -> bool:
    if getattr(view_func, "cached_for_visitors", False):
        return True
    from wagtail.views import serve

    return view_func is serve


def _eligible(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class PageCacheMiddleware:
    """Serves and stores whole pages; must come after CSPMiddleware and SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is not None:
            self._store(request, response, key)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not (_is_cacheable_view(view_func) and _eligible(request)):
            return None
        variant = getattr(view_func, "page_cache_varies_by", None)
        address = f"{request.get_host()}{request.path}|{variant(request) if variant else ''}"
        # Hashed: a database cache key holds at most 255 characters.
        key = f"pagecache:page:v2:{release()}:" + hashlib.sha256(address.encode()).hexdigest()
        generation, entry = _lookup(key)
        if entry is not None:
            return _response_from(entry, request)
        # Stored under the generation read before rendering: if a change lands meanwhile, the
        # page is stale at once rather than kept as new.
        request._page_cache_key = key, generation or current_generation()
        return None

    def _store(self, request, response, key) -> None:
        key, generation = key
        if not _worth_storing(request, response):
            return
        content = response.content
        nonce = getattr(request, "_csp_nonce", None)
        if isinstance(nonce, str):
            content = content.replace(nonce.encode(), PLACEHOLDER)
        headers = [(name, response[name]) for name in KEPT_HEADERS if name in response]
        seconds = settings.PAGE_CACHE_SECONDS
        entry = Entry(generation, headers, content, time.monotonic() + seconds)
        cache.set(key, (generation, headers, zlib.compress(content, 6)), timeout=seconds)
        _keep_here(_here, key, entry)
        response["X-Page-Cache"] = "miss"


@dataclass(frozen=True)
class Entry:
    generation: str
    headers: list
    content: bytes
    expires: float  # time.monotonic() of this process


@dataclass(frozen=True)
class Kept:
    generation: str
    value: object
    expires: float  # time.monotonic() of this process


#: The pages this process served last, uncompressed: a hit then costs one small read of the
#: generation from the shared cache instead of the whole page. Values (``remember``) likewise.
_here: OrderedDict[str, Entry] = OrderedDict()
_values_here: OrderedDict[str, Kept] = OrderedDict()
_here_lock = threading.Lock()
KEPT_HERE = 200


def _keep_here(kept: OrderedDict, key: str, entry: Entry | Kept) -> None:
    with _here_lock:
        kept[key] = entry
        kept.move_to_end(key)
        while len(kept) > KEPT_HERE:
            kept.popitem(last=False)


def _read(kept: OrderedDict, key: str):
    """The current generation, what this process keeps under ``key`` if it belongs to that
    generation, and otherwise the shared cache's entry (or None): one small read when the copy
    here is current, one round trip for both when it is not."""
    with _here_lock:
        here = kept.get(key)
    if here is not None and here.expires > time.monotonic():
        generation = cache.get(GENERATION_KEY)
        if generation == here.generation:
            return generation, here, None
        return generation, None, cache.get(key)
    found = cache.get_many([GENERATION_KEY, key])
    return found.get(GENERATION_KEY), None, found.get(key)


def _lookup(key: str) -> tuple[str | None, Entry | None]:
    """The current generation, and the page stored under ``key`` if it belongs to it."""
    generation, here, shared = _read(_here, key)
    if here is not None:
        return generation, here
    if shared is None or generation is None or shared[0] != generation:
        return generation, None
    # Kept here no longer than the shared copy lives (within one timeout).
    entry = Entry(generation, shared[1], zlib.decompress(shared[2]),
                  time.monotonic() + settings.PAGE_CACHE_SECONDS)  # fmt: skip
    _keep_here(_here, key, entry)
    return generation, entry


def _worth_storing(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.modified)
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _response_from(entry, request):
    from django.http import HttpResponse

    headers, content = entry.headers, entry.content
    if PLACEHOLDER in content:
        content = content.replace(PLACEHOLDER, str(request.csp_nonce).encode())
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    patch_vary_headers(response, ("Cookie",))
    response["X-Page-Cache"] = "hit"
    return response
