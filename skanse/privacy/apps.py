from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "skanse.privacy"
    label = "privacy"

    def ready(self):
        from skanse.auditlog.codes import register_codes
        from skanse.privacy import choices as c
        from skanse.privacy import commons_kinds
        from skanse.privacy.reports import register_kinds

        register_kinds()
        commons_kinds.register()
        register_codes("privacy.processingactivity", "legal_bases", c.LEGAL_BASES)
        register_codes("privacy.processingactivity", "subject_categories", c.SUBJECT_CATEGORIES)
        register_codes("privacy.processingactivity", "data_categories", c.DATA_CATEGORIES)
        register_codes("privacy.processingactivity", "recipients", c.RECIPIENTS)
