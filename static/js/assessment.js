/* Self-assessment: rate statements (saved as you go, retried when the connection drops), submit, see the profile.
   Plain JS, no build step. Unsaved changes are kept in localStorage until the server has them. */
function DigicompAssessment(runtime, element, init) {
  "use strict";
  var root = element.querySelector ? element : element[0];
  var i18n = DigicompI18n();
  var formSection = root.querySelector(".dc-form-section");
  var form = root.querySelector(".dc-form");
  var profileSection = root.querySelector(".dc-profile-section");
  var status = root.querySelector(".dc-save-status");
  var summary = root.querySelector(".dc-error-summary");
  /* The learner's state comes from a json_script element (escaped), never from the start-up data `init`. */
  var state = JSON.parse(root.querySelector(".digicomp-assessment > script[type='application/json']").textContent);
  var pending = {ratings: {}, reflections: {}};
  var saving = false;
  var timer = null;
  var retryDelay = 2000;

  function url(handler) { return runtime.handlerUrl(element, handler); }

  /* ---- local copy of unsaved changes: kept only while there are any, and only for the learner on the page ---- */
  function remember() {
    try {
      if (hasChanges(pending)) {
        window.localStorage.setItem(init.storageKey, JSON.stringify(pending));
      } else {
        window.localStorage.removeItem(init.storageKey);
      }
    } catch (e) { /* private mode */ }
  }
  /* On a computer people share, another learner's unsaved answers are not left behind for the next one. */
  function forgetOtherLearners() {
    var owner = init.storageKey.split(":")[1];
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i -= 1) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf("digicomp:") === 0 && key.split(":")[1] !== owner) {
          window.localStorage.removeItem(key);
        }
      }
    } catch (e) { /* private mode */ }
  }
  function recall() {
    try { return JSON.parse(window.localStorage.getItem(init.storageKey) || "null"); } catch (e) { return null; }
  }
  function hasChanges(changes) {
    return Object.keys(changes.ratings || {}).length > 0 || Object.keys(changes.reflections || {}).length > 0;
  }

  /* ---- reading and writing the form ---- */
  function statementOf(input) { return input.closest("[data-statement]").getAttribute("data-statement"); }
  function ratingOf(input) { return input.value === "na" ? "na" : parseInt(input.value, 10); }
  function focusHeading(heading) {
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }

  /* Reflections: counted as the server counts them (characters, spaces at the ends left out). One that is too
     long stays in the form and in this browser, and is not sent until it fits. */
  function lengthOf(text) { return Array.from(text.trim()).length; }
  function tooLong(area) { return lengthOf(area.value) > parseInt(area.getAttribute("data-max"), 10); }
  function number(value) { return value.toLocaleString(document.documentElement.lang || undefined); }
  function count(area) {
    var max = parseInt(area.getAttribute("data-max"), 10), length = lengthOf(area.value);
    var counter = form.querySelector("[data-count-for='" + area.getAttribute("data-reflection") + "']");
    var over = length > max;
    counter.textContent = over ? i18n.format(i18n.ngettext(
      "%(count)s character too many: shorten it to save it.", "%(count)s characters too many: shorten it to save it.",
      length - max), {count: number(length - max)}) :
      i18n.format(i18n.gettext("%(length)s of %(max)s characters"), {length: number(length), max: number(max)});
    counter.classList.toggle("dc-over", over);
    if (over) { area.setAttribute("aria-invalid", "true"); } else { area.removeAttribute("aria-invalid"); }
  }

  function currentRatings() {
    var ratings = {};
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      ratings[statementOf(input)] = ratingOf(input);
    });
    return ratings;
  }

  function applyState() {
    form.querySelectorAll("input[type=radio]").forEach(function (input) {
      var value = state.ratings[statementOf(input)];
      input.checked = value !== undefined && String(value) === input.value;
    });
    form.querySelectorAll("[data-reflection]").forEach(function (area) {
      area.value = state.reflections[area.getAttribute("data-reflection")] || "";
      count(area);
    });
    formSection.hidden = !state.editing;
    root.querySelector(".dc-downloads").hidden = state.moments === 0;
    // xss-lint: disable=javascript-inner-html -- profile_html: our state handler's profile, rendered by escaping templates
    if (state.profile_html !== undefined) { profileSection.innerHTML = state.profile_html || ""; }
    progress();
  }

  function progress() {
    var ratings = currentRatings();
    var answered = Object.keys(ratings).length;
    root.querySelector("[data-progress]").textContent = i18n.format(
      i18n.gettext("%(answered)s of %(total)s answered"), {answered: answered, total: state.total});
    form.querySelectorAll("[data-cluster-progress]").forEach(function (span) {
      /* one radio group per statement: its checked radios are its answered statements */
      var done = span.closest(".dc-cluster").querySelectorAll("[data-statement] input[type=radio]:checked").length;
      span.textContent = i18n.format(i18n.gettext("%(answered)s of %(total)s answered"),
        {answered: done, total: span.getAttribute("data-total")});
    });
  }

  function say(text) { status.textContent = text; }

  /* ---- saving ---- */
  function scheduleSave(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, delay);
  }

  function save(submit) {
    if (saving) {
      if (!submit) { scheduleSave(300); return Promise.resolve(null); }
      /* A submit waits for the save in flight, then goes out as a submit. */
      return new Promise(function (resolve) { window.setTimeout(resolve, 200); }).then(function () { return save(true); });
    }
    var sent = {ratings: pending.ratings, reflections: {}};
    var kept = {ratings: {}, reflections: {}};
    Object.keys(pending.reflections).forEach(function (id) {
      var area = form.querySelector("[data-reflection='" + id + "']");
      (area && tooLong(area) ? kept : sent).reflections[id] = pending.reflections[id];
    });
    if (!hasChanges(sent) && !submit) { return Promise.resolve(null); }
    saving = true;
    pending = kept;
    var payload = {ratings: sent.ratings, reflections: sent.reflections, revision: state.revision};
    if (submit) { payload.submit = true; }
    say(i18n.gettext("Saving…"));
    return DigicompPost(url("save_answers"), payload).then(function (result) {
      saving = false;
      if (result.ok) {
        retryDelay = 2000;
        state = result.data;
        remember();
        say(submit ? i18n.gettext("Your answers are submitted.") : i18n.gettext("All answers are saved."));
        return result;
      }
      if (result.status >= 500) { throw new Error(String(result.status)); }
      if (result.status === 409) { return changedElsewhere(result, sent, submit); }
      say(i18n.gettext("This change was not accepted:") + " " + (result.data.error || result.status));
      remember();
      return result;
    }).catch(function () {
      saving = false;
      mergeBack(sent);
      remember();
      say(i18n.format(i18n.gettext("Not saved yet: no connection. Trying again in %(seconds)s seconds."),
        {seconds: Math.round(retryDelay / 1000)}));
      scheduleSave(retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
      return null;
    });
  }

  /* Another tab or window saved since this page loaded: show what is stored, keep this page's unsaved changes
     on top of it, and save those again (a submit is not repeated: the learner sees the state and decides). */
  function changedElsewhere(result, sent, submit) {
    mergeBack(sent);
    var current = result.data.state ? Promise.resolve(result.data.state) :
      DigicompPost(url("current_state"), {}).then(function (fresh) { return fresh.ok ? fresh.data : state; });
    return current.then(function (fresh) {
      state = fresh;
      if (!state.editing) {
        /* Submitted elsewhere: no moment is open for these changes; the profile below offers a new one. */
        pending = {ratings: {}, reflections: {}};
        applyState();
        remember();
        say(i18n.gettext("This self-assessment was submitted in another tab or window. Your profile is shown " +
          "below; start a new self-assessment there to change your answers."));
        return result;
      }
      applyState();
      showPending();
      remember();
      say(result.data.error || String(result.status));
      if (!submit && hasChanges(pending)) { scheduleSave(600); }
      return result;
    });
  }

  /* A page shown again by Back or Forward (from the browser's cache) shows the state as it was then: ask for the
     state as it is, keeping the changes this browser has not saved yet. */
  function refresh() {
    return DigicompPost(url("current_state"), {}).then(function (fresh) {
      if (!fresh.ok) { return; }
      if (fresh.data.revision === state.revision) { return; }
      state = fresh.data;
      applyState();
      if (state.editing) { showPending(); } else { pending = {ratings: {}, reflections: {}}; remember(); }
    }, function () { /* offline: the page stays as it is, and a save tells */ });
  }
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { refresh(); }
  });

  /* Put the changes this page has not saved yet back into the form. */
  function showPending() {
    Object.keys(pending.ratings).forEach(function (id) {
      var input = form.querySelector("[data-statement='" + id + "'] input[value='" + pending.ratings[id] + "']");
      if (input) { input.checked = true; }
    });
    Object.keys(pending.reflections).forEach(function (id) {
      var area = form.querySelector("[data-reflection='" + id + "']");
      if (area) { area.value = pending.reflections[id]; count(area); }
    });
    progress();
  }

  function mergeBack(sent) {
    Object.keys(sent.ratings).forEach(function (id) {
      if (!(id in pending.ratings)) { pending.ratings[id] = sent.ratings[id]; }
    });
    Object.keys(sent.reflections).forEach(function (id) {
      if (!(id in pending.reflections)) { pending.reflections[id] = sent.reflections[id]; }
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.type !== "radio") { return; }
    pending.ratings[statementOf(event.target)] = ratingOf(event.target);
    remember();
    progress();
    event.target.closest("[data-statement]").classList.remove("dc-missing");
    scheduleSave(600);
  });
  form.addEventListener("input", function (event) {
    if (!event.target.hasAttribute("data-reflection")) { return; }
    pending.reflections[event.target.getAttribute("data-reflection")] = event.target.value;
    remember();
    var wasTooLong = event.target.getAttribute("aria-invalid") === "true";
    count(event.target);
    if (!tooLong(event.target)) { scheduleSave(1500); return; }
    if (!wasTooLong) { say(form.querySelector("#" + event.target.id + "-count").textContent); }
  });

  /* ---- submitting ---- */
  /* What stops a submit, listed with links to each place: statements not answered, reflections too long. */
  function linkTo(control, text) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = "#" + control.id;
    link.textContent = text;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      control.focus();
    });
    item.appendChild(link);
    return item;
  }
  function showProblems(missing, long) {
    var list = summary.querySelector("ul");
    list.innerHTML = "";
    summary.querySelector("h4").textContent = missing.length ? i18n.gettext("Some answers are missing") :
      i18n.gettext("A reflection is too long");
    var texts = [];
    if (missing.length) {
      texts.push(i18n.format(i18n.ngettext(
        "%(count)s statement is not answered yet. Answer it, or choose 'not relevant' where offered.",
        "%(count)s statements are not answered yet. Answer them, or choose 'not relevant' where offered.",
        missing.length), {count: missing.length}));
    }
    if (long.length) {
      texts.push(i18n.ngettext("Shorten this reflection, then submit.", "Shorten these reflections, then submit.",
        long.length));
    }
    summary.querySelector("[data-error-text]").textContent = texts.join(" ");
    missing.slice(0, 10).forEach(function (fieldset) {
      fieldset.classList.add("dc-missing");
      fieldset.closest(".dc-cluster").open = true;
      list.appendChild(linkTo(fieldset.querySelector("input"),
        fieldset.querySelector("legend").textContent.replace(/\s+/g, " ").trim()));
    });
    long.forEach(function (area) {
      area.closest(".dc-cluster").open = true;
      list.appendChild(linkTo(area, area.labels[0].textContent.trim()));
    });
    summary.hidden = false;
    summary.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var missing = Array.prototype.filter.call(form.querySelectorAll("[data-statement]"), function (fieldset) {
      return !fieldset.querySelector("input:checked");
    });
    var long = Array.prototype.filter.call(form.querySelectorAll("[data-reflection]"), tooLong);
    if (missing.length || long.length) { showProblems(missing, long); return; }
    summary.hidden = true;
    window.clearTimeout(timer);
    save(true).then(function (result) {
      if (result && result.ok) {
        document.dispatchEvent(new CustomEvent("digicomp:moment-submitted"));
        applyState();
        focusHeading(profileSection.querySelector("h3"));
      }
    });
  });

  /* ---- profile actions (the profile is replaced after each change, so listen on the root) ---- */
  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (!button || !root.contains(button)) { return; }
    var action = button.getAttribute("data-action");
    if (action === "save") {
      window.clearTimeout(timer);
      if (!hasChanges(pending)) { say(i18n.gettext("All answers are saved.")); } else { save(false); }
    } else if (action === "print") {
      window.print();
    } else if (action === "start") {
      DigicompPost(url("start_moment"), {revision: state.revision}).then(function (result) {
        if (result.status === 409) { changedElsewhere(result, {ratings: {}, reflections: {}}, true); return; }
        if (!result.ok) { say(result.data.error || String(result.status)); return; }
        state = result.data;
        state.profile_html = "";
        applyState();
        focusHeading(formSection.querySelector("h3"));
        say(i18n.gettext("A new self-assessment is open, with your last answers filled in."));
      }, function () { say(i18n.gettext("No connection: please try again.")); });
    } else if (action === "compare") {
      var moment = parseInt(root.querySelector("[data-compare]").value, 10);
      DigicompPost(url("profile"), {compare: moment}).then(function (result) {
        if (!result.ok) { say(result.data.error || String(result.status)); return; }
        // xss-lint: disable=javascript-inner-html -- profile_html: our profile handler's, rendered by escaping templates
        profileSection.innerHTML = result.data.profile_html;
        focusHeading(profileSection.querySelector("h4"));
      }, function () { say(i18n.gettext("No connection: please try again.")); });
    } else if (action === "target") {
      DigicompPost(url("choose_target"), {target: root.querySelector("[data-target]").value}).then(function (result) {
        if (!result.ok) { say(result.data.error || String(result.status)); return; }
        // xss-lint: disable=javascript-inner-html -- profile_html: our choose_target handler's, rendered by escaping templates
        profileSection.innerHTML = result.data.profile_html;
        focusHeading(profileSection.querySelector(".dc-gap h4"));
      }, function () { say(i18n.gettext("No connection: please try again.")); });
    }
  });

  /* Leaving the page with answers the server does not have yet: the browser asks first. */
  window.addEventListener("beforeunload", function (event) {
    if (!saving && !hasChanges(pending)) { return; }
    event.preventDefault();
    event.returnValue = "";
  });

  /* ---- start: server state, then any changes this browser had not saved yet ---- */
  forgetOtherLearners();
  applyState();
  var navigation = window.performance && window.performance.getEntriesByType ?
    window.performance.getEntriesByType("navigation")[0] : null;
  if (navigation && navigation.type === "back_forward") { refresh(); }
  var unsaved = recall();
  if (unsaved && state.editing && hasChanges(unsaved)) {
    pending = {ratings: unsaved.ratings || {}, reflections: unsaved.reflections || {}};
    showPending();
    say(i18n.gettext("Restoring answers that were not saved yet…"));
    save(false);
  }
}
