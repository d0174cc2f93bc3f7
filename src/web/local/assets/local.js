// The /local chat page: polls the person's messages, renders the bot's cards with the official Adaptive Cards
// renderer, posts typed lines and card actions. Served as a file (no inline script), so a strict CSP holds.
(() => {
  const boot = JSON.parse(document.getElementById("local-boot").textContent);
  const { personId, lang, texts } = boot;
  const api = `/local/api/people/${encodeURIComponent(personId)}`;
  const query = lang === "en" ? "?lang=en" : "";
  const POLL_MS = 1500;
  const FULL_SYNC_EVERY = 20;

  const md = window.markdownit({ html: false, linkify: true, breaks: false });
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = md.render(text);
    result.didProcess = true;
  };
  const hostConfig = new AdaptiveCards.HostConfig({
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    supportsInteractivity: true,
    actions: { actionsOrientation: "horizontal", actionAlignment: "left", buttonSpacing: 8, maxActions: 6 },
  });

  const statusEl = document.getElementById("status");
  const logs = new Map(
    [...document.querySelectorAll(".log[data-conversation]")].map((el) => [el.dataset.conversation, el]),
  );
  /** id -> { version, element } of every message shown. */
  const shown = new Map();
  let cursor = 0;
  let polls = 0;
  let active = "dm";

  const newRequestId = () =>
    window.crypto && crypto.randomUUID
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

  const timeFormat = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "nl-NL", {
    timeZone: "Europe/Amsterdam",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });

  function setStatus(text) {
    statusEl.textContent = text || "";
  }

  /** POST JSON; a network failure is retried with the same body (the request id makes that safe). */
  async function post(url, body) {
    let lastError;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const response = await fetch(url + query, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        const json = await response.json().catch(() => ({}));
        return { ok: response.ok, status: response.status, json };
      } catch (error) {
        lastError = error;
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      }
    }
    throw lastError;
  }

  /*
   * Forms that explain themselves (WCAG 3.3.1). A card sent back by the server with errors starts with a
   * summary (`error-summary`, one `error-summary-<input id>` per problem) and has each message right under its
   * input (`error-<input id>`); the renderer's own check of required inputs shows each input's errorMessage.
   * Either way the page shows one summary at the top of the card, whose entries lead to their questions, ties
   * each message to its input for screen readers, and puts the focus on the first problem.
   */

  /** The element that takes the focus for an input: the first radio button or check box of a choice set. */
  const focusTarget = (input) => {
    const control = input.renderedInputControlElement;
    if (!control) return undefined;
    return control.matches("input, textarea, select") ? control : control.querySelector("input, select");
  };

  function showSummary(host, title, problems) {
    host.querySelector(".form-errors")?.remove();
    const box = document.createElement("div");
    box.className = "form-errors";
    box.id = "error-summary";
    box.setAttribute("role", "alert");
    const heading = document.createElement("p");
    heading.className = "form-errors-title";
    heading.textContent = title;
    const list = document.createElement("ul");
    for (const problem of problems) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `#${problem.input.id}`;
      link.textContent = problem.text;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        focusTarget(problem.input)?.focus();
      });
      item.append(link);
      list.append(item);
    }
    box.append(heading, list);
    host.prepend(box);
  }

  const summaryTitle = (count) =>
    count === 1 ? texts.checkOne : texts.checkMany.replace("{n}", String(count));

  /** The server's summary, rebuilt as the page's own, and each server message tied to its input. */
  function explainServerErrors(host, card) {
    const summary = card.getElementById("error-summary");
    if (!summary) return undefined;
    const problems = [];
    let title = "";
    for (let i = 0; i < summary.getItemCount(); i++) {
      const item = summary.getItemAt(i);
      if (!item.id) {
        title = item.text;
        continue;
      }
      const input = card.getElementById(item.id.replace(/^error-summary-/, ""));
      if (!input) continue;
      problems.push({ input, text: item.text });
      input.renderedInputControlElement?.classList.add("ac-input-validation-failed");
      const message = host.querySelector(`[id="error-${CSS.escape(input.id)}"]`);
      const target = focusTarget(input);
      if (message && target) target.setAttribute("aria-describedby", message.id);
    }
    summary.renderedElement?.remove();
    showSummary(host, title, problems);
    return problems[0] && focusTarget(problems[0].input);
  }

  // The renderer's own check of required inputs: add the summary it lacks (it focuses the first problem itself).
  const prepareForExecution = AdaptiveCards.Action.prototype.prepareForExecution;
  AdaptiveCards.Action.prototype.prepareForExecution = function () {
    const ready = prepareForExecution.call(this);
    if (!ready) {
      const root = this.parent?.getRootElement();
      const host = root?.renderedElement?.closest(".card-host");
      const invalid = Object.values(this.getReferencedInputs()).filter(
        (input) => !(input.isRequired ? input.isSet() && input.isValid() : input.isValid()),
      );
      if (host && invalid.length) {
        const problems = invalid.map((input) => ({ input, text: `${input.label}: ${input.errorMessage}` }));
        showSummary(host, summaryTitle(problems.length), problems);
        focusTarget(invalid[0])?.focus();
      }
    }
    return ready;
  };

  /** Renders a card into its host; returns the element to focus when it is a form sent back with errors. */
  function renderCard(host, messageId, json) {
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = (action) => execute(host, messageId, action);
    try {
      card.parse(json);
      const element = card.render();
      host.replaceChildren(element);
      return explainServerErrors(host, card);
    } catch {
      host.textContent = texts.cardFailed;
      return undefined;
    }
  }

  async function execute(host, messageId, action) {
    const verb = action.verb;
    if (!verb) return;
    const article = host.closest("article");
    const alert = article.querySelector(".card-alert");
    alert.textContent = "";
    article.setAttribute("aria-busy", "true");
    for (const button of host.querySelectorAll("button")) button.disabled = true;
    try {
      const { ok, json } = await post(`${api}/actions`, {
        requestId: newRequestId(),
        messageId,
        verb,
        data: action.data || {},
      });
      if (ok && json.card) {
        const problem = renderCard(host, messageId, json.card);
        // Focus the first problem, or else the replacement, so keyboard and screen-reader users land on what
        // changed.
        const focusable = problem ?? host.querySelector("input, select, textarea, button");
        if (focusable) focusable.focus();
        else article.focus();
      } else {
        alert.textContent = json.error || texts.failed;
      }
      schedulePoll(300);
    } catch {
      alert.textContent = texts.failed;
    } finally {
      article.removeAttribute("aria-busy");
      for (const button of host.querySelectorAll("button")) button.disabled = false;
    }
  }

  function messageElement(message) {
    const article = document.createElement("article");
    article.className = `message ${message.author}`;
    article.dataset.messageId = message.id;
    article.tabIndex = -1;
    const meta = document.createElement("p");
    meta.className = "meta";
    const who =
      message.author === "bot"
        ? texts.bot
        : message.authorName && message.authorName !== boot.personName
          ? message.authorName
          : texts.you;
    meta.textContent = `${who} · ${timeFormat.format(new Date(message.createdAt))}`;
    article.append(meta);
    if (message.card) {
      const host = document.createElement("div");
      host.className = "card-host";
      article.append(host);
      const alert = document.createElement("p");
      alert.className = "card-alert";
      alert.setAttribute("role", "alert");
      article.append(alert);
      renderCard(host, message.id, message.card);
    } else {
      const text = document.createElement("p");
      text.className = "text";
      text.textContent = message.text;
      article.append(text);
    }
    return article;
  }

  function show(message) {
    const log = logs.get(message.conversation);
    if (!log) return;
    const known = shown.get(message.id);
    // A card the person is filling in stays as it is unless the stored card changed (a new version).
    if (known && known.version === message.version) return;
    const element = messageElement(message);
    if (known) known.element.replaceWith(element);
    else {
      log.querySelector(".empty")?.remove();
      log.append(element);
      if (message.conversation !== active) {
        const badge = document.querySelector(`#tab-${CSS.escape(message.conversation)} .unread`);
        if (badge) {
          badge.hidden = false;
          badge.textContent = " •";
        }
      }
    }
    shown.set(message.id, { version: message.version, element });
    if (!known && message.conversation === active) element.scrollIntoView({ block: "nearest" });
  }

  let timer;
  function schedulePoll(delay) {
    clearTimeout(timer);
    timer = setTimeout(poll, delay);
  }

  async function poll() {
    // Now and then everything again: a message committed late behind a newer one is not missed.
    const full = polls++ % FULL_SYNC_EVERY === 0;
    try {
      const response = await fetch(
        `${api}/messages?since=${full ? 0 : cursor}${lang === "en" ? "&lang=en" : ""}`,
      );
      const json = await response.json();
      if (!response.ok) throw new Error(json.error || response.statusText);
      for (const message of json.messages) show(message);
      cursor = Math.max(cursor, json.cursor);
      if (statusEl.dataset.offline) {
        delete statusEl.dataset.offline;
        setStatus("");
      }
      document.body.dataset.synced = String(cursor);
    } catch {
      statusEl.dataset.offline = "1";
      setStatus(texts.offline);
    }
    schedulePoll(POLL_MS);
  }

  // Tabs: one per conversation, arrow keys move between them.
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  function select(tab) {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute("aria-selected", String(selected));
      t.tabIndex = selected ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !selected;
    }
    active = tab.dataset.conversation;
    const badge = tab.querySelector(".unread");
    if (badge) badge.hidden = true;
  }
  for (const tab of tabs) {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      const i = tabs.indexOf(tab);
      const next =
        event.key === "ArrowRight"
          ? tabs[(i + 1) % tabs.length]
          : event.key === "ArrowLeft"
            ? tabs[(i - 1 + tabs.length) % tabs.length]
            : undefined;
      if (next) {
        event.preventDefault();
        select(next);
        next.focus();
      }
    });
  }

  const form = document.getElementById("composer");
  const line = document.getElementById("line");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = line.value.trim();
    if (!text) return;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    setStatus(texts.sending);
    try {
      const { ok, json } = await post(`${api}/messages`, {
        requestId: newRequestId(),
        conversation: active,
        text,
      });
      if (ok) {
        line.value = "";
        setStatus("");
      } else setStatus(json.error || texts.failed);
    } catch {
      setStatus(texts.failed);
    } finally {
      button.disabled = false;
      line.focus();
      schedulePoll(0);
    }
  });

  poll();
})();
