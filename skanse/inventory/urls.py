from django.urls import path

from skanse.inventory import views

org_urlpatterns = [
    path("systems/", views.system_list, name="system_list"),
    path("systems/new/", views.system_create, name="system_create"),
    path("systems/<uuid:system>/", views.system_detail, name="system_detail"),
    path("systems/<uuid:system>/edit/", views.system_edit, name="system_edit"),
    path("systems/<uuid:system>/delete/", views.system_delete, name="system_delete"),
    path("suppliers/", views.supplier_list, name="supplier_list"),
    path("suppliers/new/", views.supplier_create, name="supplier_create"),
    path("suppliers/<uuid:supplier>/", views.supplier_detail, name="supplier_detail"),
    path("suppliers/<uuid:supplier>/edit/", views.supplier_edit, name="supplier_edit"),
    path("suppliers/<uuid:supplier>/delete/", views.supplier_delete, name="supplier_delete"),
    path("contracts/", views.contract_list, name="contract_list"),
    path("contracts/new/", views.contract_create, name="contract_create"),
    path("contracts/<uuid:contract>/", views.contract_detail, name="contract_detail"),
    path("contracts/<uuid:contract>/edit/", views.contract_edit, name="contract_edit"),
    path("contracts/<uuid:contract>/delete/", views.contract_delete, name="contract_delete"),
]
