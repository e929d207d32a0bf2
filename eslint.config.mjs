// The JavaScript lint of static/js: plain browser scripts, no build step, one global function per block.
import js from "@eslint/js";
import globals from "globals";

export default [
  {ignores: ["static/js/translations/**"]},
  js.configs.recommended,
  {
    files: ["static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2017,
      sourceType: "script",
      globals: {
        ...globals.browser,
        // common.js defines these for the other scripts; each block script defines its initialisation function.
        DigicompI18n: "readonly", DigicompPost: "readonly", DigicompTreeIds: "readonly",
        DigicompNormalise: "readonly", DigicompSearch: "readonly", DigicompTree: "readonly",
        DigicompRefreshOn: "readonly",
      },
    },
    rules: {
      // The block functions are called by the XBlock runtime, the helpers by the other scripts.
      "no-unused-vars": ["error", {varsIgnorePattern: "^Digicomp", args: "none", caughtErrors: "none"}],
      "no-redeclare": ["error", {builtinGlobals: false}],
      "eqeqeq": "error",
      "no-var": "off",
      "strict": ["error", "function"],
      "no-implicit-globals": "off",
    },
  },
];
