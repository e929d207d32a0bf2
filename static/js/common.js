/* Shared helpers of digicomp's blocks. Plain JS, no build step. */

/* Translations: our namespaced catalog (Open edX's or the one we ship), else Django's global one, else English. */
function DigicompI18n() {
  "use strict";
  var catalog = window.DigicompI18N || window.django || {};
  function english(singular, plural, count) { return count === 1 ? singular : plural; }
  return {
    gettext: catalog.gettext ? catalog.gettext.bind(catalog) : function (text) { return text; },
    ngettext: catalog.ngettext ? catalog.ngettext.bind(catalog) : english,
    format: function (text, values) {
      return text.replace(/%\((\w+)\)s/g, function (match, name) { return String(values[name]); });
    }
  };
}

/* POST JSON to a handler; resolves to {ok, status, data}; rejects only when the network fails. */
function DigicompPost(url, payload) {
  "use strict";
  var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: {"Content-Type": "application/json", "X-CSRFToken": match ? decodeURIComponent(match[1]) : ""},
    body: JSON.stringify(payload)
  }).then(function (response) {
    return response.json().catch(function () { return {}; }).then(function (data) {
      return {ok: response.ok, status: response.status, data: data};
    });
  });
}

/* A competence tree (shared/competence_tree.html: clusters > components > statements) kept tri-state: ticking a
   cluster or component ticks everything below it, unticking it unticks everything below; a cluster or component is
   ticked when all its statements are and shows "mixed" when some are, and its summary counts them ("3 of 10 ticked",
   read out with the summary). The page's state starts from the saved IDs, where a ticked node stands for all below.
   `ids()`: the ticked IDs in the saved form; `filter(query)`: show only what matches a search. */
function DigicompTree(tree) {
  "use strict";
  var i18n = DigicompI18n();
  var nodes = Array.prototype.slice.call(tree.querySelectorAll(".dc-tree-cluster, .dc-tree-component"));
  var statements = Array.prototype.map.call(tree.querySelectorAll("[data-level=statement]"), function (box) {
    return {li: box.parentNode, text: DigicompNormalise(namesAround(box))};
  });

  /* What a search looks at for a statement: its text and the names of its component and cluster. */
  function namesAround(box) {
    var names = [box.labels[0].textContent];
    for (var node = box.closest("details"); node; node = node.parentNode.closest("details")) {
      names.push(node.querySelector("[data-name]").textContent);
    }
    return names.join(" ");
  }

  function statementsOf(node) { return node.querySelectorAll("[data-level=statement]"); }

  /* A cluster's or component's checkbox and count, from its statements. */
  function show(node) {
    var below = statementsOf(node);
    var ticked = Array.prototype.filter.call(below, function (box) { return box.checked; }).length;
    var box = node.querySelector(":scope > [data-level]");
    box.checked = ticked === below.length;
    box.indeterminate = ticked > 0 && !box.checked;
    if (box.indeterminate) { box.setAttribute("aria-checked", "mixed"); } else { box.removeAttribute("aria-checked"); }
    node.querySelector("[data-count]").textContent = ticked === 0 ? "" : i18n.format(
      i18n.gettext("%(ticked)s of %(total)s ticked"), {ticked: ticked, total: below.length});
  }

  function tickBelow(box) {
    statementsOf(box.parentNode).forEach(function (statement) { statement.checked = box.checked; });
  }

  tree.querySelectorAll("[data-level=cluster]:checked, [data-level=component]:checked").forEach(tickBelow);
  nodes.forEach(show);
  tree.addEventListener("change", function (event) {
    if (event.target.matches("[data-level=cluster], [data-level=component]")) { tickBelow(event.target); }
    nodes.forEach(show);
  });

  return {
    ids: function () { return DigicompTreeIds(tree); },
    filter: function (query) {
      var search = DigicompSearch(query);
      statements.forEach(function (item) { item.li.hidden = !search.empty && !search.matches(item.text); });
      nodes.forEach(function (node) {  // a cluster or component shows, open, when a statement in it matches
        var visible = !!node.querySelector("li:not([hidden]) > [data-level=statement]");
        (node.parentNode.matches("li") ? node.parentNode : node).hidden = !search.empty && !visible;
        node.open = !search.empty && visible;
      });
    }
  };
}

/* The competence IDs ticked in a competence tree: a ticked cluster or component stands for all below it. */
function DigicompTreeIds(tree) {
  "use strict";
  var ids = [];
  tree.querySelectorAll("[data-level=cluster]").forEach(function (cluster) {
    if (cluster.checked) { ids.push(cluster.value); return; }
    cluster.parentNode.querySelectorAll("[data-level=component]").forEach(function (component) {
      if (component.checked) { ids.push(component.value); return; }
      component.parentNode.querySelectorAll("[data-level=statement]:checked").forEach(function (statement) {
        ids.push(statement.value);
      });
    });
  });
  return ids;
}

/* Keep part of a block current with what happens elsewhere on the page: on the document event `event`, ask the
   block's `refresh` handler for the part's HTML now and put it in place of the element `selector`. */
function DigicompRefreshOn(event, runtime, element, selector) {
  "use strict";
  var root = element.querySelector ? element : element[0];
  document.addEventListener(event, function () {
    DigicompPost(runtime.handlerUrl(element, "refresh"), {}).then(function (result) {
      var part = root.querySelector(selector);
      // xss-lint: disable=javascript-inner-html -- the html of the block's own refresh handler, rendered by escaping templates
      if (result.ok && part) { part.outerHTML = result.data.html; }
    }, function () { /* offline: the part shows the news at the next visit */ });
  });
}

/* Text for searching: lower case, accents removed (é -> e), white space folded. */
function DigicompNormalise(text) {
  "use strict";
  return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ");
}

/* A search query: `empty` when it has no words; `matches(text)` when a normalised text has every word. */
function DigicompSearch(query) {
  "use strict";
  var words = DigicompNormalise(query).trim().split(" ").filter(Boolean);
  return {
    empty: words.length === 0,
    matches: function (text) { return words.every(function (word) { return text.indexOf(word) !== -1; }); }
  };
}
