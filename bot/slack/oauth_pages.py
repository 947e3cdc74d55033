"""The few web pages a person sees while installing the app (pure, escaped HTML)."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;
padding:0 1rem;line-height:1.5;color:#1d1c1d}}a.button{{display:inline-block;
padding:.6rem 1.2rem;border-radius:.4rem;background:#2e5e4e;color:#fff;
text-decoration:none}}</style></head>
<body><h1>{title}</h1>{body}</body>
</html>
"""


def _page(title: str, body: str) -> str:
    return _PAGE.format(title=escape(title), body=body)


def install_page(authorize_url: str) -> str:
    return _page(
        "Add mentorbot to Slack",
        "<p>mentorbot pairs colleagues who want to learn a skill with colleagues who can "
        "teach it, every week, and keeps each pair going with short check-ins.</p>"
        "<p>Slack will show you what the app may do before you confirm.</p>"
        f'<p><a class="button" href="{escape(authorize_url)}">Add to Slack</a></p>',
    )


def success_page(*, app_id: str | None, team_id: str | None) -> str:
    link = ""
    if app_id and team_id:
        query = urlencode({"app": app_id, "team": team_id})
        link = (
            f'<p><a class="button" href="https://slack.com/app_redirect?{escape(query)}">'
            "Open mentorbot in Slack</a></p>"
        )
    return _page(
        "mentorbot is installed",
        "<p>Everyone in the workspace can now type <code>/mentor help</code> to offer "
        "or request a skill.</p>" + link,
    )


def failure_page(install_path: str) -> str:
    return _page(
        "The installation did not finish",
        "<p>Nothing was installed. The link may have expired, or the request was "
        "cancelled.</p>"
        f'<p><a class="button" href="{escape(install_path)}">Start again</a></p>',
    )
