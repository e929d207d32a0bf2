/* The coverage map (digicomp_coverage, course staff only): when a unit's competences are saved on the same page
   (the digicomp_tags aside), the map asks for its new content, so it never lags behind until a reload. */
function DigicompCoverage(runtime, element) {
  "use strict";
  DigicompRefreshOn("digicomp:competences-changed", runtime, element, ".dc-coverage");
}
