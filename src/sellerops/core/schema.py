"""Import every domain's models so ``Base.metadata`` knows all tables (Alembic, tests)."""

from sellerops.accounts import models as accounts_models
from sellerops.ads import models as ads_models
from sellerops.brand import models as brand_models
from sellerops.catalog import listing_models, pricing_models, rollup_models, traffic_models
from sellerops.catalog import models as catalog_models
from sellerops.core.models import Base
from sellerops.daily import models as daily_models
from sellerops.finance import models as finance_models
from sellerops.inventory import capacity_models, ledger_models, plan_models
from sellerops.inventory import models as inventory_models
from sellerops.notifications import models as notifications_models
from sellerops.partners import models as partners_models
from sellerops.reviews import models as reviews_models
from sellerops.service import models as service_models
from sellerops.web import models as web_models

__all__ = [
    "Base",
    "accounts_models",
    "ads_models",
    "brand_models",
    "capacity_models",
    "catalog_models",
    "daily_models",
    "finance_models",
    "inventory_models",
    "ledger_models",
    "listing_models",
    "notifications_models",
    "partners_models",
    "plan_models",
    "pricing_models",
    "reviews_models",
    "rollup_models",
    "service_models",
    "traffic_models",
    "web_models",
]
metadata = Base.metadata
