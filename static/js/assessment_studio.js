/* Studio editor of digicomp_assessment: collect the settings, scope from the tree, save through studio_submit. */
function DigicompAssessmentStudio(runtime, element) {
  "use strict";
  var root = element.querySelector ? element : element[0];
  var form = root.querySelector(".dc-studio-form");
  var tree = root.querySelector("[data-tree]");
  var picked = DigicompTree(tree);
  var summary = root.querySelector(".dc-error-summary");
  var i18n = DigicompI18n();

  function field(name) { return form.querySelector("[name='" + name + "']"); }

  function scope() {
    if (form.querySelector("[name=scope_mode]:checked").value === "whole") { return ""; }
    return picked.ids().join(" ");
  }

  function showError(message) {
    summary.querySelector("[data-error-text]").textContent = message;
    summary.hidden = false;
    summary.focus();
  }

  form.querySelectorAll("[name=scope_mode]").forEach(function (radio) {
    radio.addEventListener("change", function () { tree.hidden = radio.value === "whole" && radio.checked; });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var values = {
      display_name: field("display_name").value,
      introduction: field("introduction").value,
      second_language: field("second_language").value,
      display_name_second: field("display_name_second").value,
      introduction_second: field("introduction_second").value,
      framework: field("framework").value,
      scope: scope(),
      scale: field("scale").value,
      position_profile: field("position_profile").value,
      target_position: field("target_position").value,
      learner_chooses_target: field("learner_chooses_target").checked,
      allow_not_relevant: field("allow_not_relevant").checked,
      max_moments: parseInt(field("max_moments").value, 10),
      show_profile: field("show_profile").checked,
      share_answers: field("share_answers").checked,
      weight: parseFloat(field("weight").value || "0")
    };
    if (values.scope === "" && form.querySelector("[name=scope_mode]:checked").value === "parts") {
      showError(i18n.gettext("Tick at least one cluster, component or statement, or choose the whole framework."));
      return;
    }
    if (runtime.notify) { runtime.notify("save", {state: "start"}); }
    DigicompPost(runtime.handlerUrl(element, "studio_submit"), values).then(function (result) {
      if (!result.ok) { throw new Error(result.data.error || String(result.status)); }
      summary.hidden = true;
      if (runtime.notify) { runtime.notify("save", {state: "end"}); }
    }).catch(function (error) {
      if (runtime.notify) { runtime.notify("error", {title: i18n.gettext("The settings were not saved"), message: error.message}); }
      showError(error.message);
    });
  });

  root.querySelector("[data-action=cancel]").addEventListener("click", function () {
    if (runtime.notify) { runtime.notify("cancel", {}); }
  });
}
