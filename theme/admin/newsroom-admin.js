/* Starts Decap CMS for the newsroom (build/admin.py, docs/editor.md): our file
 * format, the web-address widget, previews in the site's stylesheet with the
 * story's translations, right-to-left Arabic fields, then the configuration
 * the build made (config.json). Loaded before Decap's bundle so that Decap
 * waits for CMS.init. */
(function () {
  "use strict";

  window.CMS_MANUAL_INIT = true;
  var start = JSON.parse(document.getElementById("newsroom-admin").textContent);
  // Field lists from build/admin_config.py, where the fields are defined.
  var LATIN = start.left_to_right;
  var SHARED = start.shared;
  var translations = {};
  var folders = {}; // collection name -> its folder, from the configuration

  /* The collection's language: its name is <kind>-<lang>. */
  function languageOf(name) {
    var match = /-([a-z]{2})$/.exec(name || "");
    return match ? match[1] : "";
  }

  function kindOf(name) {
    return (name || "").replace(/-[a-z]{2}$/, "");
  }

  /* The slug of an entry that exists, from its path: <folder>/…/<slug>.<lang>.md */
  function slugOf(entry) {
    var path = entry && entry.get("path");
    if (!path) return "";
    var match = /([a-z0-9]+(?:-[a-z0-9]+)*)\.[a-z]{2}\.md$/.exec(path);
    return match ? match[1] : "";
  }

  function loadTranslations() {
    return fetch("translations.json", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (loaded) { translations = loaded; });
  }

  function uiLocale() {
    var wanted = (navigator.languages || [navigator.language || "en"]).map(function (tag) {
      return String(tag).slice(0, 2).toLowerCase();
    });
    for (var i = 0; i < wanted.length; i++) {
      if (wanted[i] === "fr" || wanted[i] === "en") return wanted[i]; // Decap has no Arabic interface
    }
    return "en";
  }

  /* Arabic collections: fields and the body right to left, except addresses,
   * dates and numbers. Decap draws its fields itself, so they are marked as
   * they appear. */
  function markDirection() {
    var match = /#\/collections\/([a-z-]+)/.exec(location.hash);
    var lang = match ? languageOf(match[1]) : "";
    var rtl = !!start.languages[lang] && start.languages[lang].dir === "rtl";
    var fields = document.querySelectorAll("input[id], textarea[id], [contenteditable=true]");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      var id = field.id || (field.closest("[id]") || {}).id || "";
      var name = id.split("-field-")[0];
      var latin = LATIN.indexOf(name) >= 0 || field.type === "date" || field.type === "search";
      var dir = rtl && !latin ? "rtl" : "ltr";
      if (field.getAttribute("dir") !== dir) field.setAttribute("dir", dir);
      if (rtl && !latin) field.setAttribute("lang", lang);
      else if (field.getAttribute("lang")) field.removeAttribute("lang");
    }
  }

  function slugWidget(CMS) {
    var h = window.h;
    var SlugControl = window.createClass({
      isValid: function () {
        var value = this.props.value || slugOf(this.props.entry);
        if (!value) return { error: { message: "Give the story a web address: latin letters, digits, hyphens" } };
        if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)) {
          return { error: { message: "Only lower-case latin letters, digits and single hyphens" } };
        }
        return true;
      },
      render: function () {
        var existing = slugOf(this.props.entry);
        var self = this;
        return h("input", {
          type: "text",
          id: this.props.forID,
          className: this.props.classNameWrapper,
          value: existing || this.props.value || "",
          readOnly: !!existing,
          dir: "ltr",
          spellCheck: false,
          onChange: function (event) {
            self.props.onChange(event.target.value.trim().toLowerCase());
          },
        });
      },
    });
    CMS.registerWidget("newsroom-slug", SlugControl, function (props) {
      return h("code", {}, props.value || "");
    });
  }

  /* Which languages the item is written in (as of the last build), with a
   * link to each, or to start the missing translation beside it, its
   * language-neutral fields filled in. */
  function translationLinks(collection, entry) {
    var h = window.h;
    var kind = kindOf(collection);
    var lang = languageOf(collection);
    var slug = slugOf(entry);
    if (!slug) return null; // a new item: no translation until it is saved
    var written = (translations[kind] || {})[slug] || {};
    // The entry's folder under its collection's (stories: the year).
    var inside = (entry.get("path") || "").slice((folders[collection] || "").length + 1);
    var folder = inside.split("/").slice(0, -1).join("/");
    var links = Object.keys(start.languages).filter(function (other) {
      return other !== lang;
    }).map(function (other) {
      var name = kind + "-" + other;
      var label = start.languages[other].name;
      var attributes = { key: other, lang: other, target: "_top" };
      if (written[other] !== undefined) {
        attributes.href = "#/collections/" + name + "/entries/" + (folder ? folder + "/" : "") + slug;
        return h("a", attributes, label + " ✓");
      }
      var query = ["slug=" + encodeURIComponent(slug)];
      SHARED.forEach(function (key) {
        var value = entry.getIn(["data", key]);
        if (value && value.toJS) value = value.toJS().join(",");
        if (value) query.push(key + "=" + encodeURIComponent(value));
      });
      attributes.href = "#/collections/" + name + "/new?" + query.join("&");
      return h("a", attributes, "+ " + label);
    });
    return h("p", { className: "newsroom-translations", dir: "ltr", lang: "en" }, "Translations: ", links);
  }

  function preview(CMS) {
    var h = window.h;
    var Preview = window.createClass({
      render: function () {
        var entry = this.props.entry;
        var collection = entry.get("collection");
        var lang = languageOf(collection);
        var data = entry.get("data");
        var title = data.get("title") || data.get("name") || "";
        var dir = start.languages[lang] ? start.languages[lang].dir : "ltr";
        return h("div", { lang: lang, dir: dir },
          translationLinks(collection, entry),
          h("main", { className: "main" },
            h("article", { className: "story" },
              h("h1", {}, title),
              data.get("summary") ? h("p", { className: "summary" }, data.get("summary")) : null,
              this.props.widgetFor("image"),
              h("div", { className: "prose" }, this.props.widgetFor("body")))));
      },
    });
    CMS.registerPreviewStyle(start.stylesheet);
    CMS.registerPreviewStyle("admin.css");
    return Preview;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var CMS = window.CMS;
    CMS.registerCustomFormat("newsroom", "md", window.NewsroomFormat);
    slugWidget(CMS);
    var Preview = preview(CMS);
    new MutationObserver(markDirection).observe(document.body, { childList: true, subtree: true });
    window.addEventListener("hashchange", markDirection);
    // Under `make serve` each save rebuilds the site: the list follows.
    window.addEventListener("hashchange", loadTranslations);
    Promise.all([
      fetch("config.json").then(function (response) { return response.json(); }),
      loadTranslations(),
    ]).then(function (loaded) {
      var config = loaded[0];
      config.locale = uiLocale();
      config.collections.forEach(function (collection) {
        folders[collection.name] = collection.folder;
        CMS.registerPreviewTemplate(collection.name, Preview);
      });
      CMS.init({ config: config });
    });
  });
})();
