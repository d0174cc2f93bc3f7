// The person picker's search, while one types: the server already filters on ?q= (the form works without
// JavaScript); this only hides and shows the same rows at once. Keep normalise() in step with
// normaliseSearch in src/web/local/people-search.ts.
(() => {
  const input = document.getElementById("zoek");
  const count = document.getElementById("people-count");
  const boot = document.getElementById("picker-boot");
  if (!input || !count || !boot) return;
  const found = JSON.parse(boot.textContent || "{}").found;
  const rows = Array.from(document.querySelectorAll("#people tbody tr[data-search]"));
  const normalise = (text) =>
    text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

  let pending;
  const apply = () => {
    const query = input.value;
    const words = normalise(query).split(" ").filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const text = row.getAttribute("data-search") || "";
      const visible = words.every((word) => text.includes(word));
      row.hidden = !visible;
      if (visible) shown++;
    }
    let message = "";
    if (query.trim()) {
      if (shown === 0) message = found.none.replace("{q}", query.trim());
      else message = shown === 1 ? found.one : found.many.replace("{n}", String(shown));
    }
    // Announced once typing pauses, not at every key.
    clearTimeout(pending);
    pending = setTimeout(() => {
      count.textContent = message;
    }, 250);
    // The address follows, so a reload or a shared link shows the same list.
    const url = new URL(window.location.href);
    if (query.trim()) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  };
  input.addEventListener("input", apply);
  input.form?.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
})();
