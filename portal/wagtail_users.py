"""wagtail.users as the portal installs it: its user forms let only superusers hand out powers.

In INSTALLED_APPS in place of "wagtail.users"; the forms and views are in portal/users.py.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class WagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "portal.users.UserViewSet"
