from django.apps import AppConfig


class DpiaConfig(AppConfig):
    name = "skanse.dpia"
    label = "dpia"

    def ready(self):
        from skanse.auditlog.codes import register_codes
        from skanse.dpia import commons_kinds
        from skanse.dpia import criteria as k

        commons_kinds.register()
        register_codes("dpia.screening", "criteria", k.CRITERIA)
        register_codes("dpia.screening", "art35_3", k.ART35_3)
        register_codes("dpia.screening", "danish_list", k.DANISH_LIST)
