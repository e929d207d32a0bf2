/* The consensus exercise (digicomp_consensus): autosave of the participant's choices, starting from the proposal,
   accepting all majorities and saving the team's profile. Plain JS; the server checks everything again. */
function DigicompConsensus(runtime, element) {
  "use strict";
  var i18n = DigicompI18n();
  var root = (element.jquery ? element[0] : element).querySelector(".dc-consensus");
  if (!root) { return; }
  var choicesStatus = root.querySelector("[data-status=choices]");

  function say(node, text) { if (node) { node.textContent = text; } }

  function saveChoices(choices) {
    say(choicesStatus, i18n.gettext("Saving…"));
    return DigicompPost(root.dataset.saveUrl, {choices: choices}).then(function (answer) {
      if (answer.ok) {
        say(choicesStatus, i18n.format(i18n.gettext("Saved (%(chosen)s of %(total)s chosen)."), answer.data));
      } else {
        say(choicesStatus, i18n.format(i18n.gettext("Not saved: %(reason)s"), {reason: answer.data.error || answer.status}));
      }
    }, function () { say(choicesStatus, i18n.gettext("Not saved: the connection failed. Try again.")); });
  }

  root.addEventListener("change", function (event) {
    var box = event.target;
    if (box.type !== "radio" || !box.closest("[data-statement]")) { return; }
    var choices = {};
    choices[box.closest("[data-statement]").dataset.statement] = box.value;
    saveChoices(choices);
  });

  var start = root.querySelector("[data-action=start]");
  if (start) {
    start.addEventListener("click", function () {
      var choices = {};
      root.querySelectorAll("fieldset[data-proposed]").forEach(function (fieldset) {
        if (fieldset.querySelector("input:checked")) { return; }
        var box = fieldset.querySelector("input[value='" + fieldset.dataset.proposed + "']");
        if (box) { box.checked = true; choices[fieldset.dataset.statement] = box.value; }
      });
      if (Object.keys(choices).length) { saveChoices(choices); } else {
        say(choicesStatus, i18n.gettext("You have chosen for every statement of the proposal already."));
      }
    });
  }

  var form = root.querySelector(".dc-fix-form");
  if (!form) { return; }
  var fixStatus = form.querySelector("[data-status=fix]");
  form.querySelector("[data-action=accept]").addEventListener("click", function () {
    form.querySelectorAll("select[data-fix]").forEach(function (select) {
      if (select.dataset.majority) { select.value = select.dataset.majority; }
    });
    say(fixStatus, i18n.gettext("Every majority is accepted; decide the ties and the statements nobody chose."));
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var expectations = {};
    var open = null;
    form.querySelectorAll("select[data-fix]").forEach(function (select) {
      if (select.value) { expectations[select.dataset.fix] = select.value; } else if (!open) { open = select; }
    });
    if (open) {
      say(fixStatus, i18n.gettext("Decide every statement first."));
      open.focus();
      return;
    }
    say(fixStatus, i18n.gettext("Saving…"));
    DigicompPost(root.dataset.fixUrl, {expectations: expectations}).then(function (answer) {
      if (answer.ok) {
        say(fixStatus, i18n.format(i18n.gettext("Saved as version %(version)s of the profile \"%(profile_id)s\"."),
                                   answer.data));
        root.querySelector("[data-stored]").hidden = false;
      } else {
        say(fixStatus, i18n.format(i18n.gettext("Not saved: %(reason)s"), {reason: answer.data.error || answer.status}));
      }
    }, function () { say(fixStatus, i18n.gettext("Not saved: the connection failed. Try again.")); });
  });
}
