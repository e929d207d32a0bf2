/* Framework browser: search statements by word or ID, open and close clusters. Plain JS, no build step. */
function DigicompFrameworkBrowser(runtime, element) {
  "use strict";
  var root = element.querySelector ? element : element[0];
  var i18n = DigicompI18n();
  var input = root.querySelector(".digicomp-search-input");
  var status = root.querySelector(".digicomp-status");
  var clusters = Array.prototype.slice.call(root.querySelectorAll(".digicomp-cluster"));
  var statements = Array.prototype.slice.call(root.querySelectorAll(".digicomp-statement"));
  var index = statements.map(function (li) {
    return DigicompNormalise(li.getAttribute("data-id") + " " + li.textContent);
  });
  var timer = null;

  function setHidden(node, hidden) {
    if (hidden) { node.setAttribute("hidden", ""); } else { node.removeAttribute("hidden"); }
  }

  function announce(count) {
    status.textContent = count === 0 ? i18n.gettext("No statement matches your search.") : i18n.format(
      i18n.ngettext("%(count)s statement matches your search.", "%(count)s statements match your search.", count),
      {count: count});
  }

  function filter() {
    var search = DigicompSearch(input.value);
    var count = 0;
    statements.forEach(function (li, i) {
      var match = search.matches(index[i]);
      setHidden(li, !match);
      if (match) { count += 1; }
    });
    root.querySelectorAll(".digicomp-group, .digicomp-component, .digicomp-cluster, .digicomp-focus").forEach(function (node) {
      setHidden(node, !search.empty && !node.querySelector(".digicomp-statement:not([hidden])"));
    });
    clusters.forEach(function (cluster) { cluster.open = !search.empty && !cluster.hidden; });
    if (search.empty) { status.textContent = ""; } else { announce(count); }
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(filter, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); window.clearTimeout(timer); filter(); }
  });
  root.querySelectorAll("[data-action]").forEach(function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("data-action") === "expand";
      clusters.forEach(function (cluster) { if (!cluster.hidden) { cluster.open = open; } });
    });
  });
}
