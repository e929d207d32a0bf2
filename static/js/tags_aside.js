/* Competence picker of the digicomp_tags aside: find, tick, save (staff only; the server checks). After a save the
   page shows the unit's new panel, and other blocks on it (the coverage map) hear `digicomp:competences-changed`. */
function DigicompTagsAside(runtime, element) {
  "use strict";
  var root = element.querySelector ? element : element[0];
  var i18n = DigicompI18n();
  var tree = DigicompTree(root.querySelector("[data-tree]"));
  var find = root.querySelector(".dc-tags-find");
  var status = root.querySelector(".dc-save-status");

  find.addEventListener("input", function () { tree.filter(find.value); });

  root.querySelector("[data-action=save-tags]").addEventListener("click", function () {
    status.textContent = i18n.gettext("Saving…");
    DigicompPost(runtime.handlerUrl(element, "set_competences"), {ids: tree.ids()}).then(function (result) {
      if (!result.ok) { status.textContent = result.data.error || String(result.status); return; }
      // xss-lint: disable=javascript-inner-html -- panel: our set_competences handler's, rendered by escaping templates
      root.querySelector("[data-tags-panel]").innerHTML = result.data.panel;
      status.textContent = i18n.format(i18n.ngettext(
        "Saved: this unit is tagged with %(count)s competence.",
        "Saved: this unit is tagged with %(count)s competences.", result.data.ids.length), {count: result.data.ids.length});
      document.dispatchEvent(new CustomEvent("digicomp:competences-changed", {detail: {ids: result.data.ids}}));
    }, function () { status.textContent = i18n.gettext("No connection: please try again."); });
  });
}
