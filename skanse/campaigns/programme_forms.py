"""Forms for the coordinator's programme pages: input shape only; the rules are in
programme_services. Danish texts sit beside the English ones (`name_da`, …)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from skanse.campaigns.models import Campaign, Objective
from skanse.programme.models import Track
from skanse.tenancy.models import Organisation

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class TextsForm(forms.Form):
    """Name and description in Danish (first) and English."""

    name_da = forms.CharField(label=_("Name (Danish)"), max_length=255)
    name = forms.CharField(label=_("Name (English)"), max_length=255)
    description_da = forms.CharField(
        label=_("Description (Danish)"), required=False, widget=TEXTAREA
    )
    description = forms.CharField(label=_("Description (English)"), required=False, widget=TEXTAREA)

    @staticmethod
    def initial_of(obj) -> dict:
        danish = (obj.translations or {}).get("da", {})
        return {
            "name": obj.name,
            "name_da": danish.get("name", ""),
            "description": getattr(obj, "description", ""),
            "description_da": danish.get("description", ""),
        }


class ProgrammeForm(TextsForm):
    starts = forms.DateField(label=_("Starts"), widget=forms.DateInput(attrs={"type": "date"}))
    ends = forms.DateField(label=_("Ends"), widget=forms.DateInput(attrs={"type": "date"}))


class TrackForm(TextsForm):
    key = forms.SlugField(label=_("Key"), max_length=30)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=99, initial=0)


class _InProgramme(forms.Form):
    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = Track.objects.filter(programme=programme)


class ObjectiveForm(_InProgramme, TextsForm):
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.none())
    section_key = forms.SlugField(
        label=_("Section (key)"),
        required=False,
        help_text=_("The section whose level is measured — or name a question instead."),
    )
    question_key = forms.CharField(label=_("Question (key)"), required=False, max_length=30)
    threshold = forms.FloatField(label=_("Level at or above"))
    target_percent = forms.IntegerField(
        label=_("Target share of organisations (%)"), min_value=1, max_value=100
    )
    due_campaign = forms.ModelChoiceField(
        label=_("By campaign"), queryset=Campaign.objects.order_by("opens_on"), required=False
    )


class RecommendationForm(_InProgramme, TextsForm):
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.none())
    objectives = forms.ModelMultipleChoiceField(
        label=_("Objectives it serves"),
        queryset=Objective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    requirements = forms.CharField(
        label=_("Library requirements (URNs, one per line)"), required=False, widget=TEXTAREA
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=99, initial=0)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, programme=programme, **kwargs)
        self.fields["objectives"].queryset = Objective.objects.filter(programme=programme)
        self.fields["name_da"].label = _("Title (Danish)")
        self.fields["name"].label = _("Title (English)")
        self.fields["description_da"].label = _("Recommendation (Danish)")
        self.fields["description"].label = _("Recommendation (English)")


class MilestoneForm(_InProgramme, forms.Form):
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.none())
    name_da = forms.CharField(label=_("Name (Danish)"), max_length=200)
    name = forms.CharField(label=_("Name (English)"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2040)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=[(q, f"Q{q}") for q in range(1, 5)], coerce=int
    )
    done = forms.BooleanField(label=_("Done"), required=False)


class PeerGroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=Organisation.objects.filter(is_active=True)
        .exclude(kind="coordinator")
        .order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
