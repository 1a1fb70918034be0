from django.apps import AppConfig


class CommonsConfig(AppConfig):
    name = "skanse.commons"
    label = "commons"

    def ready(self):
        from skanse.auditlog.codes import register_codes, register_field_lookup
        from skanse.commons import kinds

        def payload_field(key):
            """A template version's changes are keys of its payload: a field of some kind."""
            for kind in kinds.all_kinds():
                for field in kind.fields:
                    if field.name == key:
                        return field.label, field.choice_list
            return None

        register_codes("commons.template", "kind", kinds.choices)
        register_field_lookup("commons.templateversion", payload_field)
