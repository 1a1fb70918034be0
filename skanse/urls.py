from django.urls import include, path
from django.views.i18n import set_language

from skanse.api.urls import api
from skanse.api.views import api_docs
from skanse.auditlog.urls import org_urlpatterns as audit_org_urls
from skanse.breaches.urls import org_urlpatterns as breaches_org_urls
from skanse.campaigns.urls import org_urlpatterns as campaign_org_urls
from skanse.commons.urls import org_urlpatterns as commons_org_urls
from skanse.dashboard import views as dashboard
from skanse.design.urls import org_urlpatterns as design_org_urls
from skanse.dpia.urls import org_urlpatterns as dpia_org_urls
from skanse.inventory.urls import org_urlpatterns as inventory_org_urls
from skanse.kitos.urls import org_urlpatterns as kitos_org_urls
from skanse.library.urls import org_urlpatterns as library_org_urls
from skanse.privacy.urls import org_urlpatterns as privacy_org_urls
from skanse.reporting.urls import org_urlpatterns as reporting_org_urls
from skanse.requirements.urls import org_urlpatterns as requirements_org_urls
from skanse.tenancy.urls import org_urlpatterns as tenancy_org_urls
from skanse.tenancy.urls import public_urlpatterns as tenancy_public_urls

org_urlpatterns = [
    path("", dashboard.org_dashboard, name="org_dashboard"),
    *tenancy_org_urls,
    *audit_org_urls,
    *library_org_urls,
    *campaign_org_urls,
    *commons_org_urls,
    *inventory_org_urls,
    *requirements_org_urls,
    *privacy_org_urls,
    *kitos_org_urls,
    *reporting_org_urls,
    *breaches_org_urls,
    *dpia_org_urls,
    *design_org_urls,
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
