// Onboarding checklists (/positions/<id>/onboarding/): ticks kept in this browser's local storage, per page,
// and nothing sent anywhere. Each checkbox is keyed by a hash of its stage, list and text
// (generator/model/onboarding.py), so a tick stays with its task when the plan around it changes.
// Printing: links show their addresses; the packet puts the position page before the checklist.
(() => {
  const tools = document.querySelector(".hb-onboarding-tools");
  if (!tools) return;
  const article = tools.closest("article");
  const ticks = [...article.querySelectorAll("input.hb-tick")];
  const storageKey = `handbook-onboarding:${location.pathname}`;

  const load = () => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey) || "{}");
      return saved && typeof saved === "object" ? saved : {};
    } catch {
      return {}; // storage blocked (private mode, policy) or damaged: start unticked
    }
  };
  const save = (state) => {
    try {
      if (Object.keys(state).length) localStorage.setItem(storageKey, JSON.stringify(state));
      else localStorage.removeItem(storageKey);
    } catch {
      // Storage full or blocked: the ticks last as long as the page.
    }
  };

  // After a rename (former_ids) the checklist has a new address: its ticks come along from the old one.
  const adopt = () => {
    const here = `/positions/${tools.dataset.position}/onboarding/`;
    try {
      if (localStorage.getItem(storageKey) !== null || !storageKey.endsWith(here)) return;
      for (const old of tools.dataset.former.split(" ").filter(Boolean)) {
        const before = `${storageKey.slice(0, -here.length)}/positions/${old}/onboarding/`;
        const saved = localStorage.getItem(before);
        if (saved === null) continue;
        localStorage.setItem(storageKey, saved);
        localStorage.removeItem(before);
        return;
      }
    } catch {
      // Storage blocked: nothing to carry over.
    }
  };
  adopt();

  const progress = tools.querySelector(".hb-progress");
  const show = () => {
    const done = ticks.filter((box) => box.checked).length;
    progress.textContent = progress.dataset.template.replace("{done}", done).replace("{total}", ticks.length);
  };

  const state = load();
  for (const box of ticks) {
    box.checked = state[box.dataset.key] === 1;
    box.addEventListener("change", () => {
      const now = load();
      if (box.checked) now[box.dataset.key] = 1;
      else delete now[box.dataset.key];
      save(now);
      show();
    });
  }
  // Another tab of the same checklist ticked something.
  window.addEventListener("storage", (event) => {
    if (event.key !== storageKey) return;
    const now = load();
    for (const box of ticks) box.checked = now[box.dataset.key] === 1;
    show();
  });

  const addresses = (root) => {
    for (const link of root.querySelectorAll("a[href]")) {
      // Not the page's own buttons (edit) and anchors, which do not print.
      if (link.matches(".headerlink, .md-content__button") || link.getAttribute("href").startsWith("#")) continue;
      link.dataset.printHref = link.href;
    }
  };
  addresses(article);

  tools.querySelector(".hb-reset").addEventListener("click", () => {
    for (const box of ticks) box.checked = false;
    save({});
    show();
  });
  tools.querySelector(".hb-print").addEventListener("click", () => window.print());

  // What a printed role description has no use for: its own checklist summary, sharing, charts, history.
  const cut = (role, from) => {
    for (const id of ["first-weeks", "share", "history"]) {
      const heading = role.querySelector(`h2[id="${id}"]`);
      if (!heading) continue;
      let next = heading.nextElementSibling;
      while (next && next.tagName !== "H2") {
        const after = next.nextElementSibling;
        next.remove();
        next = after;
      }
      heading.remove();
    }
    for (const node of role.querySelectorAll(".mermaid, .headerlink, .md-content__button, script, img")) node.remove();
    // Its anchors would clash with this page's; its links are relative to where it came from.
    for (const node of role.querySelectorAll("[id]")) node.removeAttribute("id");
    for (const link of role.querySelectorAll("a[href]")) link.setAttribute("href", new URL(link.getAttribute("href"), from).href);
  };

  // The packet: the position page's content, fetched from this same site, printed before the checklist.
  // It is this site's own page, parsed inert (DOMParser runs no scripts), with charts and sharing left out.
  const packet = tools.querySelector(".hb-packet");
  packet.addEventListener("click", async () => {
    packet.disabled = true;
    try {
      const from = new URL(tools.dataset.role, location.href);
      const response = await fetch(from);
      if (!response.ok) throw new Error(`${response.status}`);
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const role = page.querySelector("article.md-content__inner");
      if (!role) throw new Error("no article");
      cut(role, from);
      const holder = document.createElement("div");
      holder.className = "hb-packet-role";
      holder.append(...role.childNodes);
      addresses(holder);
      article.prepend(holder);
      window.addEventListener("afterprint", () => holder.remove(), { once: true });
      window.print();
    } catch {
      window.print(); // the position page could not be fetched: the checklist alone still prints
    } finally {
      packet.disabled = false;
    }
  });

  tools.hidden = false;
  show();
})();
