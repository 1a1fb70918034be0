from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "skanse.campaigns"
    label = "campaigns"

    def ready(self):
        from skanse.campaigns.reports import register_kinds

        register_kinds()
