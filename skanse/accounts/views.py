from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from skanse.accounts.forms import ProfileForm
from skanse.accounts.selectors import user_has_mfa
from skanse.accounts.services import user_update_profile


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, initial={"name": request.user.name})
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "has_mfa": user_has_mfa(request.user),
        },
        status=400 if form.errors else 200,
    )
