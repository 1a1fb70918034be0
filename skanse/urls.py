from django.urls import include, path
from django.views.i18n import set_language

from skanse.api.urls import api
from skanse.api.views import api_docs
from skanse.auditlog.urls import org_urlpatterns as audit_org_urls
from skanse.campaigns.urls import org_urlpatterns as campaign_org_urls
from skanse.dashboard import views as dashboard
from skanse.library.urls import org_urlpatterns as library_org_urls
from skanse.tenancy.urls import org_urlpatterns as tenancy_org_urls
from skanse.tenancy.urls import public_urlpatterns as tenancy_public_urls

org_urlpatterns = [
    path("", dashboard.org_dashboard, name="org_dashboard"),
    *tenancy_org_urls,
    *audit_org_urls,
    *library_org_urls,
    *campaign_org_urls,
]

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("o/<slug:org>/", include(org_urlpatterns)),
    path("accounts/", include("skanse.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("accessibility/", dashboard.accessibility, name="accessibility"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/docs/", api_docs, name="api_docs"),
    path("api/v1/", api.urls),
    *tenancy_public_urls,
]
