from django.apps import AppConfig


class DesignConfig(AppConfig):
    name = "skanse.design"
    label = "design"

    def ready(self):
        from django.db.models.signals import m2m_changed

        from skanse.core.signals import incident_involves_systems
        from skanse.design.services import (
            activity_triggers_reassessment,
            incident_triggers_reassessment,
        )
        from skanse.privacy.models import ProcessingActivity

        incident_involves_systems.connect(incident_triggers_reassessment, dispatch_uid="design")
        m2m_changed.connect(
            activity_triggers_reassessment,
            sender=ProcessingActivity.systems.through,
            dispatch_uid="design-new-activity",
        )
