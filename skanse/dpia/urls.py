org_urlpatterns = []
