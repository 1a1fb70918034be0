from django.apps import AppConfig


class BreachesConfig(AppConfig):
    name = "skanse.breaches"
    label = "breaches"

    def ready(self):
        from skanse.auditlog.codes import register_codes
        from skanse.breaches.models import KINDS
        from skanse.privacy import choices as pc

        register_codes("breaches.breach", "kinds", KINDS)
        register_codes("breaches.breach", "subject_categories", pc.SUBJECT_CATEGORIES)
        register_codes("breaches.breach", "data_categories", pc.DATA_CATEGORIES)
