// The shortlist: "Save to shortlist" buttons on profiles and results, and a "Shortlist (N)"
// link in the header to the comparison page. The list is kept in this browser only
// (localStorage): no account, no cookie, nothing sent to Psycle until the person opens the
// comparison, whose address holds the list. Without JavaScript (or storage) no button is shown,
// since none could work; the comparison page still works from its link.
(function () {
  "use strict";

  var KEY = "psycle-shortlist";
  var MAX = 4;
  var SLUG = /^[-a-zA-Z0-9_]{1,120}$/;
  var script = document.currentScript;
  var compareUrl = (script && script.getAttribute("data-compare-url")) || "/providers/compare/";

  function storage() {
    try {
      window.localStorage.setItem(KEY + "-test", "1");
      window.localStorage.removeItem(KEY + "-test");
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  offerCopy();  // needs no storage
  var store = storage();
  if (!store) return;

  function read() {
    try {
      var list = JSON.parse(store.getItem(KEY) || "[]");
      return Array.isArray(list) ? list.filter(function (slug) { return SLUG.test(slug); }).slice(0, MAX) : [];
    } catch (error) {
      return [];
    }
  }

  function write(list) {
    store.setItem(KEY, JSON.stringify(list));
    refresh();
  }

  function listUrl(list) {
    return compareUrl + "?p=" + list.map(encodeURIComponent).join(",");
  }

  // The header link, shown while the list holds anyone.
  function drawLink(list) {
    var link = document.getElementById("shortlist-link");
    if (!list.length) {
      if (link) link.parentNode.removeChild(link);
      return;
    }
    if (!link) {
      var header = document.querySelector(".site-header__inner") || document.body;
      link = document.createElement("a");
      link.id = "shortlist-link";
      link.className = "shortlist-link";
      header.appendChild(link);
    }
    link.href = listUrl(list);
    link.textContent = "Shortlist (" + list.length + ")";
  }

  // What the last press did, said beside the button pressed.
  var status = document.createElement("span");
  status.className = "shortlist-status";
  status.setAttribute("role", "status");

  var buttons = [];

  function drawButton(holder) {
    var slug = holder.getAttribute("data-shortlist-slug");
    if (!SLUG.test(slug || "")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button shortlist-button";
    button.setAttribute("data-slug", slug);
    button.setAttribute("data-name", holder.getAttribute("data-shortlist-name") || slug);
    button.addEventListener("click", function () { toggle(button); });
    var place = holder.querySelector("[data-shortlist-place]");
    var wrapper = document.createElement("p");
    wrapper.className = "shortlist-action";
    wrapper.appendChild(button);
    if (place) place.appendChild(wrapper);
    else holder.appendChild(wrapper);
    buttons.push(button);
  }

  function labelButton(button, list) {
    var saved = list.indexOf(button.getAttribute("data-slug")) !== -1;
    var text = saved ? "Remove from shortlist" : "Save to shortlist";
    button.textContent = text;
    // Which provider it is about, for a list of buttons read out of context; it starts with
    // the words shown, so that speech control finds it by them.
    button.setAttribute("aria-label", text + ": " + button.getAttribute("data-name"));
    button.classList.toggle("shortlist-button--saved", saved);
  }

  function toggle(button) {
    var list = read();
    var slug = button.getAttribute("data-slug");
    var name = button.getAttribute("data-name");
    button.parentNode.appendChild(status);
    var at = list.indexOf(slug);
    if (at !== -1) {
      list.splice(at, 1);
      status.textContent = name + " removed. " + count(list.length);
    } else if (list.length >= MAX) {
      status.textContent = "Your shortlist holds " + MAX + " already: remove one to add " + name + ".";
      return;
    } else {
      list.push(slug);
      status.textContent = name + " saved. " + count(list.length);
    }
    write(list);
  }

  function count(n) {
    return n === 1 ? "1 provider on your shortlist." : n + " providers on your shortlist.";
  }

  function refresh() {
    var list = read();
    drawLink(list);
    buttons.forEach(function (button) { labelButton(button, list); });
  }

  // The comparison page: copy its address, which holds the list.
  function offerCopy() {
    var holder = document.querySelector("[data-copy-link]");
    if (!holder || !navigator.clipboard) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = "Copy link to this list";
    var said = document.createElement("span");
    said.className = "shortlist-status";
    said.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(window.location.href).then(function () {
        said.textContent = "Link copied.";
      }, function () {
        said.textContent = "Could not copy: copy the address from the address bar instead.";
      });
    });
    var wrapper = document.createElement("p");
    wrapper.className = "shortlist-action";
    wrapper.appendChild(button);
    wrapper.appendChild(said);
    holder.parentNode.insertBefore(wrapper, holder.nextSibling);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-shortlist-slug]"), drawButton);
  Array.prototype.forEach.call(document.querySelectorAll("[data-shortlist-row]"), function (row) {
    row.hidden = false;
  });
  refresh();
  // Another tab changed the list.
  window.addEventListener("storage", function (event) { if (event.key === KEY) refresh(); });
})();
