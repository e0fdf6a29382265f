"""What can go wrong while importing a file, each error saying where and what was expected.

Every error a user can cause derives from :class:`IngestError`; its text is the message the
CLI prints, so it names the file (and, when there is one, the line and the column).
"""

from __future__ import annotations

import re
from collections.abc import Callable


class IngestError(Exception):
    """A file could not be imported; ``str(error)`` is the message for the user."""


class FileError(IngestError):
    """``<file>[, line N][, column "X"]: <problem>``."""

    def __init__(
        self, file_name: str, problem: str, *, line: int | None = None, column: str | None = None
    ) -> None:
        self.file_name = file_name
        self.problem = problem
        self.line = line
        self.column = column
        where = file_name
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f', column "{column}"'
        super().__init__(f"{where}: {problem}")


class EmptyFileError(FileError):
    """The file has no bytes, or nothing but blank lines."""


class DecodeError(FileError):
    """The bytes are not text in any encoding Amazon files come in."""


class UnknownReportError(IngestError):
    """The header row matches no registered report family."""

    def __init__(
        self,
        file_name: str,
        closest: list[str],
        known: int,
        hint: str = "",
        *,
        header: list[str] | None = None,
    ) -> None:
        language = business_report_language(header or [], closest)
        if language is not None:  # the language is the cause: say so, and the way out
            if not any(t.startswith("Business Report") for t in closest):
                # what the header's other words are nearest to (a SKU column, as in an
                # inventory report) would only mislead: it is a Business Report
                closest, hint = [BUSINESS_REPORT], ""
            hint += language_hint(language)
        self.file_name = file_name
        self.closest = closest
        if not closest:  # nothing alike: naming report types would only mislead
            super().__init__(
                f"{file_name} does not look like a report sellerops knows ({known} report "
                f"types): its first lines match none of their headers. {SUPPORTED_LIST}"
            )
            return
        super().__init__(
            f"{file_name} is not a report sellerops knows ({known} report types). "
            f"Closest known report types: {'; '.join(closest)}.{hint}"
        )


#: The interface languages whose Business Reports sellerops reads (``business_report``).
BUSINESS_REPORT_LANGUAGES = "English (or Chinese, Japanese, German or Korean)"
_LANGUAGES_ZH = {"French": "法语", "Italian": "意大利语", "Spanish": "西班牙语"}


#: The report a header in an interface language sellerops does not know yet is likely to be.
BUSINESS_REPORT = "Business Report (Detail Page Sales and Traffic By Child Item)"


def business_report_language(header: list[str], closest: list[str]) -> str | None:
    """The language of a header that is a Business Report's in a language whose Business
    Report headers sellerops does not know yet (French, Italian; Spanish ones only in part),
    else None. Its words must say the language; and a Business Report must be among the
    closest report types, or, when its headers match no report's at all, one of them must
    name the ASIN (as every Business Report's do, in any language). A header with ASIN
    columns and sessions or page views columns is a Business Report's whatever the closest
    types are (a SKU column makes inventory reports look closer)."""
    from sellerops.ingest.headers import interface_language, looks_like_business_report

    language = interface_language(header)
    if language is None:
        return None
    if looks_like_business_report(header):  # ASIN columns and sessions or page views
        return language
    if closest:
        return language if any(t.startswith("Business Report") for t in closest) else None
    return language if any("asin" in name.casefold() for name in header) else None


def language_hint(language: str) -> str:
    """What an "unknown report" message adds for :func:`business_report_language`."""
    return (
        f" Its headers are in {language}: Business Reports from Seller Central in {language} "
        f"are not known to sellerops yet; switch Seller Central's language to "
        f"{BUSINESS_REPORT_LANGUAGES}, download the report again and import that."
    )


#: Where a person finds the reports sellerops reads: the web Imports page lists the report
#: types in the reader's language ("Report types sellerops reads"), and ``sellerops imports
#: --types`` prints them (not the README, which an operator may not have).
SUPPORTED_LIST = (
    'The report types it reads are listed on the web Imports page, under "Report types '
    'sellerops reads" (on the command line: sellerops imports --types).'
)
#: The same in Chinese.
SUPPORTED_LIST_ZH = (
    "支持的报告类型列在网页“报告导入”页面的“可导入的报告类型”中"
    "（命令行：sellerops imports --types）。"
)


class ResolutionError(FileError):
    """The store or the day a file belongs to cannot be told; the message says which option."""

    @classmethod
    def joined(cls, *errors: ResolutionError) -> ResolutionError:
        """Several things missing about one file, said at once: ``file: <problem>; and
        <problem>`` (each problem with its fix), so one retry can supply them all."""
        return cls(errors[0].file_name, JOINED.join(e.problem for e in errors))


#: Between the problems of one refusal (:meth:`ResolutionError.joined`).
JOINED = "; and "


class CellError(FileError):
    """One cell does not hold what its column needs."""


# -- the messages in Chinese ----------------------------------------------------------------
# Errors are kept (in the database, in ``import --json``) as the English text above; what a
# person reads is that text in their language: :func:`localize` renders the place (file, line,
# column) and the common problems in Chinese, and leaves a rarer problem's words as they are.

#: What a column holds (``expected <what>, got ...``), in Chinese.
EXPECTED_ZH = {
    "a value": "一个值",
    "a number": "数字",
    "an amount": "金额",
    "a whole number": "整数",
    "an amount whose decimal mark the file makes clear (1.500 can mean 1500 or 1.5)":
        "能看出小数点的金额（文件中没有其他值说明小数点是 “.” 还是 “,”：1.500 可以是 1500，也可以是 1.5）",
    "a percentage": "百分比",
    "a date (YYYY-MM-DD, MM/DD/YYYY, DD.MM.YYYY or YYYY/MM/DD)":
        "日期（YYYY-MM-DD、MM/DD/YYYY、DD.MM.YYYY 或 YYYY/MM/DD）",
    "a timestamp with a UTC offset, like 2026-11-26T08:15:00+00:00":
        "带 UTC 时差的时间，如 2026-11-26T08:15:00+00:00",
    "Yes or No": "Yes 或 No（也可写 是/否、有/无）",
    "a 10-character ASIN": "10 位 ASIN",
    "a SKU": "SKU",
    "a campaign name": "广告活动名称",
    "an object": "对象",
    "a list of objects": "对象列表",
    "a listings item (an object)": "商品信息（对象）",
    "a list of listings items": "商品信息列表",
    "ERROR, WARNING or INFO": "ERROR、WARNING 或 INFO",
    "a three-letter currency code like USD": "三个字母的币种代码，如 USD",
    "a date (2019-12-01, 12/01/2019, Dec 01, 2019 or 20191201)":
        "日期（2019-12-01、12/01/2019、Dec 01, 2019 或 20191201）",
    "a date like 11/26/2026 or 2026-11-26, or a month like 11/2026":
        "日期（如 11/26/2026 或 2026-11-26）或月份（如 11/2026）",
    "a date or a timestamp, like 2026-11-26 or 2026-11-26T08:15:00+00:00":
        "日期或时间，如 2026-11-26 或 2026-11-26T08:15:00+00:00",
    'a date and time like "Dec 1, 2017 12:38:23 AM PST" or 2026-11-26T08:15:00+00:00':
        "日期和时间，如 “Dec 1, 2017 12:38:23 AM PST” 或 2026-11-26T08:15:00+00:00",
    "Sponsored Products, Sponsored Brands or Sponsored Display":
        "Sponsored Products、Sponsored Brands 或 Sponsored Display",
    # the operator sheets' columns
    "a duty rate from 0% to 100% (25% or 0.25)": "0% 到 100% 之间的关税税率（25% 或 0.25）",
    "a count of zero or more": "零或以上的数量",
    "a currency code such as USD, CNY or EUR": "币种代码，如 USD、CNY 或 EUR",
    "a date, like January 15, 2024 or 2024-01-15": "日期，如 January 15, 2024 或 2024-01-15",
    "a limit of zero or more": "零或以上的上限",
    "a month, like 2026-10": "月份，如 2026-10",
    "a number above zero": "大于零的数字",
    "a number of units, zero or more": "零或以上的件数",
    "a star rating from 1 to 5": "1 到 5 的星级",
    "an amount of zero or more": "零或以上的金额",
    "estimated or actual (预估 / 实际)": "预估或实际（estimated / actual）",
    "lightning, best_deal, coupon or prime": "lightning、best_deal、coupon 或 prime",
    "standard, oversize, apparel or footwear": "standard、oversize、apparel 或 footwear",
    "weight or volume (重量 / 体积)": "重量或体积（weight / volume）",
    "yes or no (是 / 否)": "是或否（yes / no）",
}  # fmt: skip

#: The date forms a file or a marketplace writes (``day_order.expected``).
EXPECTED_ZH["a date (YYYY-MM-DD)"] = "日期（YYYY-MM-DD）"
EXPECTED_ZH.update(
    {f"a date (YYYY-MM-DD or {form})": f"日期（YYYY-MM-DD 或 {form}）"
     for form in ("MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "YYYY/MM/DD")}
)  # fmt: skip
#: ... and an Ads console date (``_console.console_expected``).
EXPECTED_ZH["a date (YYYY-MM-DD, Dec 01, 2019 or 20191201)"] = (
    "日期（YYYY-MM-DD、Dec 01, 2019 或 20191201）"
)
EXPECTED_ZH.update(
    {f"a date (YYYY-MM-DD, {form}, Dec 01, 2019 or 20191201)":
         f"日期（YYYY-MM-DD、{form}、Dec 01, 2019 或 20191201）"
     for form in ("MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "YYYY/MM/DD")}
)  # fmt: skip

#: What the counting notes count (``5 orders (5 new)``), in Chinese.
_COUNTED_ZH = {"order": "订单", "purchase order": "采购订单", "supplier": "供应商"}

_WHERE = re.compile(
    r'(?P<file>.+?)(?:, line (?P<line>\d+))?(?:, column "(?P<column>[^"]*)")?: (?P<problem>.+)',
    re.DOTALL,
)
_UNKNOWN = re.compile(
    r"(?P<file>.+?) is not a report sellerops knows \((?P<known>\d+) report types\)\. "
    r"Closest known report types: (?P<closest>.*?)\."
    r"(?: It looks closest to (?P<family>.+?), but lacks the columns? (?P<lacking>.+?)\.)?"
    r"(?: Its headers are in (?P<language>\w+): Business Reports from Seller Central in "
    r"(?P=language) are not known to sellerops yet; switch Seller Central's language to .+, "
    r"download the report again and import that\.)?",
    re.DOTALL,
)

_UNLIKE = re.compile(
    r"(?P<file>.+?) does not look like a report sellerops knows \((?P<known>\d+) report "
    r"types\): its first lines match none of their headers\. .*",
    re.DOTALL,
)


#: A moment in the form of the file it is in (``localized.moment_expected``).
_MOMENT_LIKE = re.compile(r'a date and time like "(?P<example>[^"]+)" or (?P<iso>\S+)')


def _expected_zh(what: str) -> str:
    if what not in EXPECTED_ZH and (m := _MOMENT_LIKE.fullmatch(what)) is not None:
        return f"日期和时间，如 “{m['example']}” 或 {m['iso']}"
    found = EXPECTED_ZH.get(what)
    if found is None:  # not translated: set apart from the Chinese around it
        return f" {what} " if what[:1].isascii() else what
    return found


def _title_zh(title: str) -> str:
    """A report type's English title (as the messages carry it) as the Chinese interface
    names it."""
    from sellerops.ingest.titles import translate_title

    return translate_title(title, "zh")


#: Common problems (the part after ``file, line, column:``) and their Chinese.
_PROBLEMS_ZH: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern, re.DOTALL), render)
    for pattern, render in (
        (r'expected (?P<what>.+), got "(?P<got>.*)"',
         lambda m: f"应为{_expected_zh(m['what'])}，实际为“{m['got']}”"),
        (r"expected (?P<what>.+), got an empty cell",
         lambda m: f"应为{_expected_zh(m['what'])}，但单元格为空"),
        (r"expected (?P<what>.+), got nothing", lambda m: f"应为{_expected_zh(m['what'])}，但没有值"),
        (r"expected (?P<what>.+)", lambda m: f"应为{_expected_zh(m['what'])}"),
        (r"the file is empty", lambda m: "文件为空"),
        (r"the workbook has no rows", lambda m: "工作簿没有任何行"),
        (r"no such file", lambda m: "文件不存在"),
        (r"this is a binary file, not a report in text form",
         lambda m: "这是二进制文件，不是文本格式的报告"),
        (r"cannot be read as text \(tried (?P<tried>.+)\); save it as UTF-8 and import it again",
         lambda m: f"无法按文本读取（已尝试 {_list_zh(m['tried'])}）：请另存为 UTF-8 后重新导入"),
        (r"is UTF-8 but has an invalid byte \((?P<byte>0x[0-9A-F]{2})\); "
         r"the file may be truncated or damaged",
         lambda m: f"是 UTF-8 编码，但含有无效字节（{m['byte']}）：文件可能不完整或已损坏"),
        (r"has (?P<n>\d+) fields but the header has (?P<w>\d+); a value may hold an unquoted "
         r"delimiter",
         lambda m: f"有 {m['n']} 个字段，但表头只有 {m['w']} 个：某个值可能含有未加引号的分隔符"),
        (r"the line has (?P<n>\d+) fields? but the header has (?P<w>\d+): it looks cut short",
         lambda m: f"该行只有 {m['n']} 个字段，但表头有 {m['w']} 个：该行似乎被截断"),
        (r"the cell holds (?P<size>[\d,]+) characters, more than the (?P<limit>[\d,]+) a cell "
         r"may hold: the file may be damaged(?P<quote> \(a quote left open joins many lines "
         r"into one cell\))?",
         lambda m: f"该单元格有 {m['size']} 个字符，超过了单元格上限（{m['limit']} 个字符）："
                   "文件可能已损坏"
                   + ("（未闭合的引号会把很多行并入同一个单元格）" if m["quote"] else "")),
        (r'"(?P<text>.+)" is marked (?P<mark>\S+), which is not (?P<cur>[A-Z]{3}), the row\'s '
         r"currency: write the amount without a currency mark, or correct the currency",
         lambda m: f"“{m['text']}”带有货币符号 {m['mark']}，与该行的币种 {m['cur']} 不符："
                   "请去掉金额中的货币符号，或更正币种"),
        (r"cannot be split into columns: (?P<detail>.+)",
         lambda m: f"无法拆分成列：{m['detail']}"),
        (r"is not valid JSON: (?P<detail>.+) \(column (?P<col>\d+)\)",
         lambda m: f"不是有效的 JSON：{m['detail']}（第 {m['col']} 列）"),
        (r"(?P<what>SKU|ASIN) (?P<value>.+) appears again \(first on line (?P<first>\d+)\)",
         lambda m: f"{m['what']} {m['value']} 重复出现（首次出现在第 {m['first']} 行）"),
        (r"(?P<what>.+) cannot be negative", lambda m: f"{m['what']} 不能为负数"),
        (r"a SKU is at most 64 characters", lambda m: "SKU 最多 64 个字符"),
        (r"a (?P<title>.+) has no date column and the file name carries no date: (?P<fix>.+)",
         lambda m: f"{_title_zh(m['title'])}没有日期列，文件名中也没有日期：{fix_zh(m['fix'])}"),
        (r"the file does not say which marketplace it is for and there is no store yet: "
         r"(?P<fix>.+)",
         lambda m: f"文件没有说明属于哪个站点，且还没有店铺：{fix_zh(m['fix'])}"),
        (r"the file does not say which marketplace it is for and there are (?P<n>\d+) stores: "
         r"(?P<fix>.+)",
         lambda m: f"文件没有说明属于哪个站点，且已有 {m['n']} 个店铺：{fix_zh(m['fix'])}"),
        (r"the date in the file name \((?P<text>.+)\) could be (?P<a>\S+) or (?P<b>\S+): "
         r"(?P<fix>.+)",
         lambda m: f"文件名中的日期（{m['text']}）可能是 {m['a']}，也可能是 {m['b']}："
                   f"{fix_zh(m['fix'])}"),
        (r"the file name carries several dates \((?P<dates>.+)\); a (?P<title>.+) covering "
         r"(?:a date range|several dates) is not supported: download one report per day",
         lambda m: f"文件名中有多个日期（{m['dates']}）：不支持跨日期范围的{_title_zh(m['title'])}，"
                   "请每天下载一份报告"),
        (r"the file name carries (?P<n>\d+) dates \((?P<dates>.+)\): name one day, or the "
         r"first and the last day of the report, or (?P<fix>.+)",
         lambda m: f"文件名中有 {m['n']} 个日期（{m['dates']}）：文件名应只写一天，或报告的"
                   f"第一天和最后一天；或者{fix_zh(m['fix'])}"),
        (r"a (?P<title>.+) is of one day, not of (?P<given>.+): (?P<fix>.+)",
         lambda m: f"{_title_zh(m['title'])}只对应一天，不能对应{_given_zh(m['given'])}："
                   f"{fix_zh(m['fix'])}"),
        (r"the last day \((?P<last>[\d-]+)\) is before the first \((?P<first>[\d-]+)\)",
         lambda m: f"最后一天（{m['last']}）早于第一天（{m['first']}）"),
        (r"ends \((?P<end>[\d-]+)\) before it starts \((?P<start>[\d-]+)\)",
         lambda m: f"结束日期（{m['end']}）早于开始日期（{m['start']}）"),
        (r"the file does not say which marketplace it is for, so no store can be made for it: "
         r"(?P<fix>.+)",
         lambda m: f"文件没有说明属于哪个站点，因此无法为它新建店铺：{fix_zh(m['fix'])}"),
        (r"the amounts are in (?P<cur>.+?), but store '(?P<store>[^']+)' sells on "
         r"(?P<domain>\S+) in (?P<own>[A-Z]{3}): (?P<fix>.+)",
         lambda m: f"金额的币种是 {_currency_zh(m['cur'])}，但店铺“{m['store']}”在 "
                   f"{m['domain']} 销售，币种为 {m['own']}：{fix_zh(m['fix'])}"),
        (r"the amounts are in (?P<cur>.+?), but (?P<said>.+), which sells in (?P<own>[A-Z]{3}): "
         r"(?P<fix>.+)",
         lambda m: f"金额的币种是 {_currency_zh(m['cur'])}，但{_said_zh(m['said'])}，"
                   f"该站点的币种为 {m['own']}：{fix_zh(m['fix'])}"),
        (r"the file name says (?P<domain>\S+) \((?P<code>\w+)\) but the amounts are in "
         r"(?P<cur>.+?), not (?P<own>[A-Z]{3}): (?P<fix>.+)",
         lambda m: f"文件名表明是 {m['domain']}（{m['code']}），但金额的币种是 "
                   f"{_currency_zh(m['cur'])}，不是 {m['own']}：{fix_zh(m['fix'])}"),
        (r"store '(?P<store>[^']+)' sells on (?P<domain>\S+) \((?P<code>\w+)\) but (?P<said>.+)",
         lambda m: f"店铺“{m['store']}”在 {m['domain']}（{m['code']}）销售，"
                   f"但{_said_zh(m['said'])}"),
        (r"store '(?P<store>[^']+)' does not exist yet: (?P<fix>.+) to create it "
         r"\(the file does not say its marketplace\)",
         lambda m: f"店铺“{m['store']}”尚不存在，且文件没有说明站点：{fix_zh(m['fix'])}，"
                   "即可创建该店铺"),
        (r"several stores sell on (?P<domain>\S+) \((?P<names>.+)\): (?P<fix>.+)",
         lambda m: f"{m['domain']} 上有多个店铺（{m['names']}）：{fix_zh(m['fix'])}"),
        (r"a store named '(?P<code>[^']+)' sells on another marketplace: (?P<fix>.+)",
         lambda m: f"名为“{m['code']}”的店铺在另一个站点销售：{fix_zh(m['fix'])}"),
        (r"the file has orders from several marketplaces \((?P<codes>.+)\): (?P<fix>.+) to say "
         r"which to import",
         lambda m: f"文件包含多个站点的订单（{m['codes']}）：{fix_zh(m['fix'])}，指明导入哪一个"),
        (r"the file has orders from (?P<codes>.+), not from (?P<given>.+)",
         lambda m: f"文件包含的是 {m['codes']} 的订单，不是{_given_zh(m['given'])}的"),
        (r"the day in the form is not a date \(YYYY-MM-DD\): (?P<got>.+); not imported",
         lambda m: f"表单中的日期不是有效日期（YYYY-MM-DD）：{m['got']}；未导入"),
        (r"the form has a last day but no first day: choose both, or only the day; not imported",
         lambda m: "表单中有最后一天但没有第一天：请两者都选，或只选日期；未导入"),
        (r"the last day in the form \((?P<last>[\d-]+)\) is before the first "
         r"\((?P<first>[\d-]+)\); not imported",
         lambda m: f"表单中的最后一天（{m['last']}）早于第一天（{m['first']}）；未导入"),
        (r"only an owner can add a store for a marketplace none of the stores sells on: ask an "
         r"owner \(Settings → Stores\), or choose one of your stores; not imported",
         lambda m: "只有所有者才能为尚无店铺的站点新建店铺：请联系所有者（设置 → 店铺），"
                   "或选择您的某个店铺；未导入"),
        (r"more than (?P<n>\d+) files at once; not imported",
         lambda m: f"一次超过 {m['n']} 个文件；未导入"),
        (r"larger than (?P<n>\d+) MB; not imported",
         lambda m: f"超过 {m['n']} MB；未导入"),
        # notes on an imported file
        (r"the file holds only the template's example row \((?P<n>\d+) skipped, marked "
         r'"# example"\): put your own rows in its place and import it again',
         lambda m: f"文件中只有模板的示例行（已跳过 {m['n']} 行，标有“# 示例”）：请用您自己的数据"
                   "替换示例行后重新导入"),
        (r'(?P<n>\d+) example rows? of the template skipped \(marked "# example"\), not imported',
         lambda m: f"已跳过模板的 {m['n']} 行示例（标有“# 示例”），未导入"),
        (r"(?P<n>\d+) of the (?P<total>\d+) SKUs (?:is|are) not in the catalog \(no report of store "
         r"'(?P<store>[^']+)' lists them\): (?P<skus>.+); their costs were kept: check the "
         r"spelling, or delete the rows if they are not yours",
         lambda m: f"{m['total']} 个 SKU 中有 {m['n']} 个不在商品目录中（店铺“{m['store']}”的报告里"
                   f"没有它们）：{m['skus'].replace(' and ', ' 等，另有 ').replace(' more', ' 个')}；"
                   "其成本已保存：请检查拼写，如果不是您的商品，请删除这些行"),
        (r"no report of store '(?P<store>[^']+)' lists a product yet, so the (?P<n>\d+) SKUs? "
         r"could not be checked against the catalog: import the store's reports and then the "
         r"costs sheet again to check them",
         lambda m: f"店铺“{m['store']}”还没有任何报告列出商品，因此无法核对这 {m['n']} 个 SKU 是否"
                   "在商品目录中：请先导入店铺的报告，再重新导入成本表以核对"),
        (r"costs in (?P<cur>[A-Z]{3}) have no exchange rate to (?P<home>[A-Z]{3}): profit leaves "
         r"them out until one is imported \(sellerops template exchange-rates\)",
         lambda m: f"以 {m['cur']} 计的成本没有到 {m['home']} 的汇率：导入汇率之前，利润计算不包含"
                   "这些成本（sellerops template exchange-rates）"),
        (r"(?P<n>\d+) SKUs? ha(?:s|ve) no cost in effect by (?P<day>[\d-]+) yet; (?:its|their) "
         r"product cost "
         r"was left as it was",
         lambda m: f"{m['n']} 个 SKU 截至 {m['day']} 还没有生效的成本：其商品成本保持不变"),
        (r"the store already has a newer (?P<title>.+) \((?P<newest>[\d-]+)\); this one "
         r"\((?P<day>[\d-]+)\) was kept as history and did not replace it",
         lambda m: f"店铺已有更新的{_title_zh(m['title'])}（{m['newest']}）：这份（{m['day']}）"
                   "已作为历史记录保存，没有取代它"),
        (r"the store already has a newer (?P<title>.+) \((?P<newest>[\d-]+)\); this one "
         r"\((?P<day>[\d-]+)\) was not applied: the current state is the newer one's",
         lambda m: f"店铺已有更新的{_title_zh(m['title'])}（{m['newest']}）：这份（{m['day']}）"
                   "未被采用，当前状态仍以较新的那份为准"),
        (r"(?P<n>\d+) SKUs? ha(?:s|ve) a newer count stored than this file's: "
         r"(?:its row was|their rows were) not applied",
         lambda m: f"{m['n']} 个 SKU 已存有比此文件更新的库存数：这些行未被采用"),
        (r"(?P<n>\d+) listings? suppressed before (?:is|are) no longer in the report",
         lambda m: f"{m['n']} 个之前被禁止显示的商品已不在报告中"),
        (r"the file name says (?P<day>\d{4}-\d\d-\d\d), so (?P<given>.+) was not used",
         lambda m: f"文件名表明是 {m['day']}，因此未使用{_given_zh(m['given'])}"),
        (r"the file name says (?P<a>\d{4}-\d\d-\d\d) to (?P<b>\d{4}-\d\d-\d\d), so "
         r"(?P<given>.+) was not used",
         lambda m: f"文件名表明是 {m['a']} 至 {m['b']}，因此未使用{_given_zh(m['given'])}"),
        (r"the file name's (?P<day>\d{4}-\d\d-\d\d(?: to \d{4}-\d\d-\d\d)?) may be the day "
         r"Amazon made the file: (?P<given>.+) was used",
         lambda m: f"文件名中的 {m['day'].replace(' to ', ' 至 ')} 可能是亚马逊生成文件的日期："
                   f"已使用{_given_zh(m['given'])}"),
        (r"the day (?P<day>\d{4}-\d\d-\d\d(?: to \d{4}-\d\d-\d\d)?) was taken from the file "
         r"name, which may be the day Amazon made the file: if the report covers another day, "
         r"(?P<fix>.+)",
         lambda m: f"日期 {m['day'].replace(' to ', ' 至 ')} 取自文件名，可能是亚马逊生成文件的日期："
                   f"如果报告涵盖的是另一天，{fix_zh(m['fix'])}"),
        (r"the file name says (?P<domain>\S+) \((?P<code>\w+)\), so (?P<given>.+) was not used",
         lambda m: f"文件名表明是 {m['domain']}（{m['code']}），因此未使用{_given_zh(m['given'])}"),
        (r"the file is for (?P<code>\w+), so (?P<given>.+) was not used",
         lambda m: f"文件属于 {m['code']}，因此未使用{_given_zh(m['given'])}"),
        (r"the file name's (?P<code>\w+) was not used: the amounts are not in (?P<cur>\w+)",
         lambda m: f"未采用文件名中的 {m['code']}：金额的币种不是 {m['cur']}"),
        (r"is a folder; import it with import_paths", lambda m: "是文件夹，不是文件"),
        (r"no such file or folder", lambda m: "没有这个文件或文件夹"),
        (r"cannot be read: (?P<detail>.+)", lambda m: f"无法读取：{m['detail']}"),
        (r"is not a readable zip archive: (?P<detail>.+)",
         lambda m: f"不是可读取的 zip 压缩包：{m['detail']}"),
        (r"is not a readable Excel workbook: (?P<detail>.+)",
         lambda m: f"不是可读取的 Excel 工作簿：{_detail_zh(m['detail'])}"),
        (r"is an archive inside an archive, which is not opened; unpack it first",
         lambda m: "是压缩包中的压缩包，不会被打开：请先解压"),
        (r"(?:this is an Excel workbook that cannot be read|is not a readable Excel workbook) "
         r"\(damaged, or not \.xlsx\): open it in Excel and save it again as \.xlsx, or as CSV "
         r"\(UTF-8\), and import that",
         lambda m: "不是可读取的 Excel 工作簿（已损坏，或不是 .xlsx 文件）：请在 Excel 中打开，"
                   "重新另存为 .xlsx 或 CSV（UTF-8）后导入"),
        (r"this is a zip archive in a place only a report file can be: import the archive "
         r"itself with `sellerops import ARCHIVE\.zip`, or unpack it first",
         lambda m: "这是 zip 压缩包，但此处只能是报告文件：请直接导入压缩包"
                   "（sellerops import 压缩包.zip），或先解压"),
        (r"the day (?P<day>[\d-]+) appears again \(first on line (?P<first>\d+)\)",
         lambda m: f"日期 {m['day']} 重复出现（首次出现在第 {m['first']} 行）"),
        (r"covers (?P<a>[\d-]+) to (?P<b>[\d-]+); ads metrics are stored per day: download "
         r'the report with the time unit "Daily"',
         lambda m: f"涵盖 {m['a']} 至 {m['b']}：广告数据按天保存，请以时间单位“每日”（Daily）"
                   "下载报告"),
        # notes of an imported file (the families')
        (r'(?P<n>\d+) times? in "(?P<column>[^"]+)" without a time zone (?:was|were) read as '
         r"(?P<domain>\S+) local time \((?P<tz>[^)]+)\)",
         lambda m: f"“{m['column']}”中有 {m['n']} 个时间没有写时区：已按 {m['domain']} 的当地时间"
                   f"（{m['tz']}）读取"),
        (r"(?P<n>\d+) rows? (?:sold on|of|for) (?:other marketplaces|another marketplace) "
         r"(?:was|were) skipped",
         lambda m: f"已跳过 {m['n']} 行其他站点的数据"),
        (r"(?P<n>\d+) rows? of (?:other marketplaces|another marketplace) (?:was|were) not "
         r"stored",
         lambda m: f"{m['n']} 行其他站点的数据未保存（不属于此店铺的站点）"),
        (r"(?P<n>\d+) listings? for (?:other marketplaces|another marketplace) (?:was|were) "
         r"skipped",
         lambda m: f"已跳过 {m['n']} 条其他站点的商品信息"),
        (r"(?P<n>\d+) (?P<what>orders?|purchase orders?|suppliers?) \((?P<new>\d+) new\)",
         lambda m: f"{m['n']} 个{_COUNTED_ZH[m['what'].rstrip('s')]}（新增 {m['new']} 个）"),
        (r"(?P<n>[\d,]+) Multi-Channel Fulfilment orders? \(sales channel Non-Amazon, "
         r"(?P<units>[\d,]+) units?\) stored for stock, not counted as Amazon sales",
         lambda m: f"{m['n']} 个多渠道配送（MCF）订单（销售渠道 Non-Amazon，{m['units']} 件）"
                   "已保存（占用库存），不计入亚马逊销售"),
        (r"(?P<n>\d+) orders? (?:is|are) newer in the database and (?:was|were) kept",
         lambda m: f"{m['n']} 个订单在数据库中的版本更新，已保留数据库中的版本"),
        (r"settlement (?P<id>\S+): its (?P<n>\d+) lines? adds? up to (?P<sum>\S+) "
         r"(?P<cur>[A-Z]{3}), its total-amount says (?P<total>\S+) \(difference (?P<diff>\S+)\)",
         lambda m: f"结算 {m['id']}：{m['n']} 行合计 {m['sum']} {m['cur']}，但其 total-amount 为 "
                   f"{m['total']}（差额 {m['diff']}）"),
        (r"(?P<n>\d+) (?:row's|rows') money columns do not add up to (?:its|their) total; the "
         r"difference is kept as 'unexplained'",
         lambda m: f"{m['n']} 行的各金额列之和不等于其合计：差额记为“unexplained”（无法解释）"),
        (r"(?P<n>\d+) lines? no longer on the sheet (?:was|were) removed",
         lambda m: f"已删除表中不再有的 {m['n']} 行"),
        (r"(?P<n>\d+) shipments? ha(?:s|ve) an actual invoice: (?:its|their) estimates? no "
         r"longer counts?",
         lambda m: f"{m['n']} 个货件已有实际发票：其预估费用不再计入"),
        (r"(?P<n>\d+) SKU(?:\(s\)|s)? not in the catalog yet (?:was|were) added: (?P<skus>.+)",
         lambda m: f"已添加 {m['n']} 个尚不在商品目录中的 SKU：{m['skus']}"),
        (r"the same file was imported before for (?P<days>.+): its (?P<n>\d+) rows? there "
         r"(?:was|were) removed, so it counts for (?P<now>.+) only",
         lambda m: f"同一文件之前已按 {_days_zh(m['days'])} 导入：已删除那里的 {m['n']} 行，"
                   f"现在只计入 {_days_zh(m['now'])}"),
        (r"its rows were moved to (?P<now>.+) by a later import of the same file",
         lambda m: f"其数据行已由之后对同一文件的导入移至 {_days_zh(m['now'])}"),
        (r"(?P<n>\d+) rows? of the file (?:was|were) stored as (?P<lines>\d+) fee lines?, one "
         r"per money column that is not zero \(sales, each fee \.\.\.\): the new and updated "
         r"counts are of fee lines",
         lambda m: f"文件的 {m['n']} 行存为 {m['lines']} 条费用明细（每个非零金额列一条：销售额、"
                   "每项费用……）：新增和更新的数量按费用明细计"),
        (r'(?P<n>\d+) cells? of "(?P<column>[^"]+)" said (?=")(?P<bound>"<5%" \(a share below '
         r'5 %, not the share itself\))?(?: or )?(?:(?P<dashes>"[^"]+"(?:, "[^"]+")*) \(no '
         r"share given\))?: stored as unknown",
         lambda m: f"“{m['column']}”列中有 {m['n']} 个单元格为{_unknown_shares_zh(m)}：已按未知保存"),
        (r"(?P<n>\d+) (?P<level>child|parent) ASINs? stored for (?P<span>.+?) (?:is|are) not "
         r"in this report and (?:was|were) removed: a Business Report is the whole picture of "
         r"its days?",
         lambda m: f"{_days_zh(m['span'])} 已保存的 {m['n']} 个{'子' if m['level'] == 'child' else '父'} "
                   "ASIN 不在此报告中，已删除：业务报告就是其所涵盖日期的完整数据"),
        # dates in cells and undecodable bytes (ingest.day_order, ingest.reader)
        (r'"(?P<text>[^"]+)" can be (?P<a>[\d-]+) \(day first\) or (?P<b>[\d-]+) \(month '
         r"first\), and neither the column, the file nor (?:the custom of (?P<domain>\S+)|a "
         r"marketplace) says which: write the dates as YYYY-MM-DD \((?P<ex>[\d-]+)\) and "
         r"import the file again",
         lambda m: f"“{m['text']}”可能是 {m['a']}（日在前），也可能是 {m['b']}（月在前）："
                   f"该列、文件{'以及 ' + m['domain'] + ' 的习惯' if m['domain'] else '和站点'}"
                   f"都不能说明是哪一种；请把日期写成 YYYY-MM-DD（如 {m['ex']}）后重新导入"),
        (r'"(?P<a>[^"]+)" \(line (?P<la>\d+)\) has the day first but "(?P<b>[^"]+)" '
         r"\(line (?P<lb>\d+)\) the month first: the column mixes two date orders; write its "
         r"dates as YYYY-MM-DD and import the file again",
         lambda m: f"“{m['a']}”（第 {m['la']} 行）是日在前，而“{m['b']}”（第 {m['lb']} 行）是月在前："
                   "该列混用了两种日期顺序；请把日期写成 YYYY-MM-DD 后重新导入"),
        (r"dates like 05/11/2026 in (?P<cols>.+) were read (?P<how>day|month) first, the custom "
         r"of (?P<domain>\S+): write them as YYYY-MM-DD if the file means otherwise",
         lambda m: f"{_quoted_zh(m['cols'])} 列中形如 05/11/2026 的日期"
                   f"按 {m['domain']} 的习惯读作{'日在前' if m['how'] == 'day' else '月在前'}："
                   "如文件另有所指，请写成 YYYY-MM-DD"),
        (r"cannot be read as text \(tried [^)]+\): byte (?P<col>\d+) of the line "
         r"\((?P<byte>0x[0-9A-F]{2})\) is not (?P<codec>\S+), which the lines before it are "
         r"in; the file may mix two encodings: save it as UTF-8 and import it again",
         lambda m: f"无法按文本读取（已尝试 UTF-8、Shift-JIS/cp932、GB18030 和 Windows-1252）："
                   f"该行第 {m['col']} 个字节（{m['byte']}）不是前面各行所用的 {m['codec']} 编码，"
                   "文件可能混用了两种编码：请另存为 UTF-8 后重新导入"),
        (r"cannot be read as text \(tried [^)]+\): the line is in UTF-8 from byte (?P<col>\d+) "
         r"\((?P<byte>0x[0-9A-F]{2})\) on, but the lines before it are in (?P<codec>\S+); the "
         r"file mixes two encodings: save it as UTF-8 and import it again",
         lambda m: f"无法按文本读取（已尝试 UTF-8、Shift-JIS/cp932、GB18030 和 Windows-1252）："
                   f"该行从第 {m['col']} 个字节（{m['byte']}）起是 UTF-8 编码，而前面各行是 "
                   f"{m['codec']} 编码，文件混用了两种编码：请另存为 UTF-8 后重新导入"),
        (r"cannot be read as text \(tried [^)]+\): byte (?P<col>\d+) of the line "
         r"\((?P<byte>0x[0-9A-F]{2})\) fits none of them; save it as UTF-8 and import it again",
         lambda m: f"无法按文本读取（已尝试 UTF-8、Shift-JIS/cp932、GB18030 和 Windows-1252）："
                   f"该行第 {m['col']} 个字节（{m['byte']}）不属于其中任何一种编码：请另存为 UTF-8 "
                   "后重新导入"),
        # a unified account's settlement / transaction report (ingest.reports.placement)
        (r"(?:line|row)s of several marketplaces went to their stores: (?P<parts>.+?)"
         r"(?:; the (?P<n>\d+) (?:line|row)s? with no marketplace \(account-level\) to store "
         r"(?P<home>'.*'), the store of the marketplace with the most (?:line|row)s)?",
         lambda m: "多个站点的明细已分别存入各自站点的店铺：" + _placed_zh(m["parts"])
                   + (f"；{m['n']} 行不属于任何站点的（账户级）明细存入店铺 {m['home']}"
                      "（明细最多的站点的店铺）" if m["n"] else "")),
        (r"(?P<n>\d+) (?:line|row)s? of (?P<domain>\S+) \((?P<code>\w+)\), (?P<amount>\S+) "
         r"(?P<cur>[A-Z]{3}), not imported: (?P<why>.+); import the file again with "
         r"--marketplace (?P<again>\w+) \(or --store\) to add them",
         lambda m: f"{m['domain']}（{m['code']}）的 {m['n']} 行明细（{m['amount']} {m['cur']}）"
                   f"未导入：{_unplaced_zh(m['why'])}；请加上 --marketplace {m['again']}"
                   "（或 --store）再次导入此文件"),
        (r"(?P<n>\d+) (?:line|row)s? of (?P<domain>\S+) \((?P<code>\w+)\), (?P<amount>\S+) "
         r"(?P<cur>[A-Z]{3}), not imported: you may not import into store (?P<store>'.*'); "
         r"ask an owner of that store to import this file",
         lambda m: f"{m['domain']}（{m['code']}）的 {m['n']} 行明细（{m['amount']} {m['cur']}）"
                   f"未导入：您无权导入店铺 {m['store']}；请该店铺的所有者导入此文件"),
        (r"(?P<what>settlement \S+|an account-level row of this file) is already imported "
         r"into store (?P<names>.+), which you may not import into: ask an owner of that "
         r"store to import this file",
         lambda m: ("结算 " + m["what"].split()[1] + " " if m["what"].startswith("settlement")
                    else "此文件的一行账户级明细")
                   + f"已导入店铺 {m['names']}，您无权导入该店铺：请该店铺的所有者导入此文件"),
    )
)  # fmt: skip


def _placed_zh(parts: str) -> str:
    """``3 lines to store 'DE', 2 lines to store 'FR'`` in Chinese."""
    if parts == "none":
        return "无"
    found = re.findall(r"(\d+) (?:line|row)s? to store ('.*?')(?:, |$)", parts)
    return "，".join(f"{n} 行存入店铺 {name}" for n, name in found) if found else parts


def _unplaced_zh(why: str) -> str:
    """Why a marketplace's lines have no store, in Chinese."""
    if m := re.fullmatch(r"no store sells on (?P<domain>\S+)", why):
        return f"没有在 {m['domain']} 销售的店铺"
    if m := re.fullmatch(r"several stores sell on (?P<domain>\S+) \((?P<names>.+)\)", why):
        return f"有多个店铺在 {m['domain']} 销售（{m['names']}）"
    return why


#: How to supply what is missing (``resolve.CLI`` and ``resolve.WEB``), in Chinese.
_FIXES_ZH: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern), render)
    for pattern, render in (
        (r"pass --marketplace \(e\.g\. --marketplace (?P<ex>\w+)\) or --store to import it into "
         r"a store that sells in (?P<cur>.+)",
         lambda m: f"请加上 --marketplace（如 --marketplace {m['ex']}）或 --store，"
                   f"导入到以 {_currency_zh(m['cur'])} 销售的店铺"),
        (r"pass --marketplace \(e\.g\. --marketplace (?P<ex>\w+)\)",
         lambda m: f"请加上 --marketplace（如 --marketplace {m['ex']}）"),
        (r"pass --marketplace or --store", lambda m: "请加上 --marketplace 或 --store"),
        (r"pass --date YYYY-MM-DD, or --from and --to for a report over several days",
         lambda m: "请加上 --date YYYY-MM-DD；若报告涵盖多天，请加上 --from 和 --to"),
        (r"pass (?P<option>--\S+(?: YYYY-MM-DD)?)", lambda m: f"请加上 {m['option']}"),
        (r"choose the day in the form", lambda m: "请在表单中选择日期"),
        (r"choose the day in the form, or the first and the last day for a report over "
         r"several days",
         lambda m: "请在表单中选择日期；若报告涵盖多天，请选择第一天和最后一天"),
        (r"choose the marketplace in the form", lambda m: "请在表单中选择站点"),
        (r"choose the store in the form", lambda m: "请在表单中选择店铺"),
        (r"choose the marketplace or the store in the form", lambda m: "请在表单中选择站点或店铺"),
        (r"choose a store that sells in (?P<cur>.+), or its marketplace, in the form",
         lambda m: f"请在表单中选择以 {_currency_zh(m['cur'])} 销售的店铺或其站点"),
    )
)  # fmt: skip


#: Python's ``zipfile`` reasons (in "not a readable Excel workbook: ..."), in Chinese.
_ZIP_DETAILS_ZH = {
    "File is not a zip file": "文件不是 zip 格式",
    "Bad magic number for central directory": "zip 目录已损坏",
    "Truncated file header": "文件头不完整",
    "Bad magic number for file header": "文件头已损坏",
}


def _detail_zh(detail: str) -> str:
    return _ZIP_DETAILS_ZH.get(detail, detail)


def _list_zh(items: str) -> str:
    """``A, B and C`` -> ``A、B 和 C``."""
    return items.replace(", ", "、").replace(" and ", " 和 ")


def _days_zh(days: str) -> str:
    """``2026-11-01 to 2026-11-07, 2026-11-27`` -> ``2026-11-01 至 2026-11-07、2026-11-27``."""
    return days.replace(" to ", " 至 ").replace(", ", "、")


def fix_zh(fix: str) -> str:
    """What to supply (``pass --date YYYY-MM-DD``, ``choose the day in the form``), in Chinese."""
    for pattern, render in _FIXES_ZH:
        if (m := pattern.fullmatch(fix)) is not None:
            return render(m)
    return fix


def _currency_zh(text: str) -> str:
    return {"dollars ($)": "某种元（$）", "dollars": "元（$）"}.get(text, text)


def _given_zh(text: str) -> str:
    """``--marketplace US`` stays; the web form's wording becomes Chinese."""
    if m := re.fullmatch(r"the marketplace chosen in the form \((?P<code>\w+)\)", text):
        return f"表单中选择的站点（{m['code']}）"
    if m := re.fullmatch(r"the day chosen in the form \((?P<day>[\d-]+)\)", text):
        return f"表单中选择的日期（{m['day']}）"
    if m := re.fullmatch(r"the days chosen in the form \((?P<a>[\d-]+) to (?P<b>[\d-]+)\)", text):
        return f"表单中选择的日期（{m['a']} 至 {m['b']}）"
    return f" {text} "


def _said_zh(text: str) -> str:
    """Where a marketplace came from (``resolve._said``), in Chinese."""
    if m := re.fullmatch(r"the file name says (?P<d>\S+) \((?P<c>\w+)\)", text):
        return f"文件名表明是 {m['d']}（{m['c']}）"
    if m := re.fullmatch(r"the file is for (?P<d>\S+) \((?P<c>\w+)\)", text):
        return f"文件属于 {m['d']}（{m['c']}）"
    if m := re.fullmatch(r"(?P<given>.+) is (?P<d>\S+)", text):
        return f"{_given_zh(m['given']).strip()} 是 {m['d']}"
    return text


def _unknown_shares_zh(m: re.Match[str]) -> str:
    """What impression share cells stored as unknown said (``ads_reports.below_note``)."""
    parts = []
    if m["bound"]:
        parts.append("“<5%”（份额低于 5%，并非份额本身）")
    if m["dashes"]:
        dashes = "、".join(f"“{d}”" for d in re.findall(r'"([^"]+)"', m["dashes"]))
        parts.append(f"{dashes}（未给出份额）")
    return "或".join(parts)


def localize_problem(problem: str, lang: str) -> str:
    """A problem text (no place) in ``lang``; an uncommon one stays as it is."""
    if lang != "zh":
        return problem
    if JOINED in problem:  # several things missing (ResolutionError.joined)
        parts = problem.split(JOINED)
        done = [localize_problem(part, lang) for part in parts]
        if all(zh != en for zh, en in zip(done, parts, strict=True)):
            return "；另外，".join(done)
    for pattern, render in _PROBLEMS_ZH:
        if (m := pattern.fullmatch(problem)) is not None:
            return render(m)
    return problem


def localize(message: str, lang: str, *, with_file: bool = True) -> str:
    """An import error message (``str(error)``, as stored and as ``--json`` gives it) in
    ``lang``: ``file, line 3, column "units": expected a whole number, got "abc"`` reads
    ``file，第 3 行，“units”列：应为整数，实际为“abc”`` in Chinese. ``with_file=False`` leaves
    the file's name out, for a place that shows it already (``line 3, column "units": ...``,
    ``This file does not look like ...``)."""
    zh = lang == "zh"
    if (m := _UNLIKE.fullmatch(message)) is not None:
        if not zh:
            return message if with_file else _this_file(message, m["file"])
        return (f"{_file_zh(m['file'], with_file)}看起来不是 sellerops 认识的报告（共 "
                f"{m['known']} 种报告类型）：开头几行与任何一种报告的表头都不相符。"
                f"{SUPPORTED_LIST_ZH}")  # fmt: skip
    if (m := _UNKNOWN.fullmatch(message)) is not None:
        if not zh:
            return message if with_file else _this_file(message, m["file"])
        closest = "；".join(_title_zh(t) for t in m["closest"].split("; "))
        text = (f"{_file_zh(m['file'], with_file)}不是 sellerops 认识的报告（共 {m['known']} "
                f"种报告类型）。最接近的报告类型：{closest}。")  # fmt: skip
        if m["family"]:
            lacking = _quoted_zh(m["lacking"])
            these = "这些列" if "、" in lacking else "列"
            text += f"看起来最接近{_title_zh(m['family'])}，但缺少{these}：{lacking}。"
        if m["language"]:
            language = _LANGUAGES_ZH.get(m["language"], m["language"])
            text += (f"其表头是{language}：sellerops 尚不认识{language}界面的 Seller Central "
                     "业务报告；请把 Seller Central 的语言切换为英语（或中文、日语、德语、韩语），"
                     "重新下载报告后再导入。")  # fmt: skip
        return text
    if (m := _WHERE.fullmatch(message)) is None:
        return message
    problem = localize_problem(m["problem"], lang) if zh else m["problem"]
    places = []
    if m["line"] is not None:
        places.append(f"第 {m['line']} 行" if zh else f"line {m['line']}")
    if m["column"] is not None:
        places.append(f"“{m['column']}”列" if zh else f'column "{m["column"]}"')
    if with_file:
        places.insert(0, m["file"])
    if not places:
        return problem
    return ("，".join(places) + "：" + problem) if zh else (", ".join(places) + ": " + problem)


def _quoted_zh(names: str) -> str:
    """``"Page Views - Total", "Total Order Items"`` -> ``“Page Views - Total”、“Total Order
    Items”`` (Chinese quotes and list mark, as the cell errors name a column)."""
    found = re.findall(r'"([^"]*)"', names)
    return "、".join(f"“{name}”" for name in found) if found else names


def _this_file(message: str, file_name: str) -> str:
    """``notes.csv does not look like ...`` -> ``This file does not look like ...``."""
    return "This file" + message[len(file_name) :]


def _file_zh(file_name: str, with_file: bool) -> str:
    return f"{file_name} " if with_file else "此文件"
