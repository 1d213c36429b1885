/*!
 * Back-bump symptom checker: chat widget. No dependencies, no build step.
 *
 * Embed with one script tag (README.md, "Web chat"):
 *   <script src="https://your-host/widget.js" data-server-url="https://your-rasa-host"
 *           data-title="Back-bump symptom checker" data-initial-message="hi" defer></script>
 * or call window.BackBumpChat.init({serverUrl, title, initialMessage, container, persist}).
 *
 * Talks to Rasa's REST channel: POST {serverUrl}/webhooks/rest/webhook {"sender", "message"}.
 * The assessment card and the alerts are drawn from the messages' `custom` payload (docs/payload.md),
 * never read out of the bot's text. Everything the user or the bot writes is put on the page as
 * text (textContent), never as HTML.
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var VERSION = 1;
  var MAX_ENTRIES = 300;
  var REQUEST_TIMEOUT_MS = 30000;
  var TRIAGE = {
    self_care: { badge: "Self-care at home", todo: "This can usually be looked after at home. See a doctor or pharmacist if it spreads, lasts or worries you." },
    see_doctor: { badge: "See a doctor", todo: "Book an appointment with a doctor (GP) or dermatologist in the next few days." },
    urgent: { badge: "Get medical advice today", todo: "Get medical advice today: a same-day appointment or an urgent medical helpline." },
    emergency: { badge: "Emergency", todo: "Call your local emergency number now." }
  };
  var NOT_A_DIAGNOSIS = "This is not a diagnosis. It is information to help you decide what to do next.";
  var OUTSIDE_KNOWLEDGE = "What you describe does not fit well any of the conditions I know about, so I can't say " +
    "what it is likely to be. A doctor can look at it and tell you.";
  var DISCLAIMER = "I'm an information tool, not a doctor, and this is not a diagnosis. If you are worried, or things " +
    "get worse, contact a doctor or pharmacist. In an emergency call your local emergency number.";
  var SUMMARY_FILE = "summary-for-your-doctor.pdf";
  var SUMMARY_PENDING = "Making the summary\u2026";
  var SUMMARY_FAILED = "Sorry, I can't make the summary right now. Please try again in a moment.";
  var CONNECTION_ERROR = "Sorry, I can't reach the symptom checker right now. Please try again in a moment. " +
    "In an emergency, call your local emergency number.";

  // -- small DOM helpers: text only ----------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeUrl(value) {
    try {
      var url = new URL(String(value), window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(href, text) {
    var a = el("a", "bb-link", text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  /** Text with its line breaks kept (CSS pre-line) and http(s) URLs made into links. */
  function richText(parent, text) {
    var source = String(text || "");
    var pattern = /https?:\/\/[^\s<>"'`]+/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(source)) !== null) {
      var url = match[0].replace(/[.,;:!?)\]]+$/, "");
      parent.appendChild(document.createTextNode(source.slice(last, match.index)));
      var href = safeUrl(url);
      parent.appendChild(href ? link(href, url) : document.createTextNode(url));
      last = match.index + url.length;
      pattern.lastIndex = last;
    }
    parent.appendChild(document.createTextNode(source.slice(last)));
    return parent;
  }

  function readable(id) {
    return String(id).replace(/_/g, " ");
  }

  function randomId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return "web-" + window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    (window.crypto || { getRandomValues: function (b) { for (var i = 0; i < b.length; i++) b[i] = Math.floor(Math.random() * 256); return b; } }).getRandomValues(bytes);
    return "web-" + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  /** custom.assessment: the assessment (docs/payload.md), or null. */
  function assessmentOf(message) {
    var custom = message && message.custom;
    var a = custom && typeof custom === "object" ? custom.assessment : null;
    return a && typeof a === "object" && typeof a.triage === "string" && Array.isArray(a.conditions) ? a : null;
  }

  /** custom.alert: a red-flag alert's triage and red flags, or null. */
  function alertOf(message) {
    var custom = message && message.custom;
    var a = custom && typeof custom === "object" ? custom.alert : null;
    return a && typeof a === "object" && typeof a.triage === "string" ? a : null;
  }

  /** custom.summary: the summary for a doctor (docs/payload.md), or null. */
  function summaryOf(message) {
    var custom = message && message.custom;
    var s = custom && typeof custom === "object" ? custom.summary : null;
    return s && typeof s === "object" && s.triage && typeof s.triage === "object" ? s : null;
  }

  /** custom.summary_pdf of the first reply that has one ({url, expires_in_hours}), or null. */
  function summaryLinkOf(messages) {
    for (var i = 0; i < messages.length; i++) {
      var custom = messages[i] && messages[i].custom;
      var pdf = custom && typeof custom === "object" ? custom.summary_pdf : null;
      if (pdf && typeof pdf === "object" && typeof pdf.url === "string") return pdf;
    }
    return null;
  }

  function str(value) {
    return typeof value === "string" ? value : "";
  }

  /** The strings of a payload list (anything else is left out). */
  function strings(list) {
    return Array.isArray(list) ? list.filter(function (x) { return typeof x === "string" && x; }) : [];
  }

  function adviceOf(a) {
    return a.advice && typeof a.advice === "object" ? a.advice : {};
  }

  /** advice.what_to_do without the level's name in front (the badge shows it). */
  function whatToDo(a) {
    var level = triageOf(a.triage);
    var todo = adviceOf(a).what_to_do;
    if (typeof todo !== "string" || !todo) return TRIAGE[level].todo;
    var named = TRIAGE[level].badge.toLowerCase() + ". ";
    return todo.toLowerCase().indexOf(named) === 0 ? todo.slice(named.length) : todo;
  }

  function triageOf(level) {
    return TRIAGE[level] ? level : "see_doctor";
  }

  function badge(level) {
    var key = triageOf(level);
    return el("span", "bb-badge bb-badge--" + key, TRIAGE[key].badge);
  }

  // -- storage (sessionStorage by default: a reload keeps the chat, closing the tab forgets it) --
  function makeStore(kind, key) {
    var area = null;
    try {
      area = kind === "local" ? window.localStorage : kind === "none" ? null : window.sessionStorage;
      if (area) {
        area.setItem(key + ":probe", "1");
        area.removeItem(key + ":probe");
      }
    } catch (e) {
      area = null;
    }
    return {
      load: function () {
        if (!area) return null;
        try {
          var data = JSON.parse(area.getItem(key) || "null");
          return data && data.v === VERSION && typeof data.sender === "string" && Array.isArray(data.entries) ? data : null;
        } catch (e) {
          return null;
        }
      },
      save: function (data) {
        if (!area) return;
        try {
          area.setItem(key, JSON.stringify(data));
        } catch (e) { /* storage full or blocked: the chat goes on without it */ }
      },
      clear: function () {
        if (area) try { area.removeItem(key); } catch (e) { /* ignore */ }
      }
    };
  }

  // -- the widget -----------------------------------------------------------------------------
  function Chat(options) {
    this.options = options;
    this.serverUrl = String(options.serverUrl || "").replace(/\/+$/, "");
    this.store = makeStore(options.persist, "backbump-chat:" + this.serverUrl);
    this.queue = Promise.resolve();
    this.pending = 0;
    this.state = this.store.load() || this.freshState();
    this.build();
    this.renderAll();
    if (!this.state.entries.length) this.begin();
  }

  Chat.prototype.freshState = function () {
    return { v: VERSION, sender: randomId(), entries: [], emergency: null, open: false };
  };

  Chat.prototype.build = function () {
    var o = this.options;
    var self = this;
    var root = el("section", "bb-chat" + (o.container ? " bb-chat--inline" : " bb-chat--floating"));
    var titleId = "bb-title-" + Math.random().toString(36).slice(2, 8);
    root.setAttribute("aria-labelledby", titleId);
    this.root = root;

    var header = el("header", "bb-header");
    var title = el("h2", "bb-title", o.title || "Symptom checker");
    title.id = titleId;
    header.appendChild(title);
    var restart = el("button", "bb-restart", "Restart");
    restart.type = "button";
    restart.setAttribute("aria-label", "Restart the conversation (clears this chat)");
    restart.addEventListener("click", function () { self.restart(); });
    header.appendChild(restart);
    if (!o.container) {
      var close = el("button", "bb-close", "\u00d7");
      close.type = "button";
      close.setAttribute("aria-label", "Close the chat");
      close.addEventListener("click", function () { self.setOpen(false); self.launcher.focus(); });
      header.appendChild(close);
    }
    root.appendChild(header);

    this.banner = el("div", "bb-emergency");
    this.banner.setAttribute("role", "alert");
    this.banner.hidden = true;
    root.appendChild(this.banner);

    this.log = el("div", "bb-log");
    this.log.setAttribute("role", "log");
    this.log.setAttribute("aria-live", "polite");
    this.log.setAttribute("aria-relevant", "additions");
    this.log.setAttribute("aria-label", "Conversation");
    this.log.tabIndex = 0;
    root.appendChild(this.log);

    this.typing = el("div", "bb-typing");
    this.typing.setAttribute("role", "status");
    var dots = el("span", "bb-dots");
    dots.setAttribute("aria-hidden", "true");
    dots.appendChild(el("span"));
    dots.appendChild(el("span"));
    dots.appendChild(el("span"));
    this.typing.appendChild(dots);
    this.typingText = el("span", "bb-typing-text", "");
    this.typing.appendChild(this.typingText);
    this.typing.hidden = true;
    root.appendChild(this.typing);

    var form = el("form", "bb-form");
    form.setAttribute("aria-label", "Send a message");
    var inputId = "bb-input-" + Math.random().toString(36).slice(2, 8);
    var label = el("label", "bb-visually-hidden", "Your message");
    label.htmlFor = inputId;
    this.input = el("input", "bb-input");
    this.input.id = inputId;
    this.input.type = "text";
    this.input.autocomplete = "off";
    this.input.maxLength = 5000;
    this.input.placeholder = "Describe the bumps, or answer here";
    var send = el("button", "bb-send", "Send");
    send.type = "submit";
    send.setAttribute("aria-label", "Send message");
    form.appendChild(label);
    form.appendChild(this.input);
    form.appendChild(send);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = self.input.value.trim();
      if (!text) return;
      self.input.value = "";
      self.send(text, text);
    });
    root.appendChild(form);
    root.appendChild(el("p", "bb-footnote", "Information, not a diagnosis. In an emergency call your local emergency number."));

    if (o.container) {
      o.container.appendChild(root);
    } else {
      var launcher = el("button", "bb-launcher", o.launcherText || "Check your symptoms");
      launcher.type = "button";
      launcher.setAttribute("aria-expanded", "false");
      launcher.addEventListener("click", function () { self.setOpen(!self.state.open); });
      this.launcher = launcher;
      var wrap = el("div", "bb-floating");
      wrap.appendChild(root);
      wrap.appendChild(launcher);
      document.body.appendChild(wrap);
      this.setOpen(!!this.state.open, true);
    }
  };

  Chat.prototype.setOpen = function (open, initial) {
    if (this.options.container) return;
    this.state.open = open;
    this.root.hidden = !open;
    this.launcher.setAttribute("aria-expanded", open ? "true" : "false");
    this.launcher.textContent = open ? "Hide the chat" : (this.options.launcherText || "Check your symptoms");
    if (!initial) {
      this.save();
      if (open) { this.input.focus(); this.scrollToEnd(); }
    }
  };

  Chat.prototype.save = function () {
    if (this.state.entries.length > MAX_ENTRIES) this.state.entries = this.state.entries.slice(-MAX_ENTRIES);
    this.store.save(this.state);
  };

  Chat.prototype.scrollToEnd = function () {
    this.log.scrollTop = this.log.scrollHeight;
  };

  Chat.prototype.setTyping = function (delta) {
    this.pending = Math.max(0, this.pending + delta);
    this.typing.hidden = this.pending === 0;
    this.typingText.textContent = this.pending ? "The symptom checker is typing\u2026" : "";
  };

  // -- rendering --------------------------------------------------------------------------------
  Chat.prototype.renderAll = function () {
    while (this.log.firstChild) this.log.removeChild(this.log.firstChild);
    var entries = this.state.entries;
    var lastReply = null;
    for (var i = 0; i < entries.length; i++) {
      var row = this.renderEntry(entries[i], this.isAnswerable(i));
      this.log.appendChild(row);
      if (entries[i].who === "user") lastReply = null;
      else if (!lastReply) lastReply = row;
    }
    this.renderBanner();
    this.reveal(lastReply);
  };

  /** A question's buttons stay usable until the user says something after it. */
  Chat.prototype.isAnswerable = function (index) {
    var entries = this.state.entries;
    for (var j = index + 1; j < entries.length; j++) if (entries[j].who === "user") return false;
    return true;
  };

  Chat.prototype.retireButtons = function () {
    var buttons = this.log.querySelectorAll(".bb-choice");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = true;
      buttons[i].setAttribute("aria-disabled", "true");
    }
  };

  /** The banner: its first line (what to do) as the heading, the red flags' advice under it. */
  Chat.prototype.renderBanner = function () {
    var banner = this.banner;
    while (banner.firstChild) banner.removeChild(banner.firstChild);
    if (!this.state.emergency) {
      banner.hidden = true;
      return;
    }
    var lines = String(this.state.emergency).split("\n");
    banner.appendChild(richText(el("p", "bb-emergency-heading"), lines[0]));
    var rest = lines.slice(1).join("\n").trim();
    if (rest) {
      var more = richText(el("p", "bb-emergency-text"), rest);
      more.tabIndex = 0; // it may scroll: reachable with the keyboard
      banner.appendChild(more);
    }
    banner.hidden = false;
  };

  Chat.prototype.renderEntry = function (entry, answerable) {
    var row = el("div", "bb-row bb-row--" + (entry.who === "user" ? "user" : "bot"));
    row.appendChild(el("span", "bb-visually-hidden", entry.who === "user" ? "You said: " : "Symptom checker: "));
    if (entry.who === "user") {
      row.appendChild(richText(el("div", "bb-bubble bb-bubble--user"), entry.text));
      return row;
    }
    var message = entry.message || {};
    if (entry.error) {
      row.appendChild(el("div", "bb-bubble bb-bubble--error", message.text));
      return row;
    }
    var alert = alertOf(message);
    if (alert) { // an emergency alert is the assessment too (it ends the interview): shown as the alert it is
      var alertBox = el("div", "bb-bubble bb-alert bb-alert--" + triageOf(alert.triage));
      alertBox.appendChild(badge(alert.triage));
      alertBox.appendChild(richText(el("p", "bb-alert-text"), message.text));
      row.appendChild(alertBox);
    } else if (assessmentOf(message)) {
      row.appendChild(this.renderCard(message));
    } else if (message.text) {
      row.appendChild(richText(el("div", "bb-bubble bb-bubble--bot"), message.text));
    }
    if (message.image && safeUrl(message.image)) {
      var img = el("img", "bb-image");
      img.src = safeUrl(message.image);
      img.alt = "";
      row.appendChild(img);
    }
    if (Array.isArray(message.buttons) && message.buttons.length) row.appendChild(this.renderButtons(message.buttons, answerable));
    return row;
  };

  Chat.prototype.renderButtons = function (buttons, answerable) {
    var self = this;
    var group = el("div", "bb-choices");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Answer choices");
    buttons.forEach(function (b) {
      if (!b || typeof b.title !== "string") return;
      var payload = typeof b.payload === "string" && b.payload ? b.payload : b.title;
      var button = el("button", "bb-choice", b.title);
      button.type = "button";
      if (!answerable) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      }
      button.addEventListener("click", function (event) {
        if (button.disabled) return;
        self.send(payload, b.title);
        if (event.detail === 0) self.input.focus(); // pressed with the keyboard: carry on typing
      });
      group.appendChild(button);
    });
    return group;
  };

  /** The assessment card, from the payload alone (docs/payload.md); the bot's text is under "Show the whole answer". */
  Chat.prototype.renderCard = function (message) {
    var a = assessmentOf(message);
    var advice = adviceOf(a);
    var level = triageOf(a.triage);
    var card = el("article", "bb-card bb-card--" + level);
    var cardTitleId = "bb-card-" + Math.random().toString(36).slice(2, 8);
    card.setAttribute("aria-labelledby", cardTitleId);
    var h = el("h3", "bb-card-title", "What your answers point to");
    h.id = cardTitleId;
    card.appendChild(h);
    card.appendChild(el("p", "bb-not-diagnosis", NOT_A_DIAGNOSIS));

    var triage = el("section", "bb-triage bb-triage--" + level);
    triage.setAttribute("aria-label", "What to do now");
    var triageHead = el("p", "bb-triage-head");
    triageHead.appendChild(el("span", "bb-triage-label", "What to do now: "));
    triageHead.appendChild(badge(level));
    triage.appendChild(triageHead);
    triage.appendChild(richText(el("p", "bb-triage-text"), whatToDo(a)));
    strings(advice.red_flag_advice).forEach(function (text) {
      var note = el("p", "bb-note");
      note.appendChild(el("strong", null, "Important: "));
      triage.appendChild(richText(note, text));
    });
    card.appendChild(triage);

    var outside = a.outside_knowledge === true;
    if (outside) card.appendChild(el("p", "bb-outside", OUTSIDE_KNOWLEDGE));
    card.appendChild(el("h4", "bb-section-title", outside ? "The closest I know, none of them a good fit" : "Likely causes"));
    var list = el("ol", "bb-causes");
    var top = null;
    a.conditions.forEach(function (c) {
      if (!c || typeof c !== "object") return;
      var name = typeof c.name === "string" && c.name ? c.name : readable(c.id);
      top = top || name;
      var pct = Math.max(0, Math.min(100, Math.round(Number(c.likelihood) * 100) || 0));
      var item = el("li", "bb-cause");
      var head = el("div", "bb-cause-head");
      head.appendChild(el("span", "bb-cause-name", name));
      head.appendChild(el("span", "bb-cause-pct", pct + "% likely"));
      item.appendChild(head);
      var bar = el("div", "bb-bar");
      bar.setAttribute("aria-hidden", "true");
      var fill = el("div", "bb-bar-fill");
      fill.style.width = pct + "%";
      bar.appendChild(fill);
      item.appendChild(bar);
      // the findings in words (fits / does_not_fit); their ids (because / against) where a payload has no words
      var fits = Array.isArray(c.fits) ? strings(c.fits) : strings(c.because).map(readable);
      var against = Array.isArray(c.does_not_fit) ? strings(c.does_not_fit) : strings(c.against).map(readable);
      if (fits.length) item.appendChild(labelled("Fits: ", fits.slice(0, 4).join(", "), "bb-fits"));
      if (against.length) item.appendChild(labelled("Does not fit: ", against.slice(0, 3).join(", "), "bb-against"));
      list.appendChild(item);
    });
    card.appendChild(list);

    [
      { title: top ? "Self-care if it is " + top.toLowerCase() : "Self-care", items: strings(advice.self_care) },
      { title: "See a doctor if", items: strings(advice.see_doctor_if) }
    ].forEach(function (section) {
      if (!section.items.length) return;
      card.appendChild(el("h4", "bb-section-title", section.title));
      var ul = el("ul", "bb-list");
      section.items.forEach(function (text) { ul.appendChild(richText(el("li"), text)); });
      card.appendChild(ul);
    });

    var sources = (Array.isArray(a.sources) ? a.sources : []).map(safeUrl).filter(Boolean);
    if (sources.length) {
      card.appendChild(el("h4", "bb-section-title", "Sources"));
      var ul = el("ul", "bb-sources");
      sources.forEach(function (url) {
        var li = el("li");
        var name = url;
        try { var u = new URL(url); name = u.hostname.replace(/^www\./, "") + u.pathname.replace(/\/$/, ""); } catch (e) { /* keep url */ }
        li.appendChild(link(url, name));
        ul.appendChild(li);
      });
      card.appendChild(ul);
    }

    card.appendChild(el("p", "bb-disclaimer", DISCLAIMER));
    card.appendChild(this.renderSummaryActions(summaryOf(message)));

    var details = el("details", "bb-fulltext");
    details.appendChild(el("summary", null, "Show the whole answer as text"));
    details.appendChild(richText(el("div", "bb-fulltext-body"), message.text));
    card.appendChild(details);
    return card;
  };

  /** "Download summary (PDF)" (asks the bot for the PDF's link, as the summary button does) and
   *  "Print" (the summary that came with the assessment, printed from a print-only section). */
  Chat.prototype.renderSummaryActions = function (summary) {
    var self = this;
    var box = el("div", "bb-summary-actions");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Summary for your doctor");
    var status = el("p", "bb-summary-status");
    status.setAttribute("role", "status");
    var download = el("button", "bb-action", "Download summary (PDF)");
    download.type = "button";
    download.addEventListener("click", function () { self.downloadSummary(download, status); });
    box.appendChild(download);
    if (summary) {
      var print = el("button", "bb-action", "Print");
      print.type = "button";
      print.setAttribute("aria-label", "Print the summary for your doctor");
      print.addEventListener("click", function () { printSummary(summary); });
      box.appendChild(print);
    }
    box.appendChild(status);
    return box;
  };

  /** The PDF link's address on the Rasa server this widget talks to (serverUrl): only its
   *  /summary/<token>.pdf part is taken from the bot's link, so nothing else can be opened. */
  Chat.prototype.summaryPdfUrl = function (value) {
    var marker = "/summary/";
    var path;
    try { path = new URL(String(value), this.serverUrl + "/").pathname; } catch (e) { return null; }
    var at = path.lastIndexOf(marker);
    var name = at < 0 ? "" : path.slice(at + marker.length);
    if (!name || name.indexOf("/") >= 0 || name.slice(-4) !== ".pdf") return null;
    return safeUrl(this.serverUrl + marker + name);
  };

  /** Send `message` to the bot after whatever is on its way, without showing it; the replies. */
  Chat.prototype.ask = function (message) {
    var self = this;
    var sender = self.state.sender;
    var replies = self.queue.then(function () { return self.post(sender, message); });
    self.queue = replies.catch(function () { /* the caller says so */ });
    return replies;
  };

  Chat.prototype.downloadSummary = function (button, status) {
    var self = this;
    if (button.getAttribute("aria-disabled") === "true") return; // one at a time; stays focusable
    button.setAttribute("aria-disabled", "true");
    setStatus(status, SUMMARY_PENDING);
    self.ask("/get_summary").then(function (messages) {
      var pdf = summaryLinkOf(messages);
      var url = pdf && self.summaryPdfUrl(pdf.url);
      if (!url) { // the bot answered something else ("finish the questions first"): show it
        messages.forEach(function (m) { if (m && typeof m === "object") self.add({ who: "bot", message: m }); });
        setStatus(status, SUMMARY_FAILED);
        return null;
      }
      var hours = Number(pdf.expires_in_hours) > 0 ? Number(pdf.expires_in_hours) : null;
      var lasts = hours ? " (the link works for " + hours + (hours === 1 ? " hour)" : " hours)") : "";
      return fetch(url, { credentials: "omit" }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/pdf") !== 0) throw new Error("HTTP " + response.status);
        return response.blob();
      }).then(function (blob) {
        save(blob, SUMMARY_FILE);
        setStatus(status, "Downloaded " + SUMMARY_FILE + ". ", link(url, "Open the PDF"), lasts);
      }, function () { // not fetched (the browser or the link refused): the link still opens it, or says why not
        setStatus(status, "The download did not start. ", link(url, "Open the summary PDF"), lasts);
      });
    }, function () {
      setStatus(status, SUMMARY_FAILED);
    }).then(function () { button.removeAttribute("aria-disabled"); });
  };

  function setStatus(status) {
    while (status.firstChild) status.removeChild(status.firstChild);
    for (var i = 1; i < arguments.length; i++) {
      var part = arguments[i];
      status.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    }
  }

  /** Save `blob` as a file named `name` (an <a download> on an object URL: same origin). */
  function save(blob, name) {
    var href = URL.createObjectURL(blob);
    var a = el("a");
    a.href = href;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(href); }, 60000);
  }

  /** Print the summary: drawn (as text) into a section only the printout shows (widget.css). */
  function printSummary(summary) {
    var old = document.querySelector("body > .bb-print");
    if (old) old.parentNode.removeChild(old);
    var sheet = printable(summary);
    document.body.appendChild(sheet);
    document.body.classList.add("bb-printing");
    window.addEventListener("afterprint", function done() {
      window.removeEventListener("afterprint", done);
      document.body.classList.remove("bb-printing");
    });
    window.print();
  }

  /** The summary as a page: the same sections, in the same order, as its PDF (symptomchecker/summary.py). */
  function printable(s) {
    var sheet = el("div", "bb-print");
    sheet.setAttribute("aria-hidden", "true"); // the screen never shows it
    sheet.appendChild(el("h1", null, str(s.title) || "Summary for your doctor"));
    sheet.appendChild(el("p", "bb-print-small", "Date: " + str(s.date) + ".  " + str(s.disclaimer)));
    function section(title, lines) {
      sheet.appendChild(el("h2", null, title));
      lines.forEach(function (line) { if (line) sheet.appendChild(el("p", null, line)); });
    }
    var triage = s.triage;
    section("Advice given: " + str(triage.title), [str(triage.advice) + " Why: " + str(triage.reason)]);
    (Array.isArray(s.red_flags) ? s.red_flags : []).forEach(function (flag) {
      if (flag && typeof flag === "object") section("Warning sign raised: " + str(flag.name), [str(flag.advice)]);
    });
    if (str(s.description)) section("What the person first wrote (identifiers masked)", [s.description]);
    var findings = s.findings && typeof s.findings === "object" ? s.findings : {};
    var where = strings(s.location).join(", ");
    section("What was reported", [
      str(s.age_group) && "Age: " + s.age_group,
      str(s.duration) && "How long: " + s.duration,
      where && "Where: " + where,
      "Present: " + (strings(findings.present).join(", ") || "none"),
      "Not present: " + (strings(findings.absent).join(", ") || "none"),
      "Not sure: " + (strings(findings.unsure).join(", ") || "none")
    ]);
    section("Causes considered (by an automated tool, not a diagnosis)",
      (Array.isArray(s.causes) ? s.causes : []).map(function (c) {
        if (!c || typeof c !== "object") return "";
        var pct = Math.max(0, Math.min(100, Math.round(Number(c.likelihood) * 100) || 0));
        var line = str(c.name) + ": " + pct + "% likely from the answers.";
        if (strings(c.fits).length) line += " Fits: " + strings(c.fits).join(", ") + ".";
        if (strings(c.does_not_fit).length) line += " Does not fit: " + strings(c.does_not_fit).join(", ") + ".";
        return line;
      }));
    if (strings(s.sources).length) section("Sources", strings(s.sources));
    return sheet;
  }

  function labelled(label, text, className) {
    var p = el("p", className);
    p.appendChild(el("strong", null, label));
    p.appendChild(document.createTextNode(text));
    return p;
  }

  // -- talking to the bot ---------------------------------------------------------------------
  Chat.prototype.add = function (entry) {
    this.state.entries.push(entry);
    if (entry.who === "user") this.retireButtons();
    if (entry.who === "bot" && !entry.error) {
      var m = entry.message || {};
      var a = assessmentOf(m);
      var alert = alertOf(m);
      if ((a && a.triage === "emergency") || (alert && alert.triage === "emergency")) {
        // what to do (the banner's heading), then each red flag's advice
        this.state.emergency = a ? [whatToDo(a)].concat(strings(adviceOf(a).red_flag_advice)).join("\n") : TRIAGE.emergency.todo;
        this.renderBanner();
      }
    }
    this.save();
    var row = this.renderEntry(entry, true);
    this.log.appendChild(row);
    this.scrollToEnd();
    return row;
  };

  /** After a reply: its first message at the top when the reply is taller than the log. */
  Chat.prototype.reveal = function (firstRow) {
    if (!firstRow) { this.scrollToEnd(); return; }
    var top = firstRow.offsetTop - 8; // .bb-log is the rows' offsetParent (position: relative)
    if (this.log.scrollHeight - top > this.log.clientHeight) this.log.scrollTop = Math.max(0, top);
    else this.scrollToEnd();
  };

  Chat.prototype.post = function (sender, message) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : null;
    return fetch(this.serverUrl + "/webhooks/rest/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender, message: message }),
      signal: controller ? controller.signal : undefined,
      credentials: "omit"
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (body) {
        if (Array.isArray(body)) return body;
        throw new Error("HTTP " + response.status);
      });
    }).finally(function () {
      if (timer) clearTimeout(timer);
    });
  };

  /** Send `message` to the bot; show `shown` as the user's words (nothing when null). */
  Chat.prototype.send = function (message, shown) {
    var self = this;
    if (shown !== null && shown !== undefined) self.add({ who: "user", text: shown });
    self.setTyping(1);
    var sender = self.state.sender;
    var generation = self.generation || 0;
    self.queue = self.queue.then(function () {
      return self.post(sender, message).then(function (messages) {
        if ((self.generation || 0) !== generation) return;
        var first = null;
        messages.forEach(function (m) {
          if (m && typeof m === "object") {
            var row = self.add({ who: "bot", message: m });
            first = first || row;
          }
        });
        self.reveal(first);
      }, function () {
        if ((self.generation || 0) !== generation) return;
        self.add({ who: "bot", error: true, message: { text: CONNECTION_ERROR } });
      });
    }).then(function () { self.setTyping(-1); });
    return self.queue;
  };

  Chat.prototype.begin = function () {
    var first = this.options.initialMessage;
    if (first) this.send(first, null);
  };

  /** Restart: Rasa's /restart for the old conversation, then a new conversation with a new id. */
  Chat.prototype.restart = function () {
    var oldSender = this.state.sender;
    var open = this.state.open;
    this.generation = (this.generation || 0) + 1;
    this.post(oldSender, "/restart").catch(function () { /* the new id starts afresh anyway */ });
    this.store.clear();
    this.state = this.freshState();
    this.state.open = open;
    this.save();
    this.renderAll();
    this.begin();
    this.input.value = "";
    this.input.focus();
  };

  // -- public API and auto-init -----------------------------------------------------------------
  function resolveContainer(container) {
    if (!container) return null;
    if (typeof container === "string") return document.querySelector(container);
    return container.nodeType === 1 ? container : null;
  }

  function addStylesheet(href) {
    if (!href || document.querySelector('link[data-bb-chat-css]')) return;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = href;
    css.setAttribute("data-bb-chat-css", "");
    (document.head || document.documentElement).appendChild(css);
  }

  var instances = [];

  function init(options) {
    options = options || {};
    var config = window.BACKBUMP_CONFIG || {};
    var opts = {
      serverUrl: options.serverUrl || config.serverUrl || "http://localhost:5005",
      title: options.title || "Back-bump symptom checker",
      initialMessage: options.initialMessage === undefined ? "hi" : options.initialMessage,
      container: resolveContainer(options.container),
      persist: options.persist || "session",
      launcherText: options.launcherText
    };
    if (options.container && !opts.container) throw new Error("BackBumpChat: container not found: " + options.container);
    if (options.stylesheet !== false) addStylesheet(options.stylesheet || defaultStylesheet());
    var chat = new Chat(opts);
    instances.push(chat);
    return {
      send: function (text) { return chat.send(text, text); },
      restart: function () { chat.restart(); },
      element: chat.root
    };
  }

  function defaultStylesheet() {
    var src = SCRIPT && SCRIPT.src;
    return src ? src.replace(/[^/?#]*([?#].*)?$/, "widget.css") : null;
  }

  window.BackBumpChat = { init: init, version: VERSION };

  var auto = SCRIPT && SCRIPT.getAttribute("data-auto-init");
  if (SCRIPT && auto !== "false" && (auto !== null || SCRIPT.hasAttribute("data-server-url") || SCRIPT.hasAttribute("data-container"))) {
    var d = SCRIPT.dataset;
    var start = function () {
      init({
        serverUrl: d.serverUrl,
        title: d.title,
        initialMessage: d.initialMessage,
        container: d.container,
        persist: d.persist,
        launcherText: d.launcherText
      });
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})();
