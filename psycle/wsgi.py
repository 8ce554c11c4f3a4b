import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "psycle.settings")

application = get_wsgi_application()

# What is slow to load on first use is loaded as the web process starts, before it takes requests.
from directory import geocode  # noqa: E402  (needs the settings configured above)

geocode.load()
