"""The Chinese of the command line's help texts, keyed by their English.

The key is the English text as the command declares it (docstring or ``help=``), with its
whitespace collapsed (:func:`sellerops.cli.localized.normalize`). A changed English text
needs its Chinese changed too: ``tests/cli/test_help_zh.py`` lists what lacks one and what
no command uses any more. Terms as everywhere else: 事项 (finding), 复盘 (daily review),
站点 (marketplace), 业务报告 (Business Report), 到岸成本, 购买按钮 (Buy Box).
"""

from __future__ import annotations

HELP_ZH: dict[str, str] = {
    # sellerops
    "Self-hosted operations desk for Amazon sellers.": "亚马逊卖家自托管运营工作台。",
    "en or zh (default: SELLEROPS_LANG, then locale)": (
        "界面语言：en 或 zh（默认：SELLEROPS_LANG，其次系统区域设置）"
    ),
    "Show the version.": "显示版本号。",
    # init, stores, review
    "Create the database (or bring it to the newest schema).": (
        "创建数据库（或将其结构升级到最新）。"
    ),
    "List the stores in the database.": "列出数据库中的店铺。",
    "Run today's daily review and print the ranked findings.": ("运行今日复盘，按优先级列出事项。"),
    "Day to review, YYYY-MM-DD": "复盘日期，格式 YYYY-MM-DD",
    "Store name": "店铺名称",
    "Print JSON": "输出 JSON",
    "Show at most this many findings (0: all)": "最多显示的事项条数（0：全部）",
    # import
    "Import Seller Central / Ads console report files; detection is by headers.": (
        "导入卖家中心 / 广告控制台的报告文件；按表头自动识别报告类型。"
    ),
    "Report files, folders or .zip archives": "报告文件、文件夹或 .zip 压缩包",
    "Store name; a new one is created when the marketplace is known (from the file or "
    "--marketplace)": "店铺名称；站点已知时（来自文件或 --marketplace）会新建该店铺",
    "Marketplace code (US, UK, DE, JP ...) when the file lacks it": (
        "文件中没有站点信息时指定站点代码（US、UK、DE、JP 等）"
    ),
    "Day a dateless report covers, YYYY-MM-DD": "不含日期的报告所对应的日期，格式 YYYY-MM-DD",
    "First day of a Business Report downloaded for a date range": (
        "按日期范围下载的业务报告的起始日"
    ),
    "Last day of a Business Report downloaded for a date range": (
        "按日期范围下载的业务报告的结束日"
    ),
    "Re-process files imported before": "重新处理以前导入过的文件",
    "Print a JSON array, one object per file": "输出 JSON 数组，每个文件一个对象",
    # demo
    "Simulate a store, import its report files, and print today's review.": (
        "模拟一个店铺，导入其报告文件，并输出今日复盘。"
    ),
    "Number of SKUs": "SKU 数量",
    "Days of history, ending yesterday": "历史天数（截至昨天）",
    "Seller Central language of the files: en or zh": "报告文件的卖家中心语言：en 或 zh",
    "Random seed; the same seed gives the same store": "随机种子；相同的种子生成相同的店铺",
    "Rebuild the demo store even if it holds your work": "即使演示店铺中有您的工作记录也重建",
    # serve
    "Start the web app (pages and /api/v1) on the configured database.": (
        "基于已配置的数据库启动网页应用（页面和 /api/v1）。"
    ),
    "Address to listen on": "监听地址",
    "Port to listen on": "监听端口",
    "Server processes (about one per core)": "服务进程数（约每个 CPU 核一个）",
    # restock
    "Restock plan: units to order, by when, and the stock-out date if nothing is done.": (
        "补货计划：采购数量、最晚下单日，以及不采取行动时的断货日期。"
    ),
    "Plan as of this day, YYYY-MM-DD": "计划基准日，格式 YYYY-MM-DD",
    "Write the plan to this .xlsx file": "将计划写入此 .xlsx 文件",
    "Wanted in-stock probability": "目标有货概率（服务水平）",
    "Service level per SKU by the value of its daily demand (same average)": (
        "按每个 SKU 日需求金额设定服务水平（平均值不变）"
    ),
    "Service level per SKU by its ABC class of 90-day sales value (A: top 80%, B: next 15%, "
    "C: the rest)": (
        "按每个 SKU 近 90 天销售额的 ABC 分类设定服务水平（A：前 80%，B：其后 15%，C：其余）"
    ),
    "Service levels of the ABC classes, default A=0.97,B=0.95,C=0.90": (
        "ABC 各类的服务水平，默认 A=0.97,B=0.95,C=0.90"
    ),
    "Print a plain explanation of the numbers under each SKU": "在每个 SKU 下用文字解释各项数字",
    "Write one purchase-order draft (.xlsx) per supplier to this folder": (
        "在此文件夹中为每个供应商生成一份采购单草稿（.xlsx）"
    ),
    # forecast
    "Forecast daily units per series: mean, median (p50) and 90th percentile (p90).": (
        "按序列预测每日销量：均值、中位数（p50）和第 90 百分位数（p90）。"
    ),
    "Daily history: series_id,date,units[,price,in_stock,event,group]": (
        "每日历史数据：series_id,date,units[,price,in_stock,event,group]"
    ),
    "Where to write series_id,date,mean,p50,p90": "series_id,date,mean,p50,p90 的输出文件",
    "Days to forecast after each series' last day": "每个序列最后一天之后要预测的天数",
    "Future event days: date,event": "未来的活动日：date,event",
    # template
    "Write a CSV template (headers and one example row) for a sheet sellerops imports.": (
        "为 sellerops 可导入的表格生成 CSV 模板（表头和一行示例）。"
    ),
    "costs, suppliers, purchase-orders, exchange-rates, reviews, shipments, freight-invoices, "
    "listings, warehouse-stock, fba-capacity, deals": (
        "模板名称：costs（成本）、suppliers（供应商）、purchase-orders（采购单）、"
        "exchange-rates（汇率）、reviews（评论）、shipments（货件）、freight-invoices（运费发票）、"
        "listings（商品信息）、warehouse-stock（中转仓库存）、fba-capacity（FBA 库容）、deals（促销活动）"
    ),
    "Write to this file (default: print it)": "写入此文件（默认：直接输出）",
    "Header language, en or zh (default: the interface's)": "表头语言：en 或 zh（默认：界面语言）",
    # report
    "Daily, weekly or monthly report: KPIs vs the previous period and last year, P&L, top "
    "movers and problems, as HTML, XLSX or PDF.": (
        "日报、周报或月报：关键指标对比上期和去年同期、损益、变化最大的商品和问题，"
        "输出为 HTML、XLSX 或 PDF。"
    ),
    "daily, weekly or monthly": "daily（日报）、weekly（周报）或 monthly（月报）",
    "File to write": "输出文件",
    "html, xlsx or pdf": "html、xlsx 或 pdf",
    "Last day covered, YYYY-MM-DD": "报告覆盖的最后一天，格式 YYYY-MM-DD",
    # profit
    "True profit (fees, landed cost with first-leg freight, ads, storage) by SKU, ASIN, "
    "parent, store, marketplace or account, per day, week or month, in one currency; days not "
    "settled yet are estimated from orders (marked *); --sku X --lines lists the lines behind "
    "a SKU's numbers.": (
        "真实利润（扣除费用、含头程运费的到岸成本、广告、仓储），按 SKU、ASIN、父 ASIN、店铺、"
        "站点或账户，按日、周或月，统一为一种货币；尚未结算的日期按订单估算（标 *）；"
        "--sku X --lines 列出该 SKU 数字背后的明细。"
    ),
    "Days covered, ending on --date": "覆盖天数（截至 --date）",
    "Last day, YYYY-MM-DD": "结束日，格式 YYYY-MM-DD",
    "sku, asin, parent, store, marketplace or account": (
        "汇总维度：sku、asin、parent（父 ASIN）、store（店铺）、marketplace（站点）或 account（账户）"
    ),
    "day, week, month or all (one total)": "期间：day（日）、week（周）、month（月）或 all（合计）",
    "Store name (repeat; default: all)": "店铺名称（可重复；默认：全部）",
    "Reporting currency, e.g. EUR (default: the stores')": "报告货币，如 EUR（默认：店铺的货币）",
    "Oldest exchange rate usable for a day, in days": "某日可使用的汇率最多早于该日的天数",
    "Drill down into this SKU": "查看此 SKU 的明细",
    "With --sku: every line behind its numbers": "与 --sku 一起使用：列出其数字背后的每一行明细",
    "Show at most this many rows per period (0: all)": "每个期间最多显示的行数（0：全部）",
    # prices, price-rule
    "Each SKU's price against its landed-cost floor, and the rules' proposed prices.": (
        "每个 SKU 的售价与其到岸成本底价的对比，以及调价规则给出的建议价。"
    ),
    "As of this day, YYYY-MM-DD": "基准日，格式 YYYY-MM-DD",
    "Run the repricing rules, store proposals": "运行调价规则并保存建议价",
    "Set a SKU's repricing rule; the landed-cost floor always wins over it.": (
        "设置 SKU 的调价规则；到岸成本底价始终优先于规则。"
    ),
    "The SKU the rule is for": "规则适用的 SKU",
    "match_buy_box, beat_buy_box, target_margin, hold": (
        "策略：match_buy_box（跟购买按钮价）、beat_buy_box（低于购买按钮价）、"
        "target_margin（目标利润率）、hold（保持不变）"
    ),
    "Amount under the Buy Box": "低于购买按钮价的金额",
    "Margin to hold, 0.2 = 20%": "要保持的利润率，0.2 = 20%",
    "Never below this price": "价格下限",
    "Never above this price": "价格上限",
    "Margin the floor keeps, 0.05 = 5%": "底价保留的利润率，0.05 = 5%",
    # fba-capacity, warehouse-stock
    "Set the store's FBA capacity limit for one storage type (Seller Central's Capacity "
    "Monitor); the restock plan caps shipments to FBA at it.": (
        "设置店铺某一存储类型的 FBA 库容上限（卖家中心“库容监控”）；补货计划发往 FBA 的数量以此为上限。"
    ),
    "standard, oversize, apparel or footwear": (
        "存储类型：standard（标准尺寸）、oversize（大件）、apparel（服装）或 footwear（鞋靴）"
    ),
    "Limit in cubic feet": "上限（立方英尺）",
    "Limit in units": "上限（件）",
    "Record a SKU's stock at an intermediate warehouse (3PL): the restock plan then orders "
    "into it and proposes transfers to FBA with a ship-by date.": (
        "记录 SKU 在中转仓（第三方仓库）的库存：补货计划随后会采购到中转仓，并建议带最晚发货日的 FBA 调拨。"
    ),
    "SKU": "SKU",
    "Units held at the warehouse now": "中转仓当前库存（件）",
    "Days from the warehouse to sellable at FBA": "从中转仓到 FBA 可售所需天数",
    "Warehouse name": "仓库名称",
    # imports, reconcile
    "List the imported files the database holds: report, days covered, rows, totals.": (
        "列出数据库中已导入的文件：报告类型、覆盖日期、行数、合计。"
    ),
    "Store name (default: every store)": "店铺名称（默认：全部店铺）",
    "Show at most this many, newest first": "最多显示的条数，最新的在前",
    "List the report types sellerops reads, by name, instead": (
        "改为列出 sellerops 可导入的报告类型（名称）"
    ),
    "Compare what the imports say about the same days: orders vs Business Report units, "
    "settlement totals vs their lines, settled principal vs order prices.": (
        "对比导入数据中同一日期的记录：订单与业务报告件数、结算总额与其明细、已结算货款与订单价格。"
    ),
    "First day, YYYY-MM-DD": "起始日，格式 YYYY-MM-DD",
    # finding
    "Work through findings: acknowledge, assign, snooze, done, reopen.": (
        "处理事项：确认、分配、推迟、完成、重新打开。"
    ),
    "Acknowledge a finding: seen, being handled.": "确认事项：已看到，正在处理。",
    "The finding's number (#ID in the review)": "事项编号（复盘中的 #编号）",
    "Mark a finding done; it comes back as new if the problem shows up again later.": (
        "将事项标为完成；若问题以后再次出现，它会作为新事项回来。"
    ),
    "Put a finding back to new.": "将事项恢复为新事项。",
    "Hide a finding until a day.": "将事项推迟到某一天。",
    "Wake up on this day, YYYY-MM-DD (default: a week after the later of today and the review "
    "day that last saw the finding)": (
        "在这一天重新出现，格式 YYYY-MM-DD（默认：今天与最近一次发现该事项的复盘日中较晚者之后一周）"
    ),
    "Assign a finding to a user of its store (operator or above), or to nobody.": (
        "将事项分配给其店铺的用户（运营及以上角色），或取消分配。"
    ),
    "Email of a user of the finding's store": "事项所属店铺的用户邮箱",
    "Assign the finding to nobody": "取消事项的分配",
    # user
    "Users of the web app.": "网页应用的用户。",
    "Create a user (asks for the password when run interactively).": (
        "创建用户（交互运行时会提示输入密码）。"
    ),
    "The person's email; they sign in with it": "用户的邮箱，用于登录",
    "owner (every store), manager, operator or viewer": (
        "角色：owner（所有者，可访问全部店铺）、manager（经理）、operator（运营）或 viewer（只读）"
    ),
    "Store name to grant (repeatable)": "授权访问的店铺名称（可重复）",
    "Display name": "显示名称",
    "en or zh: their pages": "其页面语言：en 或 zh",
    "Read the password from standard input": "从标准输入读取密码",
    # ads
    "Advertising: optimizer recommendations, approvals, bulk files.": (
        "广告：优化器建议、审批、批量文件。"
    ),
    "Run the ads optimizer for a day and list its recommendations, biggest effect first.": (
        "针对某一天运行广告优化器，按影响从大到小列出建议。"
    ),
    "Review day, YYYY-MM-DD": "复盘日期，格式 YYYY-MM-DD",
    "Show at most this many": "最多显示的条数",
    "Approve (or --reject) recommendations by id, or --all; each decision is logged.": (
        "按编号批准（或用 --reject 拒绝）建议，或用 --all 处理全部；每项决定都会记录。"
    ),
    "Recommendation ids": "建议编号",
    "Every open recommendation of the newest day": "最新一天的全部待处理建议",
    "Reject instead of approve": "拒绝而不是批准",
    "Who acts: a sellerops user's email (default: SELLEROPS_USER)": (
        "操作人：sellerops 用户的邮箱（默认：SELLEROPS_USER）"
    ),
    "Write approved changes as an Amazon bulk-operations file, and a file that reverts them.": (
        "将已批准的更改写成亚马逊批量操作文件，并生成一个可撤销这些更改的回滚文件。"
    ),
    "Bulk operations file to write (.xlsx)": "要写入的批量操作文件（.xlsx）",
    "Revert file (default: OUT-revert.xlsx)": "回滚文件（默认：OUT-revert.xlsx）",
    "Same as bulkfile.": "与 bulkfile 相同。",
    # ads deals
    "Deals and promotions calendar: fees, stock readiness, measured effect.": (
        "促销活动日历：费用、备货情况、实际效果。"
    ),
    "Add a Lightning Deal, Best Deal, coupon or Prime exclusive discount to the calendar "
    "(many at once: fill `sellerops template deals` and `sellerops import` it).": (
        "将秒杀、最佳促销、优惠券或 Prime 专享折扣加入日历"
        "（批量添加：填写 `sellerops template deals` 生成的模板，再用 `sellerops import` 导入）。"
    ),
    "lightning | best_deal | coupon | prime": (
        "类型：lightning（秒杀）| best_deal（最佳促销）| coupon（优惠券）| prime（Prime 专享折扣）"
    ),
    "The SKU on deal": "参加促销的 SKU",
    "Discount in percent off the price, e.g. 20": "折扣（按售价的百分比），如 20",
    "The deal's fee (default: estimated from the fee table)": "促销费用（默认：按费用表估算）",
    "Expected deal units (default: baseline x typical lift)": (
        "预计促销销量（默认：基线 × 典型提升倍数）"
    ),
    "A note": "备注",
    "The deals calendar, by start date.": "促销活动日历，按开始日期排序。",
    "Only deals ending on or after this day": "只显示在这一天或之后结束的促销活动",
    "Ended deals measured against the SKU's own baseline: incremental units and profit (after "
    "the deal's fee and discount), not revenue.": (
        "已结束的促销活动对比该 SKU 自身基线的效果：增量件数和增量利润（扣除促销费用和折扣后），而非销售额。"
    ),
    "As of, YYYY-MM-DD": "基准日，格式 YYYY-MM-DD",
}
