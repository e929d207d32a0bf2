/* The learner's profile in the course (digicomp_profile): when the learner submits a moment in a self-assessment on
   the same page, the profile asks for its new content, so it never says "not submitted yet" until a reload.
   Plain JS, no build step. */
function DigicompCourseProfile(runtime, element) {
  "use strict";
  var root = element.querySelector ? element : element[0];
  document.addEventListener("digicomp:moment-submitted", function () {
    DigicompPost(runtime.handlerUrl(element, "refresh"), {}).then(function (result) {
      var profile = root.querySelector(".dc-course-profile");
      if (result.ok && profile) { profile.outerHTML = result.data.html; }
    }, function () { /* offline: the profile shows the news at the next visit */ });
  });
}
