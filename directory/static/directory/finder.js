// Enhancements for the finder and provider pages. Everything works without this file:
// it adds the map and the "Use my location" button.
//
// Leaflet (its script and style sheet, named by this script's data-leaflet-js and
// data-leaflet-css attributes) and the state outlines are fetched only when the map comes near
// the screen, so a visitor who reads the list and never scrolls to the map downloads none of it.
// Both are on this site, which the Content Security Policy's 'self' allows without a nonce.
(function () {
  "use strict";

  var METRES_PER_MILE = 1609.344;
  var code = document.currentScript ? document.currentScript.dataset : {};

  function showMap() {
    var container = document.getElementById("results-map");
    var source = document.getElementById("map-data");
    if (!container || !source || !code.leafletJs) return;
    var data = JSON.parse(source.textContent);
    if (!data.markers.length) return;
    container.hidden = false;
    if (!data.tiles.url) container.classList.add("map--plain");
    whenNear(container, function () {
      var outlines = !data.tiles.url && data.tiles.outlines && window.fetch
        ? window.fetch(data.tiles.outlines).then(function (response) {
          return response.ok ? response.json() : null;
        })
        : null;
      loadLeaflet(function () { drawMap(container, data, outlines); }, function () {
        container.hidden = true; // the list holds everything the map would have shown
      });
    });
  }

  // Calls back once the element is on the screen or within half a screen of it (at once
  // where the browser cannot tell).
  function whenNear(element, callback) {
    if (!("IntersectionObserver" in window)) return callback();
    var observer = new window.IntersectionObserver(function (entries) {
      if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
      observer.disconnect();
      callback();
    }, { rootMargin: "50% 0px" });
    observer.observe(element);
  }

  // Adds Leaflet's style sheet and script to the page, and calls back when both have loaded.
  function loadLeaflet(callback, failed) {
    var waiting = 2;
    function loaded() { if (--waiting === 0 && window.L) callback(); }
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = code.leafletCss;
    style.onload = loaded;
    style.onerror = failed;
    var script = document.createElement("script");
    script.src = code.leafletJs;
    script.onload = loaded;
    script.onerror = failed;
    // Right after the site's own style sheet, where a <link> in the page's head would be: the
    // finder's styles that follow it still override Leaflet's (its markers, for one).
    var first = document.querySelector('link[rel="stylesheet"]');
    if (first) first.parentNode.insertBefore(style, first.nextSibling);
    else document.head.appendChild(style);
    document.head.appendChild(script);
  }

  function drawMap(container, data, outlines) {
    var L = window.L;
    var map = L.map(container, { scrollWheelZoom: false });
    if (data.tiles.url) {
      L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(map);
    } else if (outlines) {
      drawOutlines(map, outlines);
    }
    L.control.scale({ imperial: true, metric: false }).addTo(map);
    // The view holds the searched place and every clinic; it is set first, so that markers
    // are drawn (and can be labelled) as soon as they are added.
    var points = data.markers.map(function (marker) { return [marker.latitude, marker.longitude]; });
    var bounds = data.centre ? points.concat([[data.centre.latitude, data.centre.longitude]]) : points;
    map.fitBounds(bounds, { padding: [28, 28], maxZoom: 13 });
    if (data.centre) drawCentre(map, data.centre);
    data.markers.forEach(function (marker, index) {
      drawClinic(map, marker, points[index]);
    });
  }

  // The searched place: a labelled point, and the searched radius around it.
  function drawCentre(map, centre) {
    var L = window.L;
    var point = [centre.latitude, centre.longitude];
    L.circle(point, {
      radius: centre.radius_miles * METRES_PER_MILE, interactive: false, className: "map__radius",
      weight: 1, dashArray: "4 4", color: "#5b6b73", fill: false
    }).addTo(map);
    var dot = document.createElement("span");
    dot.className = "map__centre-dot";
    var label = document.createElement("span");
    label.textContent = centre.label;
    // The label sits in the tooltip pane, above the clinics, so a clinic never hides it.
    L.marker(point, {
      icon: L.divIcon({ className: "map__centre", html: dot, iconSize: [14, 14] }),
      interactive: false, keyboard: false, zIndexOffset: -1000
    }).addTo(map).bindTooltip(label, {
      permanent: true, direction: "right", offset: [10, 0], className: "map__centre-label"
    });
  }

  // A clinic: the number it has in the list, and a pop-up naming it and its services.
  function drawClinic(map, marker, point) {
    var L = window.L;
    var name = (marker.number ? marker.number + ". " : "") + marker.name + (marker.is_demo ? " (demo)" : "");
    var pin = L.marker(point, {
      icon: L.divIcon({ className: "map__number", html: String(marker.number || ""), iconSize: [28, 28] }),
      title: name, alt: name, riseOnHover: true
    }).addTo(map);
    var element = pin.getElement();
    if (element) element.setAttribute("aria-label", name);
    var popup = document.createElement("div");
    var link = document.createElement(marker.profile_url ? "a" : "strong");
    link.textContent = name;
    if (marker.profile_url) link.href = marker.profile_url;
    popup.appendChild(link);
    if (marker.services && marker.services.length) {
      var list = document.createElement("ul");
      marker.services.forEach(function (service) {
        var item = document.createElement("li");
        item.textContent = service.service;
        list.appendChild(item);
      });
      popup.appendChild(list);
    }
    pin.bindPopup(popup);
  }

  // With no tile server, the map draws US state outlines shipped with the site (TopoJSON made
  // by bin/simplify-outlines from the Census Bureau's boundaries, see us-states.LICENSE.txt)
  // under the markers. outlines is the promise of the fetched topology.
  function drawOutlines(map, outlines) {
    outlines.then(function (topology) {
      if (!topology) return;
      var polygons = statePolygons(topology);
      var shapes = window.L.polygon(polygons, {
        className: "map__outline", interactive: false, weight: 1.5, color: "#5b6b73",
        fillColor: "#f6f3ea", fillOpacity: 1
      }).addTo(map);
      shapes.bringToBack();
      map.attributionControl.addAttribution("State outlines: U.S. Census Bureau");
    }).catch(function () { /* the plain background stays */ });
  }

  // Decodes the "states" object of a quantized TopoJSON topology into Leaflet polygons.
  function statePolygons(topology) {
    var scale = topology.transform.scale, shift = topology.transform.translate;
    var arcs = topology.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (delta) {
        x += delta[0];
        y += delta[1];
        return [y * scale[1] + shift[1], x * scale[0] + shift[0]];
      });
    });
    function ring(indexes) {
      var points = [];
      indexes.forEach(function (index) {
        var arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
        points = points.concat(points.length ? arc.slice(1) : arc);
      });
      return points;
    }
    var polygons = [];
    topology.objects.states.geometries.forEach(function (geometry) {
      var parts = geometry.type === "Polygon" ? [geometry.arcs] : geometry.arcs;
      parts.forEach(function (part) { polygons.push(part.map(ring)); });
    });
    return polygons;
  }

  function offerLocation() {
    var holder = document.querySelector(".locate");
    var button = document.getElementById("use-my-location");
    var status = document.getElementById("locate-status");
    var near = document.getElementById("id_near");
    if (!holder || !button || !near || !navigator.geolocation) return;
    holder.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = "Finding your location…";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          near.value = position.coords.latitude.toFixed(4) + ", " + position.coords.longitude.toFixed(4);
          status.textContent = "Location found. Press Search.";
          near.focus();
        },
        function () {
          status.textContent = "We could not get your location. Type a ZIP code or a city instead.";
        },
        { timeout: 10000, maximumAge: 600000 }
      );
    });
  }

  showMap();
  offerLocation();
})();
