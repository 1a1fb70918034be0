from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "skanse.inventory"
    label = "inventory"

    def ready(self):
        from skanse.auditlog.codes import register_codes
        from skanse.inventory import models as m

        register_codes(
            "inventory.itsystem", "data_sensitivity_levels", m.DataSensitivityLevel.choices
        )
        register_codes(
            "inventory.itsystem", "specific_personal_data", m.SpecificPersonalData.choices
        )
        register_codes("inventory.itsystem", "technical_precautions", m.TechnicalPrecaution.choices)
