/* Our front matter for the web editor: `Key: value` lines, a blank line, then
 * the Markdown body; the same rules as plugins/newsroom/model/frontmatter.py
 * (Python-Markdown's meta extension): keys in any case, indented continuation
 * lines, an optional `---` fence.
 *
 * A file the editor opens and saves unchanged stays byte for byte as it was,
 * and a changed field changes only its own line: `fromFile` keeps the text it
 * read in the entry (SOURCE, never written out) and `toFile` patches that
 * text, rewriting only the fields whose values differ. A new file is written
 * in the collection's field order, without empty fields.
 *
 * Lists (the `multiple` select fields) are comma-separated values. The
 * web-address field (`slug`) is the file's name, never a line of the file:
 * content never steers Pelican's slug (docs/security.md).
 */
(function (root) {
  "use strict";

  var META = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
  var MORE = /^[ ]{4,}(.*)$/;
  var BEGIN = /^-{3}(\s.*)?$/;
  var END = /^(-{3}|\.{3})(\s.*)?$/;
  var SOURCE = "newsroom_source"; // the text as read: not a field of the file
  var NOT_WRITTEN = ["slug", SOURCE];

  /* The file cut into its parts, keeping every byte: `lines` with their
   * endings, the fields' places, and where the body starts. */
  function parse(text) {
    var lines = text.match(/[^\n]*\n|[^\n]+$/g) || [];
    var fields = {};
    var order = [];
    var key = null;
    var start = 0;
    var i;
    for (i = 0; i < lines.length; i++) {
      var line = lines[i].replace(/\r?\n$/, "");
      if (i === 0 && BEGIN.test(line)) {
        start = 1;
        continue;
      }
      if (!line.trim() || END.test(line)) break;
      var m = META.exec(line);
      if (m) {
        key = m[1].toLowerCase();
        if (fields[key]) {
          key = null; // a repeat: the scan refuses it; leave its lines alone
          continue;
        }
        fields[key] = { name: m[1], first: i, last: i, value: m[2].trim() };
        order.push(key);
      } else if (key && MORE.test(line)) {
        fields[key].last = i;
        fields[key].value += "\n" + MORE.exec(line)[1].trim();
      } else if (!key && order.length && MORE.test(line)) {
        continue;
      } else {
        break; // the body starts here (Python-Markdown's reading too)
      }
    }
    var headEnd = i; // first line after the fields: the blank line, a fence, or the body
    var bodyStart = headEnd;
    if (bodyStart < lines.length && (!lines[bodyStart].trim() || END.test(lines[bodyStart].replace(/\r?\n$/, "")))) {
      bodyStart += 1;
    }
    return {
      lines: lines,
      fields: fields,
      order: order,
      start: start,
      headEnd: headEnd,
      body: lines.slice(bodyStart).join(""),
      bodyStart: bodyStart,
    };
  }

  function isList(value) {
    return Array.isArray(value);
  }

  /* A value as the file writes it: lists comma-separated, one line. */
  function written(value) {
    if (value === null || value === undefined) return "";
    if (isList(value)) {
      return value
        .map(function (item) {
          return String(item).trim();
        })
        .filter(Boolean)
        .join(", ");
    }
    return String(value).replace(/\s*\n\s*/g, " ").trim();
  }

  function keyName(key) {
    return key.charAt(0).toUpperCase() + key.slice(1);
  }

  function fromFile(text) {
    var parsed = parse(text);
    var data = {};
    parsed.order.forEach(function (key) {
      data[key] = parsed.fields[key].value;
    });
    data.body = parsed.body;
    data[SOURCE] = text;
    return data;
  }

  function lineEnding(parsed) {
    var first = parsed.lines[0] || "";
    return /\r\n$/.test(first) ? "\r\n" : "\n";
  }

  /* The value a field had when read, in the form the editor holds it. */
  function sameValue(before, after) {
    if (isList(after)) return written(after) === written(before);
    return written(after) === written(before);
  }

  function toFile(data, order) {
    var source = data[SOURCE];
    if (typeof source === "string" && source) return patch(source, data, order || []);
    return fresh(data, order || []);
  }

  function fieldsOf(data, order) {
    var keys = [];
    (order || []).forEach(function (key) {
      if (keys.indexOf(key) < 0) keys.push(key);
    });
    Object.keys(data).forEach(function (key) {
      if (keys.indexOf(key) < 0) keys.push(key);
    });
    return keys.filter(function (key) {
      return key !== "body" && NOT_WRITTEN.indexOf(key) < 0;
    });
  }

  function fresh(data, order) {
    var head = [];
    fieldsOf(data, order).forEach(function (key) {
      var value = written(data[key]);
      if (value) head.push(keyName(key) + ": " + value + "\n");
    });
    var body = (data.body || "").replace(/\s+$/, "");
    return head.join("") + "\n" + (body ? body + "\n" : "");
  }

  function patch(source, data, order) {
    var parsed = parse(source);
    var eol = lineEnding(parsed);
    var lines = parsed.lines.slice();
    var added = [];
    fieldsOf(data, order).forEach(function (key) {
      var before = parsed.fields[key];
      var value = written(data[key]);
      if (before && sameValue(before.value, data[key])) return;
      if (!before && !value) return;
      if (before) {
        var replacement = value ? [before.name + ": " + value + eol] : [];
        for (var i = before.first; i <= before.last; i++) lines[i] = i === before.first ? replacement.join("") : "";
      } else {
        added.push(keyName(key) + ": " + value + eol);
      }
    });
    var head = lines.slice(0, parsed.headEnd).join("") + added.join("");
    var middle = lines.slice(parsed.headEnd, parsed.bodyStart).join("");
    var body = parsed.body;
    if (data.body !== undefined && data.body !== null && data.body !== parsed.body) {
      body = String(data.body).replace(/\s+$/, "");
      body = body ? body.replace(/\r?\n/g, eol) + eol : "";
    }
    if (!middle && body) middle = eol; // a file that had no body gets its blank line
    return head + middle + body;
  }

  var format = { fromFile: fromFile, toFile: toFile, parse: parse, SOURCE: SOURCE };
  root.NewsroomFormat = format;
})(typeof window !== "undefined" ? window : globalThis);
