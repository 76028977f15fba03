// Enhancements for the SPARQL query page; the page works the same without them.
// Ctrl+Enter (or Cmd+Enter) runs the query; Tab indents instead of leaving the editor.
(function () {
  "use strict";
  var editor = document.getElementById("query");
  if (!editor || !editor.form) { return; }
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      editor.form.requestSubmit ? editor.form.requestSubmit() : editor.form.submit();
    } else if (event.key === "Tab" && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      var start = editor.selectionStart, end = editor.selectionEnd;
      editor.setRangeText("  ", start, end, "end");
    }
  });
}());
