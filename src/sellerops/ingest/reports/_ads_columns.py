"""The columns of Ads console reports, in every spelling seen (report-formats.md §6).

English headers (with the trailing spaces and ``ACoS``/``ACOS`` casings of real files, which
header normalisation absorbs), Simplified Chinese and Japanese where the doc lists them.
Attributed measures come in 1-, 7-, 14- and 30-day windows (``7 Day Total Sales``,
``14天总销售额``); the window the file uses is stored with each row. A currency mark inside a
header (``14 Day Advertised ASIN Sales (₹)``) is matched too.

Each level's family knows the shared columns plus its own: the family that explains most of a
file's header wins detection (a search term report is also a valid campaign report).
"""

from __future__ import annotations

from sellerops.ingest import values
from sellerops.ingest.headers import normalize_header
from sellerops.ingest.registry import Column, column
from sellerops.ingest.reports import _console
from sellerops.ingest.values import CURRENCY_SYMBOLS

_WINDOWS = (1, 7, 14, 30)
_MARKS = ("$", *CURRENCY_SYMBOLS)


def _windowed(*templates: str, money: bool = False) -> tuple[str, ...]:
    """``"{n} Day Total Sales"`` for every window (and currency mark, for money)."""
    names = [t.format(n=n) for t in templates for n in _WINDOWS]
    if money:
        names += [f"{name} ({mark})" for name in list(names) for mark in _MARKS]
    return tuple(names)


def _ignored(*aliases: str) -> Column:
    return Column("~" + aliases[0], aliases, kind="ignore")


class AdProductError(values.ValueFormatError):
    expected = "Sponsored Products, Sponsored Brands or Sponsored Display"


_AD_PRODUCTS = {
    "sponsored products": "SP", "sponsored_products": "SP", "sp": "SP", "商品推广": "SP",
    "sponsored brands": "SB", "sponsored_brands": "SB", "sb": "SB", "品牌推广": "SB",
    "sponsored display": "SD", "sponsored_display": "SD", "sd": "SD", "展示型推广": "SD",
}  # fmt: skip


def parse_ad_product(text: str) -> str:
    try:
        return _AD_PRODUCTS[" ".join(text.split()).casefold()]
    except KeyError:
        raise AdProductError(text) from None


_SD_ONLY = frozenset({"bid optimization", "tactic"})
_SB_ONLY = ("branded searches", "video", "5 second view")
_SB_OR_SD = ("new-to-brand", "viewable impressions", "cost type", "(click)")


def header_ad_product(header: list[str], level: str) -> str:
    """Which ad product a report is for, from its header (report-formats.md §6 has no column
    saying so; these are inferences from the columns each product's reports add):

    - ``Bid Optimization`` / ``Tactic``: Sponsored Display;
    - branded searches, video or 5-second-view columns: Sponsored Brands;
    - new-to-brand, viewable impressions, ``Cost type`` or ``- (Click)`` columns: Brands or
      Display. Display has no search terms and no match types, so a search term report or
      one with ``Match Type`` is Brands; otherwise ``Cost type`` / ``(Click)`` mean Display;
    - anything else: Sponsored Products.

    An ``Ad product`` column, when there is one, overrules this per row."""
    names = {normalize_header(h) for h in header}

    def has(*parts: str) -> bool:
        return any(part in name for name in names for part in parts)

    if names & _SD_ONLY:
        return "SD"
    if has(*_SB_ONLY):
        return "SB"
    if not has(*_SB_OR_SD):
        return "SP"
    if level == "search_term" or "match type" in names:
        return "SB"
    return "SD" if has("cost type", "(click)") else "SB"


_COUNT = {"kind": "int"}
_MONEY = {"kind": "amount"}

#: Columns every level shares: the day, the campaign, and the measures.
SHARED: tuple[Column, ...] = (
    column(
        "day", "Date", "Start Date", "Date range", "日期", "开始日期", "日付", "開始日",
        convert=_console.parse_span, required=True, nonempty=True,
    ),
    column("end_date", "End Date", "结束日期", "終了日", convert=_console.parse_date),
    column("portfolio", "Portfolio name", "广告组合名称", "ポートフォリオ名", max_len=255, truncate=True),
    column("currency", "Currency", "货币", "通貨", convert=_console.parse_currency),
    column(
        "campaign", "Campaign Name", "广告活动名称", "广告活动", "キャンペーン名",
        required=True, nonempty=True,
    ),
    column("country", "Country", "国家/地区", "国家"),
    column("ad_product", "Ad product", "Ad type", "Campaign type", "广告类型", convert=parse_ad_product),
    # The daily tables hold these in every row: an empty cell is refused, not stored as 0.
    column("impressions", "Impressions", "展示量", "展现量", "インプレッション",
           required=True, nonempty=True, **_COUNT),
    column("clicks", "Clicks", "点击量", "点击次数", "クリック数", "クリック",
           required=True, nonempty=True, **_COUNT),
    column("spend", "Spend", "Total cost", "Cost", "花费", "支出", "広告費",
           required=True, nonempty=True, **_MONEY),
    column(
        "sales",
        *_windowed("{n} Day Total Sales", "{n}天总销售额", "{n}日間の総売上高", money=True),
        "Sales", "Total Sales", "销售额",
        **_MONEY,
    ),
    column(
        "orders",
        *_windowed("{n} Day Total Orders (#)", "{n} Day Total Orders", "{n}天总订单数(#)",
                   "{n}日間の総注文数"),
        "Purchases", "Orders", "订单数",
        **_COUNT,
    ),
    column(
        "units",
        *_windowed("{n} Day Total Units (#)", "{n} Day Total Units", "{n}天总销售量(#)",
                   "{n}日間の総販売数"),
        "Units", "Units sold",
        **_COUNT,
    ),
    column(
        "advertised_units",
        *_windowed("{n} Day Advertised SKU Units (#)", "{n} Day Advertised ASIN Units (#)",
                   "{n}天内广告SKU销售量(#)"),
        **_COUNT,
    ),
    column(
        "other_units",
        *_windowed("{n} Day Other SKU Units (#)", "{n} Day Other ASIN Units (#)",
                   "{n} Day Brand Halo ASIN Units (#)", "{n}天内其他SKU销售量(#)"),
        **_COUNT,
    ),
    column(
        "advertised_sales",
        *_windowed("{n} Day Advertised SKU Sales", "{n} Day Advertised ASIN Sales",
                   "{n}天内广告SKU销售额", money=True),
        **_MONEY,
    ),
    column(
        "other_sales",
        *_windowed("{n} Day Other SKU Sales", "{n} Day Other ASIN Sales",
                   "{n} Day Brand Halo ASIN Sales", "{n}天内其他SKU销售额", money=True),
        **_MONEY,
    ),
    _ignored("Retailer", "零售商"),
    _ignored("Click-Thru Rate (CTR)", "Click-through rate", "CTR", "点击率 (CTR)", "点击率", "クリックスルー率 (CTR)"),
    _ignored("Cost Per Click (CPC)", "CPC", "单次点击成本 (CPC)", "每次点击成本(CPC)", "クリック単価 (CPC)"),
    _ignored(
        "Total Advertising Cost of Sales (ACOS)", "ACOS", "广告投入产出比 (ACOS) 总计",
        "广告成本销售比(ACOS)", "Total Advertising Cost of Sales (ACOS) - (Click)",
    ),
    _ignored(
        "Total Return on Advertising Spend (ROAS)", "ROAS", "总广告投资回报率 (ROAS)",
        "投入产出比(ROAS)", "Total Return on Advertising Spend (ROAS) - (Click)",
    ),
    _ignored(*_windowed("{n} Day Conversion Rate", "{n}天的转化率"), "Conversion rate"),
    _ignored(
        *_windowed("{n} Day Total Orders (#) - (Click)", "{n} Day Total Units (#) - (Click)",
                   "{n} Day Total Sales - (Click)", "{n} Day New-to-brand Orders (#) - (Click)",
                   "{n} Day New-to-brand Sales - (Click)", "{n} Day New-to-brand Units (#) - (Click)",
                   "{n} Day % of Orders New-to-brand", "{n} Day % of Sales New-to-brand",
                   "{n} Day % of Units New-to-brand", "{n} Day New-to-brand Order Rate",
                   "{n} Day Branded Searches"),
        "Cost per 1,000 viewable impressions (VCPM)", "View-Through Rate (VTR)",
        "Click-Through Rate for Views (vCTR)", "Video First Quartile Views",
        "Video Midpoint Views", "Video Third Quartile Views", "Video Complete Views",
        "Video Unmutes", "5 Second Views", "5 Second View Rate", "Cost type", "Cost Type",
    ),
)  # fmt: skip

#: What campaign-level reports add (SP campaign, SB / SD campaign, the 2024 export).
CAMPAIGN: tuple[Column, ...] = (
    column("status", "Status", "Campaign Status", "State", "状态", "ステータス"),
    column("budget", "Budget", "Daily Budget", "Budget Amount", "Campaign Daily Budget",
           "Campaign budget amount", "预算", "予算", **_MONEY),
    column("targeting_type", "Targeting Type", "投放类型", "ターゲティングタイプ"),
    column("bidding_strategy", "Bidding strategy", "Campaign bid strategy", "竞价策略",
           max_len=64, truncate=True),
    column("top_of_search_share", "Top-of-search Impression Share",
           "Top-of-search impression share (IS)", "搜索结果顶部展示份额", kind="percent"),
    column("viewable_impressions", "Viewable Impressions", "可见展示量", **_COUNT),
    column("detail_page_views", *_windowed("{n} Day Detail Page Views (DPV)"), **_COUNT),
    column("ntb_orders", *_windowed("{n} Day New-to-brand Orders (#)"), "New-to-brand Orders (#)",
           **_COUNT),
    column("ntb_units", *_windowed("{n} Day New-to-brand Units (#)"), "New-to-brand Units (#)",
           **_COUNT),
    column("ntb_sales", *_windowed("{n} Day New-to-brand Sales", money=True),
           "New-to-brand Sales", **_MONEY),
    _ignored("Program Type", "Bid Optimization", "Tactic", "Cost type"),
)  # fmt: skip

#: The impression share columns: the console writes a share below 5 % as "<5%" (a bound),
#: which ``ads_reports.RowReader`` stores as unknown (NULL), with a note counting them.
SHARES = frozenset({"top_of_search_share"})

AD_GROUP = column("ad_group", "Ad Group Name", "广告组名称", "広告グループ名")
TARGETING = column(
    "targeting",
    "Targeting",
    "Keyword",
    "投放",
    "关键词",
    "ターゲティング",
    "キーワード",
    required=True,
    nonempty=True,
)
MATCH_TYPE = column("match_type", "Match Type", "匹配类型", "マッチタイプ")
SEARCH_TERM = column(
    "search_term",
    "Customer Search Term",
    "客户搜索词",
    "カスタマーの検索用語",
    "検索用語",
    required=True,
    nonempty=True,
)
ADVERTISED_ASIN = column(
    "asin", "Advertised ASIN", "广告ASIN", "広告ASIN", kind="asin", required=True, nonempty=True
)
ADVERTISED_SKU = column("sku", "Advertised SKU", "广告SKU", "広告SKU", max_len=64)
PLACEMENT = column(
    "placement",
    "Placement",
    "Placement Type",
    "广告位",
    "プレースメント",
    required=True,
    nonempty=True,
    max_len=64,
)
