from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """People join Skanse by invitation from an organisation admin, never by open sign-up."""

    def is_open_for_signup(self, request):
        return False
