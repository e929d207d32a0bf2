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
