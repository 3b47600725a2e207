import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
application = get_wsgi_application()

# gunicorn runs no system checks: refuse to serve with a missing base URL or mail that goes nowhere.
from portal.checks import refuse_to_serve_half_configured  # noqa: E402 - needs the loaded apps

refuse_to_serve_half_configured()
