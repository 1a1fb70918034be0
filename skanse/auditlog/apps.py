from django.apps import AppConfig


class AuditlogConfig(AppConfig):
    name = "skanse.auditlog"
    label = "auditlog"

    def ready(self):
        # Tenancy sits below the audit trail and cannot register its own code lists.
        from skanse.auditlog.codes import register_codes
        from skanse.tenancy.roles import Role

        register_codes("tenancy.organisation", "mfa_required_roles", Role.choices)
