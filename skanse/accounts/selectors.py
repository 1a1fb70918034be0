from allauth.mfa.models import Authenticator


def user_has_mfa(user) -> bool:
    """True when the user has a second factor that counts for the MFA policy."""
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
