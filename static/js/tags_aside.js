/* Competence picker of the digicomp_tags aside: find, tick, save (staff only; the server checks). */
function DigicompTagsAside(runtime, element) {
  "use strict";
  var root = element.querySelector ? element : element[0];
  var i18n = DigicompI18n();
  var tree = root.querySelector("[data-tree]");
  var find = root.querySelector(".dc-tags-find");
  var status = root.querySelector(".dc-save-status");
  var items = Array.prototype.slice.call(tree.querySelectorAll("li"));

  find.addEventListener("input", function () {
    var search = DigicompSearch(find.value);
    items.forEach(function (li) {
      li.hidden = !search.empty && !search.matches(DigicompNormalise(li.textContent));
    });
    tree.querySelectorAll(".dc-tree-cluster").forEach(function (cluster) {
      var visible = cluster.querySelector("li:not([hidden])");
      cluster.hidden = !search.empty && !visible;
      cluster.open = !search.empty && !!visible;
    });
  });

  root.querySelector("[data-action=save-tags]").addEventListener("click", function () {
    status.textContent = i18n.gettext("Saving…");
    DigicompPost(runtime.handlerUrl(element, "set_competences"), {ids: DigicompTreeIds(tree)}).then(function (result) {
      if (!result.ok) { status.textContent = result.data.error || String(result.status); return; }
      status.textContent = i18n.format(i18n.ngettext(
        "Saved: this unit is tagged with %(count)s competence.",
        "Saved: this unit is tagged with %(count)s competences.", result.data.ids.length), {count: result.data.ids.length});
    }, function () { status.textContent = i18n.gettext("No connection: please try again."); });
  });
}
