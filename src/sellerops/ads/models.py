"""Advertising tables: the campaign structure, and daily metrics at each level reports give.

Structure: ``ad_campaign`` -> ``ad_group`` -> ``ad_target`` (keywords, product / auto /
audience targeting clauses, and negatives). Console reports carry names, not ids, so each
level is keyed by its parent and its *name key* (the name NFKC-normalised, case-folded, with
single spaces; :func:`sellerops.ads.service.name_key`), and keeps the name as last seen for
display; bulk files add Amazon's ids, states, bids and budgets. An ad group named ``""``
stands for the campaign itself: old Sponsored Brands campaigns have no ad groups, and
campaign-level negative keywords hang there.

Metrics are per marketplace-local day. Sales, orders and units are those attributed within
``attribution_days`` of the click (7 for Sponsored Products, 14 for Sponsored Brands /
Display and for vendors; None when the report does not say); ``advertised_*`` are of the
advertised SKU / ASIN itself, ``other_*`` of other products (brand halo). Money is in
``currency``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sellerops.core.models import Base, utcnow
from sellerops.core.money import Money, Rate

NAME = 255  # campaign and ad group names (Amazon allows 128 characters)
TEXT = 500  # keywords, targeting expressions, search terms


class AdCampaign(Base):
    """A campaign of one ad product (``SP`` Sponsored Products, ``SB`` Brands, ``SD`` Display).

    ``*_adjustment`` are the placement bid adjustments in percent (+50 = bid 50 % higher).
    """

    __tablename__ = "ad_campaign"
    __table_args__ = (UniqueConstraint("store_id", "ad_product", "name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    ad_product: Mapped[str] = mapped_column(String(2))
    name_key: Mapped[str] = mapped_column(String(NAME))
    name: Mapped[str] = mapped_column(String(NAME))
    amazon_id: Mapped[str | None] = mapped_column(String(32), index=True)
    portfolio: Mapped[str | None] = mapped_column(String(NAME))
    state: Mapped[str | None] = mapped_column(String(16))  # enabled | paused | archived
    targeting_type: Mapped[str | None] = mapped_column(String(16))  # auto | manual
    bidding_strategy: Mapped[str | None] = mapped_column(String(64))
    daily_budget: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(3))
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    top_of_search_adjustment: Mapped[int | None] = mapped_column(Integer)
    product_page_adjustment: Mapped[int | None] = mapped_column(Integer)
    rest_of_search_adjustment: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class AdGroup(Base):
    """An ad group; ``name == ""`` is the campaign level (see the module docstring)."""

    __tablename__ = "ad_group"
    __table_args__ = (UniqueConstraint("campaign_id", "name_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("ad_campaign.id"))
    name_key: Mapped[str] = mapped_column(String(NAME))
    name: Mapped[str] = mapped_column(String(NAME))
    amazon_id: Mapped[str | None] = mapped_column(String(32), index=True)
    state: Mapped[str | None] = mapped_column(String(16))
    default_bid: Mapped[Decimal | None] = mapped_column(Money)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class AdTarget(Base):
    """A keyword or targeting clause of an ad group, or a negative one.

    ``match_type``: ``broad`` / ``phrase`` / ``exact`` for keywords, ``negative exact`` /
    ``negative phrase`` for negative keywords, ``-`` for targeting expressions
    (``close-match``, ``asin="B0..."``), ``negative -`` for negative targeting.
    ``kind``: keyword | auto | product | audience | other.
    """

    __tablename__ = "ad_target"
    __table_args__ = (UniqueConstraint("ad_group_id", "match_type", "text_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("ad_campaign.id"), index=True)
    ad_group_id: Mapped[int] = mapped_column(ForeignKey("ad_group.id"))
    match_type: Mapped[str] = mapped_column(String(32))
    text_key: Mapped[str] = mapped_column(String(TEXT))
    text: Mapped[str] = mapped_column(String(TEXT))
    kind: Mapped[str] = mapped_column(String(16))
    negative: Mapped[bool] = mapped_column(Boolean, default=False)
    amazon_id: Mapped[str | None] = mapped_column(String(32), index=True)
    state: Mapped[str | None] = mapped_column(String(16))
    bid: Mapped[Decimal | None] = mapped_column(Money)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class _Metrics:
    """The measures every level shares (see the module docstring for their meaning).

    A daily table has at most one foreign key, to the parent its key names (target, ad
    group or campaign; the search term table has none, see ``AdSearchTermDaily``);
    ``store_id``, the campaign and ad group a target implies, and the ``import_batch_id``
    bookkeeping carry none: a million-row report checked each of them
    per row (PostgreSQL locks the same store, batch and campaign rows once per row), and
    the parent's own keys already hold them.
    """

    impressions: Mapped[int] = mapped_column(Integer, default=0)
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    spend: Mapped[Decimal] = mapped_column(Money, default=0)
    currency: Mapped[str] = mapped_column(String(3))
    attribution_days: Mapped[int | None] = mapped_column(Integer)
    orders: Mapped[int | None] = mapped_column(Integer)
    units: Mapped[int | None] = mapped_column(Integer)
    sales: Mapped[Decimal | None] = mapped_column(Money)
    advertised_units: Mapped[int | None] = mapped_column(Integer)
    advertised_sales: Mapped[Decimal | None] = mapped_column(Money)
    other_units: Mapped[int | None] = mapped_column(Integer)
    other_sales: Mapped[Decimal | None] = mapped_column(Money)
    import_batch_id: Mapped[int | None] = mapped_column(Integer)


class AdSearchTermDaily(_Metrics, Base):
    """What shoppers typed (``term``; an ASIN in lower case for product-page clicks) that
    matched a target, per day. ``term_key`` is the term normalised like names.

    The largest table (a store's search term report runs to millions of rows) holds no
    foreign key: PostgreSQL would check ``target_id`` row by row on every import, which cost
    as much as the insert itself. Its rows are written by the import only, after the
    campaign, ad group and target they name were placed in the same transaction, and ad
    targets are never deleted on their own (a store's data goes as a whole)."""

    __tablename__ = "ad_search_term_daily"

    store_id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(primary_key=True)
    term_key: Mapped[str] = mapped_column(String(TEXT), primary_key=True)
    term: Mapped[str] = mapped_column(String(TEXT))
    campaign_id: Mapped[int] = mapped_column(index=True)
    ad_group_id: Mapped[int] = mapped_column()


class AdTargetDaily(_Metrics, Base):
    """A keyword or targeting clause per day (SP targeting, SB keyword, SD targeting)."""

    __tablename__ = "ad_target_daily"

    store_id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("ad_target.id"), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(index=True)
    ad_group_id: Mapped[int] = mapped_column()
    top_of_search_share: Mapped[Decimal | None] = mapped_column(Rate)


class AdProductDaily(_Metrics, Base):
    """An advertised product of an ad group per day (``sku`` is ``""`` when the report has
    none, as vendors' reports)."""

    __tablename__ = "ad_product_daily"

    store_id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    ad_group_id: Mapped[int] = mapped_column(ForeignKey("ad_group.id"), primary_key=True)
    asin: Mapped[str] = mapped_column(String(16), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(index=True)


class AdCampaignDaily(_Metrics, Base):
    """A campaign per day, any ad product. Brands / Display add viewable impressions,
    detail page views and new-to-brand figures (first purchase of the brand in a year)."""

    __tablename__ = "ad_campaign_daily"

    store_id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("ad_campaign.id"), primary_key=True)
    top_of_search_share: Mapped[Decimal | None] = mapped_column(Rate)
    viewable_impressions: Mapped[int | None] = mapped_column(Integer)
    detail_page_views: Mapped[int | None] = mapped_column(Integer)
    new_to_brand_orders: Mapped[int | None] = mapped_column(Integer)
    new_to_brand_units: Mapped[int | None] = mapped_column(Integer)
    new_to_brand_sales: Mapped[Decimal | None] = mapped_column(Money)


class AdPlacementDaily(_Metrics, Base):
    """A campaign on one placement per day (``Top of Search on-Amazon``, ``Detail Page
    on-Amazon``, ``Other on-Amazon``, ``Off Amazon``); ``placement_key`` is its name key."""

    __tablename__ = "ad_placement_daily"

    store_id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("ad_campaign.id"), primary_key=True)
    placement_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    placement: Mapped[str] = mapped_column(String(64))
    bidding_strategy: Mapped[str | None] = mapped_column(String(64))


class AdProductAd(Base):
    """A product ad: which SKU / ASIN an ad group advertises (bulk file ``Product ad`` rows)."""

    __tablename__ = "ad_product_ad"
    __table_args__ = (UniqueConstraint("ad_group_id", "sku", "asin"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("ad_campaign.id"), index=True)
    ad_group_id: Mapped[int] = mapped_column(ForeignKey("ad_group.id"))
    sku: Mapped[str] = mapped_column(String(64))
    asin: Mapped[str] = mapped_column(String(16))
    amazon_id: Mapped[str | None] = mapped_column(String(32))
    state: Mapped[str | None] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class AdRecommendation(Base):
    """One change the optimizer proposes for a review day, and what the operator decided.

    ``kind``: bid | negative | harvest | budget | pause | enable (pause and enable act on the
    product ad of ``sku`` in the ad group). ``current`` and ``proposed``
    are the bid or daily budget in ``currency`` (None for negatives and states). ``reason`` is a
    message code (``ads.reason.<reason>``) with ``params``; ``evidence`` the numbers behind it;
    ``effect`` the expected change per day (``spend``, ``sales``, ``profit``).
    ``status``: proposed -> approved | rejected -> exported (written to a bulk file).
    """

    __tablename__ = "ad_recommendation"
    __table_args__ = (UniqueConstraint("store_id", "review_date", "rec_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    review_date: Mapped[date]
    rec_key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("ad_campaign.id"))
    ad_group_id: Mapped[int | None] = mapped_column(ForeignKey("ad_group.id"))
    target_id: Mapped[int | None] = mapped_column(ForeignKey("ad_target.id"))
    term: Mapped[str | None] = mapped_column(String(TEXT))
    match_type: Mapped[str | None] = mapped_column(String(32))
    sku: Mapped[str | None] = mapped_column(String(64))  # pause / enable a product ad
    source_ad_group_id: Mapped[int | None] = mapped_column(ForeignKey("ad_group.id"))
    current: Mapped[Decimal | None] = mapped_column(Money)
    proposed: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    reason: Mapped[str] = mapped_column(String(48))
    params: Mapped[dict[str, Any]]
    evidence: Mapped[dict[str, Any]]
    effect: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), default="proposed", index=True)
    decided_by: Mapped[str | None] = mapped_column(String(120))
    decided_at: Mapped[datetime | None]
    exported_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AdChangeLog(Base):
    """Who did what to a recommendation, when: approved, rejected, exported, reverted."""

    __tablename__ = "ad_change_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    recommendation_id: Mapped[int] = mapped_column(ForeignKey("ad_recommendation.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(String(500))


class AdDeal(Base):
    """A deal or promotion in the calendar (``sellerops ads deals``): Lightning Deal, Best
    Deal, coupon or Prime exclusive discount of one SKU, its dates (marketplace days,
    inclusive), discount, fee (``ads.deals.FEE_TABLE`` unless given) and expected units."""

    __tablename__ = "ad_deal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("store.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # lightning | best_deal | coupon | prime
    sku: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[date]
    end_date: Mapped[date]
    discount_pct: Mapped[Decimal] = mapped_column(Rate)  # 0.20 = 20 % off
    fee: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    expected_units: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(500))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
