/* Stands in for Mermaid, which mermaid2 loads on every page with a chart (mkdocs.yml: mermaid2's
 * `javascript`). The library is 2.7 MB, most of what a position page would transfer, and its charts
 * are usually below the fold, so it is fetched only when a chart comes near the viewport (or the
 * page is printed). mermaid2 then calls mermaid.initialize(config) on this stand-in as usual.
 * The Makefile copies this file next to the library (docs/assets/vendor/). */
(function () {
  "use strict";
  var library = new URL("mermaid.min.js", document.currentScript.src).href;
  var settings = {};
  var loading = null;
  var queued = new Set();
  var drawn = Promise.resolve();

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = library;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      }).then(function () {
        // The real library replaced this stand-in as window.mermaid; it draws only what is asked.
        window.mermaid.initialize(Object.assign({}, settings, { startOnLoad: false }));
        return window.mermaid;
      });
    }
    return loading;
  }

  function draw(nodes) {
    nodes = nodes.filter(function (node) { return !queued.has(node); });
    if (!nodes.length) return;
    nodes.forEach(function (node) { queued.add(node); });
    // One run at a time: charts that come into view together are drawn together, later ones after.
    drawn = drawn.then(load).then(function (mermaid) { return mermaid.run({ nodes: nodes }); }).catch(function (error) {
      console.error(error);
    });
  }

  function start() {
    var charts = Array.prototype.slice.call(document.querySelectorAll("div.mermaid"));
    if (!charts.length) return;
    window.addEventListener("beforeprint", function () { draw(charts); });
    if (!("IntersectionObserver" in window)) { draw(charts); return; }
    var observer = new IntersectionObserver(function (entries) {
      var near = [];
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); near.push(entry.target); }
      });
      draw(near);
    }, { rootMargin: "300px 0px" });
    charts.forEach(function (chart) { observer.observe(chart); });
  }

  window.mermaid = {
    initialize: function (config) {
      settings = config || {};
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
      else start();
    }
  };
})();
