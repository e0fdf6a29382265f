"""Texts of the command line, in English and Chinese."""

from sellerops.core import i18n

i18n.register_messages(
    {
        "cli.error": {"en": "Error:", "zh": "错误："},
        "cli.bad_date": {
            "en": "{value!r} is not a date; write it as YYYY-MM-DD",
            "zh": "{value!r} 不是有效日期，请写成 YYYY-MM-DD",
        },
        "cli.db_error": {
            "en": "cannot open the database {url}: {err}",
            "zh": "无法打开数据库 {url}：{err}",
        },
        "init.migrated": {
            "en": "Database ready (schema updated): {url}",
            "zh": "数据库已就绪（结构已更新）：{url}",
        },
        "init.current": {
            "en": "Database ready (schema already current): {url}",
            "zh": "数据库已就绪（结构已是最新）：{url}",
        },
        "review.no_data": {
            "en": "store {store} has no Business Report data yet: import reports first",
            "zh": "店铺 {store} 还没有业务报告数据，请先导入报告",
        },
        "finding.set": {"en": "Finding {id}: {status}", "zh": "事项 {id}：{status}"},
        "finding.snoozed": {
            "en": "Finding {id}: snoozed until {day} ({weekday}); "
            "it comes back in that day's review",
            "zh": "事项 {id}：已推迟至 {day}（{weekday}），将在当天的复盘中重新出现",
        },
        **{
            f"cli.weekday.{n}": {"en": en, "zh": zh}
            for n, (en, zh) in enumerate(
                zip(
                    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
                    ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
                    strict=True,
                )
            )
        },
        "import.summary": {
            "en": "{files} files: {imported} imported, {skipped} already imported, {failed} failed",
            "en_one": "{files} file: {imported} imported, {skipped} already imported, "
            "{failed} failed",
            "one": "files",
            "zh": "共 {files} 个文件：导入 {imported} 个，已导入过 {skipped} 个，失败 {failed} 个",
        },
        "import.progress": {"en": "Importing", "zh": "正在导入"},
        "import.date_or_range": {
            "en": "pass either --date (one day) or --from and --to (a date range), not both",
            "zh": "请只使用 --date（一天）或 --from 与 --to（日期范围）之一，不要同时使用",
        },
        "import.range_needs_both": {
            "en": "a date range needs both --from and --to (for one day: --date YYYY-MM-DD)",
            "zh": "日期范围需要同时加上 --from 和 --to（单日请用 --date YYYY-MM-DD）",
        },
        "import.range_backwards": {
            "en": "--to {last} is before --from {first}",
            "zh": "--to {last} 早于 --from {first}",
        },
        "import.store": {"en": "→ store {store}", "zh": "→ 店铺 {store}"},
        "import.store_created": {
            "en": "→ store {store} (new: created for marketplace {marketplace})",
            "zh": "→ 店铺 {store}（新建：用于站点 {marketplace}）",
        },
        "import.created": {
            "en": "Created store {store} ({marketplace}); "
            "next time choose a store with --store NAME",
            "zh": "已新建店铺 {store}（{marketplace}）；下次可用 --store 名称 指定店铺",
        },
        "import.rows": {
            "en": "{read} rows, +{inserted} new, {updated} updated",
            "en_one": "{read} row, +{inserted} new, {updated} updated",
            "one": "read",
            "zh": "{read} 行，新增 {inserted}，更新 {updated}",
        },
        "demo.simulating": {"en": "Simulating the store", "zh": "正在模拟店铺"},
        "demo.has_work": {
            "en": 'The store "{store}" already holds your work ({findings} findings worked on, '
            "{recs} ad recommendations decided); a new demo rebuilds it from scratch and that "
            "work is lost. Run `sellerops demo --reset` to rebuild it anyway.",
            "zh": "店铺“{store}”已有您的工作记录（已处理 {findings} 条问题，已决定 {recs} 条广告建议）；"
            "重新生成演示会从头重建该店铺，这些记录将丢失。如仍要重建，请运行 `sellerops demo --reset`。",
        },
        "demo.writing": {"en": "Writing report files", "zh": "正在生成报告文件"},
        "demo.files": {
            "en": "{count} report files written to {path}",
            "zh": "已生成 {count} 个报告文件：{path}",
        },
        "demo.done": {
            "en": "Demo store {store!r} is in {url}. Next: `sellerops review`, "
            "`sellerops finding ack ID`.",
            "zh": "演示店铺 {store!r} 已写入 {url}。接下来：`sellerops review`，`sellerops finding ack ID`。",
        },
    }
)
