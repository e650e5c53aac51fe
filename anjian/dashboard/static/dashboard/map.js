// The map: region polygons, units as dots in their risk colour, open hazards as triangles. Tiles are
// drawn only when a tile source is configured; the shapes need nothing from the network.
(function () {
  "use strict";
  var el = document.getElementById("map");
  var map = L.map(el, { preferCanvas: true, zoomControl: true });
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 18 }).addTo(map);
  }
  var layer = L.layerGroup().addTo(map);
  var counter = document.getElementById("map-count");

  function escape(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function link(props, label) {
    return '<a href="' + escape(props.url) + '">' + escape(label) + "</a>";
  }

  function draw(data) {
    layer.clearLayers();
    var units = 0, hazards = 0, bounds = L.latLngBounds([]);
    data.features.forEach(function (f) {
      var p = f.properties, shape;
      if (p.kind === "region") {
        shape = L.geoJSON(f, { style: { color: "#3a6ea5", weight: 1.5, fillOpacity: 0.05 } });
        shape.bindTooltip(escape(p.name), { sticky: true });
        shape.on("click", function () { window.location.href = p.url; });
        bounds.extend(shape.getBounds());
      } else {
        var ll = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
        bounds.extend(ll);
        if (p.kind === "unit") {
          units += 1;
          shape = L.circleMarker(ll, { radius: 5, color: "#fff", weight: 1, fillColor: p.colour, fillOpacity: 0.9 });
          shape.bindPopup(link(p, p.name) + "<br>" + escape(p.category));
        } else {
          hazards += 1;
          shape = L.marker(ll, { icon: L.divIcon({ className: "hazard-icon hazard-" + p.level, html: "▲", iconSize: [14, 14] }) });
          shape.bindPopup(link(p, p.name) + " " + escape(p.unit) + "<br>" + escape(p.text));
        }
      }
      shape.addTo(layer);
    });
    el.dataset.units = units;
    el.dataset.hazards = hazards;
    counter.textContent = units + " / " + hazards + (data.truncated ? " …" : "");
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10] }); } else { map.setView([34.6, 111.2], 11); }
  }

  function load() {
    var category = document.getElementById("map-category").value;
    fetch(el.dataset.url + (category ? "&category=" + encodeURIComponent(category) : ""), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(draw);
  }
  document.getElementById("map-category").addEventListener("change", load);
  load();
})();
