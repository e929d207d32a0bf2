"""The XBlocks and the aside, one module (or package) per tag: `framework` (digicomp_framework), `assessment`
(digicomp_assessment), `coverage` (digicomp_coverage), `profile` (digicomp_profile) and `tags` (the
digicomp_tags aside); `mixins` and `handlers` are what they share."""
