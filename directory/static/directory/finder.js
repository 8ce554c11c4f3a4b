// Enhancements for the finder and provider pages. Everything works without this file:
// it adds the map and the "Use my location" button.
(function () {
  "use strict";

  function drawMap() {
    var container = document.getElementById("results-map");
    var source = document.getElementById("map-data");
    if (!container || !source || !window.L) return;
    var data = JSON.parse(source.textContent);
    if (!data.markers.length) return;
    container.hidden = false;
    var map = window.L.map(container, { scrollWheelZoom: false });
    if (data.tiles.url) {
      window.L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: 18 }).addTo(map);
    } else {
      container.classList.add("map--plain");
      if (data.tiles.outlines) drawOutlines(map, data.tiles.outlines);
    }
    var bounds = [];
    data.markers.forEach(function (marker, index) {
      var point = [marker.latitude, marker.longitude];
      bounds.push(point);
      var circle = window.L.circleMarker(point, { radius: 8, weight: 2 }).addTo(map);
      var label = document.createElement(marker.profile_url ? "a" : "span");
      label.textContent = (data.markers.length > 1 ? (index + 1) + ". " : "") + marker.name +
        (marker.is_demo ? " (demo)" : "");
      if (marker.profile_url) label.href = marker.profile_url;
      circle.bindPopup(label);
    });
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
  }

  // With no tile server, the map draws US state outlines shipped with the site (TopoJSON from
  // the Census Bureau's boundaries, see us-states-10m.LICENSE.txt) under the markers.
  function drawOutlines(map, url) {
    if (!window.fetch) return;
    window.fetch(url).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (topology) {
      if (!topology) return;
      var polygons = statePolygons(topology);
      var outlines = window.L.polygon(polygons, {
        className: "map__outline", interactive: false, weight: 1, color: "#5b6b73",
        fillColor: "#ffffff", fillOpacity: 1
      }).addTo(map);
      outlines.bringToBack();
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

  drawMap();
  offerLocation();
})();
