from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "skanse.campaigns"
    label = "campaigns"
