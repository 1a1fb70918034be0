from django.apps import AppConfig


class DesignConfig(AppConfig):
    name = "skanse.design"
    label = "design"

    def ready(self):
        from skanse.core.signals import incident_involves_systems
        from skanse.design.services import incident_triggers_reassessment

        incident_involves_systems.connect(incident_triggers_reassessment, dispatch_uid="design")
