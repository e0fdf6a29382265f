"""Texts of the Imports, Products, Inventory and Settings pages, in English and Chinese."""

from sellerops.core import i18n

i18n.register_messages(
    {
        "web.nav.products": {"en": "Products", "zh": "商品"},
        "web.nav.restock": {"en": "Restock", "zh": "补货"},
        "web.nav.imports": {"en": "Imports", "zh": "导入"},
        "web.nav.settings": {"en": "Settings", "zh": "设置"},
        "web.pager.prev": {"en": "Previous", "zh": "上一页"},
        "web.pager.next": {"en": "Next", "zh": "下一页"},
        "web.pager.page": {"en": "Page {page} of {pages}", "zh": "第 {page} / {pages} 页"},
        # imports
        "web.imports.title": {"en": "Imports", "zh": "报告导入"},
        "web.imports.drop": {
            "en": "Drop report files here, or click to choose (several at once; .csv, .txt, "
            ".tsv, .xlsx, .json, .zip)",
            "zh": "将报告文件拖到此处，或点击选择（可多选；.csv、.txt、.tsv、.xlsx、.json、.zip）",
        },
        "web.imports.drop_types": {
            "en": "Drop report files here, or click to choose (several at once; {types})",
            "zh": "将报告文件拖到此处，或点击选择（可多选；{types}）",
        },
        "web.imports.types": {
            "en": "Report types sellerops reads ({count})",
            "zh": "可导入的报告类型（{count} 种）",
        },
        "web.imports.types_here": {
            "en": 'The report types it reads are listed on this page, under "Report types '
            'sellerops reads".',
            "zh": "支持的报告类型列在本页的“可导入的报告类型”中。",
        },
        "web.imports.refused_times": {
            "en": "Refused {count} times: the same file, with the same reason",
            "zh": "已拒绝 {count} 次：同一文件，原因相同",
        },
        "web.imports.limits": {
            "en": "Up to {files} files of at most {mb} MB each. Each file is imported on its "
            "own: a bad file is refused whole and never stops the others.",
            "zh": "最多 {files} 个文件，每个不超过 {mb} MB。每个文件单独导入："
            "有问题的文件整体拒绝，不影响其他文件。",
        },
        "web.imports.submit": {"en": "Import", "zh": "导入"},
        "web.imports.options": {
            "en": "Only for files that do not say it (a Business Report has no date column):",
            "zh": "仅在文件本身没有说明时使用（业务报告没有日期列）：",
        },
        "web.imports.field.day": {"en": "Day the report covers", "zh": "报告所属日期"},
        "web.imports.field.marketplace": {"en": "Marketplace", "zh": "站点"},
        "web.imports.field.marketplace_any": {
            "en": "The store's ({code})",
            "zh": "店铺所在站点（{code}）",
        },
        "web.imports.field.store": {"en": "Into store", "zh": "导入到店铺"},
        "web.imports.field.day_to": {
            "en": "Last day (a Business Report over several days)",
            "zh": "最后一天（涵盖多天的业务报告）",
        },
        "web.imports.field.new_store": {
            "en": "New store for the file's marketplace…",
            "zh": "为文件所属站点新建店铺…",
        },
        "web.imports.field.new_store_name": {
            "en": "Name of the new store (default: the marketplace code)",
            "zh": "新店铺名称（默认：站点代码）",
        },
        "web.imports.new_store_help": {
            "en": "A file for a marketplace none of these stores sells on needs a store of its "
            "own: choose “New store for the file's marketplace”. It is created on the "
            "marketplace the file (or the Marketplace field) says, and the result says so.",
            "zh": "文件所属站点若没有任何店铺，需要为它新建店铺：请选择“为文件所属站点新建店铺”。"
            "店铺将建在文件（或“站点”字段）所说明的站点上，导入结果会说明新建了哪个店铺。",
        },
        "web.imports.new_store_owner_only": {
            "en": "Only an owner can add a store for a marketplace none of these stores sells "
            "on: ask an owner (Settings → Stores).",
            "zh": "只有所有者才能为尚无店铺的站点新建店铺：请联系所有者（设置 → 店铺）。",
        },
        "web.imports.store_created": {
            "en": "New store {store} created on {domain} ({code}) for this file.",
            "zh": "已为此文件在 {domain}（{code}）新建店铺 {store}。",
        },
        "web.imports.no_store": {"en": "no store", "zh": "无店铺"},
        "web.imports.col.store": {"en": "Store", "zh": "店铺"},
        "web.imports.chosen": {"en": "{count} files chosen", "zh": "已选择 {count} 个文件"},
        "web.imports.uploading": {"en": "Uploading…", "zh": "正在上传…"},
        "web.imports.importing": {"en": "Importing…", "zh": "正在导入…"},
        "web.imports.upload_failed": {
            "en": "The upload failed (too large, or the connection dropped).",
            "zh": "上传失败（文件过大或连接中断）。",
        },
        "web.imports.history": {"en": "Past imports", "zh": "导入记录"},
        # the history's filter and pages (newest first)
        "web.imports.filter.type": {"en": "Report", "zh": "报告类型"},
        "web.imports.filter.type_all": {"en": "All reports", "zh": "全部报告"},
        "web.imports.filter.type_unknown": {
            "en": "Not recognized (refused)",
            "zh": "未识别的文件（已拒绝）",
        },
        "web.imports.filter.outcome": {"en": "Outcome", "zh": "结果"},
        "web.imports.filter.outcome_all": {"en": "All", "zh": "全部"},
        "web.imports.filter.outcome_failed": {"en": "Refused only", "zh": "仅已拒绝"},
        "web.imports.filter.outcome_ok": {"en": "Imported only", "zh": "仅已导入"},
        "web.imports.filter.show": {"en": "Show", "zh": "筛选"},
        "web.imports.filter.clear": {"en": "Clear the filter", "zh": "清除筛选"},
        "web.imports.showing": {
            "en": "{first}–{last} of {total}",
            "zh": "第 {first}–{last} 条，共 {total} 条",
        },
        "web.imports.newer": {"en": "‹ Newer", "zh": "‹ 较新"},
        "web.imports.older": {"en": "Older ›", "zh": "较早 ›"},
        "web.imports.newest": {"en": "« Newest", "zh": "« 最新"},
        "web.imports.oldest": {"en": "Oldest »", "zh": "最早 »"},
        "web.imports.none_match": {
            "en": "No imports match this filter.",
            "zh": "没有符合筛选条件的导入记录。",
        },
        "web.imports.none": {"en": "Nothing imported yet.", "zh": "还没有导入记录。"},
        "web.imports.results": {"en": "Files: {count}", "zh": "文件：{count} 个"},
        "web.imports.to_today": {"en": "Open today's review", "zh": "查看今日复盘"},
        "web.imports.into": {"en": "→ store {store}", "zh": "→ 店铺 {store}"},
        "web.imports.to_store_imports": {
            "en": "Open {store}'s imports",
            "zh": "查看 {store} 的导入记录",
        },
        "web.imports.to_store_today": {
            "en": "{store}'s review today",
            "zh": "查看 {store} 的今日复盘",
        },
        "web.imports.col.when": {"en": "Imported", "zh": "导入日期"},
        "web.imports.col.file": {"en": "File", "zh": "文件"},
        "web.imports.col.report": {"en": "Report", "zh": "报告类型"},
        "web.imports.col.dates": {"en": "Dates", "zh": "数据日期"},
        "web.imports.col.read": {"en": "Rows read", "zh": "读取行数"},
        "web.imports.col.inserted": {"en": "New", "zh": "新增"},
        "web.imports.col.updated": {"en": "Updated", "zh": "更新"},
        "web.imports.col.rejected": {"en": "Rejected", "zh": "拒绝"},
        "web.imports.col.status": {"en": "Status", "zh": "状态"},
        "web.imports.status.imported": {"en": "Imported", "zh": "已导入"},
        "web.imports.status.skipped_duplicate": {
            "en": "Already imported",
            "zh": "已导入过",
        },
        "web.imports.status.failed": {"en": "Refused", "zh": "已拒绝"},
        # a refused file's rows read are what the reader read before refusing it (as
        # ``imports --json`` says): none of them was imported
        "web.imports.read_refused": {
            "en": "{count} rows read, then the file was refused: none was imported.",
            "en_one": "1 row read, then the file was refused: it was not imported.",
            "zh": "已读取 {count} 行，随后文件被拒绝：没有导入任何一行。",
        },
        "web.imports.total.units": {"en": "Units", "zh": "件数"},
        "web.imports.total.sales": {"en": "Sales", "zh": "销售额"},
        "web.imports.total.quantity": {"en": "Quantity", "zh": "数量"},
        "web.imports.total.total": {"en": "Total", "zh": "合计"},
        "web.imports.total.impressions": {"en": "Impressions", "zh": "曝光量"},
        "web.imports.total.clicks": {"en": "Clicks", "zh": "点击量"},
        "web.imports.total.spend": {"en": "Spend", "zh": "花费"},
        "web.imports.total.orders": {"en": "Orders", "zh": "订单数"},
        # products
        "web.products.title": {"en": "Products", "zh": "商品"},
        "web.products.search": {"en": "SKU, ASIN or title", "zh": "SKU、ASIN 或标题"},
        "web.products.search_button": {"en": "Search", "zh": "搜索"},
        "web.products.window": {
            "en": "{count} products · units, sales and sessions of the {days} days to {day}",
            "zh": "共 {count} 个商品 · 销量、销售额和会话为截至 {day} 的 {days} 天合计",
        },
        "web.products.col.sku": {"en": "SKU", "zh": "SKU"},
        "web.products.col.title": {"en": "Title", "zh": "标题"},
        "web.products.col.price": {"en": "Price", "zh": "价格"},
        "web.products.col.units": {"en": "Units", "zh": "销量"},
        "web.products.col.sales": {"en": "Sales", "zh": "销售额"},
        "web.products.col.sessions": {"en": "Sessions", "zh": "会话"},
        "web.products.col.conversion": {"en": "Conversion", "zh": "转化率"},
        "web.products.col.stock": {"en": "Stock", "zh": "可售库存"},
        "web.products.none": {
            "en": "No products yet: import a Business Report or an inventory report.",
            "zh": "还没有商品：请导入业务报告或库存报告。",
        },
        "web.products.no_match": {"en": "No product matches “{q}”.", "zh": "没有匹配“{q}”的商品。"},
        "web.products.back": {"en": "All products", "zh": "全部商品"},
        "web.product.brand": {"en": "Brand", "zh": "品牌"},
        "web.product.unit_cost": {"en": "Unit cost (goods only)", "zh": "单位成本（仅货品）"},
        "web.product.unit_cost_note": {
            "en": "before first-leg freight and duty",
            "zh": "不含头程运费和关税",
        },
        "web.product.no_stock_history.merchant": {
            "en": "The Stock panel shows FBA stock only: this SKU is merchant-fulfilled (you "
            "ship it), so it has no FBA stock history.",
            "zh": "库存图只显示 FBA 库存：此 SKU 为自发货（由您自行发货），因此没有 FBA 库存记录。",
        },
        "web.product.no_stock_history": {
            "en": "No stock line: no FBA inventory report of these days names this SKU.",
            "zh": "没有库存曲线：这些天的 FBA 库存报告中都没有此 SKU。",
        },
        "web.product.days": {"en": "{days} days", "zh": "{days} 天"},
        "web.products.col.listing_price": {"en": "Listing price", "zh": "标价"},
        "web.product.avg_price": {
            "en": "Average selling price ({days} days)",
            "zh": "平均售价（近 {days} 天）",
        },
        "web.product.avg_price_from.orders": {
            "en": "from orders, {units} units · margins and ads use it",
            "zh": "按订单计算，{units} 件 · 利润和广告按此价计算",
        },
        "web.product.avg_price_from.business_report": {
            "en": "from the Business Report, {units} units · margins and ads use it",
            "zh": "按业务报告计算，{units} 件 · 利润和广告按此价计算",
        },
        "web.product.listing_used": {
            "en": "margins and ads use it: fewer than {units} units sold in {days} days for an "
            "average selling price",
            "zh": "利润和广告按此价计算：近 {days} 天售出不足 {units} 件，无法计算平均售价",
        },
        "web.products.mfn_no_stock": {
            "en": "merchant-fulfilled: no FBA stock",
            "zh": "自发货：无 FBA 库存",
        },
        "web.products.mfn_stock": {"en": "{units} (merchant-fulfilled)", "zh": "{units}（自发货）"},
        # the catalog table's Stock cell: short, the whole text in its tooltip
        "web.products.mfn_short": {"en": "MFN", "zh": "自发货"},
        "web.products.mfn_short_stock": {"en": "{units} MFN", "zh": "{units} 自发货"},
        "web.products.mfn_title": {
            "en": "Merchant-fulfilled (MFN): you ship it; no FBA stock",
            "zh": "自发货（MFN）：由您自行发货；无 FBA 库存",
        },
        "web.products.mfn_title_stock": {
            "en": "Merchant-fulfilled (MFN): {units} units of your own stock; no FBA stock",
            "zh": "自发货（MFN）：自有库存 {units} 件；无 FBA 库存",
        },
        "web.product.chart": {
            "en": "Last 90 days to {day} and the 28-day forecast",
            "zh": "截至 {day} 的近 90 天及未来 28 天预测",
        },
        "web.product.findings": {"en": "Open findings", "zh": "未处理事项"},
        "web.product.no_findings": {
            "en": "No open finding for this product.",
            "zh": "该商品没有未处理事项。",
        },
        "web.product.series.sales": {"en": "Sales", "zh": "销售额"},
        "web.product.series.units": {"en": "Units", "zh": "销量"},
        "web.product.series.sessions": {"en": "Sessions", "zh": "会话"},
        "web.product.series.conversion": {"en": "Conversion %", "zh": "转化率 %"},
        "web.product.series.price": {"en": "Avg. price", "zh": "平均售价"},
        "web.product.series.buy_box": {"en": "Buy Box %", "zh": "购买按钮占比 %"},
        "web.product.series.stock": {"en": "Stock", "zh": "可售库存"},
        "web.product.series.forecast": {"en": "Forecast (mean)", "zh": "预测（均值）"},
        "web.product.series.forecast_p90": {"en": "Forecast (P90)", "zh": "预测（P90）"},
        # restock
        "web.restock.title": {"en": "Restock plan", "zh": "补货计划"},
        "web.restock.sheet": {"en": "Restock plan", "zh": "补货计划"},
        "web.restock.download": {"en": "Download XLSX", "zh": "下载 XLSX"},
        "web.restock.explain": {
            "en": "Every SKU with a stock snapshot, most urgent first, as of {day}: order enough "
            "to cover lead time plus review period at a 95% service level.",
            "zh": "截至 {day}，所有有库存快照的 SKU，按紧急程度排序：订货量覆盖交货周期加复核周期，"
            "服务水平 95%。",
        },
        "web.restock.none": {
            "en": "No stock snapshot in the last week: import a Manage FBA Inventory report.",
            "zh": "近一周没有库存快照：请导入“管理亚马逊库存”报告。",
        },
        "web.restock.col.sku": {"en": "SKU", "zh": "SKU"},
        "web.restock.col.title": {"en": "Title", "zh": "标题"},
        "web.restock.col.on_hand": {"en": "On hand + inbound", "zh": "在库 + 在途"},
        "web.restock.col.forecast": {"en": "Forecast / day", "zh": "日均预测"},
        "web.restock.col.cover": {
            "en": "Days of cover (stock + inbound as it lands)",
            "zh": "可售天数（含按时到货的在途）",
        },
        "web.restock.col.stockout": {
            "en": "Stock-out (first day without stock)",
            "zh": "预计断货（首个无货日）",
        },
        "web.restock.col.order_by": {"en": "Order by", "zh": "最晚下单"},
        "web.restock.col.order_units": {"en": "Order units", "zh": "建议订货量"},
        "web.restock.col.order_value": {"en": "Order value", "zh": "订货金额"},
        "web.restock.col.lead_time": {"en": "Lead time", "zh": "交货周期"},
        "web.restock.col.method": {"en": "Demand", "zh": "需求类型"},
        # settings
        "web.settings.title": {"en": "Settings", "zh": "设置"},
        "web.settings.stores": {"en": "Stores", "zh": "店铺"},
        "web.settings.marketplace": {"en": "Marketplace", "zh": "站点"},
        "web.settings.add_store": {"en": "Add a store", "zh": "添加店铺"},
        "web.settings.store_name": {"en": "Name", "zh": "名称"},
        "web.settings.add": {"en": "Add", "zh": "添加"},
        "web.settings.users": {"en": "Users and their stores", "zh": "用户及店铺权限"},
        "web.settings.user": {"en": "User", "zh": "用户"},
        "web.settings.grants": {"en": "Stores and roles", "zh": "店铺与角色"},
        "web.settings.all_stores_owner": {
            "en": "Owner: every store",
            "zh": "所有者：全部店铺",
        },
        "web.settings.remove_grant": {"en": "Remove this grant", "zh": "移除此授权"},
        "web.settings.add_user": {"en": "Add a user", "zh": "添加用户"},
        "web.settings.grant_stores": {"en": "Stores", "zh": "授权店铺"},
        "web.settings.add_user_button": {"en": "Add user", "zh": "添加用户"},
        "web.settings.grant_existing": {
            "en": "Grant a store to an existing user",
            "zh": "为已有用户授权店铺",
        },
        "web.settings.grant": {"en": "Grant", "zh": "授权"},
        "web.settings.store_exists": {
            "en": "A store named “{detail}” exists already (or the name is empty).",
            "zh": "名为“{detail}”的店铺已存在（或名称为空）。",
        },
        "web.settings.bad_market": {
            "en": "Unknown marketplace for store “{detail}”.",
            "zh": "店铺“{detail}”的站点无效。",
        },
        "web.settings.user_failed": {
            "en": "The user was not added: {detail}",
            "zh": "未能添加用户：{detail}",
        },
        "web.settings.no_user": {
            "en": "No user with the email {detail}: add them first.",
            "zh": "没有邮箱为 {detail} 的用户，请先添加。",
        },
    }
)
