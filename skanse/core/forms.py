from django.forms.renderers import TemplatesSetting


class DKFDSRenderer(TemplatesSetting):
    """Every Django form renders with DKFDS markup (form-group, form-label, form-hint…)."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
