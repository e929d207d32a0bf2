
            (function(global){
                var DigicompI18N = {
                  init: function() {
                    
'use strict';
{
  const globals = this;
  const django = globals.django || (globals.django = {});

  
  django.pluralidx = function(n) {
    const v = (n != 1);
    if (typeof v === 'boolean') {
      return v ? 1 : 0;
    } else {
      return v;
    }
  };
  

  /* gettext library */

  django.catalog = django.catalog || {};
  
  const newcatalog = {
    "%(answered)s of %(total)s answered": "%(answered)s van %(total)s ingevuld",
    "%(count)s character too many: shorten it to save it.": [
      "%(count)s teken te veel: maak de tekst korter om hem te bewaren.",
      "%(count)s tekens te veel: maak de tekst korter om hem te bewaren."
    ],
    "%(count)s statement is not answered yet. Answer it, or choose 'not relevant' where offered.": [
      "%(count)s competentie is nog niet ingevuld. Vul ze in, of kies 'niet relevant' waar dat kan.",
      "%(count)s competenties zijn nog niet ingevuld. Vul ze in, of kies 'niet relevant' waar dat kan."
    ],
    "%(count)s statement matches your search.": [
      "%(count)s competentie past bij je zoekopdracht.",
      "%(count)s competenties passen bij je zoekopdracht."
    ],
    "%(length)s of %(max)s characters": "%(length)s van %(max)s tekens",
    "%(ticked)s of %(total)s ticked": "%(ticked)s van %(total)s aangevinkt",
    "A new self-assessment is open, with your last answers filled in.": "Een nieuwe zelfevaluatie staat open, met je laatste antwoorden ingevuld.",
    "A reflection is too long": "Een reflectie is te lang",
    "All answers are saved.": "Alle antwoorden zijn bewaard.",
    "Decide every statement first.": "Beslis eerst over elke competentie.",
    "Every majority is accepted; decide the ties and the statements nobody chose.": "Elke meerderheid is overgenomen; beslis over de gelijke standen en de competenties waarvoor niemand koos.",
    "No connection: please try again.": "Geen verbinding: probeer het opnieuw.",
    "No statement matches your search.": "Geen enkele competentie past bij je zoekopdracht.",
    "Not saved yet: no connection. Trying again in %(seconds)s seconds.": "Nog niet bewaard: geen verbinding. Nieuwe poging over %(seconds)s seconden.",
    "Not saved: %(reason)s": "Niet bewaard: %(reason)s",
    "Not saved: the connection failed. Try again.": "Niet bewaard: de verbinding viel weg. Probeer opnieuw.",
    "Restoring answers that were not saved yet\u2026": "Antwoorden die nog niet bewaard waren, worden hersteld\u2026",
    "Saved (%(chosen)s of %(total)s chosen).": "Bewaard (%(chosen)s van %(total)s gekozen).",
    "Saved as version %(version)s of the profile \"%(profile_id)s\".": "Bewaard als versie %(version)s van het profiel \"%(profile_id)s\".",
    "Saved: this unit is tagged with %(count)s competence.": [
      "Bewaard: deze eenheid is gekoppeld aan %(count)s competentie.",
      "Bewaard: deze eenheid is gekoppeld aan %(count)s competenties."
    ],
    "Saving\u2026": "Bezig met bewaren\u2026",
    "Shorten this reflection, then submit.": [
      "Maak deze reflectie korter en dien dan in.",
      "Maak deze reflecties korter en dien dan in."
    ],
    "Some answers are missing": "Er ontbreken nog antwoorden",
    "The settings were not saved": "De instellingen zijn niet bewaard",
    "This change was not accepted:": "Deze wijziging is niet aanvaard:",
    "This self-assessment was submitted in another tab or window. Your profile is shown below; start a new self-assessment there to change your answers.": "Deze zelfevaluatie werd ingediend in een ander tabblad of venster. Je profiel staat hieronder; begin daar een nieuwe zelfevaluatie om je antwoorden te wijzigen.",
    "Tick at least one cluster, component or statement, or choose the whole framework.": "Vink minstens \u00e9\u00e9n cluster, component of competentie aan, of kies het hele kader.",
    "You have chosen for every statement of the proposal already.": "Je koos al voor elke competentie van het voorstel.",
    "Your answers are submitted.": "Je antwoorden zijn ingediend."
  };
  for (const key in newcatalog) {
    django.catalog[key] = newcatalog[key];
  }
  

  if (!django.jsi18n_initialized) {
    django.gettext = function(msgid) {
      const value = django.catalog[msgid];
      if (typeof value === 'undefined') {
        return msgid;
      } else {
        return (typeof value === 'string') ? value : value[0];
      }
    };

    django.ngettext = function(singular, plural, count) {
      const value = django.catalog[singular];
      if (typeof value === 'undefined') {
        return (count == 1) ? singular : plural;
      } else {
        return value.constructor === Array ? value[django.pluralidx(count)] : value;
      }
    };

    django.gettext_noop = function(msgid) { return msgid; };

    django.pgettext = function(context, msgid) {
      let value = django.gettext(context + '\x04' + msgid);
      if (value.includes('\x04')) {
        value = msgid;
      }
      return value;
    };

    django.npgettext = function(context, singular, plural, count) {
      let value = django.ngettext(context + '\x04' + singular, context + '\x04' + plural, count);
      if (value.includes('\x04')) {
        value = django.ngettext(singular, plural, count);
      }
      return value;
    };

    django.interpolate = function(fmt, obj, named) {
      if (named) {
        return fmt.replace(/%\(\w+\)s/g, function(match){return String(obj[match.slice(2,-2)])});
      } else {
        return fmt.replace(/%s/g, function(match){return String(obj.shift())});
      }
    };


    /* formatting library */

    django.formats = {
    "DATETIME_FORMAT": "j F Y H:i",
    "DATETIME_INPUT_FORMATS": [
      "%d-%m-%Y %H:%M:%S",
      "%d-%m-%y %H:%M:%S",
      "%Y-%m-%d %H:%M:%S",
      "%d/%m/%Y %H:%M:%S",
      "%d/%m/%y %H:%M:%S",
      "%Y/%m/%d %H:%M:%S",
      "%d-%m-%Y %H:%M:%S.%f",
      "%d-%m-%y %H:%M:%S.%f",
      "%Y-%m-%d %H:%M:%S.%f",
      "%d/%m/%Y %H:%M:%S.%f",
      "%d/%m/%y %H:%M:%S.%f",
      "%Y/%m/%d %H:%M:%S.%f",
      "%d-%m-%Y %H.%M:%S",
      "%d-%m-%y %H.%M:%S",
      "%d/%m/%Y %H.%M:%S",
      "%d/%m/%y %H.%M:%S",
      "%d-%m-%Y %H.%M:%S.%f",
      "%d-%m-%y %H.%M:%S.%f",
      "%d/%m/%Y %H.%M:%S.%f",
      "%d/%m/%y %H.%M:%S.%f",
      "%d-%m-%Y %H:%M",
      "%d-%m-%y %H:%M",
      "%Y-%m-%d %H:%M",
      "%d/%m/%Y %H:%M",
      "%d/%m/%y %H:%M",
      "%Y/%m/%d %H:%M",
      "%d-%m-%Y %H.%M",
      "%d-%m-%y %H.%M",
      "%d/%m/%Y %H.%M",
      "%d/%m/%y %H.%M",
      "%Y-%m-%d"
    ],
    "DATE_FORMAT": "j F Y",
    "DATE_INPUT_FORMATS": [
      "%d-%m-%Y",
      "%d-%m-%y",
      "%d/%m/%Y",
      "%d/%m/%y",
      "%Y/%m/%d",
      "%Y-%m-%d"
    ],
    "DECIMAL_SEPARATOR": ",",
    "FIRST_DAY_OF_WEEK": 1,
    "MONTH_DAY_FORMAT": "j F",
    "NUMBER_GROUPING": 3,
    "SHORT_DATETIME_FORMAT": "j-n-Y H:i",
    "SHORT_DATE_FORMAT": "j-n-Y",
    "THOUSAND_SEPARATOR": ".",
    "TIME_FORMAT": "H:i",
    "TIME_INPUT_FORMATS": [
      "%H:%M:%S",
      "%H:%M:%S.%f",
      "%H.%M:%S",
      "%H.%M:%S.%f",
      "%H.%M",
      "%H:%M"
    ],
    "YEAR_MONTH_FORMAT": "F Y"
  };

    django.get_format = function(format_type) {
      const value = django.formats[format_type];
      if (typeof value === 'undefined') {
        return format_type;
      } else {
        return value;
      }
    };

    /* add to global namespace */
    globals.pluralidx = django.pluralidx;
    globals.gettext = django.gettext;
    globals.ngettext = django.ngettext;
    globals.gettext_noop = django.gettext_noop;
    globals.pgettext = django.pgettext;
    globals.npgettext = django.npgettext;
    globals.interpolate = django.interpolate;
    globals.get_format = django.get_format;

    django.jsi18n_initialized = true;
  }
};


                  }
                };
                DigicompI18N.init();
                global.DigicompI18N = DigicompI18N;
            }(this));
        