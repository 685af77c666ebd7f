"""Every string the app shows, in English and Chinese. Template text stays English."""

from __future__ import annotations

import os
from typing import Literal

Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = ("en", "zh")
LANG_ENV = "SR_TUI_LANG"

STRINGS: dict[str, tuple[str, str]] = {
    # bindings (by binding id)
    "quit": ("Quit", "退出"),
    "help": ("Help", "帮助"),
    "picker": ("Find template", "查找模板"),
    "copy": ("Copy email", "复制邮件"),
    "new_case": ("New case", "新工单"),
    "palette": ("Commands", "命令"),
    "copy_subject": ("Copy subject", "复制主题"),
    "copy_body": ("Copy body", "复制正文"),
    "cancel": ("Cancel", "取消"),
    "confirm": ("Yes, go ahead", "是,继续"),
    "open": ("Open", "打开"),
    "add_item": ("Add an item after this one", "在此条目后添加条目"),
    "remove_item": ("Remove an empty item", "删除空条目"),
    "next_suggestion": ("Next suggestion", "下一个建议"),
    "next_field": ("Next field", "下一个字段"),
    "edit_email": ("Edit email", "编辑邮件"),
    "edit_in_preview": ("Edit the email in place", "直接编辑邮件"),
    "edit_done": ("Back to the preview (the edit is kept)", "返回预览(保留所做的修改)"),
    "go_to_finding": ("Go to the flagged text", "跳到被标出的文字"),
    "close_help": ("Close", "关闭"),
    "first_run_later": ("Later (asked again next start)", "稍后(下次启动时再问)"),
    # panels
    "app_title": ("sr-tui", "sr-tui 支持邮件"),
    "templates": ("Templates", "模板"),
    "form": ("Case details", "工单信息"),
    "preview": ("Preview", "预览"),
    "preview_edited": ("Preview · edited by you", "预览 · 已手动修改"),
    "editor": ("Editing the email · Esc: done", "正在编辑邮件 · Esc:完成"),
    "lint": ("Lint", "检查"),
    "lint_clean": ("No findings: ready to send.", "没有问题:可以发送。"),
    "lint_checking": ("Checking the email…", "正在检查邮件…"),
    "lint_no_template": ("No template open.", "尚未打开模板。"),
    "no_template": (
        "Choose a template on the left, or press ctrl+f.",
        "在左侧选择模板,或按 ctrl+f。",
    ),
    "optional": ("optional", "可选"),
    "from_settings": ("from settings", "来自设置"),
    "typed_for_case": ("typed for this case", "仅用于此工单"),
    "this_email_only": ("this email only", "仅此邮件"),
    "item_placeholder": ("Item {n}", "条目 {n}"),
    "add_item_button": ("+ Add item", "+ 添加条目"),
    "list_as_lines": ("One item per line", "每行一个条目"),
    # picker
    "picker_title": ("Find a template for the situation", "按场景查找模板"),
    "picker_placeholder": (
        "Type the situation, an id or a keyword: not replied, B2, 客户未回复",
        "输入场景、编号或关键词:not replied、B2、客户未回复",
    ),
    "picker_more": (
        "… {n} more match: type more to narrow them down.",
        "… 另有 {n} 个匹配：继续输入以缩小范围。",
    ),
    "picker_none": ("No template matches '{query}'.", "没有与 '{query}' 匹配的模板。"),
    # copy
    "confirm_title": ("This email is not ready to send", "这封邮件还不能发送"),
    "confirm_unfilled": ("Unfilled: {fields}", "未填写:{fields}"),
    "confirm_errors": ("{n} error finding(s):", "{n} 个错误:"),
    "confirm_question_copy": (
        "Copy it anyway? y / Enter = copy, n / Esc = cancel",
        "仍然复制吗?y / Enter 复制,n / Esc 取消",
    ),
    "confirm_question_eml": (
        "Export the .eml draft anyway? y / Enter = export, n / Esc = cancel",
        "仍然导出 .eml 草稿吗?y / Enter 导出,n / Esc 取消",
    ),
    "confirm_question_mailto": (
        "Open it in the mail client anyway? y / Enter = open, n / Esc = cancel",
        "仍然在邮件客户端中打开吗?y / Enter 打开,n / Esc 取消",
    ),
    "discard_title": ("Throw away your edit of the email?", "放弃你对邮件的修改吗?"),
    "discard_text": (
        "You finished this email by hand. Changing a value builds it again from the "
        "template, without your edit.",
        "这封邮件你已手动修改过。更改字段会按模板重新生成邮件,你的修改将丢失。",
    ),
    "discard_question": (
        "y / Enter = change the value and throw the edit away, n / Esc = keep the edit",
        "y / Enter 更改字段并放弃修改,n / Esc 保留修改",
    ),
    "paste_joined": (
        "{n} pasted lines were joined with spaces: {field} is one line.",
        "粘贴的 {n} 行已用空格连成一行:{field} 只能是一行。",
    ),
    "copied_system": ("{what} copied to the clipboard.", "{what}已复制到剪贴板。"),
    "copied_unchecked": (
        "{what} copied with {tool}, but not checked: {note}",
        "{what}已用 {tool} 复制,但未能确认:{note}",
    ),
    "copied_terminal": (
        "{what} copied through the terminal (OSC 52).",
        "{what}已通过终端 (OSC 52) 复制。",
    ),
    "copy_advice_once": (
        "A terminal does not confirm OSC 52, so every copy is also saved to {path}. "
        "(Said once per session.)",
        "终端不会确认 OSC 52 是否成功,所以每次复制的内容也会保存到 {path}。(每次运行只提示一次。)",
    ),
    "copied_file": (
        "{what} saved to {path}: no clipboard is available.",
        "{what}已保存到 {path}:没有可用的剪贴板。",
    ),
    "copy_failed": ("{what} could not be copied: {reason}", "{what}无法复制:{reason}"),
    "copy_reason": ("Why: {reason}.", "原因:{reason}。"),
    "tmux_hint": (
        "Under tmux, run `tmux set -s set-clipboard on` so OSC 52 reaches your clipboard.",
        "在 tmux 中运行 `tmux set -s set-clipboard on`,OSC 52 才能写入剪贴板。",
    ),
    "what_email": ("Email", "邮件"),
    "what_subject": ("Subject", "主题"),
    "what_body": ("Body", "正文"),
    "what_selection": ("Selection", "选中文本"),
    # notices
    "new_case_done": ("New case: all values cleared.", "新工单:已清空所有填写内容。"),
    "new_case_reopen_hint": (
        "The previous case was put aside: ctrl+p → Reopen case brings it back.",
        "上一个工单已搁置:ctrl+p → 重新打开工单 可以找回。",
    ),
    "case_reopened": ("Reopened case {case}.", "已重新打开工单 {case}。"),
    "cases": ("Cases", "工单列表"),
    "cmd_cases_help": ("Every case, newest activity first", "所有工单,最近活动在前"),
    "cmd_this_case_help": (
        "The open case's record and timeline",
        "当前工单的登记信息和处理记录",
    ),
    "this_case": ("This case", "本工单"),
    "back": ("Back", "返回"),
    "focus_search": ("Search", "搜索"),
    "save_record": ("Save record", "保存记录"),
    "write_email": ("Write next email", "写下一封邮件"),
    "add_note": ("Note", "备注"),
    "log_call": ("Call", "电话"),
    "customer_replied": ("Customer replied", "客户已回复"),
    "set_status": ("Status", "状态"),
    "keep_note": ("Keep note", "保存备注"),
    "cases_title": ("Cases", "工单列表"),
    "cases_search": (
        "Search number, title, requester, company, keywords",
        "搜索编号、主题、请求人、客户、关键词",
    ),
    "cases_open": ("Open cases", "未关闭的工单"),
    "cases_all": ("All cases", "全部工单"),
    "cases_none": ("No cases match", "没有匹配的工单"),
    "cases_count": ("{n} shown", "显示 {n} 个"),
    "col_number": ("Number", "编号"),
    "col_status": ("Status", "状态"),
    "col_title": ("Subject", "主题"),
    "col_requester": ("Requester", "请求人"),
    "col_activity": ("Last activity", "最近活动"),
    "case_record": ("Request record", "请求登记"),
    "case_timeline": ("Timeline (Enter shows an email)", "处理记录(回车查看邮件)"),
    "case_missing": ("There is no case {case}.", "没有工单 {case}。"),
    "record_saved": ("Case {case} saved.", "工单 {case} 已保存。"),
    "timeline_empty": ("Nothing on the timeline yet.", "暂无处理记录。"),
    "logged_note": ("Note added.", "已添加备注。"),
    "logged_call": ("Call logged.", "已记录电话。"),
    "logged_customer_replied": (
        "Logged: the customer replied.",
        "已记录:客户已回复。",
    ),
    "note_title": ("Note for the timeline", "处理记录备注"),
    "note_hint": ("ctrl+s keeps it, Esc drops it.", "ctrl+s 保存,Esc 取消。"),
    "status_title": ("{case} is {status}. Move it to:", "{case} 当前状态:{status}。改为:"),
    "no_case_yet": (
        "This draft is not a case yet: type a value (or send it) first.",
        "此草稿尚未成为工单:请先填写内容(或发送)。",
    ),
    "case_moved": ("Case {case} is now: {status}.", "工单 {case} 的状态:{status}。"),
    "not_logged": (
        "The email went out but was not logged on the case: {problem}",
        "邮件已发出,但未能记入工单:{problem}",
    ),
    "store_problem": (
        "Case store: {problem} Drafting goes on; the draft is saved to its file.",
        "工单库:{problem} 可以继续撰写;草稿已保存到文件。",
    ),
    "unexpected_error": (
        "Something went wrong, and nothing was lost: {error}",
        "出现了问题,但没有丢失任何内容:{error}",
    ),
    "keymap_unknown": (
        "[keymap] names no binding '{id}'; its default key is kept (F1 lists the keys).",
        "[keymap] 中的 '{id}' 不是任何按键绑定;保留其默认按键(F1 列出所有按键)。",
    ),
    "language_switched": ("Language: English", "语言:中文"),
    "language_not_saved": (
        "The language is switched for now but not saved: {path} has problems.",
        "语言已切换,但未保存:{path} 有问题。",
    ),
    "template_errors": (
        "{n} template file(s) could not be loaded; run `sr-tui templates check`.",
        "{n} 个模板文件无法加载;请运行 `sr-tui templates check`。",
    ),
    "render_error": ("Cannot render: {reason}", "无法生成:{reason}"),
    # palette
    "cmd_open": ("Open {id} {title}", "打开 {id} {title}"),
    "cmd_open_help": ("Open this template", "打开该模板"),
    "cmd_new_case": ("New case", "新工单"),
    "cmd_new_case_help": ("Clear every value and start a new case", "清空所有内容,开始新工单"),
    "cmd_copy_email": ("Copy email", "复制邮件"),
    "cmd_copy_email_help": (
        "Subject line, blank line, body (flowed)",
        "主题行、空行、正文(自动换行)",
    ),
    "cmd_copy_subject": ("Copy subject", "复制主题"),
    "cmd_copy_subject_help": ("Only the subject line", "仅复制主题"),
    "cmd_copy_body": ("Copy body", "复制正文"),
    "cmd_copy_body_help": ("Only the body (flowed)", "仅复制正文(自动换行)"),
    "cmd_language": ("Switch language (English / 中文)", "切换语言 (English / 中文)"),
    "cmd_language_help": ("Switch the interface language", "切换界面语言"),
    "cmd_lint": ("Toggle lint panel", "显示/隐藏检查面板"),
    "cmd_lint_help": ("Show or hide the house-style findings", "显示或隐藏格式检查结果"),
    "cmd_picker": ("Find template by situation", "按场景查找模板"),
    "cmd_picker_help": ("The scenario picker (ctrl+f)", "场景选择器 (ctrl+f)"),
    "palette_placeholder": ("Search for commands…", "搜索命令…"),
    # Textual's own palette entries ("title|help")
    "sys_theme": ("Theme|Change the colours", "主题|更改配色"),
    "sys_quit": ("Quit|Quit sr-tui (your case is saved)", "退出|退出 sr-tui(工单已保存)"),
    "sys_keys": ("Keys|Every key and where it works (F1)", "按键|所有按键及其适用范围 (F1)"),
    "sys_maximize": ("Maximize|Show the focused pane alone", "最大化|只显示当前面板"),
    "sys_minimize": ("Minimize|Back to all the panes", "还原|恢复显示所有面板"),
    "sys_screenshot": (
        "Screenshot|Save an SVG picture of the screen",
        "截图|将当前屏幕保存为 SVG 图片",
    ),
    # help
    "help_title": ("Keys", "按键"),
    "help_key": ("Key", "按键"),
    "help_action": ("Action", "操作"),
    "help_where": ("Where", "范围"),
    "help_where_app": ("everywhere", "全局"),
    "help_where_screen": ("this screen", "当前界面"),
    "help_where_widget": ("focused field", "当前控件"),
    "help_where_field": ("in a field", "字段中"),
    "help_where_item": ("in a list item", "列表条目中"),
    "help_where_preview": ("in the preview", "预览中"),
    "help_where_editor": ("editing the email", "编辑邮件时"),
    "help_where_lint": ("in the lint panel", "检查面板中"),
    "help_footer": (
        "Tab moves between fields. Values stay when you open another template (your own "
        "words stay with their email). Esc closes.",
        "Tab 在字段间移动。打开其他模板时内容保留(你自己的话只属于各自的邮件)。Esc 关闭。",
    ),
    "severity_error": ("error", "错误"),
    "severity_warning": ("warning", "警告"),
    "severity_suggestion": ("suggestion", "建议"),
    # settings
    "settings": ("Settings", "设置"),
    "save_settings": ("Save", "保存"),
    "save": ("Save", "保存"),
    "settings_title": ("Settings", "设置"),
    "first_run_title": ("Welcome to sr-tui", "欢迎使用 sr-tui"),
    "first_run_text": (
        "Your name and team sign every email. Everything else can wait (F4: settings).",
        "你的姓名和团队会出现在每封邮件的签名中。其他设置稍后再说(F4:设置)。",
    ),
    "first_run_need_name": (
        "Type your name (it signs every email), or Esc to skip for now.",
        "请输入你的姓名(用于每封邮件的签名),或按 Esc 暂时跳过。",
    ),
    "one_line_invalid": ("One line, at most 200 characters.", "只能一行,最多 200 个字符。"),
    "address_invalid": (
        "One email address, e.g. sam.lee@example.com.",
        "请输入一个邮箱地址,如 sam.lee@example.com。",
    ),
    "settings_broken": (
        "The settings file has problems; sr-tui is using defaults for them:\n{problems}",
        "设置文件有问题,相关项已使用默认值:\n{problems}",
    ),
    "settings_confirm_overwrite": (
        "{path} has problems. Saving changes it (a copy of the old file is kept as .bak; earlier backups are kept too). Press ctrl+s again to save anyway.",
        "{path} 有问题。保存会修改它(旧文件的副本保留为 .bak,之前的备份也会保留)。再按一次 ctrl+s 确认保存。",
    ),
    "settings_save_failed": ("Settings not saved: {reason}", "设置未保存:{reason}"),
    "settings_saved": ("Settings saved to {path}.", "设置已保存到 {path}。"),
    "settings_problems": (
        "Settings file problem: {problem}. Using defaults for it; the file was not changed.",
        "设置文件有问题:{problem}。该项使用默认值;文件未被修改。",
    ),
    "settings_file_note": (
        "Saved to {path}. Lint options and key bindings: `sr-tui config edit`.",
        "保存到 {path}。检查选项和快捷键:`sr-tui config edit`。",
    ),
    "setting_your_name": ("Your name", "你的姓名"),
    "setting_your_name_help": (
        "Signs every email, e.g. Sam Lee.",
        "用于每封邮件的签名,如 Sam Lee。",
    ),
    "setting_your_team": ("Your team", "你的团队"),
    "setting_your_team_help": (
        'Without the word Support, which the signature adds: Linux gives "Linux Support".',
        '不含 Support 一词(签名会自动添加):Linux 显示为 "Linux Support"。',
    ),
    "setting_your_email": ("Your email address", "你的邮箱地址"),
    "setting_your_email_help": (
        "Optional: the From of .eml drafts, e.g. sam.lee@example.com.",
        "可选:.eml 草稿的发件人,如 sam.lee@example.com。",
    ),
    "setting_language": ("Language", "语言"),
    "setting_language_help": (
        "The interface language; emails stay English.",
        "界面语言;邮件内容仍为英文。",
    ),
    "setting_copy_layout": ("Copy layout", "复制格式"),
    "setting_copy_layout_help": (
        "flowed: one line per paragraph, so Outlook wraps it. as-written: the template's own lines.",
        "flowed:每段一行,由 Outlook 自动换行。as-written:保持模板原有换行。",
    ),
    "setting_template_dirs": ("Your template folders", "自定义模板目录"),
    "setting_template_dirs_help": (
        "Folders of your own templates, separated by {sep}. Applied at the next start.",
        "自定义模板所在目录,以 {sep} 分隔。下次启动时生效。",
    ),
    "setting_export_dir": ("Export folder", "导出目录"),
    "setting_export_dir_help": (
        "Where .eml drafts go. Empty: Downloads if it exists, else the data folder.",
        ".eml 草稿的保存位置。留空:若有 Downloads 目录则保存到该处,否则保存到数据目录。",
    ),
    "cmd_settings": ("Settings", "设置"),
    "cmd_settings_help": ("Your name, team, language, copy layout", "姓名、团队、语言、复制格式"),
    # handoff
    "export_eml": ("Export .eml", "导出 .eml"),
    "open_mail": ("Mail client", "邮件客户端"),
    "exported": (
        "Draft saved to {path}: open it and Outlook shows it as a new message.",
        "草稿已保存到 {path}:打开后 Outlook 会显示为新邮件。",
    ),
    "export_failed": ("The .eml draft was not written: {reason}", "未能写入 .eml 草稿:{reason}"),
    "mail_opened": ("Opened in your mail client.", "已在邮件客户端中打开。"),
    "mail_too_long": ("{reason}", "{reason}"),
    "mail_failed": ("Could not open the mail client: {reason}", "无法打开邮件客户端:{reason}"),
    "cmd_export": ("Export .eml draft", "导出 .eml 草稿"),
    "cmd_export_help": (
        "An Outlook draft with subject, To and real bullet lists (F5)",
        "带主题、收件人和项目符号列表的 Outlook 草稿 (F5)",
    ),
    "cmd_mail": ("Open in mail client", "在邮件客户端中打开"),
    "cmd_mail_help": ("A mailto: link for short emails (F6)", "适合短邮件的 mailto: 链接 (F6)"),
    # drafts
    "draft_restored": ("Restored your {draft}.", "已恢复你的{draft}。"),
    "draft_for_sr": ("{id} draft for {sr} from {when}", "{when} 的 {id} 草稿(工单 {sr})"),
    "draft_plain": ("{id} draft from {when}", "{when} 的 {id} 草稿"),
    "draft_problem": ("Draft: {problem}", "草稿:{problem}"),
    "cmd_reopen": ("Reopen case: {draft}", "重新打开工单:{draft}"),
    "cmd_reopen_help": (
        "Put the current case aside and reopen this one",
        "保存当前工单并重新打开该工单",
    ),
    # hostile files and values (issue 11)
    "copied_terminal_only": (
        "{what} sent to the terminal clipboard (OSC 52); it could not be saved to a file.",
        "{what}已通过终端剪贴板 (OSC 52) 复制;但无法保存到文件。",
    ),
    "mail_pending": (
        "Not confirmed: {reason}.",
        "未能确认:{reason}。",
    ),
    "keymap_invalid": (
        "[keymap] {id} = \"{keys}\": '{bad}' is not a key; the default key of '{id}' is kept.",
        "[keymap] {id} = \"{keys}\":'{bad}' 不是有效按键;'{id}' 保留默认按键。",
    ),
    "keymap_duplicate": (
        "[keymap] {id} = \"{keys}\": {bad} is already the key of '{other}'; the default key of '{id}' is kept.",
        "[keymap] {id} = \"{keys}\":{bad} 已是 '{other}' 的按键;'{id}' 保留默认按键。",
    ),
    "template_folder_problem": ("Templates: {problem}.", "模板:{problem}。"),
    "draft_template_gone": (
        "Your draft was for template {id}, which no longer exists (was it in a template folder that is gone?). "
        "Its values are kept: open another template to use them.",
        "你的草稿使用的模板 {id} 已不存在(所在的模板目录是否已移除?)。填写的内容已保留:打开其他模板即可使用。",
    ),
    "draft_save_failed": (
        "The draft could not be saved: {problem}. Make that folder writable, or start sr-tui with SR_TUI_DATA set to a folder you can write to.",
        "草稿无法保存:{problem}。请让该目录可写,或设置 SR_TUI_DATA 为可写的目录后再启动 sr-tui。",
    ),
    "lint_render_failed": (
        "Not checked: the email cannot be rendered ({reason}).",
        "未检查:邮件无法生成({reason})。",
    ),
    # search, similar cases, closing, the knowledge base and the monthly review
    "search_cases": ("Search cases", "搜索工单"),
    "review": ("Monthly review", "月度复盘"),
    "prev_month": ("Previous month", "上个月"),
    "next_month": ("Next month", "下个月"),
    "copy_markdown": ("Copy Markdown", "复制 Markdown"),
    "close_case_confirm": ("Close case", "关闭工单"),
    "cmd_search": ("Search cases", "搜索工单"),
    "cmd_search_help": (
        "Titles, descriptions, emails, notes, resolutions and keywords (ctrl+g)",
        "搜索主题、描述、邮件、备注、解决方案和关键词 (ctrl+g)",
    ),
    "cmd_review": ("Monthly review", "月度复盘"),
    "cmd_review_help": (
        "A month's figures, SLA, frequent problems; Markdown for the meeting notes (ctrl+r)",
        "月度统计、时效、高频问题;可复制 Markdown 用于会议纪要 (ctrl+r)",
    ),
    "search_title": ("Search cases", "搜索工单"),
    "search_placeholder": (
        'Words of any length, "a phrase", -exclude, status:open area:network since:2026-11-01',
        '任意长度的关键词、"短语"、-排除词、状态:未关闭 领域:网络环境 自:2026-11-01',
    ),
    "search_empty": (
        "Type to search titles, descriptions, emails, notes, resolutions and keywords.",
        "输入内容即可搜索主题、描述、邮件、备注、解决方案和关键词。",
    ),
    "search_count": ("{n} cases", "{n} 个工单"),
    "search_one": ("1 case", "1 个工单"),
    "search_count_more": (
        "The first {n} cases: add words or filters to narrow it down.",
        "显示前 {n} 个工单:可增加关键词或筛选条件缩小范围。",
    ),
    "search_none": ("No case matches.", "没有匹配的工单。"),
    "search_store_problem": (
        "The case store cannot be searched: {problem}",
        "无法搜索工单库:{problem}",
    ),
    "search_help": (
        "Enter opens the case · ↑↓ move · Esc back · filters: status: area: urgency: since: until: kb:",
        "回车打开工单 · ↑↓ 移动 · Esc 返回 · 筛选:状态: 领域: 紧急: 自: 至: 知识库:",
    ),
    "similar_title": ("Similar resolved cases", "相似的已解决工单"),
    "similar_none": ("No similar resolved case.", "没有相似的已解决工单。"),
    "similar_loading": ("Looking for similar cases…", "正在查找相似工单…"),
    "similar_help": ("Enter reuses its resolution", "回车复用其解决方案"),
    "close_title": ("Close {case}: keywords and resolution", "关闭工单 {case}:关键词与解决方案"),
    "close_keywords": ("Keywords (comma-separated)", "关键词(以逗号分隔)"),
    "close_keywords_help": (
        "Tags for search and the handbook, e.g. OA login, permissions",
        "便于检索和编入手册的标签,如“OA登录”“权限配置”",
    ),
    "close_suggested": ("Suggested: {keywords} (ctrl+t adds them)", "建议:{keywords}(ctrl+t 添加)"),
    "close_resolution": ("Resolution", "解决方案"),
    "close_root_cause": ("Root cause", "根本原因"),
    "close_knowledge": ("Add to knowledge base", "录入知识库"),
    "close_case_help": (
        "Enter on a similar case uses its resolution · ctrl+s closes the case · Esc cancels",
        "在相似工单上按回车采用其解决方案 · ctrl+s 关闭工单 · Esc 取消",
    ),
    "close_title_closed": (
        "{case} is closed: keywords and resolution for the archive",
        "工单 {case} 已关闭:为归档填写关键词与解决方案",
    ),
    "close_case_help_closed": (
        "Enter on a similar case uses its resolution · ctrl+s saves · Esc skips (the case stays closed)",
        "在相似工单上按回车采用其解决方案 · ctrl+s 保存 · Esc 跳过(工单仍为已关闭)",
    ),
    "case_closed_archived": (
        "Case {case} closed, with its keywords and resolution.",
        "工单 {case} 已关闭,关键词与解决方案已保存。",
    ),
    "case_archived": (
        "Case {case}: keywords and resolution saved.",
        "工单 {case}:关键词与解决方案已保存。",
    ),
    "reuse_resolution": ("Reuse", "复用"),
    "reused": (
        "{template} on {case} with the resolution of {past}: check it, then send.",
        "已在 {case} 上打开 {template},填入 {past} 的解决方案:请检查后发送。",
    ),
    "close_needs_resolution": (
        "Write the resolution first, or use one from a similar case.",
        "请先填写解决方案,或采用相似工单的方案。",
    ),
    "add_suggested": ("Add suggested keywords", "添加建议关键词"),
    "review_title": ("Monthly review {month}", "{month} 月度复盘"),
    "review_loading": ("Counting the month…", "正在统计…"),
    "review_problem": ("The review cannot be made: {problem}", "无法生成复盘:{problem}"),
    "review_per_day": ("Opened (top) and closed per day", "每日新建(上)与关闭"),
    "review_counts": (
        "Opened {opened} · Closed {closed} · Reopened {reopened} · last month opened {previous}",
        "新建 {opened} · 关闭 {closed} · 重新打开 {reopened} · 上月新建 {previous}",
    ),
    "review_footer": (
        "← → change month · ctrl+t mine / team · ctrl+y copies the Markdown for the meeting notes · Esc back",
        "← → 切换月份 · ctrl+t 我的 / 团队 · ctrl+y 复制 Markdown 用于会议纪要 · Esc 返回",
    ),
    "what_review": ("The review (Markdown)", "复盘(Markdown)"),
}


# What is due (F9)
STRINGS.update(
    {
        "due": ("Due", "待办"),
        "due_refresh": ("Refresh", "刷新"),
        "due_title": ("What is due", "待办事项"),
        "due_loading": ("Reading the open cases…", "正在读取未关闭的工单…"),
        "due_summary": (
            "{overdue} overdue, {today} due today, {week} later this week — Enter opens the draft",
            "{overdue} 项已逾期,{today} 项今天到期,{week} 项本周到期 — 回车打开草稿",
        ),
        "due_none": ("Nothing is due this week.", "本周没有待办事项。"),
        "due_none_mine": (
            "Nothing is due on your cases this week (ctrl+t: the team's).",
            "你的工单本周没有待办事项(ctrl+t:查看团队的)。",
        ),
        "due_col_badge": ("", ""),
        "due_col_case": ("Case", "工单"),
        "due_col_customer": ("Customer", "客户"),
        "due_col_write": ("Write", "写"),
        "due_col_why": ("Why", "原因"),
        "due_col_when": ("Due", "到期"),
        "due_col_left": ("Left", "剩余"),
        "due_badge_breached": ("● overdue", "● 已逾期"),
        "due_badge_near": ("● near", "● 将到期"),
        "due_badge_fine": ("● ok", "● 正常"),
        "due_left": ("{amount} left", "剩余 {amount}"),
        "due_over": ("{amount} over", "超时 {amount}"),
        "due_call": ("call", "电话"),
        "due_phone": (
            "{case}: phone the customer, then log the call (F8).",
            "{case}:请致电客户,然后记录通话 (F8)。",
        ),
        "due_opened": ("{template} on {case}: {reason}", "{case} 的 {template}:{reason}"),
    }
)


# Handing a case over, and whose cases a view shows
STRINGS.update(
    {
        "assign_case": ("Assign", "转交"),
        "assign_submit": ("Assign", "转交"),
        "cmd_assign": ("Assign this case", "转交此工单"),
        "cmd_assign_help": (
            "Hand the case to a colleague, with a word for the timeline (ctrl+o on the case)",
            "把工单转交给同事,并在处理记录中留言(工单页 ctrl+o)",
        ),
        "assign_title": ("Hand {case} over (now: {who})", "转交 {case}(当前受理人:{who})"),
        "assign_nobody": ("nobody", "无"),
        "assign_name_placeholder": (
            "Who takes it (empty: you, {you})",
            "由谁受理(留空:你自己,{you})",
        ),
        "assign_known": ("Known: {names}", "已知受理人:{names}"),
        "assign_note_placeholder": (
            "A word for the timeline: why, what is pending (optional)",
            "处理记录中的说明:原因、待办事项(可选)",
        ),
        "assign_help": (
            "→ takes the suggestion · ctrl+s assigns · Esc cancels",
            "→ 采用建议 · ctrl+s 转交 · Esc 取消",
        ),
        "assign_need_name": (
            "Type a name (or set your_name in the settings).",
            "请输入姓名(或在设置中填写 your_name)。",
        ),
        "assign_did_you_mean": (
            "No case is assigned to '{name}' yet: did you mean {close}? ctrl+s again assigns it as typed.",
            "还没有工单分配给“{name}”:是否是指 {close}?再按 ctrl+s 按原样转交。",
        ),
        "assign_saving": ("Assigning to {name}…", "正在转交给 {name}…"),
        "assign_done": ("{case} is assigned to {who}.", "{case} 已转交给 {who}。"),
        "toggle_view": ("Mine / team", "我的 / 团队"),
        "view_mine": ("My cases ({name})", "我的工单({name})"),
        "view_team": ("Team: every case", "团队:全部工单"),
        "view_no_name": (
            '"My cases" needs your name: set your_name in the settings (F4).',
            "“我的工单”需要你的姓名:请在设置 (F4) 中填写 your_name。",
        ),
        "col_assignee": ("Assigned to", "受理人"),
        "clocks_label": ("Clocks:", "时效:"),
        "clocks_due_by": ("by {when}", "截止 {when}"),
        "clocks_paused": ("paused: waiting on the customer", "已暂停:等待客户"),
        "clock_urgent_contact": ("urgent call", "紧急致电"),
        "clock_acknowledge": ("acknowledge", "受理确认"),
        "clock_complete": ("information complete", "信息完整"),
        "clock_diagnosis": ("diagnosis review", "诊断评审"),
        "clock_promise": ("promised update", "承诺的更新"),
        "clock_chase": ("chase", "催办"),
        "review_whose": ("{title} · {view}", "{title} · {view}"),
    }
)


def tr(key: str, language: Language = "en", **values: object) -> str:
    english, chinese = STRINGS[key]
    text = chinese if language == "zh" else english
    return text.format(**values) if values else text


def language_from_env(default: Language = "en") -> Language:
    value = os.environ.get(LANG_ENV, "").strip().lower()
    if value.startswith("zh"):
        return "zh"
    if value.startswith("en"):
        return "en"
    return default
