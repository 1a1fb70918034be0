from skanse.api import audit, breaches, campaigns, library, privacy, tenancy
from skanse.api import commons as commons_api
from skanse.api import design as design_api
from skanse.api import dpia as dpia_api
from skanse.api import inventory as inventory_api
from skanse.api import requirements as requirements_api
from skanse.api.base import make_api

api = make_api()
api.add_router("/", tenancy.router)
api.add_router("/", audit.router)
api.add_router("/", library.router)
api.add_router("/", campaigns.router)
api.add_router("/", privacy.router)
api.add_router("/", commons_api.router)
api.add_router("/", inventory_api.router)
api.add_router("/", requirements_api.router)
api.add_router("/", breaches.router)
api.add_router("/", dpia_api.router)
api.add_router("/", design_api.router)
