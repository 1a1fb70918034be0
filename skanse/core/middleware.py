"""Danish first: the interface is Danish unless the person has chosen English.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a Danish civil servant
with an English browser would get English. Here only the language cookie (set by the switcher)
counts.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def language_middleware(get_response):
    supported = {code for code, _name in settings.LANGUAGES}

    def middleware(request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response

    return middleware
