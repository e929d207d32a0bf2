/* Translations for digicomp's JavaScript: our namespaced catalog (Open edX or the packaged one),
   else Django's global catalog, else English. Usage: var i18n = DigicompI18n(); i18n.gettext("..."). */
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
