"""Report types (``import_batch.report_type``, the ingest families) as people call them, in
English (the family's own title) and Chinese (as Seller Central's Chinese interface names the
report, where it has one)."""

from __future__ import annotations

from sellerops.ingest import registry
from sellerops.ingest import service as _service  # noqa: F401  (registers every family)

ZH: dict[str, str] = {
    "business_report": "业务报告（详情页面上的销售量与访问量 - 按子商品）",
    "all_orders": "所有订单",
    "fba_inventory": "管理亚马逊库存",
    "ads_bulk": "广告批量操作文件",
    "ads_search_term": "广告搜索词报告",
    "ads_target": "广告投放 / 关键词报告",
    "ads_product": "广告推广的商品报告",
    "ads_campaign": "广告活动报告",
    "ads_placement": "广告位报告",
    "brand_search_terms": "品牌分析搜索词（CSV）",
    "brand_search_terms_json": "SP-API 品牌分析搜索词报告（JSON）",
    "date_range": "日期范围交易报告",
    "fba_adjustments": "FBA 库存调整",
    "fba_inventory_health": "FBA 库存（库存状况 / 库龄）",
    "fba_ledger_detail": "FBA 库存分类账（详细视图）",
    "fba_ledger_summary": "FBA 库存分类账（汇总视图）",
    "fba_received": "FBA 已接收库存",
    "fba_reimbursements": "FBA 赔偿",
    "fba_restock": "补货库存",
    "fba_returns": "FBA 买家退货",
    "fba_storage_fees": "FBA 月度仓储费",
    "fba_long_term_storage_fees": "FBA 长期仓储费 / 库龄附加费",
    "sales_traffic_json": "SP-API 销售与流量报告（GET_SALES_AND_TRAFFIC_REPORT，JSON）",
    "settlement_v2": "结算报告（V2 平面文件）",
    "settlement": "结算报告（平面文件）",
    "cost_sheet": "成本表",
    "exchange_rate_sheet": "汇率表",
    "freight_invoice_sheet": "头程运费发票表",
    "purchase_order_sheet": "采购订单表",
    "review_sheet": "评论表",
    "helium10_reviews": "Helium 10 评论导出",
    "inbound_shipment_sheet": "入库货件表",
    "supplier_sheet": "供应商表",
    "listings_item_json": "SP-API 商品信息文档（getListingsItem，JSON）",
    "listings_search_json": "SP-API 商品信息搜索（searchListingsItems，JSON）",
    "listing_sheet": "商品信息表",
    "suppressed_listings": "被禁止显示的商品报告（修复商品）",
    "deal_sheet": "促销活动表",
    "fba_capacity_sheet": "FBA 库容表",
    "warehouse_stock_sheet": "第三方仓库库存表",
}


def report_names(lang: str) -> dict[str, str]:
    """Every known report type's name in ``lang`` (English where Chinese has none yet)."""
    names = {f.name: f.title for f in registry.families()}
    if lang == "zh":
        names |= {k: v for k, v in ZH.items() if k in names}
    return names
