"""The web chat in headless Chromium, against the served page and the real bot.

scripts/run.sh starts the action server, the Rasa server and the web page (scripts/web_server.py),
as `make run` does. Playwright drives the system's Chromium (`chromium` on PATH, or $CHROMIUM;
`make install` installs Debian's package through scripts/system_deps.sh); no browser is
downloaded. Without it these tests fail, naming the package to install. Screenshots of the
assessment card, the emergency banner and a phone-sized screen go to tests/web/artifacts/.
"""
from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
import requests
from pypdf import PdfReader

from tests.servers import free_port, start_servers, stop_servers, wait_until_ok
from tests.services import ServiceError, chromium

pytestmark = [pytest.mark.servers, pytest.mark.browser]

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DESCRIPTION = "itchy red bumps on my lower back, worse at night, my partner itches too"
XSS = "<img src=x onerror=window.__xss=1>"


# -- fixtures: the servers, one browser --------------------------------------------------------
@pytest.fixture(scope="module", autouse=True)
def executable():
    """Chromium, looked for before the servers start: without it every test here fails at once."""
    try:
        return chromium()
    except ServiceError as error:
        problem = str(error)
    pytest.fail(problem, pytrace=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    web_port = free_port()
    servers = start_servers(tmp_path_factory.mktemp("web") / "run.log", {"WEB_PORT": str(web_port)})
    try:
        wait_until_ok(f"http://127.0.0.1:{web_port}/healthz", 20, f"the web page on port {web_port}", log=servers.log)
        yield {"web": f"http://127.0.0.1:{web_port}", "web_port": web_port, "rasa": servers.base}
    finally:
        assert stop_servers(servers), "servers still running after SIGTERM to scripts/run.sh"


@pytest.fixture(scope="module")
def browser(executable):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the Python package 'playwright' is missing: run `make install` (requirements.lock pins it)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


# -- helpers ------------------------------------------------------------------------------------
def bot_rows(page) -> int:
    return page.locator(".bb-row--bot").count()


def wait_idle(page, more_than: int) -> None:
    """Until the bot has answered (more bot messages than before) and nothing is in flight."""
    page.wait_for_function(
        "n => document.querySelectorAll('.bb-row--bot').length > n && document.querySelector('.bb-typing').hidden",
        arg=more_than,
    )


def open_chat(page, url: str) -> None:
    page.goto(url)
    wait_idle(page, 0)  # the greeting, answered to the widget's initial message


def type_and_send(page, text: str) -> None:
    before = bot_rows(page)
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Your message").press("Enter")
    wait_idle(page, before)


def click_choice(page, title: str) -> None:
    before = bot_rows(page)
    page.locator(".bb-choice:not([disabled])", has_text=re.compile(f"^{re.escape(title)}$")).first.click()
    wait_idle(page, before)


def last_bot_text(page) -> str:
    return page.locator(".bb-row--bot").last.inner_text()


def converse_to_card(page) -> None:
    """Free text, then button clicks (and typed answers where a question asks for one) to the card."""
    type_and_send(page, DESCRIPTION)
    clicked = 0
    for _ in range(10):
        if page.locator(".bb-card").count():
            break
        question = last_bot_text(page).lower()
        if "how old" in question:
            click_choice(page, "Adult (20 to 59)")
        elif "how long" in question:
            click_choice(page, "1 to 6 weeks")
        elif "at night" in question or "between the fingers" in question:
            click_choice(page, "Yes")
        else:
            click_choice(page, "No")
        clicked += 1
    assert page.locator(".bb-card").count() == 1, page.locator(".bb-log").inner_text()
    assert clicked >= 1, "the conversation reached the card without a button click"


CONTRAST_JS = """
(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  let node = el, bg = null;
  while (node && node.nodeType === 1) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.a > 0.9) { bg = c; break; }
    node = node.parentElement;
  }
  bg = bg || {r: 255, g: 255, b: 255};
  const fg = parse(getComputedStyle(el).color);
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                     return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}
"""


def contrast(page, selector: str) -> float:
    ratio = page.evaluate(CONTRAST_JS, selector)
    assert ratio is not None, f"nothing matches {selector}"
    return ratio


# -- the tests ------------------------------------------------------------------------------------
def test_full_conversation_to_the_assessment_card_then_reload_and_restart(site, page):
    page.goto(site["web"] + "/")
    # the page and its controls, found by their accessible names
    log = page.get_by_role("log")
    assert log.get_attribute("aria-live") == "polite"
    assert page.get_by_role("button", name=re.compile("Restart the conversation")).is_visible()
    assert page.get_by_role("button", name="Send message").is_visible()
    wait_idle(page, 0)
    assert "not a doctor" in last_bot_text(page)

    # the typing indicator shows while the bot thinks
    page.evaluate("""() => { window.__typingSeen = false;
        new MutationObserver(() => { if (!document.querySelector('.bb-typing').hidden) window.__typingSeen = true; })
          .observe(document.querySelector('.bb-typing'), {attributes: true}); }""")
    converse_to_card(page)
    assert page.evaluate("window.__typingSeen") is True

    card = page.locator(".bb-card")
    # the log shows the card from its top (what to do now), not scrolled to its end
    log_box, triage_box = page.locator(".bb-log").bounding_box(), card.locator(".bb-triage").bounding_box()
    assert log_box["y"] <= triage_box["y"] and triage_box["y"] + triage_box["height"] <= log_box["y"] + log_box["height"]
    causes = card.locator(".bb-cause")
    assert causes.count() >= 2
    assert "Scabies" in causes.first.locator(".bb-cause-name").inner_text()
    assert re.fullmatch(r"\d+% likely", causes.first.locator(".bb-cause-pct").inner_text())
    assert "Fits:" in causes.first.inner_text()
    badge = card.locator(".bb-triage .bb-badge")
    assert badge.inner_text() in {"Self-care at home", "See a doctor", "Get medical advice today", "Emergency"}
    assert card.locator(".bb-triage-text").inner_text().strip()
    assert card.get_by_role("heading", name=re.compile("^Self-care")).count() == 1
    assert card.locator(".bb-list li").count() >= 2
    assert "not a diagnosis" in card.inner_text()
    links = card.locator(".bb-sources a")
    assert links.count() >= 2
    for i in range(links.count()):
        a = links.nth(i)
        assert a.get_attribute("href").startswith("https://")
        assert a.get_attribute("rel") == "noopener noreferrer" and a.get_attribute("target") == "_blank"
    # typing still works while buttons show; the card's colours are readable
    assert page.get_by_label("Your message").is_enabled()
    for selector in (".bb-triage .bb-badge", ".bb-cause-name", ".bb-against, .bb-fits", ".bb-disclaimer",
                     ".bb-bubble--user", ".bb-bubble--bot", ".bb-header .bb-title", ".bb-send", ".bb-footnote"):
        assert contrast(page, selector) >= 4.5, selector
    page.screenshot(path=str(ARTIFACTS / "assessment-page.png"))
    page.set_viewport_size({"width": 1000, "height": 2600})  # the whole card inside the chat's scroll area
    card.scroll_into_view_if_needed()
    card.screenshot(path=str(ARTIFACTS / "assessment-card.png"))
    page.set_viewport_size({"width": 1000, "height": 900})

    # a reload keeps the conversation, and it goes on from there
    transcript = page.locator(".bb-log").inner_text()
    rows = page.locator(".bb-row").count()
    page.reload()
    page.wait_for_selector(".bb-card")
    assert page.locator(".bb-row").count() == rows
    assert page.locator(".bb-log").inner_text() == transcript
    time.sleep(0.5)
    assert page.locator(".bb-row").count() == rows, "the reload started a new conversation"
    type_and_send(page, "is scabies contagious?")
    assert "Scabies" in last_bot_text(page)

    # restart clears it: a new conversation with a new id, the bot's greeting only
    sender = page.evaluate("JSON.parse(sessionStorage.getItem(Object.keys(sessionStorage).find(k => k.startsWith('backbump-chat:')))).sender")
    page.get_by_role("button", name=re.compile("Restart the conversation")).click()
    wait_idle(page, 0)
    assert page.locator(".bb-card").count() == 0
    assert page.locator(".bb-row--user").count() == 0
    assert page.locator(".bb-row--bot").count() == 1 and "not a doctor" in last_bot_text(page)
    new_sender = page.evaluate("JSON.parse(sessionStorage.getItem(Object.keys(sessionStorage).find(k => k.startsWith('backbump-chat:')))).sender")
    assert new_sender != sender
    page.reload()
    wait_idle(page, 0)
    assert page.locator(".bb-row").count() == 1


def stored_summary(page) -> dict:
    """custom.summary of the assessment the widget keeps (sessionStorage)."""
    return page.evaluate("""() => {
        const key = Object.keys(sessionStorage).find(k => k.startsWith('backbump-chat:'));
        const entry = JSON.parse(sessionStorage.getItem(key)).entries
            .find(e => e.message && e.message.custom && e.message.custom.summary);
        return entry.message.custom.summary; }""")


def test_the_card_downloads_and_prints_the_summary_for_a_doctor(site, page):
    open_chat(page, site["web"] + "/")
    converse_to_card(page)
    card = page.locator(".bb-card")
    summary = stored_summary(page)
    rows = page.locator(".bb-row").count()

    # Download: the bot's /summary/<token>.pdf link, fetched from the Rasa server and saved as a file
    download = card.get_by_role("button", name="Download summary (PDF)")
    with page.expect_response(lambda r: "/summary/" in r.url) as answer, page.expect_download() as saved:
        download.click()
    response = answer.value
    assert response.url.startswith(site["rasa"] + "/summary/") and response.url.endswith(".pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    # (response.body() comes back empty here, the page having read it as a blob: the bytes checked are the saved file's)
    assert saved.value.suggested_filename == "summary-for-your-doctor.pdf"
    document = Path(saved.value.path()).read_bytes()
    assert document.startswith(b"%PDF")
    words = " ".join(PdfReader(io.BytesIO(document)).pages[0].extract_text().split())
    assert summary["triage"]["title"] in words and "This is not a diagnosis" in words
    status = card.locator(".bb-summary-status")
    assert status.get_attribute("role") == "status" and "Downloaded summary-for-your-doctor.pdf" in status.inner_text()
    assert status.get_by_role("link", name="Open the PDF").get_attribute("href") == response.url
    assert page.locator(".bb-row").count() == rows, "asking for the link added to the conversation"

    # Print, with the keyboard: the summary (not the chat) in the printout
    page.evaluate("""() => { window.__printed = [];
        window.print = () => window.__printed.push({
            printing: document.body.classList.contains('bb-printing'),
            text: document.querySelector('body > .bb-print').textContent }); }""")
    card.get_by_role("button", name="Print the summary for your doctor").focus()
    page.keyboard.press("Enter")
    printed = page.evaluate("window.__printed")
    assert len(printed) == 1 and printed[0]["printing"]
    text = printed[0]["text"]
    assert summary["title"] in text and summary["triage"]["title"] in text and summary["disclaimer"] in text
    for finding in summary["findings"]["present"] + summary["findings"]["absent"]:
        assert finding in text
    assert summary["causes"][0]["name"] in text
    # on screen, the printable section is not shown; in print, only it is
    assert page.locator("body > .bb-print").is_hidden()
    page.emulate_media(media="print")
    assert page.locator("body > .bb-print").is_visible() and page.locator(".bb-chat").is_hidden()
    page.emulate_media(media="screen")


def test_emergency_shows_a_banner(site, page):
    open_chat(page, site["web"] + "/")
    assert page.locator(".bb-emergency").is_hidden()
    type_and_send(page, "my lips are swelling and I can't breathe")
    banner = page.get_by_role("alert")
    assert banner.is_visible()
    text = banner.inner_text()
    assert "Call your local emergency number now" in text and "999" in text
    # at the top of the chat, above the messages, and it stays after a reload
    assert banner.bounding_box()["y"] < page.locator(".bb-log").bounding_box()["y"]
    assert page.locator(".bb-alert--emergency").count() == 1
    assert page.locator(".bb-card").count() == 0, "an emergency alert is shown as the alert, not as a card of causes"
    assert contrast(page, ".bb-emergency-heading") >= 4.5
    page.locator(".bb-chat").screenshot(path=str(ARTIFACTS / "emergency-banner.png"))
    page.reload()
    assert page.get_by_role("alert").is_visible()


def reply_with(page, messages, text="hello") -> None:
    """Send `text`; a stand-in for the bot answers `messages` (the widget's view of the REST channel)."""
    page.route("**/webhooks/rest/webhook", lambda route: route.fulfill(
        status=200, json=messages, headers={"Access-Control-Allow-Origin": "*"}))
    try:
        type_and_send(page, text)
    finally:
        page.unroute("**/webhooks/rest/webhook")


ADVICE = {
    "what_to_do": "See a doctor. Book an appointment with a doctor in the next few days.",
    "self_care": ["Keep the area clean and dry.", "Wear loose cotton clothes."],
    "see_doctor_if": ["It keeps spreading."],
    "red_flag_advice": ["Watch for a fever."],
}


def test_the_card_is_drawn_from_the_payload_not_the_text(site, page):
    """docs/payload.md: the card reads `custom.assessment` only, whatever the text's wording."""
    open_chat(page, site["web"] + "/")
    assessment = {
        "triage": "see_doctor", "outside_knowledge": True, "red_flags": [], "sources": ["https://example.org/a"],
        "evidence": {"present": ["itching"], "absent": ["fever"], "unknown": []},
        "conditions": [{"id": "eczema", "name": "Eczema", "likelihood": 0.21, "because": ["itching"],
                        "against": ["fever"], "fits": ["an itch"], "does_not_fit": ["no fever at all"]}],
        "advice": ADVICE,
    }
    reply_with(page, [{"recipient_id": "x", "text": "Worded differently: nothing here to read.", "custom": {"assessment": assessment}}])
    card = page.locator(".bb-card")
    assert card.count() == 1
    assert card.locator(".bb-triage .bb-badge").inner_text() == "See a doctor"
    assert card.locator(".bb-triage-text").inner_text() == "Book an appointment with a doctor in the next few days."
    assert card.locator(".bb-note").inner_text() == "Important: Watch for a fever."
    assert "does not fit well any of the conditions I know" in card.locator(".bb-outside").inner_text()
    assert card.get_by_role("heading", name="The closest I know, none of them a good fit").count() == 1
    assert card.locator(".bb-fits").inner_text() == "Fits: an itch"
    assert card.locator(".bb-against").inner_text() == "Does not fit: no fever at all"
    assert card.get_by_role("heading", name="Self-care if it is eczema").count() == 1
    assert card.locator(".bb-list li").all_inner_texts() == ADVICE["self_care"] + ADVICE["see_doctor_if"]

    # nothing outside knowledge: no such note, the usual heading
    reply_with(page, [{"recipient_id": "x", "text": "Again.", "custom": {"assessment": dict(assessment, outside_knowledge=False)}}])
    assert page.locator(".bb-card").last.locator(".bb-outside").count() == 0
    assert page.locator(".bb-card").last.get_by_role("heading", name="Likely causes").count() == 1


def test_alerts_are_drawn_from_the_alert_payload(site, page):
    open_chat(page, site["web"] + "/")
    reply_with(page, [{"recipient_id": "x", "text": "Please get this looked at today.",
                       "custom": {"alert": {"triage": "urgent", "red_flags": ["sudden_large_swelling"]}}},
                      {"recipient_id": "x", "text": "Is there a fever?", "buttons": [{"title": "Yes", "payload": "/affirm"}]}])
    alert = page.locator(".bb-alert--urgent")
    assert alert.count() == 1 and alert.locator(".bb-badge").inner_text() == "Get medical advice today"
    assert "Please get this looked at today." in alert.inner_text()
    assert page.locator(".bb-card").count() == 0 and page.locator(".bb-emergency").is_hidden()

    assessment = {"triage": "emergency", "outside_knowledge": False, "red_flags": ["severe_allergic_reaction"],
                  "sources": [], "evidence": {}, "conditions": [{"id": "hives", "name": "Hives", "likelihood": 0.3}],
                  "advice": {"what_to_do": "Emergency. Call 999 now.", "self_care": [], "see_doctor_if": [],
                             "red_flag_advice": ["Use the auto-injector."]}}
    reply_with(page, [{"recipient_id": "x", "text": "Get help.", "custom": {
        "alert": {"triage": "emergency", "red_flags": ["severe_allergic_reaction"]}, "assessment": assessment}}])
    assert page.locator(".bb-alert--emergency").count() == 1 and page.locator(".bb-card").count() == 0
    banner = page.get_by_role("alert")
    assert banner.locator(".bb-emergency-heading").inner_text() == "Call 999 now."
    assert "Use the auto-injector." in banner.inner_text()


def test_markup_is_shown_as_text_and_runs_nothing(site, page):
    open_chat(page, site["web"] + "/")
    type_and_send(page, XSS)
    assert page.locator(".bb-row--user .bb-bubble").last.inner_text() == XSS
    assert page.locator(".bb-log img").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"

    # the bot's words too: a reply full of markup (served by a stand-in for the bot) stays text
    hostile = [{
        "recipient_id": "x",
        "text": "Here is what your answers point to. This is not a diagnosis.\n\nMost likely causes:\n"
                "1. <b>X</b> (50% likely)\n   Fits: <img src=x onerror=window.__xss=2>",
        "buttons": [{"title": "<img src=x onerror=window.__xss=3>", "payload": "/affirm"}],
        "custom": {"assessment": {
            "triage": "self_care", "red_flags": [], "evidence": {},
            "conditions": [{"id": "x", "name": "<img src=x onerror=window.__xss=4>", "likelihood": 0.5,
                            "because": [], "against": []}],
            "sources": ["javascript:window.__xss=5", "https://example.org/<script>"],
        }},
    }]
    page.route("**/webhooks/rest/webhook", lambda route: route.fulfill(
        status=200, json=hostile, headers={"Access-Control-Allow-Origin": "*"}))
    type_and_send(page, "hello")
    page.unroute("**/webhooks/rest/webhook")
    card = page.locator(".bb-card").last
    assert "<img src=x onerror=window.__xss=4>" in card.inner_text()
    assert page.locator(".bb-choice", has_text="<img src=x onerror=window.__xss=3>").count() == 1
    assert page.locator(".bb-log img, .bb-log script, .bb-log b").count() == 0
    hrefs = card.locator("a").evaluate_all("els => els.map(a => a.href)")
    assert hrefs and all(h.startswith("https://") for h in hrefs), hrefs
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_keyboard_only(site, page):
    open_chat(page, f"http://localhost:{site['web_port']}/")  # the other default CORS origin
    for _ in range(12):
        if page.evaluate("document.activeElement && document.activeElement.classList.contains('bb-input')"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the message box")
    before = bot_rows(page)
    page.keyboard.type(DESCRIPTION)
    page.keyboard.press("Enter")
    wait_idle(page, before)
    assert page.locator(".bb-row--user .bb-bubble").last.inner_text() == DESCRIPTION
    assert page.locator(".bb-choice:not([disabled])").count() >= 2
    # back from the message box to the answer buttons, and press one with the keyboard
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.textContent") == "No":
            break
    else:
        pytest.fail("Shift+Tab never reached the 'No' button")
    before = bot_rows(page)
    page.keyboard.press("Enter")
    wait_idle(page, before)
    assert page.locator(".bb-row--user .bb-bubble").last.inner_text() == "No"
    assert page.evaluate("document.activeElement.classList.contains('bb-input')"), "focus should return to the message box"


def test_phone_sized_screen(site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        open_chat(page, site["web"] + "/")
        type_and_send(page, DESCRIPTION)
        assert page.locator(".bb-choice:not([disabled])").count() >= 2
        type_and_send(page, "no")  # typed while the buttons show: they are retired, the answer counts
        enabled = page.locator(".bb-choice:not([disabled])").count()
        assert enabled == page.locator(".bb-row--bot").last.locator(".bb-choice").count(), "old buttons still usable"
        assert page.locator(".bb-choice[disabled]").count() >= 2
        for _ in range(14):  # up to 8 questions and the red-flag screens
            if page.locator(".bb-card").count():
                break
            click_choice(page, "Not sure")
        page.locator(".bb-card .bb-triage").scroll_into_view_if_needed()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the page scrolls sideways"
        box = page.get_by_label("Your message").bounding_box()
        assert box and box["y"] + box["height"] <= 740 and box["width"] >= 150
        page.screenshot(path=str(ARTIFACTS / "phone-375x740.png"))
        type_and_send(page, "now my lips are swelling and I can't breathe")
        banner = page.get_by_role("alert")
        assert banner.is_visible() and banner.bounding_box()["height"] < 740 / 2, "the banner hides the chat"
        assert page.get_by_label("Your message").is_visible()
        page.screenshot(path=str(ARTIFACTS / "phone-emergency-375x740.png"))
    finally:
        context.close()


def test_embedded_with_one_script_tag(site, page):
    page.goto(site["web"] + "/embed-example.html")
    launcher = page.get_by_role("button", name="Check your symptoms")
    assert launcher.get_attribute("aria-expanded") == "false"
    launcher.click()
    wait_idle(page, 0)
    assert page.get_by_role("log").is_visible() and "not a doctor" in last_bot_text(page)
    page.keyboard.type("is scabies contagious?")
    before = bot_rows(page)
    page.keyboard.press("Enter")
    wait_idle(page, before)
    assert "Scabies" in last_bot_text(page)


def test_cors_accepts_the_page_and_rejects_other_origins(site):
    url = site["rasa"] + "/webhooks/rest/webhook"

    def preflight(origin):
        return requests.options(url, headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                              "Access-Control-Request-Headers": "content-type"}, timeout=5)

    for origin in (site["web"], f"http://localhost:{site['web_port']}"):
        assert preflight(origin).headers.get("Access-Control-Allow-Origin") == origin
    for origin in ("http://evil.example", "null", f"http://127.0.0.1:{site['web_port'] + 1}"):
        allowed = preflight(origin).headers.get("Access-Control-Allow-Origin")
        assert allowed is None, f"{origin} allowed as {allowed}"
