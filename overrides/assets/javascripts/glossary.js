// Glossary tooltips: hovering, focusing or tapping a term shows its definition.
// Definitions come from the handbook's YAML, which arrives through pull requests, so they are
// only ever set as text (textContent) and never parsed as HTML. Material's own tooltips
// (content.tooltips) insert the title attribute into the page as HTML, which is why they are off.
// A page holds each definition once, on the first occurrence of its term; later occurrences
// name the term in data-term.
(() => {
  const terms = document.querySelectorAll("article abbr[data-term]");
  if (!terms.length) return;
  const definitions = new Map();
  for (const term of terms) {
    if (term.hasAttribute("title")) definitions.set(term.dataset.term, term.getAttribute("title"));
  }
  const tip = document.createElement("div");
  tip.className = "hb-tooltip";
  tip.id = "hb-tooltip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.append(tip);
  let current = null;
  let title = null;

  const hide = () => {
    if (!current) return;
    // The title comes back so that the term keeps its meaning for assistive technology.
    if (title !== null) current.setAttribute("title", title);
    current.removeAttribute("aria-describedby");
    current = null;
    tip.hidden = true;
  };

  const show = (term) => {
    if (current === term) return;
    hide();
    current = term;
    title = term.getAttribute("title");
    term.removeAttribute("title"); // or the browser shows the same text a second time
    term.setAttribute("aria-describedby", tip.id);
    tip.textContent = definitions.get(term.dataset.term) || "";
    tip.hidden = false;
    const box = term.getBoundingClientRect();
    const room = document.documentElement.clientWidth - tip.offsetWidth - 8;
    tip.style.left = `${Math.max(8, Math.min(box.left, room)) + window.scrollX}px`;
    tip.style.top = `${box.bottom + window.scrollY + 6}px`;
  };

  // A mouse shows the definition while hovering; a tap shows it until the next tap elsewhere
  // (touch screens send a mouseenter and a click for one tap, so hover events are mouse-only).
  for (const term of terms) {
    term.addEventListener("pointerenter", (event) => event.pointerType === "mouse" && show(term));
    term.addEventListener("pointerleave", (event) => event.pointerType === "mouse" && hide());
    term.addEventListener("focus", () => show(term));
    term.addEventListener("blur", hide);
    term.addEventListener("click", () => show(term));
  }
  document.addEventListener("pointerdown", (event) => !event.target.closest?.("abbr[data-term]") && hide());
  document.addEventListener("keydown", (event) => event.key === "Escape" && hide());
  window.addEventListener("scroll", hide, { passive: true });
})();
