/* The learner's profile in the course (digicomp_profile): when the learner submits a moment in a self-assessment on
   the same page, the profile asks for its new content, so it never says "not submitted yet" until a reload.
   Plain JS, no build step. */
function DigicompCourseProfile(runtime, element) {
  "use strict";
  DigicompRefreshOn("digicomp:moment-submitted", runtime, element, ".dc-course-profile");
}
