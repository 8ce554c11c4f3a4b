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
    }
    var bounds = [];
    data.markers.forEach(function (marker, index) {
      var point = [marker.lat, marker.lng];
      bounds.push(point);
      var circle = window.L.circleMarker(point, { radius: 8, weight: 2 }).addTo(map);
      var label = document.createElement(marker.url ? "a" : "span");
      label.textContent = (data.markers.length > 1 ? (index + 1) + ". " : "") + marker.name +
        (marker.demo ? " (demo)" : "");
      if (marker.url) label.href = marker.url;
      circle.bindPopup(label);
    });
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });
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
