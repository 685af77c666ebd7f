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
    # picker
    "picker_title": ("Find a template for the situation", "按场景查找模板"),
    "picker_placeholder": (
        "Type the situation, an id or a keyword: not replied, B2, 客户未回复",
        "输入场景、编号或关键词:not replied、B2、客户未回复",
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
        "{path} has problems. Saving replaces it (the old file is kept as .bak). Press ctrl+s again to save anyway.",
        "{path} 有问题。保存会替换它(旧文件保留为 .bak)。再按一次 ctrl+s 确认保存。",
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
}


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
